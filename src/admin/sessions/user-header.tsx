/**
 * The heading of one user's sessions: who, the way back to everyone's, and
 * revoking every credential of that user.
 */
import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { restErrorMessage } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import type { RevokeResult } from '../data/sessions/types';

interface UserHeaderProps {
	/** The user's name, e.g. "Ana Cashier (cashier1)". */
	name: string;
	/** Whether the user is the one signed in here. */
	isSelf: boolean;
	/** Address of everyone's sessions. */
	backHref: string;
	onRevoke: () => Promise< RevokeResult >;
	/** Called with the server's answer once everything was revoked. */
	onDone: ( result: RevokeResult ) => void;
}

export function UserHeader( {
	name,
	isSelf,
	backHref,
	onRevoke,
	onDone,
}: UserHeaderProps ) {
	const [ isOpen, setIsOpen ] = useState( false );
	const [ isBusy, setIsBusy ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );

	const close = () => {
		setIsOpen( false );
		setError( null );
	};
	const confirm = () => {
		setIsBusy( true );
		setError( null );
		onRevoke().then(
			( result ) => {
				setIsBusy( false );
				close();
				onDone( result );
			},
			( reason: unknown ) => {
				setIsBusy( false );
				setError(
					restErrorMessage(
						reason,
						__(
							'The credentials could not be revoked.',
							'auth-sentinel'
						)
					)
				);
			}
		);
	};

	return (
		<div className="auth-sentinel-user-header">
			<p>
				<a href={ backHref }>
					{ __( '← Back to all sessions', 'auth-sentinel' ) }
				</a>
			</p>
			<div className="auth-sentinel-toolbar">
				<h2>
					{ sprintf(
						/* translators: %s: user name. */
						__( 'Sessions of %s', 'auth-sentinel' ),
						name
					) }
				</h2>
				<Button
					__next40pxDefaultSize
					variant="secondary"
					isDestructive
					onClick={ () => setIsOpen( true ) }
				>
					{ sprintf(
						/* translators: %s: user name. */
						__(
							'Revoke all of %s’s credentials…',
							'auth-sentinel'
						),
						name
					) }
				</Button>
			</div>
			{ isOpen && (
				<ConfirmDialog
					title={ sprintf(
						/* translators: %s: user name. */
						__(
							'Revoke all of %s’s credentials?',
							'auth-sentinel'
						),
						name
					) }
					confirmLabel={ __( 'Revoke all', 'auth-sentinel' ) }
					onConfirm={ confirm }
					onCancel={ close }
					isBusy={ isBusy }
					error={ error }
				>
					<p>
						{ __(
							'Every browser session of this user ends at its next request, their application passwords are deleted, their WCPOS and other app sessions end, and app tokens issued to them before now are refused. They must sign in again everywhere.',
							'auth-sentinel'
						) }
					</p>
					{ isSelf && (
						<p>
							{ __(
								'This is you: your session in this browser is kept.',
								'auth-sentinel'
							) }
						</p>
					) }
				</ConfirmDialog>
			) }
		</div>
	);
}
