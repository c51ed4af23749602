<?php
/**
 * The not-before times of stateless tokens: a user's, a site's and a network's.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Database\AtomicOption;

defined( 'ABSPATH' ) || exit;

/**
 * What refuses every token issued before a time: a site-wide not-before time (autoloaded
 * option), on a network also a network-wide one (network option), and a per-user not-before
 * time, everywhere or on one site of a network (user meta, which WordPress loads with the user,
 * so checking a signed-in user's token costs no query). Revocations::check() consults them
 * before the deny list.
 *
 * Every write is read back from the database: a revocation that cannot be confirmed throws, and
 * the caller reports it (fail closed).
 *
 * @since 0.1.0
 */
final class NotBefore {

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
	 * Returns the site-wide not-before facts that apply here: this site's and, on a network, the
	 * network's.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public function site_facts(): array {
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
	 * Reads a user meta value back from the database, past every cache.
	 *
	 * @param int    $user_id The user.
	 * @param string $key     The meta key.
	 * @return mixed
	 */
	public function stored_user_meta( int $user_id, string $key ) {
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
	public static function fact( array $stored ): array {
		return array(
			'at'     => (int) ( $stored['at'] ?? 0 ),
			'by'     => (int) ( $stored['by'] ?? 0 ),
			'reason' => (string) ( $stored['reason'] ?? 'admin' ),
		);
	}
}
