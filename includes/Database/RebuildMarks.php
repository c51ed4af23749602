<?php
/**
 * The marks of the plugin's tables being rebuilt, whose writes fail at once meanwhile.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Marks a table while a rebuild (an index being made by `ALTER TABLE`) holds its writes, so that
 * BoundedQuery refuses the writes on visitors' requests at once instead of each waiting a second
 * for the lock. The mark is kept in an autoloaded option, read from memory with no query; on a
 * network the sessions index, which every site writes, is marked in the network's option instead,
 * read lazily (at a site's first write to it in a request).
 *
 * @since 0.1.0
 */
final class RebuildMarks {

	/**
	 * The autoloaded option naming the tables whose writes wait for a rebuild (an index being
	 * made by `ALTER TABLE`), each with the time its mark lapses: read from memory, no query. On a
	 * network the sessions index, which every site writes, is marked in the network's option of
	 * the same name instead (read at a site's first write to it in a request).
	 */
	const REBUILD_OPTION = 'auth_sentinel_rebuilding';

	/**
	 * Seconds a rebuild's mark lasts at most: a job that dies in its `ALTER` leaves it that long,
	 * and a rebuild that outlasts it has its writes wait a second again, as before the mark.
	 */
	const REBUILD_MAX = 30 * MINUTE_IN_SECONDS;

	/**
	 * Tells whether a table's writes wait for a rebuild now: from the autoloaded options (no
	 * query), or for the network-wide sessions index from the network's option (one query a
	 * request at most, none with a persistent object cache).
	 *
	 * @param string $table The table (its name with the prefix).
	 * @return bool
	 */
	public static function rebuilding( string $table ): bool {
		if ( self::network_wide( $table ) ) {
			$marks = get_site_option( self::REBUILD_OPTION, array() );
		} else {
			$all   = wp_load_alloptions();
			$marks = isset( $all[ self::REBUILD_OPTION ] ) ? maybe_unserialize( $all[ self::REBUILD_OPTION ] ) : null;
		}
		return is_array( $marks ) && isset( $marks[ $table ] ) && (int) $marks[ $table ] > time();
	}

	/**
	 * Tells whether a table is the network's rather than one site's: on a network, the sessions
	 * index, whose writes come from every site.
	 *
	 * @param string $table The table (its name with the prefix).
	 * @return bool
	 */
	public static function network_wide( string $table ): bool {
		return is_multisite() && Schema::sessions_table() === $table;
	}

	/**
	 * Runs a rebuild of a table (an `ALTER TABLE` that holds its writes): the table is marked for
	 * its duration, so that the writes on visitors' requests fail at once instead of each waiting
	 * a second (every web node reads the mark from its autoloaded options).
	 *
	 * @template T
	 * @param string        $table   The table (its name with the prefix).
	 * @param callable(): T $rebuild The rebuild.
	 * @return T What the rebuild returned.
	 */
	public static function rebuild( string $table, callable $rebuild ) {
		self::mark( $table, time() + self::REBUILD_MAX );
		try {
			return $rebuild();
		} finally {
			self::mark( $table, 0 );
		}
	}

	/**
	 * Marks a table as being rebuilt until a time, or no longer (0). Lapsed marks are dropped.
	 *
	 * @param string $table The table.
	 * @param int    $until When the mark lapses; 0 to remove it.
	 * @return void
	 */
	private static function mark( string $table, int $until ): void {
		$network = self::network_wide( $table );
		// Another node's mark of another table is kept.
		if ( $network ) {
			wp_cache_delete( get_current_network_id() . ':' . self::REBUILD_OPTION, 'site-options' );
			$marks = get_site_option( self::REBUILD_OPTION, array() );
		} else {
			wp_cache_delete( 'alloptions', 'options' );
			$marks = get_option( self::REBUILD_OPTION, array() );
		}
		$marks = array_filter(
			is_array( $marks ) ? $marks : array(),
			static function ( $at ): bool {
				return (int) $at > time();
			}
		);
		unset( $marks[ $table ] );
		if ( $until > 0 ) {
			$marks[ $table ] = $until;
		}
		if ( array() === $marks ) {
			$network ? delete_site_option( self::REBUILD_OPTION ) : delete_option( self::REBUILD_OPTION );
		} elseif ( $network ) {
			update_site_option( self::REBUILD_OPTION, $marks );
		} else {
			update_option( self::REBUILD_OPTION, $marks, true );
		}
	}
}
