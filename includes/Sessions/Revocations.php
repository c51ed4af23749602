<?php
/**
 * The revocation facts of stateless tokens: the deny list, and the check that consults it and the
 * not-before times.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Secrets\Fingerprinter;

defined( 'ABSPATH' ) || exit;

/**
 * A stateless token cannot be deleted, only refused. This keeps what refuses one token: a
 * per-user deny list (user meta, which WordPress loads with the user, so checking a signed-in
 * user's token costs no query), and check() consults it after the not-before times (NotBefore:
 * the site's, the network's and the user's). Deny-list entries are dropped once the token would
 * have expired.
 *
 * A token is denied by the fingerprint of what its issuer verifies (its signed header and
 * payload, cleaned as the issuers clean a token: see Fingerprinter::token()), so that re-encoding
 * its signature or adding characters an issuer strips does not make it another token; by its
 * `jti` and its session's `refresh_jti`; and by the fingerprint of the whole string, as entries
 * made before version 0.1.0's last fix were keyed.
 *
 * Every write is read back from the database: a revocation that cannot be confirmed throws, and
 * the caller reports it (fail closed).
 *
 * @since 0.1.0
 */
class Revocations {

	/**
	 * Per-user deny list: key => {exp, at, by, reason}.
	 */
	const DENY_META = 'auth_sentinel_denied_tokens';

	/**
	 * How long an entry without a known expiry stays (the longest token lifetime in PRODUCT.md's plugins).
	 */
	const DEFAULT_TTL = 30 * DAY_IN_SECONDS;

	/**
	 * The most deny entries kept per user (the oldest go first; a user who needs more is better
	 * served by a not-before time).
	 */
	const MAX_DENIED = 200;

	/**
	 * Fingerprints tokens and jti values.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * The not-before times, which check() consults first.
	 *
	 * @var NotBefore
	 */
	private $not_before;

	/**
	 * Creates the store.
	 *
	 * @param Fingerprinter $fingerprinter Fingerprints tokens.
	 * @param NotBefore     $not_before    The not-before times.
	 */
	public function __construct( Fingerprinter $fingerprinter, NotBefore $not_before ) {
		$this->fingerprinter = $fingerprinter;
		$this->not_before    = $not_before;
	}

