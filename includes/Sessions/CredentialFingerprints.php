<?php
/**
 * The keyed fingerprints that name credentials in the sessions index.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Secrets\Fingerprinter;

defined( 'ABSPATH' ) || exit;

/**
 * One place for how each kind of credential is fingerprinted (a keyed hash under the network's
 * key, never the credential): a cookie session by core's verifier, an application password by
 * its uuid (and its secret, to recognise it once revoked), a WCPOS session by its jti, a token
 * as the failures table fingerprints it.
 *
 * @since 0.1.0
 */
class CredentialFingerprints {

	/**
	 * Fingerprints credentials.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Creates the fingerprints.
	 *
	 * @param Fingerprinter $fingerprinter Fingerprints credentials.
	 */
	public function __construct( Fingerprinter $fingerprinter ) {
		$this->fingerprinter = $fingerprinter;
	}

	/**
	 * A cookie session, from its verifier.
	 *
	 * @param string $verifier Core's verifier (hash of the token).
	 * @return string
	 */
	public function cookie( string $verifier ): string {
		return $this->fingerprinter->fingerprint( 'session', $verifier );
	}

	/**
	 * An application password, from its uuid.
	 *
	 * @param string $uuid The uuid.
	 * @return string
	 */
	public function app_password( string $uuid ): string {
		return $this->fingerprinter->fingerprint( 'app_password', $uuid );
	}

	/**
	 * An application password's secret.
	 *
	 * @param string $password The raw password (never stored).
	 * @return string
	 */
	public function app_password_secret( string $password ): string {
		return $this->fingerprinter->app_password_secret( $password );
	}

	/**
	 * A WCPOS session, from its refresh token's jti.
	 *
	 * @param string $jti The jti.
	 * @return string
	 */
	public function wcpos( string $jti ): string {
		return $this->fingerprinter->fingerprint( 'wcpos', $jti );
	}

	/**
	 * A token (the same as the failures table's).
	 *
	 * @param string $token The raw token.
	 * @return string
	 */
	public function token( string $token ): string {
		return $this->fingerprinter->token( $token );
	}

	/**
	 * A token, as versions before the canonical fingerprint named it (still matched).
	 *
	 * @param string $token The raw token.
	 * @return string
	 */
	public function legacy_token( string $token ): string {
		return $this->fingerprinter->fingerprint( 'token', $token );
	}

	/**
	 * Returns the verifier of the request's own cookie session, '' without one.
	 *
	 * @return string
	 */
	public static function current_verifier(): string {
		$token = function_exists( 'wp_get_session_token' ) ? wp_get_session_token() : '';
		return '' === $token ? '' : hash( 'sha256', $token );
	}
}
