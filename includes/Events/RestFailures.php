<?php
/**
 * Builds the failure of a REST answer that refused a credential.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Http\Credentials;
use AuthSentinel\Secrets\Fingerprinter;

defined( 'ABSPATH' ) || exit;

/**
 * Reads a REST refusal (its code, its body, its status) with what the request carried, and
 * builds the failure it stands for: a nonce, a token plugin's refresh cookie, a token (diagnosed
 * by `TokenDiagnosis`), or other credentials a signed-out client sent; null when the refusal is
 * not a credential failure. `Capture` hears the refusals and records what this builds.
 *
 * @since 0.1.0
 */
final class RestFailures {

	/**
	 * Knows the token plugins.
	 *
	 * @var Issuers
	 */
	private $issuers;

	/**
	 * Fingerprints credentials.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Diagnoses a refused nonce.
	 *
	 * @var callable(): NonceDiagnosis
	 */
	private $nonces;

	/**
	 * Diagnoses a refused token or refresh cookie.
	 *
	 * @var callable(): TokenDiagnosis
	 */
	private $tokens;

	/**
	 * Creates the builder.
	 *
	 * @param Issuers       $issuers       Knows the token plugins.
	 * @param Fingerprinter $fingerprinter Fingerprints credentials.
	 * @param callable      $nonces        Provides the NonceDiagnosis, built on the first call.
	 * @param callable      $tokens        Provides the TokenDiagnosis, built on the first call.
	 */
	public function __construct( Issuers $issuers, Fingerprinter $fingerprinter, callable $nonces, callable $tokens ) {
		$this->issuers       = $issuers;
		$this->fingerprinter = $fingerprinter;
		$this->nonces        = $nonces;
		$this->tokens        = $tokens;
	}

	/**
	 * Diagnoses a REST credential failure.
	 *
	 * @param string               $code   The error code ('' when the body has none).
	 * @param array<string, mixed> $data   The error body.
	 * @param int                  $status The HTTP status.
	 * @param string               $route  The REST route.
	 * @return Failure|null
	 */
	public function failure( string $code, array $data, int $status, string $route = '' ): ?Failure {
		if ( 'rest_cookie_invalid_nonce' === $code ) {
			return ( $this->nonces )()->diagnose( Credentials::current()->nonce() );
		}

		$request       = Credentials::current();
		$authorization = $request->authorization();
		$cookie        = $request->refresh_cookie();
		if ( null !== $cookie && 0 === strpos( $code, 'jwt_auth_' ) && false !== strpos( $code, 'refresh' ) ) {
			return ( $this->tokens )()->refresh_cookie( $code, $cookie['user_id'], $cookie['value'] );
		}
		$token   = $request->presented_token();
		$numeric = self::numeric_code( $data );
		// Simple JWT Login rewrites its answers to {success: false, data: {message, error_code}}: no code.
		if ( '' === $code && null !== $numeric && false === ( $data['success'] ?? null ) ) {
			$code = 'simple_jwt_login_middleware_error';
		}
		// A signed-in user that a plugin's gate refuses a route is not a credential failure.
		if ( is_user_logged_in() && in_array( $code, array( 'woocommerce_pos_rest_forbidden', 'rest_forbidden' ), true ) ) {
			return null;
		}
		$issuer_code = '' !== $this->issuers->from_code( $code ) && ! in_array( $code, Issuers::GATES, true );
		if ( null !== $token || ( $issuer_code && ! is_user_logged_in() ) ) {
			// Stripped: only the raw request headers carried it (the server hid it from $_SERVER).
			$failure = ( $this->tokens )()->diagnose( $code, $token, 'raw_headers' === $authorization['via'], $numeric, null, $route );
			if ( '' === $failure->server_code ) {
				$failure->server_code = 'http_' . $status;
			}
			return $failure;
		}

		// Any other refusal counts only when the client sent credentials and is not signed in:
		// a signed-in user refused a capability is not a credential failure.
		if ( null !== $authorization['value'] && ! is_user_logged_in() ) {
			$failure             = new Failure( 'rest', '' === $code ? 'http_' . $status : $code, 'unknown' );
			$failure->credential = $this->fingerprinter->fingerprint( 'header', $authorization['value'] );
			return $failure;
		}
		return null;
	}

	/**
	 * Reads Simple JWT Login's numeric error code from an answer's data.
	 *
	 * @param array<string, mixed> $data The answer.
	 * @return int|null
	 */
	public static function numeric_code( array $data ): ?int {
		foreach ( array( 'error_code', 'errorCode' ) as $key ) {
			if ( isset( $data['data'][ $key ] ) && is_numeric( $data['data'][ $key ] ) ) {
				return (int) $data['data'][ $key ];
			}
		}
		return null;
	}
}
