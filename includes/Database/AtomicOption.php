<?php
/**
 * One row of the options table changed by a single guarded statement.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Insert-if-absent, compare-and-swap and raise-if-lower on an option, for the records that
 * concurrent requests (and web nodes) must not both win: the secrets watch's known state, the
 * alert claims and the spike gate. The options API has none of these: `update_option()` reads,
 * compares in PHP and writes, so two requests can both believe they changed the value.
 *
 * Values are the stored strings, compared byte for byte by the database (never a cached copy,
 * never a replica: see use_primary());
 * callers serialise and pad as they need. Errors are suppressed and count as "did not win" (the
 * callers fail towards doing nothing twice).
 *
 * The object cache: with a persistent one (Redis, Memcached), every node reads options through
 * it, so a write that changed a row also drops the cached copies of options — the option's own
 * key, `notoptions` (which may say it is absent) and `alloptions` (which may hold it) — and the
 * next `get_option()` on any node reads the row. Without one, each request loads its own copy:
 * a caller that reads the option again in the same request clears it itself.
 *
 * @since 0.1.0
 */
final class AtomicOption {

	/**
	 * The stored value, read from the table on the primary (not from a cache or a replica), or
	 * null when there is no row.
	 *
	 * @param string $name Option name.
	 * @return string|null
	 */
	public static function read( string $name ): ?string {
		global $wpdb;
		self::use_primary();
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A swap needs the stored bytes, not a cached copy.
		$raw = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
		$wpdb->suppress_errors( $suppress );
		return null === $raw ? null : (string) $raw;
	}

	/**
	 * Adds the option unless it exists; true for exactly one caller.
	 *
	 * @param string $name     Option name.
	 * @param string $value    Stored value.
	 * @param bool   $autoload Whether WordPress loads it with every request.
	 * @return bool|null True when this call added it, false when it existed, null on a database error.
	 */
	public static function insert( string $name, string $value, bool $autoload ): ?bool {
		global $wpdb;
		$suppress = $wpdb->suppress_errors( true );
		// 'yes' and 'no' mean the same to WordPress 6.5 and to 6.6+ (which writes 'on' and 'off').
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- INSERT IGNORE on the unique option_name: the options API has no insert-if-absent.
		$inserted = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, %s)", $name, $value, $autoload ? 'yes' : 'no' ) );
		$wpdb->suppress_errors( $suppress );
		if ( 1 === $inserted ) {
			self::forget( $name );
		}
		return false === $inserted ? null : 1 === $inserted;
	}

	/**
	 * Replaces the value if it is still the one the caller read; true for exactly one caller.
	 *
	 * @param string $name  Option name.
	 * @param string $seen  The stored value the caller read.
	 * @param string $value The new value.
	 * @return bool
	 */
	public static function swap( string $name, string $seen, string $value ): bool {
		global $wpdb;
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A compare-and-swap has no API in core.
		$changed = $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET option_value = %s WHERE option_name = %s AND option_value = %s", $value, $name, $seen ) );
		$wpdb->suppress_errors( $suppress );
		return 1 === $changed && self::forget( $name );
	}

	/**
	 * Replaces the value only if the stored one sorts before it (compared as strings: pad
	 * numbers to one width); true when this call raised it.
	 *
	 * @param string $name  Option name.
	 * @param string $value The new value.
	 * @return bool
	 */
	public static function raise( string $name, string $value ): bool {
		global $wpdb;
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Raise-if-lower has no API in core.
		$changed = $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET option_value = %s WHERE option_name = %s AND option_value < %s", $value, $name, $value ) );
		$wpdb->suppress_errors( $suppress );
		return 1 === $changed && self::forget( $name );
	}

	/**
	 * Sets the value of an existing option, whatever it was, without the options API's read
	 * and compare (and without its caches: callers clear what they keep).
	 *
	 * @param string $name  Option name.
	 * @param string $value The new value.
	 * @return bool Whether a row changed.
	 */
	public static function put( string $name, string $value ): bool {
		global $wpdb;
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- One statement; the caller owns the caches.
		$changed = $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET option_value = %s WHERE option_name = %s", $value, $name ) );
		$wpdb->suppress_errors( $suppress );
		return 1 === $changed && self::forget( $name );
	}

	/**
	 * Deletes the option if its value is still the one the caller read (a lock released by its
	 * holder only); true when this call deleted it.
	 *
	 * @param string $name Option name.
	 * @param string $seen The stored value the caller read (or wrote).
	 * @return bool
	 */
	public static function delete( string $name, string $seen ): bool {
		global $wpdb;
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Delete-if-unchanged has no API in core.
		$deleted = $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s", $name, $seen ) );
		$wpdb->suppress_errors( $suppress );
		return 1 === $deleted && self::forget( $name );
	}

	/**
	 * Settles a network option that concurrent add_site_option() calls may have stored twice
	 * (the network's meta table has no unique key, so two web nodes adding at once both
	 * insert): the row stored first wins, the others are deleted, and every caller gets the
	 * winner's value.
	 *
	 * @param string $name Network option name (a plain string value).
	 * @return string|null The value stored first, or null when there is none.
	 */
	public static function settle_network( string $name ): ?string {
		global $wpdb;
		self::use_primary();
		$network  = get_current_network_id();
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- Duplicates of one network option: no API in core.
		$first = $wpdb->get_row( $wpdb->prepare( "SELECT meta_id, meta_value FROM {$wpdb->sitemeta} WHERE site_id = %d AND meta_key = %s ORDER BY meta_id ASC LIMIT 1", $network, $name ), ARRAY_A );
		if ( is_array( $first ) ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->sitemeta} WHERE site_id = %d AND meta_key = %s AND meta_id > %d", $network, $name, (int) $first['meta_id'] ) );
		}
		// phpcs:enable
		$wpdb->suppress_errors( $suppress );
		wp_cache_delete( $network . ':' . $name, 'site-options' );
		wp_cache_delete( $network . ':notoptions', 'site-options' );
		return is_array( $first ) ? (string) $first['meta_value'] : null;
	}

	/**
	 * Behind a database class that sends reads to replicas (HyperDB, LudicrousDB), sends this
	 * request's reads to the primaries from now on: a swap compares with the primary's row, so it
	 * must read that row, and a replica may lag (both send the reads of a table written in the
	 * request to the primary by themselves; this read may come before any write). Plain wpdb
	 * has one server: nothing to do.
	 *
	 * @return void
	 */
	private static function use_primary(): void {
		global $wpdb;
		if ( ! is_object( $wpdb ) ) {
			return;
		}
		if ( method_exists( $wpdb, 'send_reads_to_primaries' ) ) {
			$wpdb->send_reads_to_primaries(); // LudicrousDB (its newer name).
		} elseif ( method_exists( $wpdb, 'send_reads_to_masters' ) ) {
			$wpdb->send_reads_to_masters(); // HyperDB, and LudicrousDB before the rename.
		}
	}

	/**
	 * Drops the persistent object cache's copies after a write (see the class comment); true.
	 *
	 * @param string $name Option name.
	 * @return bool
	 */
	private static function forget( string $name ): bool {
		if ( wp_using_ext_object_cache() ) {
			wp_cache_delete( $name, 'options' );
			wp_cache_delete( 'notoptions', 'options' );
			wp_cache_delete( 'alloptions', 'options' );
		}
		return true;
	}
}
