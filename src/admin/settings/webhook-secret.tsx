/**
 * The key that signs webhook calls, shown read-only so the administrator
 * can copy it into the receiver.
 */
import { Button, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

interface WebhookSecretProps {
	/** '' until a webhook address has been saved. */
	secret: string;
}

export function WebhookSecret( { secret }: WebhookSecretProps ) {
	const [ copied, setCopied ] = useState< boolean | null >( null );

	if ( secret === '' ) {
		return (
			<p className="auth-sentinel-muted">
				{ __(
					'A signing secret is created when a webhook address is saved.',
					'auth-sentinel'
				) }
			</p>
		);
	}

	const copy = () => {
		const clipboard =
			typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
		if ( ! clipboard ) {
			setCopied( false );
			return;
		}
		clipboard.writeText( secret ).then(
			() => setCopied( true ),
			() => setCopied( false )
		);
	};

	let status = '';
	if ( copied === true ) {
		status = __( 'Copied.', 'auth-sentinel' );
	} else if ( copied === false ) {
		status = __(
			'The browser did not allow copying: select the secret and copy it.',
			'auth-sentinel'
		);
	}

	return (
		<div className="auth-sentinel-secret">
			<TextControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __( 'Signing secret', 'auth-sentinel' ) }
				help={ __(
					'Each call carries X-Auth-Sentinel-Signature: "sha256=" and the HMAC-SHA256 of "<X-Auth-Sentinel-Timestamp>.<body>" with this secret. Check it in the receiver.',
					'auth-sentinel'
				) }
				value={ secret }
				onChange={ () => {} }
				readOnly
				onFocus={ ( event ) => event.target.select() }
			/>
			<div className="auth-sentinel-secret__copy">
				<Button
					__next40pxDefaultSize
					variant="secondary"
					onClick={ copy }
				>
					{ __( 'Copy secret', 'auth-sentinel' ) }
				</Button>
				<span role="status">{ status }</span>
			</div>
		</div>
	);
}