	/**
	 * Returns the deny-list key of a token (what its issuer verifies).
	 *
	 * @param string $token The raw token.
	 * @return string
	 */
	public function token_key( string $token ): string {
		return $this->fingerprinter->token( $token );
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
	 * @return void
	 * @throws \RuntimeException When the entry is not stored afterwards.
	 */
	public function deny( int $user_id, string $key, int $exp, int $by, string $reason ): void {
		$this->deny_many( $user_id, array( $key => $exp ), $by, $reason );
	}

	/**
	 * Refuses several tokens or jtis of a user from now on, in one write.
	 *
	 * @param int                $user_id The user.
	 * @param array<string, int> $keys    Key => when it would expire anyway (0: unknown).
	 * @param int                $by      Who revoked them.
	 * @param string             $reason  Why.
	 * @return void
	 * @throws \RuntimeException When an entry is not stored afterwards.
	 */
	public function deny_many( int $user_id, array $keys, int $by, string $reason ): void {
		if ( ! $keys ) {
			return;
		}
		$now  = time();
		$list = array_filter(
			$this->denied( $user_id ),
			static function ( $entry ) use ( $now ) {
				return (int) ( $entry['exp'] ?? 0 ) > $now;
			}
		);
		foreach ( $keys as $key => $exp ) {
			$list[ (string) $key ] = array(
				'exp'    => $exp > $now ? min( $exp, $now + 10 * 365 * DAY_IN_SECONDS ) : $now + self::DEFAULT_TTL,
				'at'     => $now,
				'by'     => $by,
				'reason' => $reason,
			);
		}
		if ( count( $list ) > self::MAX_DENIED ) {
			uasort(
				$list,
				static function ( $a, $b ) {
					return (int) $b['at'] <=> (int) $a['at'];
				}
			);
			$list = array_slice( $list, 0, self::MAX_DENIED, true );
		}
		update_user_meta( $user_id, self::DENY_META, $list );
		$stored = $this->not_before->stored_user_meta( $user_id, self::DENY_META );
		foreach ( array_keys( $keys ) as $key ) {
			if ( ! is_array( $stored ) || ! isset( $stored[ (string) $key ] ) ) {
				throw new \RuntimeException( 'A deny-list entry could not be stored.' );
			}
		}
	}

	/**
	 * Tells whether a token is refused, and why.
	 *
	 * @param string               $token  The raw token (only fingerprinted).
	 * @param array<string, mixed> $claims Its decoded claims (iat, jti, refresh_jti); empty when it could not be decoded.
	 * @param int[]                $users  Whose token it may be: the users its claims name and the one it signed in.
	 * @param bool                 $decoded Whether the token could be decoded at all.
	 * @return array{at: int, by: int, reason: string}|null
	 */
	public function check( string $token, array $claims, array $users, bool $decoded = true ): ?array {
		$iat = isset( $claims['iat'] ) && is_numeric( $claims['iat'] ) ? (int) $claims['iat'] : null;

		// At or before: a token of the very second of the revocation is refused too (fail closed).
		// A token whose issue time cannot be read is refused once any not-before applies.
		foreach ( $this->not_before->site_facts() as $site ) {
			if ( null === $iat || $iat <= (int) $site['at'] ) {
				return NotBefore::fact( $site );
			}
		}
		$keys      = null;
		$user_keys = is_multisite() ? array( NotBefore::USER_META, NotBefore::user_key( get_current_blog_id() ) ) : array( NotBefore::USER_META );
		foreach ( array_unique( array_filter( array_map( 'intval', $users ) ) ) as $user_id ) {
			foreach ( $user_keys as $user_key ) {
				$user = get_user_meta( $user_id, $user_key, true );
				if ( is_array( $user ) && isset( $user['at'] ) && ( null === $iat || $iat <= (int) $user['at'] ) ) {
					return NotBefore::fact( $user );
				}
			}
			$denied = $this->denied( $user_id );
			if ( ! $denied ) {
				continue;
			}
			if ( ! $decoded ) {
				// Someone signed this user in with a token this plugin cannot read: with entries
				// to check it against, it is refused rather than let through unchecked.
				return array(
					'at'     => time(),
					'by'     => 0,
					'reason' => 'unverifiable',
				);
			}
			$keys = $keys ?? $this->keys_of( $token, $claims );
			foreach ( $keys as $key ) {
				if ( isset( $denied[ $key ] ) ) {
					return NotBefore::fact( $denied[ $key ] );
				}
			}
		}
		return null;
	}

	/**
	 * Returns every deny-list key a token may have been denied under.
	 *
	 * @param string               $token  The raw token.
	 * @param array<string, mixed> $claims Its claims.
	 * @return string[]
	 */
	private function keys_of( string $token, array $claims ): array {
		$keys = array( $this->token_key( $token ), $this->fingerprinter->fingerprint( 'token', $token ) );
		foreach ( array( 'jti', 'refresh_jti' ) as $claim ) {
			if ( isset( $claims[ $claim ] ) && is_scalar( $claims[ $claim ] ) && '' !== (string) $claims[ $claim ] ) {
				$keys[] = $this->jti_key( (string) $claims[ $claim ] );
			}
		}
		return $keys;
	}

	/**
	 * Returns a user's deny list.
	 *
	 * @param int $user_id The user.
	 * @return array<string, array<string, mixed>> By fingerprint, each with exp, at, by and reason.
	 */
	private function denied( int $user_id ): array {
		$list = get_user_meta( $user_id, self::DENY_META, true );
		return is_array( $list ) ? array_filter( $list, 'is_array' ) : array();
	}
}
