<?php
/**
 * Statistics read from the failures table.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

/**
 * The statistics' reads of the failures table: sums per hour and cause, the busiest groups,
 * totals and distinct users of the failures matching filters (the filters as SQL from
 * EventsQueryRepository::where()). The rollup (Rollup, RollupRepository) answers most
 * statistics; these answer the hours it does not hold and the filters it does not slice by.
 *
 * @since 0.1.0
 */
class EventsStatsRepository {

	/**
	 * Sums failures per hour and cause (hours are Unix time / 3600).
	 *
	 * @param array<string, mixed> $filters Filters as in find(); `since`/`until` are hours here.
	 * @return array<int, array{hour: int, cause: string, failures: int}>
	 */
	public function per_hour( array $filters ): array {
		global $wpdb;
		$table                = Schema::events_table();
		list( $where, $args ) = EventsQueryRepository::where( $filters );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT hour, cause, SUM(count) AS failures FROM {$table} WHERE {$where} GROUP BY hour, cause", $args ), ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			$out[] = array(
				'hour'     => (int) $row['hour'],
				'cause'    => (string) $row['cause'],
				'failures' => (int) $row['failures'],
			);
		}
		return $out;
	}

	/**
	 * Returns the biggest groups of failures by one column.
	 *
	 * @param string               $column  user_id|user_agent|code.
	 * @param array<string, mixed> $filters Filters as in per_hour().
	 * @param int                  $limit   How many groups.
	 * @return array<int, array{key: string, failures: int}>
	 */
	public function top( string $column, array $filters, int $limit ): array {
		global $wpdb;
		if ( ! in_array( $column, array( 'user_id', 'user_agent', 'code' ), true ) ) {
			return array();
		}
		$table                = Schema::events_table();
		list( $where, $args ) = EventsQueryRepository::where( $filters );
		if ( 'user_id' === $column ) {
			$where .= ' AND user_id > 0';
		}
		$args[] = $limit;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders,WordPress.DB.DirectDatabaseQuery -- Own table, whitelisted column, placeholders.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT {$column} AS grp, SUM(count) AS failures FROM {$table} WHERE {$where} GROUP BY {$column} ORDER BY failures DESC LIMIT %d", $args ), ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			$out[] = array(
				'key'      => (string) $row['grp'],
				'failures' => (int) $row['failures'],
			);
		}
		return $out;
	}

	/**
	 * Lists the distinct users of the failures matching filters (for the rollup's open hours,
	 * which the caps keep small).
	 *
	 * @param array<string, mixed> $filters Filters as in per_hour().
	 * @param int                  $limit   How many at most.
	 * @return int[]
	 */
	public function user_ids( array $filters, int $limit = 100000 ): array {
		global $wpdb;
		$table                = Schema::events_table();
		list( $where, $args ) = EventsQueryRepository::where( $filters );
		$args[]               = $limit;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		return array_map( 'intval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT user_id FROM {$table} WHERE {$where} AND user_id > 0 LIMIT %d", $args ) ) );
	}

	/**
	 * Returns the hour of the oldest failure kept (read from the hour index), or null when
	 * there is none.
	 *
	 * @return int|null
	 */
	public function oldest_hour(): ?int {
		global $wpdb;
		$hour = $wpdb->get_var( 'SELECT MIN(hour) FROM ' . Schema::events_table() ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table.
		return null === $hour ? null : (int) $hour;
	}

	/**
	 * Counts failures and distinct users matching filters.
	 *
	 * @param array<string, mixed> $filters Filters as in per_hour().
	 * @return array{failures: int, users: int}
	 */
	public function totals( array $filters ): array {
		global $wpdb;
		$table                = Schema::events_table();
		list( $where, $args ) = EventsQueryRepository::where( $filters );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT COALESCE(SUM(count), 0) AS failures, COUNT(DISTINCT CASE WHEN user_id > 0 THEN user_id END) AS users FROM {$table} WHERE {$where}", $args ), ARRAY_A );
		return array(
			'failures' => (int) ( $row['failures'] ?? 0 ),
			'users'    => (int) ( $row['users'] ?? 0 ),
		);
	}
}
