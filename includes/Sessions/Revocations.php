<?php
/**
 * The revocation facts of stateless tokens: not-before times and the deny list.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Database\AtomicOption;
use AuthSentinel\Secrets\Fingerprinter;

defined( 'ABSPATH' ) || exit;

/**
 * A stateless token cannot be deleted, only refused. This keeps what refuses them: a site-wide
 * not-before time (autoloaded option), on a network also a network-wide one (network option), a
 * per-user not-before time and a per-user deny list (user meta, which WordPress loads with the
 * user, so checking a signed-in user's token costs no query). Deny-list entries are dropped once
 * the token would have expired.
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
	 * Site-wide not-before: {at, by, reason}. On a network the same name holds the network-wide one.
	 */
	const SITE_OPTION = 'auth_sentinel_tokens_not_before';

	/**
	 * With a persistent object cache: the group and key of this site's not-before, kept under a
	 * key of its own (see site_fact()).
	 */
	const CACHE_GROUP = 'auth_sentinel';

	/**
	 * See CACHE_GROUP.
	 */
	const CACHE_KEY = 'tokens_not_before';

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
	 * Creates the store.
	 *
	 * @param Fingerprinter $fingerprinter Fingerprints tokens.
	 */
	public function __construct( Fingerprinter $fingerprinter ) {
		$this->fingerprinter = $fingerprinter;
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
		$stored = $this->stored_user_meta( $user_id, self::DENY_META );
		foreach ( array_keys( $keys ) as $key ) {
			if ( ! is_array( $stored ) || ! isset( $stored[ (string) $key ] ) ) {
				throw new \RuntimeException( 'A deny-list entry could not be stored.' );
			}
		}
	}

	/**
	 * Refuses every token of a user issued before now: everywhere, or on one site of a network
	 * (a site administrator's revocation).
	 *
	 * @param int    $user_id The user.
	 * @param int    $by      Who.
	 * @param string $reason  Why.
	 * @param int    $site    On a network, only on this site; 0 everywhere.
	 * @return int The time set.
	 * @throws \RuntimeException When it is not stored afterwards.
	 */
	public function user_not_before( int $user_id, int $by, string $reason, int $site = 0 ): int {
		$fact = self::new_fact( $by, $reason );
		$key  = self::user_key( $site );
		update_user_meta( $user_id, $key, $fact );
		$stored = $this->stored_user_meta( $user_id, $key );
		if ( ! is_array( $stored ) || (int) ( $stored['at'] ?? 0 ) < $fact['at'] ) {
			throw new \RuntimeException( 'The not-before time could not be stored.' );
		}
		return $fact['at'];
	}

	/**
	 * Refuses every token of every user issued before now: on this site, or, on a network, on
	 * every site of it.
	 *
	 * @param int  $by      Who.
	 * @param bool $network Whether the whole network (network administrators on a network).
	 * @return int The time set.
	 * @throws \RuntimeException When it is not stored afterwards.
	 */
	public function site_not_before( int $by, bool $network = false ): int {
		global $wpdb;
		$fact = self::new_fact( $by, 'revoke_all' );
		if ( $network && is_multisite() ) {
			update_site_option( self::SITE_OPTION, $fact );
			wp_cache_delete( get_current_network_id() . ':' . self::SITE_OPTION, 'site-options' );
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Read back past every cache: revocation fails closed.
			$raw = $wpdb->get_var( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->sitemeta} WHERE meta_key = %s AND site_id = %d", self::SITE_OPTION, get_current_network_id() ) );
		} else {
			update_option( self::SITE_OPTION, $fact, true );
			$raw = AtomicOption::read( self::SITE_OPTION ); // Read back past every cache: revocation fails closed.
		}
		$stored = is_string( $raw ) ? maybe_unserialize( $raw ) : null;
		if ( ! is_array( $stored ) || (int) ( $stored['at'] ?? 0 ) < $fact['at'] ) {
			throw new \RuntimeException( 'The not-before time could not be stored.' );
		}
		if ( ! ( $network && is_multisite() ) && wp_using_ext_object_cache() ) {
			wp_cache_set( self::CACHE_KEY, $stored, self::CACHE_GROUP ); // What every node reads next (site_fact()).
		}
		return $fact['at'];
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
		foreach ( $this->site_facts() as $site ) {
			if ( null === $iat || $iat <= (int) $site['at'] ) {
				return self::fact( $site );
			}
		}
		$keys      = null;
		$user_keys = is_multisite() ? array( self::USER_META, self::user_key( get_current_blog_id() ) ) : array( self::USER_META );
		foreach ( array_unique( array_filter( array_map( 'intval', $users ) ) ) as $user_id ) {
			foreach ( $user_keys as $user_key ) {
				$user = get_user_meta( $user_id, $user_key, true );
				if ( is_array( $user ) && isset( $user['at'] ) && ( null === $iat || $iat <= (int) $user['at'] ) ) {
					return self::fact( $user );
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
					return self::fact( $denied[ $key ] );
				}
			}
		}
		return null;
	}

	/**
	 * Returns the site-wide not-before facts that apply here: this site's and, on a network, the
	 * network's.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	private function site_facts(): array {
		/**
		 * The facts found, newest first once sorted.
		 *
		 * @var array<int, array<string, mixed>> $facts
		 */
		$facts = array();
		$site  = $this->site_fact();
		if ( is_array( $site ) && isset( $site['at'] ) ) {
			$facts[] = $site;
		}
		if ( is_multisite() ) {
			$network = get_site_option( self::SITE_OPTION );
			if ( is_array( $network ) && isset( $network['at'] ) ) {
				$facts[] = $network;
			}
		}
		usort(
			$facts,
			static function ( $a, $b ) {
				return (int) $b['at'] <=> (int) $a['at'];
			}
		);
		return $facts;
	}

	/**
	 * Returns this site's not-before fact.
	 *
	 * Without a persistent object cache, from the autoloaded options this request loaded (no
	 * query). With one, not from the cached `alloptions` array: WordPress writes that array back
	 * whole on every update of an autoloaded option, so a node that read it just before a
	 * revocation and updates any autoloaded option just after puts the old value back for every
	 * node. The fact is kept under a key of its own instead, set by site_not_before() after the
	 * row is written; when the key is missing (evicted, flushed) it is read from the table (one
	 * query) and added, never over a newer value.
	 *
	 * @return mixed The stored fact, or null.
	 */
	private function site_fact() {
		if ( ! wp_using_ext_object_cache() ) {
			$all = wp_load_alloptions();
			return isset( $all[ self::SITE_OPTION ] ) ? maybe_unserialize( $all[ self::SITE_OPTION ] ) : null;
		}
		$found  = false;
		$cached = wp_cache_get( self::CACHE_KEY, self::CACHE_GROUP, false, $found );
		if ( $found ) {
			return is_array( $cached ) && $cached ? $cached : null;
		}
		$raw  = AtomicOption::read( self::SITE_OPTION );
		$fact = is_string( $raw ) ? maybe_unserialize( $raw ) : null;
		wp_cache_add( self::CACHE_KEY, is_array( $fact ) ? $fact : array(), self::CACHE_GROUP );
		return is_array( $fact ) ? $fact : null;
	}

	/**
	 * Returns the user meta key of a not-before time: everywhere, or on one site of a network.
	 *
	 * @param int $site The site; 0 everywhere.
	 * @return string
	 */
	public static function user_key( int $site ): string {
		return $site > 0 && is_multisite() ? self::USER_META . '_site_' . $site : self::USER_META;
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

	/**
	 * Reads a user meta value back from the database, past every cache.
	 *
	 * @param int    $user_id The user.
	 * @param string $key     The meta key.
	 * @return mixed
	 */
	private function stored_user_meta( int $user_id, string $key ) {
		global $wpdb;
		wp_cache_delete( $user_id, 'user_meta' );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Read back past every cache: revocation fails closed.
		$raw = $wpdb->get_var( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->usermeta} WHERE user_id = %d AND meta_key = %s ORDER BY umeta_id DESC LIMIT 1", $user_id, $key ) );
		return is_string( $raw ) ? maybe_unserialize( $raw ) : null;
	}

	/**
	 * Builds a new not-before fact.
	 *
	 * @param int    $by     Who.
	 * @param string $reason Why.
	 * @return array{at: int, by: int, reason: string}
	 */
	private static function new_fact( int $by, string $reason ): array {
		return array(
			'at'     => time(),
			'by'     => $by,
			'reason' => $reason,
		);
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
