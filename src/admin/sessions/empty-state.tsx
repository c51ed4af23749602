/**
 * What the Sessions screen shows when nobody (or the chosen user) has an
 * active session.
 */
import { Button, Card, CardBody } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

interface EmptyStateProps {
	/** The user whose sessions are shown, or null for everyone. */
	userName: string | null;
	onShowEnded: () => void;
}

export function EmptyState( { userName, onShowEnded }: EmptyStateProps ) {
	return (
		<Card className="auth-sentinel-empty">
			<CardBody>
				<h2>
					{ userName
						? sprintf(
								/* translators: %s: user name. */
								__(
									'%s has no active sessions',
									'auth-sentinel'
								),
								userName
							)
						: __( 'No active sessions', 'auth-sentinel' ) }
				</h2>
				<p>
					{ __(
						'Browser sign-ins, application passwords and app sessions (such as WooCommerce POS) appear here while they can be used, with the app, the IP address and when they were last seen.',
						'auth-sentinel'
					) }
				</p>
				<Button variant="secondary" onClick={ onShowEnded }>
					{ __( 'Show ended and revoked sessions', 'auth-sentinel' ) }
				</Button>
			</CardBody>
		</Card>
	);
}
