/**
 * What the Errors screen shows before anything has failed.
 */
import { Card, CardBody } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

export function EmptyState() {
	return (
		<Card className="auth-sentinel-empty">
			<CardBody>
				<h2>
					{ __(
						'No failed sign-ins or token errors recorded',
						'auth-sentinel'
					) }
				</h2>
				<p>
					{ __(
						'Auth Sentinel records every credential this site rejects, with the cause it diagnosed, the user, the app and the IP address:',
						'auth-sentinel'
					) }
				</p>
				<ul className="auth-sentinel-effects">
					<li>
						{ __(
							'wrong passwords on the login form and wrong application passwords;',
							'auth-sentinel'
						) }
					</li>
					<li>
						{ __(
							'login cookies that expired, were revoked or stopped working because keys, salts or a password changed;',
							'auth-sentinel'
						) }
					</li>
					<li>
						{ __(
							'access and refresh tokens of apps (JWT plugins, WooCommerce POS) that are expired, revoked, damaged, from another site or signed with an old secret;',
							'auth-sentinel'
						) }
					</li>
					<li>
						{ __(
							'REST nonces that are no longer valid, and Authorization headers the web server removed.',
							'auth-sentinel'
						) }
					</li>
				</ul>
				<p>
					{ __(
						'Passwords, cookies and tokens are never stored: only a short fingerprint.',
						'auth-sentinel'
					) }
				</p>
			</CardBody>
		</Card>
	);
}
