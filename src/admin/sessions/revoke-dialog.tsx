/**
 * Asks before revoking the sessions picked in the table, saying what each
 * kind of revocation does to the people using them.
 */
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { ConfirmDialog } from '../components/confirm-dialog';
import type { Session, SessionType } from '../data/sessions/types';
import { describeSession, revokeEffect, typeLabel } from './labels';

interface RevokeDialogProps {
	sessions: Session[];
	/** Revokes them; resolves when done (the screen reports the outcome). */
	onConfirm: ( sessions: Session[] ) => Promise< void >;
	onClose: () => void;
}

export function RevokeDialog( {
	sessions,
	onConfirm,
	onClose,
}: RevokeDialogProps ) {
	const [ isBusy, setIsBusy ] = useState( false );
	const types = Array.from(
		new Set< SessionType >( sessions.map( ( session ) => session.type ) )
	);
	const [ only ] = sessions;
	const title =
		sessions.length === 1
			? __( 'Revoke this session?', 'auth-sentinel' )
			: sprintf(
					/* translators: %s: number of sessions. */
					_n(
						'Revoke %s session?',
						'Revoke %s sessions?',
						sessions.length,
						'auth-sentinel'
					),
					sessions.length.toLocaleString()
				);

	return (
		<ConfirmDialog
			title={ title }
			confirmLabel={ __( 'Revoke', 'auth-sentinel' ) }
			isBusy={ isBusy }
			onCancel={ onClose }
			onConfirm={ () => {
				setIsBusy( true );
				onConfirm( sessions ).finally( onClose );
			} }
		>
			{ sessions.length === 1 && only ? (
				<p>{ describeSession( only ) }</p>
			) : (
				<ul className="auth-sentinel-effects">
					{ sessions.map( ( session ) => (
						<li key={ session.id }>
							{ describeSession( session ) }
						</li>
					) ) }
				</ul>
			) }
			{ types.map( ( type ) => (
				<p key={ type }>
					{ types.length > 1
						? sprintf(
								/* translators: 1: kind of session, 2: what revoking it does. */
								__( '%1$s: %2$s', 'auth-sentinel' ),
								typeLabel( type ),
								revokeEffect( type )
							)
						: revokeEffect( type ) }
				</p>
			) ) }
		</ConfirmDialog>
	);
}
