<?php
/**
 * Site Health: requests through a proxy the site does not trust.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Http\ClientAddress;

defined( 'ABSPATH' ) || exit;

/**
 * Tells the administrator when requests reach the site from a private address with forwarded
 * headers (a load balancer, a reverse proxy, a CDN) while no proxy is trusted: every failure,
 * session and audit row then shows the proxy's address, and every client shares one rate limit.
 *
 * @since 0.1.0
 */
class ProxyCheck {

	/**
	 * Runs the check on the request that shows Site Health.
	 *
	 * @return array<string, mixed> A Site Health result.
	 */
	public function run(): array {
		$test   = 'auth_sentinel_trusted_proxies';
		$behind = ClientAddress::current_behind_untrusted_proxy();
		if ( ! $behind ) {
			$trusted = ClientAddress::trusted_proxies();
			return Result::make(
				$test,
				'good',
				$trusted
					? __( 'Client addresses are read through the proxies you trust', 'auth-sentinel' )
					: __( 'Requests reach the site directly', 'auth-sentinel' ),
				array(
					$trusted
						/* translators: %s: a list of addresses or ranges. */
						? sprintf( __( 'Forwarded headers are believed from: %s. Failures, sessions and the audit trail show each client’s own address.', 'auth-sentinel' ), esc_html( implode( ', ', $trusted ) ) )
						: __( 'This request came without forwarded headers from a private address, so the address Auth Sentinel records is the client’s own.', 'auth-sentinel' ),
				),
				'settings',
				__( 'Open Settings', 'auth-sentinel' )
			);
		}
		return Result::make(
			$test,
			'recommended',
			__( 'Requests come through a proxy Auth Sentinel does not trust', 'auth-sentinel' ),
			array(
				/* translators: %s: an IP address. */
				sprintf( __( 'This request came from %s, a private address, with forwarded headers (X-Forwarded-For, Forwarded, CF-Connecting-IP or X-Real-IP): a load balancer, reverse proxy or CDN stands in front of the site.', 'auth-sentinel' ), esc_html( ClientAddress::current() ) ),
				__( 'Until it is trusted, every failure, session and audit row shows the proxy’s address instead of the client’s, and all clients share one rate limit. Forwarded headers are never believed from an untrusted address: a client could write anything in them.', 'auth-sentinel' ),
				__( 'Add the proxy’s address or range under Auth Sentinel → Settings → Trusted proxies (or define AUTH_SENTINEL_TRUSTED_PROXIES in wp-config.php).', 'auth-sentinel' ),
			),
			'settings',
			__( 'Open Settings', 'auth-sentinel' )
		);
	}
}
