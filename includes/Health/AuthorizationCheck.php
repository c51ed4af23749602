<?php
/**
 * Whether the web server passes the Authorization header on to WordPress.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Events\Issuers;
use AuthSentinel\Http\Credentials;

defined( 'ABSPATH' ) || exit;

/**
 * Sends the site a request with a Bearer token, as an app would (a loopback to the public
 * probe route), and reads whether the header reached PHP. Apache with PHP as CGI or FastCGI
 * drops it unless told otherwise; then every token plugin sees an anonymous request.
 *
 * @since 0.1.0
 */
class AuthorizationCheck {

	/**
	 * The probe route, under the plugin's namespace.
	 */
	const PROBE_ROUTE = '/auth-sentinel/v1/health/authorization-probe';

	/**
	 * The Authorization header the loopback sends. Not a credential of anyone.
	 */
	const PROBE_HEADER = 'Bearer auth-sentinel-probe';

	/**
	 * The failure checks, for the recorded evidence.
	 *
	 * @var FailureChecks
	 */
	private $failures;

	/**
	 * Creates the check.
	 *
	 * @param FailureChecks $failures The failure checks.
	 */
	public function __construct( FailureChecks $failures ) {
		$this->failures = $failures;
	}

	/**
	 * Says whether the current request's Authorization header reached PHP, and under which
	 * name. Never its value.
	 *
	 * @return array{received: bool, via: string|null}
	 */
	public static function probe_answer(): array {
		$header = Credentials::current()->authorization();
		$via    = null !== $header['value'] && 'raw_headers' !== $header['via'] ? $header['via'] : null;
		return array(
			'received' => null !== $via,
			'via'      => $via,
		);
	}

	/**
	 * Runs the check: the loopback, then the verdict (the async Site Health test).
	 *
	 * @return array<string, mixed> A Site Health result.
	 */
	public function run(): array {
		$response = wp_remote_get(
			rest_url( ltrim( self::PROBE_ROUTE, '/' ) ),
			array(
				'timeout'   => 10,
				'headers'   => array(
					'Authorization' => self::PROBE_HEADER,
					'Cache-Control' => 'no-cache',
				),
				/** This filter is documented in wp-includes/class-wp-http-streams.php */
				'sslverify' => apply_filters( 'https_local_ssl_verify', false ), // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- Core's filter for loopbacks.
			)
		);
		return $this->evaluate( $response, $this->failures->header_stripped( time() ) );
	}

