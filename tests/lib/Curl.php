<?php
/**
 * One HTTP request by curl, as every test suite sends it: the integration tests' site, the
 * network's sites and the release zip's clean site.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

/**
 * Sends a request and reads the whole answer; no WordPress function is needed, so the release
 * suite can use it as well as the integration tests.
 */
final class Curl {

	/**
	 * Sends a request.
	 *
	 * @param string            $url     The address.
	 * @param string            $method  HTTP method.
	 * @param array<int, mixed> $options More curl options (CURLOPT_HTTPHEADER, CURLOPT_POSTFIELDS,
	 *                                   CURLOPT_TIMEOUT…), after the defaults (30 seconds).
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>} The
	 *         status, the body, the body read as JSON and the headers (names lower-cased).
	 */
	public static function send( string $url, string $method, array $options = array() ): array {
		$curl    = curl_init( $url );
		$headers = array();
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 30,
				CURLOPT_HEADERFUNCTION => static function ( $handle, $line ) use ( &$headers ) {
					$parts = explode( ':', $line, 2 );
					if ( 2 === count( $parts ) ) {
						$headers[ strtolower( trim( $parts[0] ) ) ] = trim( $parts[1] );
					}
					return strlen( $line );
				},
			)
		);
		curl_setopt_array( $curl, $options );
		$body   = (string) curl_exec( $curl );
		$status = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
		curl_close( $curl );
		return array(
			'status'  => $status,
			'body'    => $body,
			'json'    => json_decode( $body, true ),
			'headers' => $headers,
		);
	}

	/**
	 * The options that keep a request's cookies in a jar file and send them back.
	 *
	 * @param string $jar The file ('' for none).
	 * @return array<int, string>
	 */
	public static function jar( string $jar ): array {
		return '' === $jar ? array() : array(
			CURLOPT_COOKIEJAR  => $jar,
			CURLOPT_COOKIEFILE => $jar,
		);
	}
}
