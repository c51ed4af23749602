<?php
/**
 * Refuses revoked tokens, whatever plugin issued them.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Events\Explanation;
use AuthSentinel\Events\Issuers;
use AuthSentinel\Events\TokenInspector;

defined( 'ABSPATH' ) || exit;

/**
 * Runs after every token plugin has signed the request's user in (determine_current_user at
 * priority 1000; again at rest_authentication_errors and rest_pre_dispatch for plugins that sign
 * in later). When the Bearer token is on the deny list or older than a not-before time, the user
 * is signed out again and REST answers 401 auth_sentinel_token_revoked, which the failures
 * capture records as `revoked`. A request without an Authorization header costs one array check.
 *
 * @since 0.1.0
 */
class TokenGate {

	/**
	 * The error code of a refused token.
	 */
	const CODE = 'auth_sentinel_token_revoked';

	/**
	 * Token refusals.
	 *
	 * @var Revocations
	 */
	private $revocations;

	/**
	 * The tracker, told of tokens in use.
	 *
	 * @var Tracker
	 */
	private $tracker;

	/**
	 * The verdict of this request's token, once known: false when allowed.
	 *
	 * @var array{at: int, by: int, reason: string}|false|null
	 */
	private $verdict;

	/**
	 * Creates the gate.
	 *
	 * @param Revocations $revocations Token refusals.
	 * @param Tracker     $tracker     The tracker.
	 */
	public function __construct( Revocations $revocations, Tracker $tracker ) {
		$this->revocations = $revocations;
		$this->tracker     = $tracker;
	}

	/**
	 * Returns the request's Bearer token, null without one.
	 *
	 * @return string|null
	 */
	public static function bearer(): ?string {
		// phpcs:disable WordPress.Security.ValidatedSanitizedInput.InputNotSanitized,WordPress.Security.ValidatedSanitizedInput.MissingUnslash -- Only decoded and fingerprinted; slashes cannot occur in a token.
		$header = $_SERVER['HTTP_AUTHORIZATION'] ?? $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ?? null;
		// phpcs:enable
		if ( ! is_string( $header ) || strlen( $header ) > 16384 || ! preg_match( '/^\s*Bearer\s+(\S+)/i', $header, $match ) ) {
			return null;
		}
		return $match[1];
	}

	/**
	 * Signs the user out again when their token is refused (determine_current_user, late).
	 *
	 * @param int|false $user_id The user the plugins found.
	 * @return int|false
	 */
	public function determine_current_user( $user_id ) {
		if ( empty( $user_id ) || ( empty( $_SERVER['HTTP_AUTHORIZATION'] ) && empty( $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ) ) ) {
			return $user_id;
		}
		return $this->judge( (int) $user_id, false ) ? false : $user_id;
	}

	/**
	 * Answers 401 for a refused token (rest_authentication_errors, late).
	 *
	 * @param mixed $result The result so far.
	 * @return mixed
	 */
	public function rest_authentication_errors( $result ) {
		if ( empty( $_SERVER['HTTP_AUTHORIZATION'] ) && empty( $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ) ) {
			return $result;
		}
		if ( null === $this->verdict && is_user_logged_in() ) {
			$this->judge( get_current_user_id(), true ); // A plugin that signed the user in after determine_current_user.
		}
		return $this->verdict ? $this->error() : $result;
	}

	/**
	 * Refuses a request whose user a plugin set just before dispatch (rest_pre_dispatch, late).
	 *
	 * @param mixed $result The response so far.
	 * @return mixed
	 */
	public function rest_pre_dispatch( $result ) {
		if ( null !== $result || ( empty( $_SERVER['HTTP_AUTHORIZATION'] ) && empty( $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ) ) ) {
			return $result;
		}
		if ( null === $this->verdict && is_user_logged_in() ) {
			$this->judge( get_current_user_id(), true );
		}
		return $this->verdict ? $this->error() : $result;
	}

	/**
	 * Decides whether the request's token is refused; signs the user out when it is.
	 *
	 * @param int  $user_id  The user the token signed in.
	 * @param bool $sign_out Whether to sign the current user out here (not inside
	 *                       determine_current_user, where the caller's return value does it).
	 * @return bool Whether it is refused.
	 */
	private function judge( int $user_id, bool $sign_out ): bool {
		if ( null !== $this->verdict ) {
			return (bool) $this->verdict;
		}
		$token = self::bearer();
		if ( null === $token ) {
			$this->verdict = false;
			return false;
		}
		$decoded = array( 'shape' => false );
		$claims  = array();
		try {
			$decoded = ( new TokenInspector() )->decode( $token );
			$claims  = $decoded['shape'] ? $decoded['claims'] : array();
			$fact    = $this->revocations->check( $user_id, $token, $claims );
		} catch ( \Throwable $e ) {
			// Fail closed: a token that cannot be checked does not sign anyone in.
			$fact = array(
				'at'     => time(),
				'by'     => 0,
				'reason' => 'unverifiable',
			);
		}
		$this->verdict = null === $fact ? false : $fact;
		if ( $this->verdict ) {
			if ( $sign_out ) {
				wp_set_current_user( 0 );
			}
			return true;
		}
		if ( $decoded['shape'] ) {
			$this->tracker->token_seen( $user_id, $token, $claims, $this->issuer_name( $token, $claims ) );
		}
		return false;
	}

	/**
	 * Returns the refusal's facts for a token (for the diagnosis and the apps' endpoint).
	 *
	 * @param string $token The raw token.
	 * @return array{at: int, by: int, reason: string}|null
	 */
	public function revocation_of( string $token ): ?array {
		$inspector = new TokenInspector();
		$decoded   = $inspector->decode( $token );
		if ( ! $decoded['shape'] ) {
			return null;
		}
		$user = $inspector->public_claims( $decoded['claims'] )['user_id'];
		return $this->revocations->check( (int) $user, $token, $decoded['claims'] );
	}

	/**
	 * Names the plugin whose secret signed a token (for the inventory).
	 *
	 * @param string               $token  The raw token.
	 * @param array<string, mixed> $claims Its claims.
	 * @return string
	 */
	private function issuer_name( string $token, array $claims ): string {
		$inspector = new TokenInspector();
		$issuers   = new Issuers();
		$type      = isset( $claims['type'] ) && is_string( $claims['type'] ) ? $claims['type'] : null;
		foreach ( $issuers->secrets( $type ) as $issuer => $secret ) {
			if ( $inspector->signed_with( $token, $secret ) ) {
				return Explanation::issuer( $issuers->refine( $issuer, $inspector->public_claims( $claims ) ) );
			}
		}
		return __( 'Token', 'auth-sentinel' );
	}

	/**
	 * Builds the 401 answer.
	 *
	 * @return \WP_Error
	 */
	private function error(): \WP_Error {
		return new \WP_Error(
			self::CODE,
			__( 'This token was revoked. Sign in again.', 'auth-sentinel' ),
			array( 'status' => 401 )
		);
	}
}
