<?php
/**
 * Storage of recorded failures.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Database\BoundedQuery;
use AuthSentinel\Database\QueryFaults;
use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

/**
 * Writes the failures table (record(), import(), prune()) and reads the rows whose counts log
 * forwarding sends: the part of the table a failing request loads. EventsListRepository lists it.
 *
 * A repeat of the same credential from the same client in the same hour is one atomic upsert
 * that increments `count`: a storm of retries stays a handful of rows and loses no count under
 * concurrency.
 *
 * @since 0.1.0
 */
class EventsRepository {

	/**
	 * Bits of each sketch column (kept under 64 so every value fits a signed integer too).
	 */
	const SKETCH_BITS = 62;

	/**
	 * The autoloaded option naming the last hour whose cap of new rows was reached, and the cap:
	 * "<hour>:<cap>".
	 */
	const FULL_HOUR_OPTION = 'auth_sentinel_events_full_hour';

	/**
	 * The hour this record() found full, 0 for none.
	 *
	 * @var int
	 */
	private $filled = 0;

	/**
	 * Records one failure, bounded: a repeat increments its row (one statement); a new row is
	 * written only while its client network and all networks together are under their caps of new
	 * rows this hour, and otherwise folds into the hour's overflow row of its cause and source,
	 * which counts every failure and keeps a sketch of the distinct credentials and networks.
	 *
	 * @param array<string, mixed> $row         Column values, `agg_key` and `net` included.
	 * @param int                  $cap_network New rows one network may add this hour.
	 * @param int                  $cap_hour    New rows all networks may add this hour.
	 * @return string updated|inserted|overflow|failed.
	 */
	public function record( array $row, int $cap_network, int $cap_hour ): string {
		// A fault of the table (missing, locked, denied, full) must never hold up or change the request.
		$result = BoundedQuery::run(
			Schema::events_table(),
			function () use ( $row, $cap_network, $cap_hour ): string {
				$this->filled = 0;
				return $this->write( $row, $cap_network, $cap_hour );
			}
		);
		if ( $this->filled > 0 ) {
			// The hour's cap is reached: later failures of this hour fold without counting rows
			// (unless the cap is raised meanwhile).
			update_option( self::FULL_HOUR_OPTION, $this->filled . ':' . $cap_hour, true );
		}
		return $result;
	}

	/**
	 * Tells whether an hour's cap of new rows was reached, at this cap or a higher one (from the
	 * autoloaded options: no query).
	 *
	 * @param int $hour The hour (Unix time / 3600).
	 * @param int $cap  The cap of new rows an hour now.
	 * @return bool
	 */
	private static function hour_is_full( int $hour, int $cap ): bool {
		$all  = wp_load_alloptions();
		$full = explode( ':', (string) ( $all[ self::FULL_HOUR_OPTION ] ?? '' ) );
		return 2 === count( $full ) && (int) $full[0] === $hour && (int) $full[1] >= $cap;
	}

