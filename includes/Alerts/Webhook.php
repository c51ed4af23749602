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
 * The URL is the one an administrator set, so it may point at a private network or any port
 * (a chat bridge on the LAN, say): it is not limited the way wp_safe_remote_post() limits URLs
 * from visitors. Redirects are not followed, and the request gives up after three seconds.
 *
 * @since 0.1.0
 */
class Webhook {

	/**
	 * Seconds before the request gives up.
	 */
	const TIMEOUT = 3;

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
		$response = wp_remote_post(
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
