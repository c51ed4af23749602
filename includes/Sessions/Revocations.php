<?php
/**
 * The revocation facts of stateless tokens: not-before times and the deny list.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Secrets\Fingerprinter;

defined( 'ABSPATH' ) || exit;

/**
 * A stateless token cannot be deleted, only refused. This keeps what refuses them: a site-wide
 * not-before time (autoloaded option), a per-user not-before time and a per-user deny list of
 * token fingerprints and jti fingerprints (user meta, which WordPress loads with the user, so
 * checking costs no query). Deny-list entries are dropped once the token would have expired.
 *
 * @since 0.1.0
 */
class Revocations {

	/**
	 * Site-wide not-before: {at, by, reason}.
	 */
	const SITE_OPTION = 'auth_sentinel_tokens_not_before';

	/**
	 * Per-user not-before: {at, by, reason}.
	 */
	const USER_META = 'auth_sentinel_tokens_not_before';

	/**
	 * Per-user deny list: key => {exp, at, by, reason}.
	 */
	const DENY_META = 'auth_sentinel_denied_tokens';

	/**
	 * How long an entry without a known expiry stays (the longest token lifetime in PRODUCT.md's plugins).
	 */
	const DEFAULT_TTL = 30 * DAY_IN_SECONDS;

	/**
	 * Fingerprints tokens and jti values.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Creates the store.
	 *
	 * @param Fingerprinter $fingerprinter Fingerprints tokens.
	 */
	public function __construct( Fingerprinter $fingerprinter ) {
		$this->fingerprinter = $fingerprinter;
	}

	/**
	 * Returns the deny-list key of a token.
	 *
	 * @param string $token The raw token.
	 * @return string
	 */
	public function token_key( string $token ): string {
		return $this->fingerprinter->fingerprint( 'token', $token );
	}

	/**
	 * Returns the deny-list key of a jti (of the token itself or of the session it belongs to).
	 *
	 * @param string $jti The jti.
	 * @return string
	 */
	public function jti_key( string $jti ): string {
		return 'jti:' . $this->fingerprinter->fingerprint( 'jti', $jti );
	}

	/**
	 * Refuses one token (or every token of a jti) of a user from now on.
	 *
	 * @param int    $user_id The user.
	 * @param string $key     token_key() or jti_key().
	 * @param int    $exp     When it would expire anyway (0: unknown).
	 * @param int    $by      Who revoked it.
	 * @param string $reason  Why.
	 * @return bool Whether the entry is stored.
	 */
	public function deny( int $user_id, string $key, int $exp, int $by, string $reason ): bool {
		$now  = time();
		$list = array_filter(
			$this->denied( $user_id ),
			static function ( $entry ) use ( $now ) {
				return (int) $entry['exp'] > $now;
			}
		);

		$list[ $key ] = array(
			'exp'    => $exp > $now ? $exp : $now + self::DEFAULT_TTL,
			'at'     => $now,
			'by'     => $by,
			'reason' => $reason,
		);
		update_user_meta( $user_id, self::DENY_META, $list );
		wp_cache_delete( $user_id, 'user_meta' );
		return isset( $this->denied( $user_id )[ $key ] );
	}

	/**
	 * Refuses every token of a user issued before now.
	 *
	 * @param int    $user_id The user.
	 * @param int    $by      Who.
	 * @param string $reason  Why.
	 * @return int The time set.
	 */
	public function user_not_before( int $user_id, int $by, string $reason ): int {
		$now = time();
		update_user_meta(
			$user_id,
			self::USER_META,
			array(
				'at'     => $now,
				'by'     => $by,
				'reason' => $reason,
			)
		);
		return $now;
	}

	/**
	 * Refuses every token of every user issued before now.
	 *
	 * @param int $by Who.
	 * @return int The time set.
	 */
	public function site_not_before( int $by ): int {
		$now = time();
		update_option(
			self::SITE_OPTION,
			array(
				'at'     => $now,
				'by'     => $by,
				'reason' => 'revoke_all',
			),
			true
		);
		return $now;
	}

	/**
	 * Tells whether a token is refused, and why.
	 *
	 * @param int                  $user_id The token's user.
	 * @param string               $token   The raw token (only fingerprinted).
	 * @param array<string, mixed> $claims  Its decoded claims (iat, jti, refresh_jti).
	 * @return array{at: int, by: int, reason: string}|null
	 */
	public function check( int $user_id, string $token, array $claims ): ?array {
		$iat = isset( $claims['iat'] ) && is_numeric( $claims['iat'] ) ? (int) $claims['iat'] : null;

		$all  = wp_load_alloptions();
		$site = isset( $all[ self::SITE_OPTION ] ) ? maybe_unserialize( $all[ self::SITE_OPTION ] ) : null;
		// At or before: a token of the very second of the revocation is refused too (fail closed).
		if ( is_array( $site ) && ( null === $iat || $iat <= (int) $site['at'] ) ) {
			return self::fact( $site );
		}
		if ( $user_id <= 0 ) {
			return null;
		}
		$user = get_user_meta( $user_id, self::USER_META, true );
		if ( is_array( $user ) && isset( $user['at'] ) && ( null === $iat || $iat <= (int) $user['at'] ) ) {
			return self::fact( $user );
		}
		$denied = $this->denied( $user_id );
		if ( ! $denied ) {
			return null;
		}
		$keys = array( $this->token_key( $token ) );
		foreach ( array( 'jti', 'refresh_jti' ) as $claim ) {
			if ( isset( $claims[ $claim ] ) && is_scalar( $claims[ $claim ] ) && '' !== (string) $claims[ $claim ] ) {
				$keys[] = $this->jti_key( (string) $claims[ $claim ] );
			}
		}
		foreach ( $keys as $key ) {
			if ( isset( $denied[ $key ] ) ) {
				return self::fact( $denied[ $key ] );
			}
		}
		return null;
	}

	/**
	 * Returns a user's deny list.
	 *
	 * @param int $user_id The user.
	 * @return array<string, array{exp: int, at: int, by: int, reason: string}>
	 */
	private function denied( int $user_id ): array {
		$list = get_user_meta( $user_id, self::DENY_META, true );
		return is_array( $list ) ? array_filter( $list, 'is_array' ) : array();
	}

	/**
	 * Normalises a stored fact.
	 *
	 * @param array<string, mixed> $stored What was stored.
	 * @return array{at: int, by: int, reason: string}
	 */
	private static function fact( array $stored ): array {
		return array(
			'at'     => (int) ( $stored['at'] ?? 0 ),
			'by'     => (int) ( $stored['by'] ?? 0 ),
			'reason' => (string) ( $stored['reason'] ?? 'admin' ),
		);
	}
}
