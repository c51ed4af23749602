<?php
/**
 * The rollup table: failures summed by hour and by day.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Database\Engine;
use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

/**
 * Reads and writes `{prefix}auth_sentinel_rollup` (primary key span, slice, dim, start, k: each
 * read is one range of it): for each closed hour (`span` 1) and each closed UTC day (`span` 24),
 * the busiest users, user agents and catalog codes, an `all` row with the bucket's total, its
 * sums by cause (JSON) and its users' sketch, and a `done` row naming the FORMAT it was computed
 * in (the marker that the bucket is done). The same again for each slice of the bucket's
 * failures: one filter of the REST API each (`cause=…`, `source=…`, `code=…`) and each pair of
 * them (`cause=…&source=…`, `cause=…&code=…`, `source=…&code=…`): an `all` row per hour and per
 * day, and the busiest per day. Buckets are computed from the failures table once their time is
 * over (RollupBuilder); no request that records a failure writes here.
 *
 * @since 0.1.0
 */
class RollupRepository {

	/**
	 * The failures table's columns behind each top list.
	 */
	const DIMENSIONS = array(
		'user'  => 'user_id',
		'agent' => 'user_agent',
		'code'  => 'code',
	);

	/**
	 * The filters summed as slices of each bucket (the failures table's columns), alone and in
	 * pairs.
	 */
	const SLICES = array( 'cause', 'source', 'code' );

	/**
	 * What a bucket holds: 2 since the pairs of filters are sliced too. A bucket of an older
	 * format is not done (done()): the upkeep computes it again, in its batches.
	 */
	const FORMAT = 2;

	/**
	 * The longest name of a slice (the `slice` column); a slice whose name is longer is not kept,
	 * and its statistics come from the failures table.
	 */
	const SLICE_LENGTH = 80;

	/**
	 * Names the slice of some filters: none ('', every failure), one of SLICES, or two of them
	 * (`cause=expired&source=token`, in the order of SLICES); null when the rollup keeps no such
	 * slice (another filter, three filters, a name too long).
	 *
	 * @param array<string, string> $filter Filter => value.
	 * @return string|null
	 */
	public static function slice_of( array $filter ): ?string {
		$parts = array();
		foreach ( self::SLICES as $column ) {
			if ( isset( $filter[ $column ] ) ) {
				$parts[] = $column . '=' . $filter[ $column ];
			}
		}
		if ( count( $parts ) !== count( $filter ) || count( $parts ) > 2 ) {
			return null;
		}
		$name = implode( '&', $parts );
		return mb_strlen( $name ) <= self::SLICE_LENGTH ? $name : null;
	}

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
		$rows = (array) $wpdb->get_results( $wpdb->prepare( "SELECT span, start FROM {$table} WHERE slice = '' AND dim = 'done' AND k = %s AND span IN (1, 24) AND start BETWEEN %d AND %d", (string) self::FORMAT, $first - 23, $last ), ARRAY_A );
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
	 * Sums the closed hours' failures by cause, per bucket of a number of hours (one, or the
	 * site's local days): one row per hour (its `all` row carries its sums by cause).
	 *
	 * @param int    $first  First hour.
	 * @param int    $last   Last hour.
	 * @param int    $step   Hours per bucket: 1 or 24.
	 * @param int    $offset For days: the site's offset from UTC, in whole hours.
	 * @param string $slice  The slice (see slice_of()); '' for every failure.
	 * @return array<int, array{hour: int, cause: string, failures: int}> `hour` is the bucket's first hour.
	 */
	public function causes( int $first, int $last, int $step, int $offset, string $slice = '' ): array {
		global $wpdb;
		if ( $first > $last ) {
			return array();
		}
		$table = Schema::rollup_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$rows = (array) $wpdb->get_results( $wpdb->prepare( "SELECT start, causes FROM {$table} WHERE span = 1 AND slice = %s AND dim = 'all' AND start BETWEEN %d AND %d", $slice, $first, $last ), 'ARRAY_N' );
		$sums = array();
		foreach ( $rows as $row ) {
			$hour   = (int) $row[0];
			$bucket = 24 === $step ? $hour - ( ( $hour + $offset ) % 24 + 24 ) % 24 : $hour;
			$causes = json_decode( (string) $row[1], true );
			foreach ( is_array( $causes ) ? $causes : array() as $cause => $n ) {
				$sums[ $bucket ][ (string) $cause ] = ( $sums[ $bucket ][ (string) $cause ] ?? 0 ) + (int) $n;
			}
		}
		$out = array();
		foreach ( $sums as $bucket => $causes ) {
			foreach ( $causes as $cause => $n ) {
				$out[] = array(
					'hour'     => (int) $bucket,
					'cause'    => (string) $cause,
					'failures' => $n,
				);
			}
		}
		return $out;
	}

