<?php
/**
 * Listens wherever WordPress and the token plugins reject a credential.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Http\Credentials;
use AuthSentinel\Secrets\QuickCheck;

defined( 'ABSPATH' ) || exit;

/**
 * Handles the places a credential fails: the five cookie rejections, the login form, application
 * passwords, and REST answers of 401/403 (nonces and bearer tokens of any plugin). The hook table
 * hooks it and builds it only when one of those happens. It hears the failure, has it built
 * (`CookieDiagnosis`, `PasswordFailures`, `RestFailures`, `TokenDiagnosis`) and records it inside
 * guarded(), so that nothing it does can break the request.
 *
 * @since 0.1.0
 */
class Capture {

	/**
	 * Writes failures.
	 *
	 * @var Recorder
	 */
	private $recorder;

	/**
	 * Knows the token plugins (only Simple JWT Login's routes are asked about).
	 *
	 * @var callable(): Issuers
	 */
	private $issuers;

	/**
	 * Diagnoses a cookie failure.
	 *
	 * @var callable(): CookieDiagnosis
	 */
	private $cookies;

	/**
	 * Builds the failure of a wrong password (the form, an application password, a token
	 * plugin's login).
	 *
	 * @var callable(): PasswordFailures
	 */
	private $passwords;

	/**
	 * Builds the failure of a REST refusal.
	 *
	 * @var callable(): RestFailures
	 */
	private $rest;

	/**
	 * Diagnoses a token the gate refused.
	 *
	 * @var callable(): TokenDiagnosis
	 */
	private $tokens;

	/**
	 * Compares the secrets (a cookie fails before `init`: a key change is learnt first).
	 *
	 * @var callable(): QuickCheck
	 */
	private $quick_check;

	/**
	 * Creates the capture.
	 *
	 * @param Recorder $recorder    Writes failures.
	 * @param callable $issuers     Provides the Issuers, built on the first call.
	 * @param callable $cookies     Provides the CookieDiagnosis, built on the first call.
	 * @param callable $passwords   Provides the PasswordFailures, built on the first call.
	 * @param callable $rest        Provides the RestFailures, built on the first call.
	 * @param callable $tokens      Provides the TokenDiagnosis, built on the first call.
	 * @param callable $quick_check Provides the QuickCheck, built on the first call.
	 */
	public function __construct( Recorder $recorder, callable $issuers, callable $cookies, callable $passwords, callable $rest, callable $tokens, callable $quick_check ) {
		$this->recorder    = $recorder;
		$this->issuers     = $issuers;
		$this->cookies     = $cookies;
		$this->passwords   = $passwords;
		$this->rest        = $rest;
		$this->tokens      = $tokens;
		$this->quick_check = $quick_check;
	}

	/**
	 * Records a REST answer that refuses a credential (rest_post_dispatch, late, so that the
	 * answer seen is the one the client gets; the hook table's guard lets through refusals only).
	 *
	 * @param mixed                 $response The answer.
	 * @param \WP_REST_Server|null  $server   The server.
	 * @param \WP_REST_Request|null $request  The request.
	 * @return mixed The answer, unchanged.
	 */
	public function rest_answered( $response, $server = null, $request = null ) {
		unset( $server );
		if ( $response instanceof \WP_REST_Response ) {
			$this->rest_refused( $response, $request );
		}
		return $response;
	}

