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
	 * How many words of the user agents a day keeps, the most common, with the rows that hold
	 * each (agent_words(), word_rows()).
	 */
	const DAY_WORDS = 100;

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
	 * Names every slice a failure belongs to: its cause, source and code alone and in pairs.
	 *
	 * @param string $cause  Its cause.
	 * @param string $source Its source.
	 * @param string $code   Its catalog code.
	 * @return string[]
	 */
	private static function slices_of( string $cause, string $source, string $code ): array {
		$values = array(
			'cause'  => $cause,
			'source' => $source,
			'code'   => $code,
		);
		$names  = array();
		foreach ( array( array( 'cause' ), array( 'source' ), array( 'code' ), array( 'cause', 'source' ), array( 'cause', 'code' ), array( 'source', 'code' ) ) as $columns ) {
			$name = self::slice_of( array_intersect_key( $values, array_flip( $columns ) ) );
			if ( null !== $name ) {
				$names[] = $name;
			}
		}
		return $names;
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
		foreach ( array( 'cause', 'user', 'agent', 'code' ) as $dim ) {
			$hours[ $dim ] = array();
			$day[ $dim ]   = array();
		}
		// Each slice (one filter's value, or two): per hour its total, sums by cause and users; per day
		// the same and its busiest.
		$slice_totals    = array();
		$slice_causes    = array();
		$slice_users     = array();
		$slice_day_users = array();
		$slice_day       = array();
		// One pass over the day's rows (the caps keep them to tens of thousands), summed here:
		// one read of each row instead of one per dimension.
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT hour, cause, user_id, user_agent, code, count, source FROM {$events} WHERE hour BETWEEN %d AND %d", $first, $last ), 'ARRAY_N' );
		if ( ! is_array( $rows ) || ! empty( $wpdb->last_error ) ) {
			return false;
		}
		$seen        = array();
		$named       = array(); // The slices of each cause, source and code met: named once.
		$words       = array(); // A whole day's: word => rows whose user agent holds it.
		$agent_words = array(); // The words of each user agent met: found once.
		foreach ( $rows as $row ) {
			$hour = (int) $row[0];
			$n    = (int) $row[5];
			if ( ! isset( $totals[ $hour ] ) ) {
				continue;
			}
			$totals[ $hour ] += $n;
			$user             = (int) $row[2];
			if ( $user > 0 ) {
				$sketches[ $hour ]->add( $user );
				$day_sketch->add( $user );
			}
			$keys = array();
			foreach ( array(
				'cause' => (string) $row[1],
				'user'  => $user > 0 ? (string) $user : null,
				'agent' => (string) $row[3],
				'code'  => (string) $row[4],
			) as $dim => $key ) {
				if ( null === $key ) {
					continue;
				}
				// Keys equal to the table's collation (letter case, trailing blanks) are one key,
				// written as first met.
				$key  = mb_substr( $key, 0, 191 );
				$norm = $dim . "\0" . mb_strtolower( rtrim( $key ) );
				$key  = $seen[ $norm ] ?? $key;

				$seen[ $norm ]                  = $key;
				$keys[ $dim ]                   = $key;
				$hours[ $dim ][ $hour ][ $key ] = ( $hours[ $dim ][ $hour ][ $key ] ?? 0 ) + $n;
				$day[ $dim ][ $key ]            = ( $day[ $dim ][ $key ] ?? 0 ) + $n;
			}
			if ( $whole_day && '' !== (string) $row[3] ) {
				if ( ! isset( $agent_words[ $row[3] ] ) ) {
					$agent_words[ $row[3] ] = self::agent_words( (string) $row[3] );
				}
				foreach ( $agent_words[ $row[3] ] as $word ) {
					$words[ $word ] = ( $words[ $word ] ?? 0 ) + 1;
				}
			}
			$combo = $keys['cause'] . "\0" . (string) $row[6] . "\0" . $keys['code'];
			if ( ! isset( $named[ $combo ] ) ) {
				$named[ $combo ] = self::slices_of( $keys['cause'], (string) $row[6], $keys['code'] );
			}
			foreach ( $named[ $combo ] as $slice ) {
				if ( ! isset( $slice_users[ $slice ][ $hour ] ) ) {
					$slice_users[ $slice ][ $hour ] = new UserSketch();
				}
				if ( ! isset( $slice_day_users[ $slice ] ) ) {
					$slice_day_users[ $slice ] = new UserSketch();
				}
				$slice_totals[ $slice ][ $hour ]                   = ( $slice_totals[ $slice ][ $hour ] ?? 0 ) + $n;
				$slice_causes[ $slice ][ $hour ][ $keys['cause'] ] = ( $slice_causes[ $slice ][ $hour ][ $keys['cause'] ] ?? 0 ) + $n;
				if ( $user > 0 ) {
					$slice_users[ $slice ][ $hour ]->add( $user );
					$slice_day_users[ $slice ]->add( $user );
				}
				foreach ( $keys as $dim => $key ) {
					$slice_day[ $slice ][ $dim ][ $key ] = ( $slice_day[ $slice ][ $dim ][ $key ] ?? 0 ) + $n;
				}
			}
		}
		unset( $rows );

		// The busiest of each kind per bucket; the sums by cause on the bucket's `all` row.
		$values = array();
		foreach ( $totals as $hour => $total ) {
			foreach ( array_keys( self::DIMENSIONS ) as $dim ) {
				foreach ( self::top( $hours[ $dim ][ $hour ] ?? array(), self::HOUR_TOP ) as $key => $n ) {
					$values[] = array( 1, $hour, $dim, (string) $key, $n, null, null, '' );
				}
			}
			$values[] = array( 1, $hour, 'all', '', $total, $sketches[ $hour ]->encode(), (string) wp_json_encode( (object) ( $hours['cause'][ $hour ] ?? array() ) ), '' );
			$values[] = array( 1, $hour, 'done', (string) self::FORMAT, 0, null, null, '' );
		}
		foreach ( $slice_totals as $slice => $by_hour ) {
			foreach ( $by_hour as $hour => $total ) {
				$values[] = array( 1, $hour, 'all', '', $total, $slice_users[ $slice ][ $hour ]->encode(), (string) wp_json_encode( (object) $slice_causes[ $slice ][ $hour ] ), (string) $slice );
			}
		}
		if ( $whole_day ) {
			$start = $first - $first % 24;
			foreach ( array_keys( self::DIMENSIONS ) as $dim ) {
				foreach ( self::top( $day[ $dim ], self::DAY_TOP ) as $key => $n ) {
					$values[] = array( 24, $start, $dim, (string) $key, $n, null, null, '' );
				}
			}
			$values[] = array( 24, $start, 'all', '', (int) array_sum( $totals ), $day_sketch->encode(), (string) wp_json_encode( (object) $day['cause'] ), '' );
			$values[] = array( 24, $start, 'done', (string) self::FORMAT, 0, null, null, '' );
			foreach ( self::top( $words, self::DAY_WORDS ) as $word => $held ) {
				$values[] = array( 24, $start, 'words', (string) $word, $held, null, null, '' );
			}
			foreach ( $slice_day as $slice => $dims ) {
				foreach ( array_keys( self::DIMENSIONS ) as $dim ) {
					foreach ( self::top( $dims[ $dim ] ?? array(), self::DAY_TOP ) as $key => $n ) {
						$values[] = array( 24, $start, $dim, (string) $key, $n, null, null, (string) $slice );
					}
				}
				$values[] = array( 24, $start, 'all', '', (int) array_sum( $dims['cause'] ?? array() ), $slice_day_users[ $slice ]->encode(), (string) wp_json_encode( (object) ( $dims['cause'] ?? array() ) ), (string) $slice );
			}
		}
		return $this->upsert( $values );
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
	 * Finds the words of a user agent that a search for each of them finds (see word_rows()):
	 * runs of three to 84 ASCII letters, digits and underscores that start the text or follow
	 * an ASCII character outside them, and end it or precede one (beside a non-ASCII letter
	 * InnoDB reads one longer word), lowercased, each once. A search for one of them matches
	 * every row whose user agent holds it, by the full-text index (`+word*`) or row by row
	 * (LIKE, then REGEXP on a word's start).
	 *
	 * @param string $agent A user agent.
	 * @return string[]
	 */
	public static function agent_words( string $agent ): array {
		if ( ! preg_match_all( '/(?<![A-Za-z0-9_\x80-\xff])[A-Za-z0-9_]{3,84}(?![A-Za-z0-9_\x80-\xff])/', $agent, $found ) ) {
			return array();
		}
		return array_values( array_unique( array_map( 'strtolower', $found[0] ) ) );
	}

	/**
	 * Counts the failures' rows whose user agent holds a word (agent_words()), summed over the
	 * UTC days computed between two hours that keep it among their DAY_WORDS: a lower bound of
	 * the rows a search for that word matches (a day that does not keep it, one computed before
	 * days kept words, and the hours not yet summed add nothing). One range of the primary key.
	 *
	 * @param string $word  A word, lowercase.
	 * @param int    $first First hour of the first day counted (a UTC midnight).
	 * @param int    $last  Start of the last day counted.
	 * @return int
	 */
	public function word_rows( string $word, int $first, int $last ): int {
		global $wpdb;
		$table = Schema::rollup_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(failures), 0) FROM {$table} WHERE span = 24 AND slice = '' AND dim = 'words' AND start BETWEEN %d AND %d AND k = %s", $first, $last, $word ) );
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
	 * Writes rows, 200 at a time; a row already there takes the new values. On SQLite, one
	 * prepared statement run for each row, inside one transaction (see upsert_sqlite()).
	 *
	 * @param array<int, array{0: int, 1: int, 2: string, 3: string, 4: int, 5: string|null, 6: string|null, 7: string}> $values Rows: span, start, dim, k, failures, sketch, causes, slice.
	 * @return bool
	 */
	private function upsert( array $values ): bool {
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
				$rows[] = null === $value[5]
					? $wpdb->prepare( '(%d, %d, %s, %s, %d, NULL, NULL, %s)', $value[0], $value[1], $value[2], $value[3], $value[4], $value[7] )
					: $wpdb->prepare( '(%d, %d, %s, %s, %d, %s, %s, %s)', $value[0], $value[1], $value[2], $value[3], $value[4], $value[5], (string) $value[6], $value[7] );
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
				if ( ! $statement->execute( array( $value[0], $value[1], $value[2], $value[3], $value[4], $value[5], null === $value[5] ? null : (string) $value[6], $value[7] ) ) ) {
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
