<?php
/**
 * The rollup table: failures summed by hour and by day.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

/**
 * Reads and writes `{prefix}auth_sentinel_rollup`: for each closed hour (`span` 1) and each
 * closed UTC day (`span` 24), the failures by cause, the busiest users, user agents and
 * catalog codes, and an `all` row with the bucket's total and its users' sketch (the marker
 * that the bucket is done). Buckets are computed from the failures table once their time is
 * over; no request that records a failure writes here.
 *
 * @since 0.1.0
 */
class RollupRepository {

	/**
	 * How many users, user agents and codes an hour keeps.
	 */
	const HOUR_TOP = 10;

	/**
	 * How many a day keeps.
	 */
	const DAY_TOP = 50;

	/**
	 * The failures table's columns behind each top list.
	 */
	const DIMENSIONS = array(
		'user'  => 'user_id',
		'agent' => 'user_agent',
		'code'  => 'code',
	);

	/**
	 * Lists the buckets that are done between two hours: hour starts, and day starts (in hours).
	 *
	 * @param int $first First hour.
	 * @param int $last  Last hour.
	 * @return array{hours: array<int, true>, days: array<int, true>}
	 */
	public function done( int $first, int $last ): array {
		global $wpdb;
		$table = Schema::rollup_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$rows = (array) $wpdb->get_results( $wpdb->prepare( "SELECT span, start FROM {$table} WHERE dim = 'all' AND k = '' AND span IN (1, 24) AND start BETWEEN %d AND %d", $first - 23, $last ), ARRAY_A );
		$done = array(
			'hours' => array(),
			'days'  => array(),
		);
		foreach ( $rows as $row ) {
			$done[ 24 === (int) $row['span'] ? 'days' : 'hours' ][ (int) $row['start'] ] = true;
		}
		return $done;
	}

	/**
	 * Computes the buckets of some hours of one UTC day from the failures table, and the day's
	 * own bucket when the day is over: four grouped reads of the day's rows (by the hour
	 * index), then upserts, so that two requests computing the same day write the same rows.
	 *
	 * @param int  $first     First hour (of one UTC day).
	 * @param int  $last      Last hour (of the same day).
	 * @param bool $whole_day Whether to write the day's bucket too (the day is over).
	 * @return bool Whether every write succeeded.
	 */
	public function compute( int $first, int $last, bool $whole_day ): bool {
		global $wpdb;
		$events = Schema::events_table();
		// Per dimension (cause, user, agent, code): per hour, and for the day, key => failures.
		$hours      = array();
		$day        = array();
		$totals     = array_fill( $first, $last - $first + 1, 0 );
		$sketches   = array();
		$day_sketch = new UserSketch();
		for ( $hour = $first; $hour <= $last; $hour++ ) {
			$sketches[ $hour ] = new UserSketch();
		}
		$columns = array_merge( array( 'cause' => 'cause' ), self::DIMENSIONS );

		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own tables, whitelisted columns, placeholders.
		foreach ( $columns as $dim => $column ) {
			$hours[ $dim ] = array();
			$day[ $dim ]   = array();
			$extra         = 'user' === $dim ? ' AND user_id > 0' : '';
			$rows          = $wpdb->get_results( $wpdb->prepare( "SELECT hour, {$column} AS k, SUM(count) AS n FROM {$events} WHERE hour BETWEEN %d AND %d{$extra} GROUP BY hour, {$column}", $first, $last ), ARRAY_A );
			if ( ! is_array( $rows ) || ! empty( $wpdb->last_error ) ) {
				return false;
			}
			$seen = array();
			foreach ( $rows as $row ) {
				$hour = (int) $row['hour'];
				$n    = (int) $row['n'];
				$key  = mb_substr( (string) $row['k'], 0, 191 );
				// Keys equal to the table's collation (letter case, trailing blanks) are one key
				// across the day's hours, written as first met.
				$norm                           = mb_strtolower( rtrim( $key ) );
				$key                            = $seen[ $norm ] ?? $key;
				$seen[ $norm ]                  = $key;
				$hours[ $dim ][ $hour ][ $key ] = ( $hours[ $dim ][ $hour ][ $key ] ?? 0 ) + $n;
				$day[ $dim ][ $key ]            = ( $day[ $dim ][ $key ] ?? 0 ) + $n;
				if ( 'cause' === $dim && isset( $totals[ $hour ] ) ) {
					$totals[ $hour ] += $n;
				} elseif ( 'user' === $dim && isset( $sketches[ $hour ] ) ) {
					$sketches[ $hour ]->add( (int) $key );
					$day_sketch->add( (int) $key );
				}
			}
		}
		// phpcs:enable

		$values = array();
		foreach ( $totals as $hour => $total ) {
			foreach ( $columns as $dim => $column ) {
				$groups = $hours[ $dim ][ $hour ] ?? array();
				foreach ( 'cause' === $dim ? $groups : self::top( $groups, self::HOUR_TOP ) as $key => $n ) {
					$values[] = array( 1, $hour, $dim, (string) $key, $n, null );
				}
			}
			$values[] = array( 1, $hour, 'all', '', $total, $sketches[ $hour ]->encode() );
		}
		if ( $whole_day ) {
			$start = $first - $first % 24;
			foreach ( $columns as $dim => $column ) {
				foreach ( 'cause' === $dim ? $day[ $dim ] : self::top( $day[ $dim ], self::DAY_TOP ) as $key => $n ) {
					$values[] = array( 24, $start, $dim, (string) $key, $n, null );
				}
			}
			$values[] = array( 24, $start, 'all', '', (int) array_sum( $totals ), $day_sketch->encode() );
		}
		return $this->upsert( $values );
	}