	/**
	 * Reads the loopback's answer into a verdict.
	 *
	 * @param array<string, mixed>|\WP_Error $response The loopback's response, as wp_remote_get() returns it.
	 * @param int                            $evidence Failures diagnosed as a stripped header in the last 7 days.
	 * @return array<string, mixed> A Site Health result.
	 */
	public function evaluate( $response, int $evidence ): array {
		$test     = 'auth_sentinel_authorization_header';
		$recorded = $evidence > 0
			? esc_html(
				sprintf(
					/* translators: %s: number of failures. */
					_n( 'Auth Sentinel also recorded %s failed request in the last 7 days where an app sent a token but the token plugin found no Authorization header.', 'Auth Sentinel also recorded %s failed requests in the last 7 days where an app sent a token but the token plugin found no Authorization header.', $evidence, 'auth-sentinel' ),
					number_format_i18n( $evidence )
				)
			)
			: '';
		$errors = array( 'cause' => 'header_stripped' );

		list( $arrived, $via, $problem ) = $this->read( $response );

		if ( null === $arrived ) {
			return Result::make(
				$test,
				'recommended',
				__( 'Auth Sentinel could not check the Authorization header', 'auth-sentinel' ),
				array_filter(
					array(
						esc_html(
							sprintf(
								/* translators: %s: what went wrong, e.g. an HTTP status or a connection error. */
								__( 'The site could not send itself a test request (a loopback request) to see whether the web server passes the Authorization header on to WordPress: %s.', 'auth-sentinel' ),
								$problem
							)
						),
						esc_html__( 'Apps that sign in with tokens need that header. Check the “Loopback request” test above; a firewall or basic authentication in front of the site can block loopback requests.', 'auth-sentinel' ),
						$recorded,
					)
				),
				'errors',
				__( 'View the Errors screen', 'auth-sentinel' ),
				$evidence > 0 ? $errors : array()
			);
		}

		if ( ! $arrived ) {
			return Result::make(
				$test,
				'critical',
				__( 'The web server removes the Authorization header: apps cannot sign in with tokens', 'auth-sentinel' ),
				array_filter(
					array(
						esc_html__( 'Auth Sentinel sent the site a request with an Authorization header, as an app does with its token, and the header never reached WordPress. Every token plugin then sees an anonymous request: apps get “token invalid” or “not logged in” although their token is fine.', 'auth-sentinel' ),
						$recorded,
						esc_html__( 'On Apache, add this to .htaccess above the WordPress rules:', 'auth-sentinel' ),
						'<pre><code>RewriteEngine On' . "\n" . 'RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]</code></pre>',
						sprintf(
							/* translators: 1: an Apache directive, 2: an nginx directive. */
							esc_html__( 'or, on Apache 2.4.13 and later, %1$s. On nginx with PHP-FPM, add %2$s to the PHP location. Your host can do this for you.', 'auth-sentinel' ),
							'<code>CGIPassAuth On</code>',
							'<code>fastcgi_param HTTP_AUTHORIZATION $http_authorization;</code>'
						),
					)
				),
				'errors',
				__( 'See the failures on the Errors screen', 'auth-sentinel' ),
				$errors
			);
		}

		$where = 'REDIRECT_HTTP_AUTHORIZATION' === $via
			? esc_html__( 'It arrives as REDIRECT_HTTP_AUTHORIZATION (a rewrite rule passes it on): WordPress and the common token plugins read it there.', 'auth-sentinel' )
			: '';
		if ( $evidence > 0 ) {
			return Result::make(
				$test,
				'recommended',
				__( 'The Authorization header reaches WordPress, but some requests lost it', 'auth-sentinel' ),
				array_filter(
					array(
						esc_html__( 'A test request with an Authorization header reached WordPress with the header intact.', 'auth-sentinel' ),
						$where,
						$recorded,
						esc_html__( 'If the server configuration was fixed since, this clears once those failures are a week old. Otherwise a proxy, a CDN or a rule for some addresses only removes the header, or a token plugin reads it only under HTTP_AUTHORIZATION: on Apache, add SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1 to .htaccess.', 'auth-sentinel' ),
					)
				),
				'errors',
				__( 'See the failures on the Errors screen', 'auth-sentinel' ),
				$errors
			);
		}
		return Result::make(
			$test,
			'good',
			__( 'The Authorization header reaches WordPress', 'auth-sentinel' ),
			array_filter(
				array(
					esc_html__( 'A test request with an Authorization header, as apps send their tokens, reached WordPress with the header intact, so token plugins can read it.', 'auth-sentinel' ),
					$where,
				)
			),
			'errors',
			__( 'View the Errors screen', 'auth-sentinel' )
		);
	}

	/**
	 * Reads the loopback's answer.
	 *
	 * @param array<string, mixed>|\WP_Error $response The response.
	 * @return array{0: bool|null, 1: string|null, 2: string} Whether the header arrived (null: unknown),
	 *         under which name, and what went wrong when unknown.
	 */
	private function read( $response ): array {
		if ( is_wp_error( $response ) ) {
			return array( null, null, $response->get_error_message() );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$body   = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		if ( 200 === $status && is_array( $body ) && isset( $body['received'] ) && is_bool( $body['received'] ) ) {
			$via = isset( $body['via'] ) && is_string( $body['via'] ) ? $body['via'] : null;
			return array( $body['received'], $via, '' );
		}
		// A token plugin answered before the probe could (it refuses a Bearer token it cannot
		// verify on any route): its code still says whether it saw the header.
		$code = is_array( $body ) && isset( $body['code'] ) && is_string( $body['code'] ) ? $body['code'] : '';
		if ( 'jwt_auth_no_auth_header' === $code ) {
			return array( false, null, '' );
		}
		if ( '' !== $code && '' !== ( new Issuers() )->from_code( $code ) ) {
			return array( true, null, '' );
		}
		return array(
			null,
			null,
			/* translators: %d: HTTP status code. */
			sprintf( __( 'the site answered with HTTP status %d', 'auth-sentinel' ), $status ),
		);
	}
}
