<?php
/**
 * Posts an alert to the administrator's webhook, signed.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

defined( 'ABSPATH' ) || exit;

/**
 * Sends `{event, site, at, summary, data}` as JSON with the headers X-Auth-Sentinel-Event,
 * X-Auth-Sentinel-Timestamp, X-Auth-Sentinel-Delivery and X-Auth-Sentinel-Signature
 * (`sha256=` + hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the webhook secret).
 *
 * A URL a network administrator set (on a single site, any administrator: they are its network
 * administrator) may point at a private network or any port (a chat bridge on the LAN, say). A
 * URL a site administrator of a network set is sent with wp_safe_remote_post(), which refuses
 * private and loopback addresses: a site administrator must not reach the network's internal
 * hosts through the server. Redirects are not followed, and the request gives up after three
 * seconds.
 *
 * @since 0.1.0
 */
class Webhook {

	/**
	 * Seconds before the request gives up.
	 */
	const TIMEOUT = 3;

	/**
	 * Option holding the hash of the webhook URL a network administrator saved.
	 */
	const TRUST_OPTION = 'auth_sentinel_webhook_trust';

	/**
	 * Notes who saved a webhook URL: trusted when a network administrator did.
	 *
	 * @param string $url The URL saved.
	 * @return void
	 */
	public static function saved_by_current_user( string $url ): void {
		if ( '' !== $url && is_super_admin() ) {
			update_option( self::TRUST_OPTION, hash( 'sha256', $url ), false );
		} else {
			delete_option( self::TRUST_OPTION );
		}
	}

	/**
	 * Tells whether a network administrator saved this URL.
	 *
	 * @param string $url The URL.
	 * @return bool
	 */
	public static function trusted( string $url ): bool {
		if ( ! is_multisite() ) {
			return true; // Every administrator of a single site is its network administrator.
		}
		$saved = get_option( self::TRUST_OPTION );
		return is_string( $saved ) && hash_equals( $saved, hash( 'sha256', $url ) );
	}

	/**
	 * Returns the signature header's value for a body.
	 *
	 * @param string $secret    The webhook secret.
	 * @param string $timestamp The X-Auth-Sentinel-Timestamp value.
	 * @param string $body      The raw body.
	 * @return string
	 */
	public static function signature( string $secret, string $timestamp, string $body ): string {
		return 'sha256=' . hash_hmac( 'sha256', $timestamp . '.' . $body, $secret );
	}

	/**
	 * Tells whether a setting holds a URL a webhook can be sent to.
	 *
	 * @param string $url The setting.
	 * @return bool
	 */
	public static function valid_url( string $url ): bool {
		$parts = wp_parse_url( $url );
		return is_array( $parts ) && isset( $parts['scheme'], $parts['host'] ) && in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true );
	}

	/**
	 * Posts one alert; never throws.
	 *
	 * @param string               $url     The webhook URL.
	 * @param string               $secret  The signing secret ('' sends it unsigned).
	 * @param string               $event   The alert kind.
	 * @param array<string, mixed> $payload The body's fields.
	 * @return bool Whether the receiver answered 2xx.
	 */
	public function send( string $url, string $secret, string $event, array $payload ): bool {
		$body      = (string) wp_json_encode( $payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		$timestamp = (string) time();
		$headers   = array(
			'Content-Type'              => 'application/json',
			'User-Agent'                => 'Auth Sentinel/' . AUTH_SENTINEL_VERSION . '; ' . home_url( '/' ),
			'X-Auth-Sentinel-Event'     => $event,
			'X-Auth-Sentinel-Timestamp' => $timestamp,
			'X-Auth-Sentinel-Delivery'  => wp_generate_uuid4(),
		);
		if ( '' !== $secret ) {
			$headers['X-Auth-Sentinel-Signature'] = self::signature( $secret, $timestamp, $body );
		}
		$post     = self::trusted( $url ) ? 'wp_remote_post' : 'wp_safe_remote_post';
		$response = $post(
			$url,
			array(
				'timeout'     => self::TIMEOUT,
				'redirection' => 0,
				'headers'     => $headers,
				'body'        => $body,
				'data_format' => 'body',
			)
		);
		if ( is_wp_error( $response ) ) {
			return false;
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		return $status >= 200 && $status < 300;
	}
}