	/**
	 * Keeps a route of Simple JWT Login's output until shutdown, then records a refusal read
	 * from it (rest_pre_dispatch, first): the plugin ends its errors with wp_send_json_error(),
	 * which no REST filter sees.
	 *
	 * @param mixed                 $result  The result so far.
	 * @param \WP_REST_Server|null  $server  The server.
	 * @param \WP_REST_Request|null $request The request.
	 * @return mixed The result, unchanged.
	 */
	public function watch_issuer_output( $result, $server = null, $request = null ) {
		unset( $server );
		if ( ! $request instanceof \WP_REST_Request || Issuers::SIMPLE_JWT_LOGIN !== ( $this->issuers )()->from_route( $request->get_route() ) ) {
			return $result;
		}
		$level = ob_get_level();
		if ( ! ob_start() ) {
			return $result;
		}
		add_action(
			'shutdown',
			function () use ( $request, $level ) {
				if ( ob_get_level() <= $level ) {
					return;
				}
				$output = (string) ob_get_contents();
				$status = (int) http_response_code();
				if ( $status < 400 || strlen( $output ) > 65536 ) {
					return;
				}
				$body = json_decode( $output, true );
				if ( is_array( $body ) && false === ( $body['success'] ?? null ) ) {
					$this->route_refused( $request->get_route(), $status, $body, $request->get_params() );
				}
			},
			0
		);
		return $result;
	}