	/**
	 * Writes one failure within the caps (record() bounds it).
	 *
	 * @param array<string, mixed> $row         Column values, `agg_key` and `net` included.
	 * @param int                  $cap_network New rows one network may add this hour.
	 * @param int                  $cap_hour    New rows all networks may add this hour.
	 * @return string updated|inserted|overflow|failed.
	 */
	private function write( array $row, int $cap_network, int $cap_hour ): string {
		global $wpdb;
		$table = Schema::events_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$updated = BoundedQuery::exec( $wpdb->prepare( "UPDATE {$table} SET count = count + 1, last_seen = %s WHERE agg_key = %s", $row['last_seen'], $row['agg_key'] ) );
		if ( false === $updated ) {
			return 'failed';
		}
		if ( $updated > 0 ) {
			return 'updated';
		}
		// A new row, if its network and the hour are under their caps: two counts, each read from
		// the (hour, overflow, net) index alone; none once the hour is known to be full.
		$hour = (int) $row['hour'];
		$fold = self::hour_is_full( $hour, $cap_hour );
		if ( ! $fold ) {
			$net_rows = $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE hour = %d AND overflow = 0 AND net = %s", $hour, $row['net'] ) );
			if ( null === $net_rows ) {
				return 'failed';
			}
			$fold = (int) $net_rows >= $cap_network;
		}
		if ( ! $fold ) {
			$hour_rows = $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE hour = %d AND overflow = 0", $hour ) );
			if ( null === $hour_rows ) {
				return 'failed';
			}
			$fold = (int) $hour_rows >= $cap_hour;
			if ( $fold ) {
				$this->filled = $hour;
			}
		}
		// phpcs:enable
		if ( $fold ) {
			return $this->fold( $row ) ? 'overflow' : 'failed';
		}
		if ( $this->insert( $row ) ) {
			return 'inserted';
		}
		if ( ! QueryFaults::duplicate() ) {
			return 'failed'; // A fault of the table, not a race: its error stays the last one.
		}
		// Another request wrote the same row first: count this one in it.
		$again = BoundedQuery::exec( $wpdb->prepare( "UPDATE {$table} SET count = count + 1, last_seen = %s WHERE agg_key = %s", $row['last_seen'], $row['agg_key'] ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Own table.
		return $again ? 'updated' : 'failed';
	}

	/**
	 * Writes a row made elsewhere (demo data, a test), adding its count to the row of the same
	 * key if there is one; no cap applies.
	 *
	 * @param array<string, mixed> $row Column values, `agg_key` and `count` included.
	 * @return bool Whether the write succeeded.
	 */
	public function import( array $row ): bool {
		global $wpdb;
		$placeholders = array();
		foreach ( $row as $value ) {
			$placeholders[] = null === $value ? 'NULL' : ( is_int( $value ) ? '%d' : '%s' );
		}
		$values   = array_values( array_filter( $row, 'is_scalar' ) );
		$sql      = 'INSERT INTO ' . Schema::events_table() . ' (' . implode( ', ', array_keys( $row ) ) . ') VALUES (' . implode( ', ', $placeholders ) . ')'
			. ' ON DUPLICATE KEY UPDATE count = count + VALUES(count), last_seen = VALUES(last_seen)';
		$suppress = $wpdb->suppress_errors( true );
		$result   = $wpdb->query( $wpdb->prepare( $sql, $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Placeholders built above; own table.
		$wpdb->suppress_errors( $suppress );
		if ( isset( $row['hour'] ) && (int) $row['hour'] <= Rollup::last_closed() + 1 ) {
			// A row written into an hour already summed: the hour is summed again when asked for.
			( new RollupRepository() )->forget( (int) $row['hour'], (int) $row['hour'] );
		}
		return false !== $result;
	}

	/**
	 * Counts a failure in the hour's overflow row of its cause and source.
	 *
	 * @param array<string, mixed> $row The failure's row as it would have been written.
	 * @return bool
	 */
	private function fold( array $row ): bool {
		global $wpdb;
		$table = Schema::events_table();
		$key   = substr( hash( 'sha256', implode( "\0", array( 'overflow', (string) $row['hour'], (string) $row['cause'], (string) $row['source'] ) ) ), 0, 32 );
		$cred  = self::bit( 'credential' . "\0" . (string) $row['token_fp'] . "\0" . (string) $row['agg_key'], 2 * self::SKETCH_BITS );
		$net   = self::bit( 'network' . "\0" . (string) $row['net'], self::SKETCH_BITS );
		$a     = $cred < self::SKETCH_BITS ? 1 << $cred : 0;
		$b     = $cred >= self::SKETCH_BITS ? 1 << ( $cred - self::SKETCH_BITS ) : 0;
		$n     = 1 << $net;
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$sql = "UPDATE {$table} SET count = count + 1, last_seen = %s, sketch_a = sketch_a | %d, sketch_b = sketch_b | %d, sketch_net = sketch_net | %d WHERE agg_key = %s";
		if ( BoundedQuery::exec( $wpdb->prepare( $sql, $row['last_seen'], $a, $b, $n, $key ) ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- $sql is the literal above.
			return true;
		}
		$overflow = array_merge(
			$row,
			array(
				'agg_key'     => $key,
				'overflow'    => 1,
				'user_id'     => 0,
				'ip'          => '',
				'user_agent'  => '',
				'route'       => '',
				'net'         => '',
				'server_code' => 'overflow',
				'token_fp'    => '',
				'token_iss'   => '',
				'token_iat'   => null,
				'token_exp'   => null,
				'token_jti'   => '',
				'token_type'  => '',
				'details'     => '{"overflow":true}',
				'sketch_a'    => $a,
				'sketch_b'    => $b,
				'sketch_net'  => $n,
			)
		);
		if ( $this->insert( $overflow ) ) {
			return true;
		}
		if ( ! QueryFaults::duplicate() ) {
			return false;
		}
		return (bool) BoundedQuery::exec( $wpdb->prepare( $sql, $row['last_seen'], $a, $b, $n, $key ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- $sql is the literal above.
		// phpcs:enable
	}

	/**
	 * Inserts a row; false when it exists already or the write failed.
	 *
	 * @param array<string, mixed> $row Column values.
	 * @return bool
	 */
	private function insert( array $row ): bool {
		global $wpdb;
		$placeholders = array();
		foreach ( $row as $value ) {
			$placeholders[] = null === $value ? 'NULL' : ( is_int( $value ) ? '%d' : '%s' );
		}
		$values = array_values( array_filter( $row, 'is_scalar' ) );
		$sql    = 'INSERT INTO ' . Schema::events_table() . ' (' . implode( ', ', array_keys( $row ) ) . ') VALUES (' . implode( ', ', $placeholders ) . ')';
		return 1 === BoundedQuery::exec( $wpdb->prepare( $sql, $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Placeholders built above; own table.
	}

	/**
	 * Picks the sketch bit of a value.
	 *
	 * @param string $value The value.
	 * @param int    $bits  How many bits there are.
	 * @return int
	 */
	private static function bit( string $value, int $bits ): int {
		return (int) ( hexdec( substr( hash( 'sha256', $value ), 0, 8 ) ) % $bits );
	}

	/**
	 * Estimates how many distinct values a sketch has seen (linear counting); null when the
	 * sketch is full (more than it can tell).
	 *
	 * @param int[] $columns The sketch's columns.
	 * @return int|null
	 */
	public static function estimate( array $columns ): ?int {
		$bits = count( $columns ) * self::SKETCH_BITS;
		$set  = 0;
		foreach ( $columns as $column ) {
			$set += substr_count( decbin( (int) $column ), '1' );
		}
		if ( $set >= $bits ) {
			return null;
		}
		return (int) round( -$bits * log( ( $bits - $set ) / $bits ) );
	}

	/**
	 * Returns the rows that were repeated and last seen in a window, oldest first (log
	 * forwarding's count updates, `Logging\LogForwarder::emit_counts`).
	 *
	 * @param string $after  GMT datetime: last seen after it.
	 * @param string $until  GMT datetime: last seen at or before it.
	 * @param int    $limit  Most rows.
	 * @return array<int, array<string, mixed>>
	 */
	public function repeated_between( string $after, string $until, int $limit ): array {
		global $wpdb;
		$table    = Schema::events_table();
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT agg_key, first_seen, last_seen, count, source, issuer, server_code, code, cause, user_id, ip, user_agent, route, token_fp, token_type, overflow FROM {$table} WHERE last_seen > %s AND last_seen <= %s AND count > 1 ORDER BY last_seen ASC LIMIT %d", $after, $until, $limit ), ARRAY_A );
		$wpdb->suppress_errors( $suppress );
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Deletes failures last seen before a time, in batches of ids, so that even a million old
	 * rows never hold a long lock; stops after a time budget.
	 *
	 * @param string $before GMT datetime.
	 * @param int    $batch  Rows per DELETE.
	 * @param float  $budget Seconds to spend at most.
	 * @return array{deleted: int, done: bool} Rows deleted, and whether none older is left.
	 */
	public function prune( string $before, int $batch = 2000, float $budget = 20.0 ): array {
		return \AuthSentinel\Database\BatchDelete::run( Schema::events_table(), 'last_seen < %s', array( $before ), $batch, $budget );
	}
}