	/**
	 * Sums one top list over some buckets, biggest first.
	 *
	 * @param int    $span  1 (hours) or 24 (days).
	 * @param string $dim   user, agent or code.
	 * @param int    $first First bucket start (hour).
	 * @param int    $last  Last bucket start (hour).
	 * @param int    $limit How many.
	 * @param string $slice  The slice (see slice_of()); '' for every failure.
	 * @return array<string, int> Key => failures.
	 */
	public function top_sums( int $span, string $dim, int $first, int $last, int $limit, string $slice = '' ): array {
		global $wpdb;
		if ( $first > $last || ! isset( self::DIMENSIONS[ $dim ] ) ) {
			return array();
		}
		$table = Schema::rollup_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$rows = (array) $wpdb->get_results( $wpdb->prepare( "SELECT k, SUM(failures) AS n FROM {$table} WHERE span = %d AND slice = %s AND dim = %s AND start BETWEEN %d AND %d GROUP BY k ORDER BY n DESC LIMIT %d", $span, $slice, $dim, $first, $last, $limit ), 'ARRAY_N' );
		$out  = array();
		foreach ( $rows as $row ) {
			$out[ (string) $row[0] ] = (int) $row[1];
		}
		return $out;
	}

	/**
	 * Counts the failures' rows whose user agent holds a word (RollupBuilder::agent_words()),
	 * summed over the UTC days computed between two hours that keep it among their
	 * RollupBuilder::DAY_WORDS: a lower bound of the rows a search for that word matches (a day
	 * that does not keep it, one computed before days kept words, and the hours not yet summed
	 * add nothing). With a cause or a source, the rows of that cause or source only (a day
	 * computed before days kept them by cause and source adds nothing either). One range of the
	 * primary key.
	 *
	 * @param string                $word   A word, lowercase.
	 * @param int                   $first  First hour of the first day counted (a UTC midnight).
	 * @param int                   $last   Start of the last day counted.
	 * @param array<string, string> $filter None, or one of `cause` or `source` with its value.
	 * @return int
	 */
	public function word_rows( string $word, int $first, int $last, array $filter = array() ): int {
		global $wpdb;
		$table = Schema::rollup_table();
		if ( array() === $filter ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
			return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(failures), 0) FROM {$table} WHERE span = 24 AND slice = '' AND dim = 'words' AND start BETWEEN %d AND %d AND k = %s", $first, $last, $word ) );
		}
		$column = (string) key( $filter );
		if ( 1 !== count( $filter ) || ! in_array( $column, array( 'cause', 'source' ), true ) ) {
			return 0;
		}
		$value = strtolower( (string) current( $filter ) );
		$rows  = 0;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		foreach ( (array) $wpdb->get_col( $wpdb->prepare( "SELECT causes FROM {$table} WHERE span = 24 AND slice = '' AND dim = 'words' AND start BETWEEN %d AND %d AND k = %s", $first, $last, $word ) ) as $by ) {
			$by    = json_decode( (string) $by, true );
			$rows += is_array( $by ) && isset( $by[ $column ][ $value ] ) ? (int) $by[ $column ][ $value ] : 0;
		}
		return $rows;
	}

	/**
	 * Returns the users' sketches of some buckets.
	 *
	 * @param int    $span  1 (hours) or 24 (days).
	 * @param int    $first First bucket start (hour).
	 * @param int    $last  Last bucket start (hour).
	 * @param string $slice  The slice (see slice_of()); '' for every failure.
	 * @return string[]
	 */
	public function sketches( int $span, int $first, int $last, string $slice = '' ): array {
		global $wpdb;
		if ( $first > $last ) {
			return array();
		}
		$table = Schema::rollup_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		return array_map( 'strval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT sketch FROM {$table} WHERE span = %d AND slice = %s AND dim = 'all' AND start BETWEEN %d AND %d", $span, $slice, $first, $last ) ) );
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
	 * Writes the rows of computed buckets (RollupBuilder::compute()), 200 at a time; a row already
	 * there takes the new values. On SQLite, one prepared statement run for each row, inside one
	 * transaction (see upsert_sqlite()).
	 *
	 * @param array<int, array{0: int, 1: int, 2: string, 3: string, 4: int, 5: string|null, 6: string|null, 7: string}> $values Rows: span, start, dim, k, failures, sketch, causes, slice.
	 * @return bool
	 */
	public function upsert( array $values ): bool {
		global $wpdb;
		$table  = Schema::rollup_table();
		$sqlite = Engine::sqlite_connection();
		if ( null !== $sqlite ) {
			return self::upsert_sqlite( $sqlite, $table, $values );
		}
		$ok = true;
		foreach ( array_chunk( $values, 200 ) as $chunk ) {
			$rows = array();
			foreach ( $chunk as $value ) {
				$rows[] = $wpdb->prepare( '(%d, %d, %s, %s, %d, ', $value[0], $value[1], $value[2], $value[3], $value[4] )
					. ( null === $value[5] ? 'NULL, ' : $wpdb->prepare( '%s, ', $value[5] ) )
					. ( null === $value[6] ? 'NULL, ' : $wpdb->prepare( '%s, ', $value[6] ) )
					. $wpdb->prepare( '%s)', $value[7] );
			}
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table; each row prepared above.
			$ok = false !== $wpdb->query( "INSERT INTO {$table} (span, start, dim, k, failures, sketch, causes, slice) VALUES " . implode( ',', $rows ) . ' ON DUPLICATE KEY UPDATE failures = VALUES(failures), sketch = VALUES(sketch), causes = VALUES(causes)' ) && $ok;
		}
		return $ok;
	}

	/**
	 * Writes rows on SQLite with one prepared statement, past the driver's MySQL parser (which
	 * made a 10-day rollup of 3,000 failures take 6 s; now well under one). Inside a transaction
	 * of its own unless one is open; on any error, rolls back what it began and says so.
	 *
	 * @param \PDO                                                                                                       $pdo    The SQLite connection.
	 * @param string                                                                                                     $table  The rollup's table.
	 * @param array<int, array{0: int, 1: int, 2: string, 3: string, 4: int, 5: string|null, 6: string|null, 7: string}> $values Rows, as upsert().
	 * @return bool
	 */
	private static function upsert_sqlite( \PDO $pdo, string $table, array $values ): bool { // phpcs:ignore WordPress.DB.RestrictedClasses.mysql__PDO -- Playground's SQLite connection, see Engine::sqlite_connection().
		$began = false;
		$ok    = true;
		try {
			$statement = $pdo->prepare( "INSERT INTO \"{$table}\" (span, start, dim, k, failures, sketch, causes, slice) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (span, slice, dim, start, k) DO UPDATE SET failures = excluded.failures, sketch = excluded.sketch, causes = excluded.causes" );
			if ( false === $statement ) {
				return false;
			}
			if ( ! $pdo->inTransaction() ) {
				$began = $pdo->beginTransaction();
			}
			foreach ( $values as $value ) {
				if ( ! $statement->execute( array( $value[0], $value[1], $value[2], $value[3], $value[4], $value[5], $value[6], $value[7] ) ) ) {
					$ok = false;
					break;
				}
			}
			if ( $ok ) {
				return ! $began || $pdo->commit();
			}
		} catch ( \Throwable $e ) {
			$ok = false;
		}
		if ( $began && $pdo->inTransaction() ) {
			$pdo->rollBack();
		}
		return false;
	}
}