	/**
	 * Records a cookie core could not split.
	 *
	 * @param string $cookie The cookie, or '' when core read it from $_COOKIE itself.
	 * @param string $scheme The cookie's scheme: auth, secure_auth or logged_in.
	 * @return void
	 */
	public function cookie_malformed( $cookie, $scheme = '' ): void {
		$this->guarded(
			function () use ( $cookie, $scheme ) {
				if ( ! is_string( $cookie ) || '' === $cookie ) { // Core may pass '' or false.
					// Core passes the argument it was given, often '': the cookie itself is in $_COOKIE.
					$names  = array(
						'auth'        => AUTH_COOKIE,
						'secure_auth' => SECURE_AUTH_COOKIE,
						'logged_in'   => LOGGED_IN_COOKIE,
					);
					$name   = $names[ $scheme ] ?? ( is_ssl() ? SECURE_AUTH_COOKIE : AUTH_COOKIE );
					$cookie = isset( $_COOKIE[ $name ] ) && is_string( $_COOKIE[ $name ] ) ? (string) wp_unslash( $_COOKIE[ $name ] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- Only fingerprinted.
				}
				// No cookie at all is a signed-out visitor, not a failure.
				return '' !== $cookie ? ( $this->cookies )()->malformed( $cookie ) : null;
			}
		);
	}

	/**
	 * Records a cookie core rejected.
	 *
	 * @param array<string, mixed> $elements The cookie's parts.
	 * @return void
	 */
	public function cookie_rejected( $elements ): void {
		$code = (string) current_filter();
		$this->guarded(
			function () use ( $code, $elements ) {
				( $this->quick_check )()->run(); // Cookies are checked before `init`: learn a key change first.
				return is_array( $elements ) ? ( $this->cookies )()->rejected( $code, $elements ) : null;
			}
		);
	}

	/**
	 * Records a failed sign-in through the login form, XML-RPC or REST basic authentication.
	 *
	 * @param string         $username The login or email tried.
	 * @param \WP_Error|null $error    Why it failed.
	 * @return void
	 */
	public function login_failed( $username, $error = null ): void {
		$this->guarded(
			function () use ( $username, $error ) {
				$code = $error instanceof \WP_Error ? (string) $error->get_error_code() : 'authentication_failed';
				return ( $this->passwords )()->failure( PasswordFailures::source(), $code, (string) $username );
			}
		);
	}

	/**
	 * Records a failed application password (REST and XML-RPC never fire wp_login_failed for
	 * these).
	 *
	 * @param \WP_Error $error Why it failed.
	 * @return void
	 */
	public function application_password_failed( $error ): void {
		if ( ( defined( 'XMLRPC_REQUEST' ) && XMLRPC_REQUEST ) || null === Credentials::current()->basic() ) {
			// XML-RPC, and a token plugin's sign-in route that calls wp_authenticate() (core then
			// tries the password as an application password too): wp_login_failed records it once.
			return;
		}
		$this->guarded(
			function () use ( $error ) {
				$basic = Credentials::current()->basic();
				$login = null === $basic ? '' : $basic[0];
				$code  = $error instanceof \WP_Error ? (string) $error->get_error_code() : 'authentication_failed';
				return ( $this->passwords )()->failure( 'application_password', $code, $login );
			}
		);
	}

	/**
	 * Records a REST refusal (the hook table's guard lets through refusals only) that is a
	 * credential failure.
	 *
	 * @param \WP_REST_Response     $response The answer.
	 * @param \WP_REST_Request|null $request  The request.
	 * @return void
	 */
	public function rest_refused( \WP_REST_Response $response, $request = null ): void {
		$this->guarded(
			function () use ( $response, $request ) {
				if ( $request instanceof \WP_REST_Request ) {
					$this->recorder->set_route( $request->get_route() );
				}
				if ( $this->recorder->recorded_any() ) {
					return null; // The cookie or password behind this answer is already recorded.
				}
				$data = $response->get_data();
				$code = is_array( $data ) && isset( $data['code'] ) && is_scalar( $data['code'] ) ? (string) $data['code'] : '';
				return ( $this->rest )()->failure( $code, is_array( $data ) ? $data : array(), $response->get_status(), $request instanceof \WP_REST_Request ? $request->get_route() : '' );
			}
		);
	}

	/**
	 * Records a token the token gate refused (revoked here), in whatever form it travelled and
	 * on whatever request: the gate calls this once, with what it found.
	 *
	 * @param string               $token  The raw token (only fingerprinted and decoded).
	 * @param array<string, mixed> $fact   Why it was refused: at, by, reason.
	 * @param array<string, mixed> $claims Its decoded claims.
	 * @param int[]                $users  Whose token it may be.
	 * @return void
	 */
	public function token_refused( string $token, array $fact, array $claims, array $users ): void {
		unset( $claims );
		$this->guarded(
			function () use ( $token, $fact, $users ) {
				$failure = ( $this->tokens )()->diagnose( Issuers::GATE_CODE, $token, false, null, $fact );
				if ( 0 === $failure->user_id && $users ) {
					$failure->user_id = (int) reset( $users );
				}
				return $failure;
			}
		);
	}

	/**
	 * Records the refusal a token plugin's route sent and ended the request with (Simple JWT Login
	 * answers its routes' errors with wp_send_json_error(), so no REST filter sees them): read
	 * from the output at shutdown.
	 *
	 * @param string               $route  The REST route.
	 * @param int                  $status The HTTP status sent.
	 * @param array<string, mixed> $body   The JSON body sent.
	 * @param array<string, mixed> $params The request's parameters.
	 * @return void
	 */
	public function route_refused( string $route, int $status, array $body, array $params ): void {
		$this->guarded(
			function () use ( $route, $status, $body, $params ) {
				if ( $this->recorder->recorded_any() ) {
					return null;
				}
				$this->recorder->set_route( $route );
				$numeric = RestFailures::numeric_code( $body );
				if ( in_array( $route, Issuers::LOGIN_ROUTES, true ) && 'credentials' === ( Issuers::SIMPLE_JWT_LOGIN_CODES[ $numeric ] ?? '' ) ) {
					$login   = $params['username'] ?? $params['email'] ?? $params['login'] ?? '';
					$failure = ( $this->passwords )()->failure( 'token_login', 48 === $numeric ? 'incorrect_password' : 'empty_password', is_scalar( $login ) ? (string) $login : '' );

					$failure->issuer                 = Issuers::SIMPLE_JWT_LOGIN;
					$failure->details['issuer_code'] = $numeric;
					return $failure;
				}
				return ( $this->rest )()->failure( '', $body, $status, $route );
			}
		);
	}

	/**
	 * Runs a diagnosis and records its failure; nothing it does may break the request.
	 *
	 * @param callable $diagnose Returns a Failure or null.
	 * @return void
	 */
	private function guarded( callable $diagnose ): void {
		try {
			$failure = $diagnose();
			if ( $failure instanceof Failure ) {
				$this->recorder->record( $failure );
			}
		} catch ( \Throwable $e ) {
			if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
				error_log( 'Auth Sentinel: could not diagnose a failure: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- Debug only.
			}
		}
	}
}
