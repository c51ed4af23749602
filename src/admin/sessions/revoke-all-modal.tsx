/**
 * Revokes everyone's sessions after the administrator confirms with their
 * own password. The server keeps the administrator's current session. On a
 * network the dialog says whose sessions end: a site's own screens end its
 * members' only; the Network Admin chooses between the members of the site
 * it shows and every user of the network.
 */
import {
	CheckboxControl,
	RadioControl,
	TextControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { restErrorMessage } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import type { RevokeResult } from '../data/sessions/types';
import { revokeAllSite, revokeAllWording } from './revoke-scope';
import type { NetworkChoice, RevokeAllContext } from './revoke-scope';

interface RevokeAllModalProps {
	/** Where the screen runs: what "everyone" means. */
	context: RevokeAllContext;
	onRevoke: (
		password: string,
		applicationPasswords: boolean,
		site?: number
	) => Promise< RevokeResult >;
	/** Called with the server's answer once everything was revoked. */
	onDone: ( result: RevokeResult ) => void;
	onClose: () => void;
}

export function RevokeAllModal( {
	context,
	onRevoke,
	onDone,
	onClose,
}: RevokeAllModalProps ) {
	const [ password, setPassword ] = useState( '' );
	const [ applicationPasswords, setApplicationPasswords ] = useState( true );
	// The members of the site shown unless the whole network is chosen.
	const [ choice, setChoice ] = useState< NetworkChoice >( 'site_members' );
	const [ isBusy, setIsBusy ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );
	const wording = revokeAllWording( context, choice );

	const submit = () => {
		setIsBusy( true );
		setError( null );
		onRevoke(
			password,
			applicationPasswords,
			revokeAllSite( context, choice )
		).then( onDone, ( reason: unknown ) => {
			setIsBusy( false );
			setError(
				restErrorMessage(
					reason,
					__( 'The sessions could not be revoked.', 'auth-sentinel' )
				)
			);
		} );
	};

	return (
		<ConfirmDialog
			title={ wording.title }
			confirmLabel={ wording.confirm }
			onConfirm={ submit }
			onCancel={ onClose }
			isBusy={ isBusy }
			error={ error }
			canConfirm={ password !== '' }
		>
			{ context.kind === 'network' && (
				<RadioControl
					label={ __( 'Whose sessions end', 'auth-sentinel' ) }
					selected={ choice }
					options={ [
						{
							value: 'site_members',
							label: sprintf(
								/* translators: %s: site name. */
								__( 'Only the members of %s', 'auth-sentinel' ),
								context.site.name
							),
						},
						{
							value: 'network',
							label: __(
								'Every user of the whole network',
								'auth-sentinel'
							),
						},
					] }
					onChange={ ( value ) =>
						setChoice(
							value === 'network' ? 'network' : 'site_members'
						)
					}
					disabled={ isBusy }
				/>
			) }
			<p>{ wording.effect }</p>
			{ wording.spared && <p>{ wording.spared }</p> }
			<p>
				{ __(
					'Your own session in this browser is kept.',
					'auth-sentinel'
				) }
			</p>
			<CheckboxControl
				__nextHasNoMarginBottom
				label={ __(
					'Also revoke application passwords',
					'auth-sentinel'
				) }
				help={ __(
					'Apps and integrations that use an application password stop working until they are given a new one.',
					'auth-sentinel'
				) }
				checked={ applicationPasswords }
				onChange={ setApplicationPasswords }
				disabled={ isBusy }
			/>
			<TextControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				className="auth-sentinel-password"
				type="password"
				autoComplete="current-password"
				label={ __( 'Your password', 'auth-sentinel' ) }
				help={ __(
					'Confirm with the password you sign in to WordPress with.',
					'auth-sentinel'
				) }
				value={ password }
				onChange={ setPassword }
				disabled={ isBusy }
				required
			/>
		</ConfirmDialog>
	);
}
