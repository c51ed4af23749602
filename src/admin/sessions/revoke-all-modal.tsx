/**
 * Revokes everyone's sessions after the administrator confirms with their
 * own password. The server keeps the administrator's current session.
 */
import { CheckboxControl, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { restErrorMessage } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import type { RevokeResult } from '../data/sessions/types';

interface RevokeAllModalProps {
	onRevoke: (
		password: string,
		applicationPasswords: boolean
	) => Promise< RevokeResult >;
	/** Called with the server's answer once everything was revoked. */
	onDone: ( result: RevokeResult ) => void;
	onClose: () => void;
}

export function RevokeAllModal( {
	onRevoke,
	onDone,
	onClose,
}: RevokeAllModalProps ) {
	const [ password, setPassword ] = useState( '' );
	const [ applicationPasswords, setApplicationPasswords ] = useState( true );
	const [ isBusy, setIsBusy ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );

	const submit = () => {
		setIsBusy( true );
		setError( null );
		onRevoke( password, applicationPasswords ).then(
			onDone,
			( reason: unknown ) => {
				setIsBusy( false );
				setError(
					restErrorMessage(
						reason,
						__(
							'The sessions could not be revoked.',
							'auth-sentinel'
						)
					)
				);
			}
		);
	};

	return (
		<ConfirmDialog
			title={ __( 'Revoke everyone’s sessions', 'auth-sentinel' ) }
			confirmLabel={ __( 'Revoke everyone’s sessions', 'auth-sentinel' ) }
			onConfirm={ submit }
			onCancel={ onClose }
			isBusy={ isBusy }
			error={ error }
			canConfirm={ password !== '' }
		>
			<p>
				{ __(
					'Every user is signed out everywhere: browser sessions end at their next request, WCPOS and other app sessions must sign in again, and app tokens issued before now are refused.',
					'auth-sentinel'
				) }
			</p>
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