	/**
	 * Reads the rows of some buckets.
	 *
	 * @param int      $span  1 (hours) or 24 (days).
	 * @param int      $first First bucket start (hour).
	 * @param int      $last  Last bucket start (hour).
	 * @param string[] $dims  Which rows: cause, user, agent, code, all.
	 * @return array<int, array{start: int, dim: string, k: string, failures: int, sketch: string}>
	 */
	public function read( int $span, int $first, int $last, array $dims ): array {
		global $wpdb;
		if ( $first > $last ) {
			return array();
		}
		$table = Schema::rollup_table();
		$dims  = array_values( array_intersect( $dims, array( 'cause', 'user', 'agent', 'code', 'all' ) ) );
		$in    = "'" . implode( "','", $dims ) . "'";
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, whitelisted dimensions, placeholders.
		$rows = (array) $wpdb->get_results( $wpdb->prepare( "SELECT start, dim, k, failures, sketch FROM {$table} WHERE span = %d AND start BETWEEN %d AND %d AND dim IN ({$in})", $span, $first, $last ), ARRAY_A );
		$out  = array();
		foreach ( $rows as $row ) {
			$out[] = array(
				'start'    => (int) $row['start'],
				'dim'      => (string) $row['dim'],
				'k'        => (string) $row['k'],
				'failures' => (int) $row['failures'],
				'sketch'   => (string) $row['sketch'],
			);
		}
		return $out;
	}

	/**
	 * Forgets the buckets of some hours (their failures changed: an import, a repair), with
	 * the days they belong to; they are computed again when next asked for.
	 *
	 * @param int $first First hour.
	 * @param int $last  Last hour.
	 * @return void
	 */
	public function forget( int $first, int $last ): void {
		global $wpdb;
		$table = Schema::rollup_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE span = 1 AND start BETWEEN %d AND %d", $first, $last ) );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE span = 24 AND start BETWEEN %d AND %d", $first - $first % 24, $last ) );
		// phpcs:enable
	}

	/**
	 * Removes a user from the top lists (the privacy eraser); the sums stay, as the failures
	 * themselves stay, anonymised.
	 *
	 * @param int $user_id The user.
	 * @return void
	 */
	public function forget_user( int $user_id ): void {
		global $wpdb;
		$table = Schema::rollup_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE dim = 'user' AND k = %s", (string) $user_id ) );
		// The buckets whose exact list of users named the user are computed again, from the
		// anonymised failures, when next asked for.
		$id = (string) $user_id;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE dim = 'all' AND (sketch = %s OR sketch LIKE %s OR sketch LIKE %s OR sketch LIKE %s)", 'L:' . $id, $wpdb->esc_like( 'L:' . $id . ',' ) . '%', '%' . $wpdb->esc_like( ',' . $id . ',' ) . '%', '%' . $wpdb->esc_like( ',' . $id ) ) );
		// phpcs:enable
	}

	/**
	 * Deletes the buckets that start before an hour (the failures before it were pruned).
	 *
	 * @param int $before First hour kept.
	 * @return int Rows deleted.
	 */
	public function prune( int $before ): int {
		global $wpdb;
		$table = Schema::rollup_table();
		return (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE start < %d", $before ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
	}

	/**
	 * Empties the rollup (demo data replaced, a test).
	 *
	 * @return void
	 */
	public function clear(): void {
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Schema::rollup_table() ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table.
	}

	/**
	 * Keeps the biggest groups.
	 *
	 * @param array<string|int, int> $groups Key => failures.
	 * @param int                    $limit  How many.
	 * @return array<string|int, int>
	 */
	private static function top( array $groups, int $limit ): array {
		arsort( $groups );
		return array_slice( $groups, 0, $limit, true );
	}

	/**
	 * Writes rows, 200 at a time; a row already there takes the new values.
	 *
	 * @param array<int, array{0: int, 1: int, 2: string, 3: string, 4: int, 5: string|null}> $values Rows: span, start, dim, k, failures, sketch.
	 * @return bool
	 */
	private function upsert( array $values ): bool {
		global $wpdb;
		$table = Schema::rollup_table();
		$ok    = true;
		foreach ( array_chunk( $values, 200 ) as $chunk ) {
			$rows = array();
			foreach ( $chunk as $value ) {
				$rows[] = null === $value[5]
					? $wpdb->prepare( '(%d, %d, %s, %s, %d, NULL)', $value[0], $value[1], $value[2], $value[3], $value[4] )
					: $wpdb->prepare( '(%d, %d, %s, %s, %d, %s)', $value[0], $value[1], $value[2], $value[3], $value[4], $value[5] );
			}
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table; each row prepared above.
			$ok = false !== $wpdb->query( "INSERT INTO {$table} (span, start, dim, k, failures, sketch) VALUES " . implode( ',', $rows ) . ' ON DUPLICATE KEY UPDATE failures = VALUES(failures), sketch = VALUES(sketch)' ) && $ok;
		}
		return $ok;
	}
}
