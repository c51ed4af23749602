<?php
/**
 * Deletes of many rows, a batch at a time within a time budget.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Deletes the rows of one of the plugin's tables that a condition selects, in batches of ids,
 * so that even a million old rows never hold a long lock, and stops after a time budget (the
 * next run goes on). The retention of the failures, the audit log and the sessions index.
 *
 * @since 0.1.0
 */
final class BatchDelete {

	/**
	 * Deletes the rows a condition selects, a batch of ids at a time, until none is left or the
	 * budget is spent (at least one batch runs).
	 *
	 * @param string            $table  The plugin's own table.
	 * @param string            $where  The condition, with placeholders.
	 * @param array<int, mixed> $args   Its values.
	 * @param int               $batch  Rows per DELETE.
	 * @param float             $budget Seconds to spend at most.
	 * @param string            $order  Which rows go first (` ORDER BY …`), or '' for any.
	 * @return array{deleted: int, done: bool} Rows deleted, and whether none selected is left.
	 */
	public static function run( string $table, string $where, array $args, int $batch, float $budget, string $order = '' ): array {
		global $wpdb;
		$deleted = 0;
		$start   = microtime( true );
		do {
			// Select then delete by id: DELETE … LIMIT is not portable to SQLite.
			// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQLPlaceholders -- Own table; the condition's placeholders.
			$ids   = array_map( 'intval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$table} WHERE {$where}{$order} LIMIT %d", array_merge( $args, array( $batch ) ) ) ) );
			$count = count( $ids );
			if ( $count ) {
				$deleted += (int) $wpdb->query( "DELETE FROM {$table} WHERE id IN (" . implode( ',', $ids ) . ')' ); // Integers from the query above.
			}
			// phpcs:enable
			$done = $count < $batch;
		} while ( ! $done && microtime( true ) - $start < $budget );
		return array(
			'deleted' => $deleted,
			'done'    => $done,
		);
	}
}
