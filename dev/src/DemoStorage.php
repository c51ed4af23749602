<?php
/**
 * The few writes of the demo that the repositories do not offer.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Dev;

use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

// Development data only, on the plugin's own tables; every value is an integer or a placeholder.
// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders

/**
 * Moves the demo's own audit rows back to the time of their story, and deletes what the demo
 * made. The repositories append audit rows at the current time and delete only by age; these
 * are the demo's needs alone, kept here rather than widening their API for a development tool.
 *
 * @since 0.1.0
 */
class DemoStorage {

	/**
	 * What starts the aggregation key of every demo failure: never a real key, which is hex.
	 */
	const KEY_PREFIX = 'demo';

	/**
	 * Sets the time of audit rows.
	 *
	 * @param array<int, int> $times Row id => Unix time.
	 * @return void
	 */
	public function backdate_audit( array $times ): void {
		global $wpdb;
		$table = Schema::audit_table();
		foreach ( $times as $id => $at ) {
			$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET at = %s WHERE id = %d", gmdate( 'Y-m-d H:i:s', $at ), $id ) );
		}
	}

	/**
	 * Deletes audit rows by id, and every row by or about some users.
	 *
	 * @param int[] $ids      Row ids.
	 * @param int[] $user_ids Users.
	 * @return int Rows deleted.
	 */
	public function delete_audit( array $ids, array $user_ids ): int {
		global $wpdb;
		$table   = Schema::audit_table();
		$deleted = 0;
		foreach ( array_chunk( array_values( array_unique( array_map( 'intval', $ids ) ) ), 500 ) as $chunk ) {
			$deleted += (int) $wpdb->query( "DELETE FROM {$table} WHERE id IN (" . implode( ',', $chunk ) . ')' );
		}
		foreach ( array_chunk( array_values( array_unique( array_map( 'intval', $user_ids ) ) ), 500 ) as $chunk ) {
			$in       = implode( ',', $chunk );
			$deleted += (int) $wpdb->query( "DELETE FROM {$table} WHERE target_user_id IN ({$in}) OR actor_id IN ({$in})" );
		}
		return $deleted;
	}

	/**
	 * Deletes the demo's failures.
	 *
	 * @return int Rows deleted.
	 */
	public function delete_events(): int {
		global $wpdb;
		$table   = Schema::events_table();
		$deleted = (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE agg_key LIKE %s", self::KEY_PREFIX . '%' ) );
		( new \AuthSentinel\Events\RollupRepository() )->clear(); // Summed again from what is left.
		return $deleted;
	}

	/**
	 * Deletes the sessions index rows of some users (left ended when the users were deleted).
	 *
	 * @param int[] $user_ids The users.
	 * @return int Rows deleted.
	 */
	public function delete_sessions( array $user_ids ): int {
		global $wpdb;
		$table   = Schema::sessions_table();
		$deleted = 0;
		foreach ( array_chunk( array_values( array_unique( array_map( 'intval', $user_ids ) ) ), 500 ) as $chunk ) {
			$deleted += (int) $wpdb->query( "DELETE FROM {$table} WHERE user_id IN (" . implode( ',', $chunk ) . ')' );
		}
		return $deleted;
	}
}
