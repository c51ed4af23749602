<?php
/**
 * Per-minute counters in the plugin's own table.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * The `{prefix}auth_sentinel_counters` table: one row per counter name and minute, counted by an
 * atomic upsert that also hands this hit its own count (LAST_INSERT_ID(expr), per connection),
 * so that concurrent requests (and web nodes) each count once and each see their own number. The first hit on
 * the `all` counter of a new minute forgets the past minutes, which keeps the table to a few
 * rows. Used by the rate limits when there is no persistent object cache.
 *
 * @since 0.1.0
 */
final class Counters {

	/**
	 * Counts one hit; a fault of the table (missing, locked, denied, full) answers null within a
	 * second (BoundedQuery), so that the caller can refuse rather than wait.
	 *
	 * @param string $name   The counter.
	 * @param int    $minute The window (Unix time / 60).
	 * @return int|null The count including this hit; null when the store failed.
	 */
	public static function hit( string $name, int $minute ): ?int {
		$table = Schema::counters_table();
		return BoundedQuery::run(
			$table,
			static function () use ( $table, $name, $minute ): ?int {
				global $wpdb;
				// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- An atomic counter in the plugin's own table.
				if ( 'none' === BoundedQuery::mode() ) {
					// SQLite (one writer at a time, one node): the count read back after the upsert.
					$written = BoundedQuery::exec( $wpdb->prepare( "INSERT INTO {$table} (name, win, hits) VALUES (%s, %d, 1) ON DUPLICATE KEY UPDATE hits = hits + 1", $name, $minute ) );
					$count   = false === $written ? null : $wpdb->get_var( $wpdb->prepare( "SELECT hits FROM {$table} WHERE name = %s AND win = %d", $name, $minute ) );
				} else {
					// MySQL and MariaDB: the upsert leaves this hit's count in the connection's
					// LAST_INSERT_ID(), which no other connection (node) changes. A SELECT of the row
					// would see hits that other nodes counted since, and two hits would share a count.
					$written = BoundedQuery::exec( $wpdb->prepare( "INSERT INTO {$table} (name, win, hits) VALUES (%s, %d, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)", $name, $minute ) );
					$count   = false === $written ? null : $wpdb->get_var( 'SELECT LAST_INSERT_ID()' );
				}
				if ( 'all' === $name && '1' === (string) $count ) {
					BoundedQuery::exec( $wpdb->prepare( "DELETE FROM {$table} WHERE win < %d", $minute ) ); // The first hit of a minute forgets the past ones.
				}
				// phpcs:enable
				return null === $count ? null : (int) $count;
			}
		);
	}
}
