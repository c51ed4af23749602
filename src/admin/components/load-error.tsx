/**
 * A failed load: the server's message and a way to try again.
 */
import { Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

interface LoadErrorProps {
	message: string;
	onRetry: () => void;
}

export function LoadError( { message, onRetry }: LoadErrorProps ) {
	return (
		<Notice
			status="error"
			isDismissible={ false }
			actions={ [
				{
					label: __( 'Retry', 'auth-sentinel' ),
					onClick: onRetry,
					variant: 'secondary',
				},
			] }
		>
			{ message }
		</Notice>
	);
}
