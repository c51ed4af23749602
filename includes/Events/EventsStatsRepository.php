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
 * statistics; these answer the hours it does not hold and the filters it does not slice by,
 * and hour_rows() reads the rows RollupBuilder sums into it. EventsProbeRepository tells
 * whether a search is counted from its matches or from the newest rows.
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
	 * Sums the failures matching filters in one read of their rows: per hour and cause, the
	 * total, the distinct users and the biggest groups by user, by user agent and by code, where
	 * per_hour(), totals(), user_ids() and top() read them once each. Keys equal to the table's
	 * collation (letter case, trailing blanks) are one group, named as first met. For ranges of
	 * a bounded number of rows (a rollup's edge hours, the newest hours of a broad search).
	 *
	 * @param array<string, mixed> $filters Filters as in per_hour().
	 * @param int                  $limit   How many groups of each.
	 * @return array{per_hour: array<int, array{hour: int, cause: string, failures: int}>, failures: int, user_ids: int[], top: array<string, array<int, array{key: string, failures: int}>>}
	 *         `top` by column (user_id, user_agent, code): groups, biggest first.
	 */
	public function summary( array $filters, int $limit ): array {
		global $wpdb;
		$table                = Schema::events_table();
		list( $where, $args ) = EventsQueryRepository::where( $filters );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$rows     = $wpdb->get_results( $wpdb->prepare( "SELECT hour, cause, user_id, user_agent, code, count FROM {$table} WHERE {$where}", $args ), 'ARRAY_N' );
		$causes   = array();
		$failures = 0;
		$users    = array();
		$sums     = array(
			'user_id'    => array(),
			'user_agent' => array(),
			'code'       => array(),
		);
		$names    = array(); // Normalised key => the key first met.
		$canon    = array(); // Column => key => its group's key.
		foreach ( (array) $rows as $row ) {
			$n         = (int) $row[5];
			$user      = (int) $row[2];
			$failures += $n;
			$keys      = array(
				'cause'      => (string) $row[1],
				'user_agent' => (string) $row[3],
				'code'       => (string) $row[4],
			);
			foreach ( $keys as $column => $key ) {
				if ( ! isset( $canon[ $column ][ $key ] ) ) {
					$norm                     = $column . "\0" . mb_strtolower( rtrim( $key ) );
					$names[ $norm ]           = $names[ $norm ] ?? $key;
					$canon[ $column ][ $key ] = $names[ $norm ];
				}
				$keys[ $column ] = $canon[ $column ][ $key ];
			}
			$causes[ (int) $row[0] ][ $keys['cause'] ] = ( $causes[ (int) $row[0] ][ $keys['cause'] ] ?? 0 ) + $n;
			if ( $user > 0 ) {
				$users[ $user ]                    = true;
				$sums['user_id'][ (string) $user ] = ( $sums['user_id'][ (string) $user ] ?? 0 ) + $n;
			}
			foreach ( array( 'user_agent', 'code' ) as $column ) {
				$sums[ $column ][ $keys[ $column ] ] = ( $sums[ $column ][ $keys[ $column ] ] ?? 0 ) + $n;
			}
		}
		$per_hour = array();
		foreach ( $causes as $hour => $by_cause ) {
			foreach ( $by_cause as $cause => $n ) {
				$per_hour[] = array(
					'hour'     => (int) $hour,
					'cause'    => (string) $cause,
					'failures' => $n,
				);
			}
		}
		return array(
			'per_hour' => $per_hour,
			'failures' => $failures,
			'user_ids' => array_keys( $users ),
			'top'      => array_map(
				static function ( array $groups ) use ( $limit ): array {
					return self::biggest( $groups, $limit );
				},
				$sums
			),
		);
	}

	/**
	 * Lists the biggest groups of failures summed by key, biggest first (the top lists of
	 * summary() and of the rollup's statistics).
	 *
	 * @param array<string|int, int> $groups Key => failures.
	 * @param int                    $limit  How many.
	 * @return array<int, array{key: string, failures: int}>
	 */
	public static function biggest( array $groups, int $limit ): array {
		arsort( $groups );
		$out = array();
		foreach ( array_slice( $groups, 0, $limit, true ) as $key => $n ) {
			$out[] = array(
				'key'      => (string) $key,
				'failures' => $n,
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
	 * Reads the rows of some hours for the rollup (RollupBuilder::compute()), by the hour index:
	 * each row's hour, cause, user id, user agent, code, count and source, in that order; null
	 * when the read failed.
	 *
	 * @param int $first First hour.
	 * @param int $last  Last hour.
	 * @return array<int, array<int, mixed>>|null
	 */
	public function hour_rows( int $first, int $last ): ?array {
		global $wpdb;
		$events = Schema::events_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT hour, cause, user_id, user_agent, code, count, source FROM {$events} WHERE hour BETWEEN %d AND %d", $first, $last ), 'ARRAY_N' );
		if ( ! is_array( $rows ) || ! empty( $wpdb->last_error ) ) {
			return null;
		}
		return $rows;
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
