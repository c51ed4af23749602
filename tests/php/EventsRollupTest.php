<?php
/**
 * The statistics' rollup answers as the failures table does.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Database\Engine;
use AuthSentinel\Database\FullText;
use AuthSentinel\Database\Schema;
use AuthSentinel\Events\ChangeMarkers;
use AuthSentinel\Events\EventsProbeRepository;
use AuthSentinel\Events\EventsRepository;
use AuthSentinel\Events\EventsStatsRepository;
use AuthSentinel\Events\Rollup;
use AuthSentinel\Events\RollupBuilder;
use AuthSentinel\Events\RollupRepository;
use AuthSentinel\Events\UserSketch;
use AuthSentinel\Plugin;
use AuthSentinel\Rest\Dates;

/**
 * Hourly and daily sums computed once an hour is over, read instead of the failures table by
 * `GET /events/stats`, forgotten when their failures change.
 */
class EventsRollupTest extends TestCase {

	/**
	 * The agg_key prefix of this test's rows.
	 */
	const TAG = 'rolluptest';

	/**
	 * First hour of the seeded days (a UTC midnight, twelve days ago).
	 *
	 * @var int
	 */
	private $first = 0;

	/**
	 * Seeds ten closed days of failures: a few heavy users and many light ones.
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->forget_rows();
		$today       = intdiv( time(), DAY_IN_SECONDS ) * 24;
		$this->first = $today - 12 * 24;
		$causes      = array( 'expired', 'revoked', 'secret_changed', 'bad_credentials', 'corrupted' );
		$codes       = array( 'token_expired', 'token_revoked', 'token_invalid', 'login_failed' );
		mt_srand( 42 ); // phpcs:disable WordPress.WP.AlternativeFunctions.rand_mt_rand,WordPress.WP.AlternativeFunctions.rand_seeding_mt_srand -- Seeded: the same rows every run.

		$values = array();
		for ( $i = 0; $i < 3000; $i++ ) {
			$hour     = $this->first + mt_rand( 0, 10 * 24 - 1 );
			$user     = 0 === $i % 2 ? 990000 + mt_rand( 1, 5 ) : ( 0 === $i % 7 ? 0 : 990100 + mt_rand( 1, 600 ) );
			$at       = gmdate( 'Y-m-d H:i:s', $hour * HOUR_IN_SECONDS + mt_rand( 0, 3599 ) );
			$values[] = array(
				self::TAG . md5( (string) $i ),
				$hour,
				$at,
				$at,
				mt_rand( 1, 5 ),
				'token',
				'jwt_auth_invalid_token',
				$codes[ $i % 4 ],
				$causes[ mt_rand( 0, 4 ) ],
				$user,
				'RollupApp/' . mt_rand( 1, 12 ) . '.0',
				'{}',
			);
		}
		mt_srand(); // Random again for whatever runs next (users' names are made with it).
		$this->insert_failures( $values );
	}

	/**
	 * Inserts failures.
	 *
	 * @param array<int, array<int, int|string>> $rows Each row's agg_key, hour, first_seen, last_seen, count, source, server_code, code, cause, user_id, user_agent and details.
	 * @return void
	 */
	private function insert_failures( array $rows ): void {
		$this->insert_rows( Schema::events_table(), array( 'agg_key', 'hour', 'first_seen', 'last_seen', 'count', 'source', 'server_code', 'code', 'cause', 'user_id', 'user_agent', 'details' ), $rows );
	}

	/**
	 * Removes this test's rows and the rollup.
	 */
	protected function tearDown(): void {
		$this->forget_rows();
		parent::tearDown();
	}

	/**
	 * Asks `GET /events/stats` over the ten seeded days, as the administrator.
	 *
	 * @param array<string, string> $params More parameters (interval, filters, search).
	 * @return array<string, mixed> The answer, which must be a 200.
	 */
	private function ten_days_stats( array $params ): array {
		$response = $this->rest(
			'GET',
			'/auth-sentinel/v1/events/stats',
			array(
				'since' => gmdate( 'Y-m-d\TH:i:s\Z', $this->first * HOUR_IN_SECONDS ),
				'until' => gmdate( 'Y-m-d\TH:i:s\Z', ( $this->first + 10 * 24 ) * HOUR_IN_SECONDS - 1 ),
			) + $params,
			$this->user( 'admin' )
		);
		$this->assertSame( 200, $response->get_status() );
		return $response->get_data();
	}

	/**
	 * Deletes the seeded failures and every bucket.
	 *
	 * @return void
	 */
	private function forget_rows(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Schema::events_table() . ' WHERE agg_key LIKE %s', self::TAG . '%' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test clean-up.
		( new RollupRepository() )->clear();
	}

	/**
	 * The same range read from the failures table.
	 *
	 * @param int                   $first  First hour.
	 * @param int                   $last   Last hour.
	 * @param array<string, string> $filter A filter (cause, source or code), or none.
	 * @return array<string, mixed>
	 */
	private function from_table( int $first, int $last, array $filter = array() ): array {
		$events  = Plugin::get( EventsStatsRepository::class );
		$filters = $filter + array(
			'since_hour' => $first,
			'until_hour' => $last,
		);
		$totals  = $events->totals( $filters );
		return array(
			'per_hour' => self::sorted( $events->per_hour( $filters ) ),
			'failures' => $totals['failures'],
			'users'    => $totals['users'],
			'user_id'  => $events->top( 'user_id', $filters, 10000 ),
			'code'     => $events->top( 'code', $filters, 100 ),
		);
	}

	/**
	 * Sorts per-hour rows for comparison.
	 *
	 * @param array<int, array{hour: int, cause: string, failures: int}> $rows Rows.
	 * @return array<int, string>
	 */
	private static function sorted( array $rows ): array {
		$out = array_map(
			static function ( $row ) {
				return $row['hour'] . ' ' . $row['cause'] . ' ' . $row['failures'];
			},
			$rows
		);
		sort( $out );
		return $out;
	}

	/**
	 * Over whole days, days with ragged edges, and a range that reaches the open hour, for every
	 * failure, for one cause, code or source and for each pair of them (the REST API's
	 * filters), the rollup gives the failures table's per-hour sums and totals exactly, its
	 * busiest users and codes exactly over whole days and for any filter (a filter's hours at
	 * the edges of its days are read from the failures table), within 2% for every failure over
	 * partial days (which add their hours' ten busiest), and its users within 3%.
	 */
	public function test_rollup_answers_as_the_failures_table(): void {
		$rollup  = Plugin::get( Rollup::class );
		$now     = intdiv( time(), HOUR_IN_SECONDS );
		$filters = array(
			array(),
			array( 'cause' => 'revoked' ),
			array( 'code' => 'token_expired' ),
			array( 'source' => 'token' ),
			array(
				'cause'  => 'revoked',
				'source' => 'token',
			),
			array(
				'cause' => 'revoked',
				'code'  => 'token_expired',
			),
			array(
				'source' => 'token',
				'code'   => 'token_invalid',
			),
			array(
				'code'   => 'token_invalid',
				'source' => 'cookie', // None: a pair that no failure has.
			),
		);
		$this->assertTrue( $rollup->fill( $this->first, $now, 60.0 ) );
		foreach ( $filters as $filter ) {
			foreach ( array(
				'ten whole days'         => array( $this->first, $this->first + 10 * 24 - 1 ),
				'ragged edges'           => array( $this->first + 5, $this->first + 7 * 24 + 3 ),
				'one hour'               => array( $this->first + 30, $this->first + 30 ),
				'up to the current hour' => array( $this->first + 3 * 24 + 11, $now ),
			) as $label => list( $first, $last ) ) {
				$label .= ' ' . (string) wp_json_encode( $filter );
				$stats  = $rollup->stats( $first, $last, 2.0, 1, 0, $filter );
				$this->assertNotNull( $stats, $label );
				$table = $this->from_table( $first, $last, $filter );
				$this->assertSame( $table['per_hour'], self::sorted( $stats['per_hour'] ), $label );
				$this->assertSame( $table['failures'], $stats['failures'], $label );
				$whole = array() !== $filter || ( 0 === $first % 24 && ( 23 === $last % 24 || $first === $last ) );
				foreach ( array(
					'user_id' => 5,
					'code'    => 4,
				) as $column => $n ) {
					$counts = array_column( $table[ $column ], 'failures', 'key' );
					foreach ( array_slice( $stats['top'][ $column ], 0, $n ) as $i => $group ) {
						if ( $whole ) {
							// Whole days (and one hour), or a filter: the same counts, biggest first, ties in any order.
							$this->assertSame( $table[ $column ][ $i ]['failures'], $group['failures'], $label );
							$this->assertSame( $counts[ $group['key'] ] ?? null, $group['failures'], $label );
						} else {
							// Partial days add each hour's ten busiest: never more than the truth, and
							// within 2% for the busiest.
							$this->assertLessThanOrEqual( $counts[ $group['key'] ] ?? 0, $group['failures'], $label );
							$this->assertEqualsWithDelta( $table[ $column ][ $i ]['failures'], $group['failures'], 0.02 * $table[ $column ][ $i ]['failures'], $label );
						}
					}
				}
				if ( $stats['users_exact'] ) {
					$this->assertSame( $table['users'], $stats['users'], $label );
				} else {
					$this->assertEqualsWithDelta( $table['users'], $stats['users'], 0.03 * $table['users'], $label );
				}
			}
		}
		$this->assertNull( $rollup->stats( $this->first, $now, 2.0, 1, 0, array( 'user' => '990001' ) ), 'no slice of a user' );
		$this->assertNull(
			$rollup->stats(
				$this->first,
				$now,
				2.0,
				1,
				0,
				array(
					'cause'  => 'revoked',
					'source' => 'token',
					'code'   => 'token_expired',
				)
			),
			'no slice of three filters'
		);
		$this->assertFalse( $rollup->stats( $this->first, $this->first + 10 * 24 - 1 )['users_exact'], 'hundreds of users are estimated' );
		$this->assertTrue( $rollup->stats( $this->first + 30, $this->first + 30 )['users_exact'], 'an hour\'s few users are counted' );
	}

	/**
	 * `GET /events/stats` by day over the seeded days answers from the rollup (its buckets
	 * are there afterwards) the same totals as the failures table, and says the users are an
	 * estimate.
	 */
	public function test_stats_route_reads_the_rollup(): void {
		$this->assertTrue( Plugin::get( Rollup::class )->fill( $this->first, $this->first + 10 * 24 - 1, 60.0 ), 'computed (the route gives itself 2 seconds)' );
		$ten_days = function ( array $filter ): array {
			return $this->ten_days_stats( array( 'interval' => 'day' ) + $filter );
		};
		$data     = $ten_days( array() );
		$table    = $this->from_table( $this->first, $this->first + 10 * 24 - 1 );
		$this->assertSame( $table['failures'], $data['total'] );
		$this->assertFalse( $data['users_exact'] );
		$this->assertSame( (int) $table['user_id'][0]['key'], $data['top_users'][0]['user_id'] );
		$done = ( new RollupRepository() )->done( $this->first, $this->first + 10 * 24 - 1 );
		$this->assertCount( 10, array_filter( array_keys( $done['days'] ), fn( $day ) => $day >= $this->first ), 'ten day buckets' );

		// Filtered by a cause, the route reads the rollup's slice: the failures table's totals.
		$by_cause = $ten_days( array( 'cause' => 'revoked' ) );
		$revoked  = $this->from_table( $this->first, $this->first + 10 * 24 - 1, array( 'cause' => 'revoked' ) );
		$this->assertSame( $revoked['failures'], $by_cause['total'] );
		$this->assertLessThan( $data['total'], $by_cause['total'] );
		$this->assertSame( array( 'revoked' ), array_keys( (array) $by_cause['totals'] ) );
		$this->assertEqualsWithDelta( $revoked['users'], $by_cause['users'], 0.03 * $revoked['users'] );
		$this->assertSame( (int) $revoked['user_id'][0]['failures'], $by_cause['top_users'][0]['count'] );

		// Two filters at once, the route reads the rollup's slice of the pair: the failures
		// table's figures, and no read of the failures table's rows (only its oldest hour).
		$pair    = array(
			'cause' => 'revoked',
			'code'  => 'token_expired',
		);
		$both = $this->recording(
			static function () use ( $ten_days, $pair ) {
				return $ten_days( $pair );
			},
			$queries
		);
		$table = $this->from_table( $this->first, $this->first + 10 * 24 - 1, $pair );
		$this->assertSame( $table['failures'], $both['total'] );
		$this->assertSame( array( 'revoked' ), array_keys( (array) $both['totals'] ) );
		$this->assertSame( $table['users'], $both['users'] ); // Under 200 users: counted exactly.
		$this->assertSame( (int) $table['user_id'][0]['key'], $both['top_users'][0]['user_id'] );
		$this->assertSame( (int) $table['user_id'][0]['failures'], $both['top_users'][0]['count'] );
		$this->assertSame( $table['code'][0]['key'], $both['top_codes'][0]['code'] );
		$read = array_filter(
			$queries,
			static function ( string $query ): bool {
				return false !== strpos( $query, Schema::events_table() . ' ' ) && false === strpos( $query, 'MIN(hour)' );
			}
		);
		$this->assertSame( array(), array_values( $read ), 'the failures table\'s rows are not read' );
	}

	/**
	 * On SQLite (Playground) the rollup's rows are written past the driver's MySQL parser, by one
	 * prepared SQLite statement: none of them goes through wpdb (whose parser made 91 days over
	 * 16,000 failures take 45.6 s; 1.2 s this way), and the statistics read them as before.
	 */
	public function test_on_sqlite_the_rollup_is_written_past_the_drivers_parser(): void {
		if ( Engine::mysql() ) {
			$this->markTestSkipped( 'MariaDB and MySQL write the rollup through wpdb.' );
		}
		$last   = $this->first + 10 * 24 - 1;
		$filled = $this->recording(
			function () use ( $last ): bool {
				return Plugin::get( Rollup::class )->fill( $this->first, $last, 60.0 );
			},
			$queries
		);
		$this->assertTrue( $filled );
		$this->assertNotEmpty( $queries, 'the failures were read through wpdb' );
		$this->assertSame( array(), array_values( preg_grep( '/INSERT\s+INTO\s+[`"]?' . preg_quote( Schema::rollup_table(), '/' ) . '\b/i', $queries ) ), 'no rollup row through the parser' );
		$done = ( new RollupRepository() )->done( $this->first, $last );
		$this->assertCount( 10, array_filter( array_keys( $done['days'] ), fn( $day ) => $day >= $this->first ), 'ten day buckets written' );
		$data  = $this->ten_days_stats( array( 'interval' => 'day' ) );
		$table = $this->from_table( $this->first, $last );
		$this->assertSame( $table['failures'], $data['total'] );
		$this->assertSame( (int) $table['user_id'][0]['key'], $data['top_users'][0]['user_id'] );
	}

	/**
	 * A bucket computed by an older version (without the pairs' slices, without the marker of
	 * its format) is not taken as done: the statistics of a pair compute it again, and then
	 * answer as the failures table does.
	 */
	public function test_a_bucket_of_an_older_format_is_computed_again(): void {
		global $wpdb;
		$rollup = Plugin::get( Rollup::class );
		$last   = $this->first + 10 * 24 - 1;
		$this->assertTrue( $rollup->fill( $this->first, $last, 60.0 ) );
		// What an older version left: no pairs, no `done` rows.
		$wpdb->query( 'DELETE FROM ' . Schema::rollup_table() . " WHERE dim = 'done' OR slice LIKE '%&%'" ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test set-up.
		$this->assertSame( array(), ( new RollupRepository() )->done( $this->first, $last )['days'] );
		$pair  = array(
			'cause'  => 'expired',
			'source' => 'token',
		);
		$stats = $rollup->stats( $this->first, $last, 60.0, 1, 0, $pair );
		$this->assertNotNull( $stats );
		$table = $this->from_table( $this->first, $last, $pair );
		$this->assertGreaterThan( 0, $table['failures'] );
		$this->assertSame( $table['failures'], $stats['failures'] );
		$this->assertSame( $table['per_hour'], self::sorted( $stats['per_hour'] ) );
		$this->assertCount( 10, array_filter( array_keys( ( new RollupRepository() )->done( $this->first, $last )['days'] ), fn( $day ) => $day >= $this->first ) );
	}

	/**
	 * The failures table's figures for the rows whose user agent holds a text, from one hour to
	 * another: sums by hour, distinct users, the busiest user's sum.
	 *
	 * @param string $agent Text of the user agent.
	 * @param int    $from  First hour.
	 * @param int    $last  Last hour.
	 * @return array{per_hour: array<string, int>, users: int, top_user: int}
	 */
	private function matching( string $agent, int $from, int $last ): array {
		global $wpdb;
		$where = $wpdb->prepare( 'hour >= %d AND hour <= %d AND user_agent LIKE %s', $from, $last, '%' . $agent . '%' );
		$sums  = array();
		foreach ( (array) $wpdb->get_results( 'SELECT hour, SUM(count) AS n FROM ' . Schema::events_table() . " WHERE {$where} GROUP BY hour", ARRAY_A ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
			$sums[ gmdate( 'Y-m-d\TH:i:s', (int) $row['hour'] * HOUR_IN_SECONDS ) ] = (int) $row['n'];
		}
		ksort( $sums );
		return array(
			'per_hour' => $sums,
			'users'    => (int) $wpdb->get_var( 'SELECT COUNT(DISTINCT user_id) FROM ' . Schema::events_table() . " WHERE {$where} AND user_id > 0" ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
			'top_user' => (int) $wpdb->get_var( 'SELECT SUM(count) AS n FROM ' . Schema::events_table() . " WHERE {$where} AND user_id > 0 GROUP BY user_id ORDER BY n DESC LIMIT 1" ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
		);
	}

	/**
	 * The sums by hour of a statistics answer's buckets (hours with none left out).
	 *
	 * @param array<string, mixed> $data The answer.
	 * @return array<string, int>
	 */
	private static function counted_by_hour( array $data ): array {
		$sums = array();
		foreach ( $data['buckets'] as $bucket ) {
			$n = (int) array_sum( (array) $bucket['counts'] );
			if ( $n > 0 ) {
				$sums[ substr( (string) $bucket['start'], 0, 19 ) ] = $n;
			}
		}
		ksort( $sums );
		return $sums;
	}

	/**
	 * Asserts that the ten days' statistics of a search counted only the newest whole hours
	 * holding at most EventsProbeRepository::NEWEST_ROWS rows, exactly, and said so.
	 *
	 * @param array<string, mixed> $data  The answer.
	 * @param string               $agent Text of the matching user agents.
	 * @return void
	 */
	private function assert_counts_the_newest_hours( array $data, string $agent ): void {
		global $wpdb;
		$last = $this->first + 10 * 24 - 1;
		$this->assertFalse( $data['complete'] );
		$from = intdiv( (int) strtotime( (string) $data['counted_since'] ), HOUR_IN_SECONDS );
		$this->assertGreaterThan( $last - 48, $from, 'the newest hours only' );
		$rows = static function ( int $hour ) use ( $last ): int {
			global $wpdb;
			return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::events_table() . ' WHERE hour >= %d AND hour <= %d', $hour, $last ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
		};
		$this->assertLessThanOrEqual( EventsProbeRepository::NEWEST_ROWS, $rows( $from ), 'at most that many rows read' );
		$this->assertGreaterThan( EventsProbeRepository::NEWEST_ROWS, $rows( $from - 1 ), 'as many hours as fit' );
		$newest = $this->matching( $agent, $from, $last );
		$this->assertNotEmpty( $newest['per_hour'] );
		$this->assertSame( $newest['per_hour'], self::counted_by_hour( $data ), 'those hours counted exactly, none before' );
		$this->assertSame( array_sum( $newest['per_hour'] ), $data['total'] );
		$this->assertSame( $newest['users'], $data['users'] );
		$this->assertSame( $newest['top_user'], $data['top_users'][0]['count'] );
	}

	/**
	 * Statistics of a search that more than EventsQueryRepository::FEW rows of the period match,
	 * though not most of them, count the newest hours as for a search that most failures match
	 * (before: every row of the period was tested, five times: 4.2 s at a million rows for a
	 * word of a fifth of them). When the newest rows show the rate, the full-text index is not
	 * asked; when they do not, it finds more than FEW.
	 */
	public function test_a_search_matching_more_than_ten_thousand_rows_counts_the_newest_hours(): void {
		$last = $this->first + 10 * 24 - 1;
		$row  = static function ( string $key, int $hour, string $agent ): array {
			$at = gmdate( 'Y-m-d H:i:s', $hour * HOUR_IN_SECONDS + 60 );
			return array( self::TAG . $key, $hour, $at, $at, 1 + crc32( $key ) % 3, 'token', 'jwt_auth_invalid_token', 'token_invalid', 'expired', 990100 + crc32( $key ) % 600, $agent, '{}' );
		};
		// 25,000 rows in the last two days, 11,000 of them (44 %) a device's.
		$values = array();
		for ( $i = 0; $i < 25000; $i++ ) {
			$values[] = $row( 'mid' . $i, $last - $i % 48, $i % 25 < 11 ? 'MidApp/1.0 (Zebra)' : 'OtherApp/1.0' );
		}
		$this->insert_failures( $values );
		$data = $this->recording(
			function () {
				return $this->ten_days_stats( array( 'search' => 'zebra' ) );
			},
			$queries
		);
		$this->assert_counts_the_newest_hours( $data, 'Zebra' );
		if ( Engine::mysql() ) {
			$this->assertTrue( FullText::ready( 'events' ), 'the index is there to be spared' );
		}
		$this->assertSame( array(), preg_grep( '/\bMATCH\s*\(/', $queries ), 'the full-text index not asked' );

		// 2,500 rows that do not match in the newest hour: the newest rows no longer show the
		// rate; the index (or, without one, each column) finds more than FEW.
		$values = array();
		for ( $i = 0; $i < 2500; $i++ ) {
			$values[] = $row( 'late' . $i, $last, 'OtherApp/2.0' );
		}
		$this->insert_failures( $values );
		$this->assert_counts_the_newest_hours( $this->ten_days_stats( array( 'search' => 'zebra' ) ), 'Zebra' );
	}

	/**
	 * A closed day keeps the words of its user agents that a search finds, each with the rows
	 * that hold it (RollupBuilder::agent_words(), RollupRepository::word_rows()): the words
	 * InnoDB's index and the row-by-row test find, each counted once per row.
	 */
	public function test_days_keep_the_rows_of_their_user_agents_words(): void {
		global $wpdb;
		$this->assertSame( array( 'wcpos', 'android', 'zebra', 'tc52' ), RollupBuilder::agent_words( 'WCPOS/1.7.3 (Android 14; Zebra TC52)' ) );
		$this->assertSame( array( 'zebra' ), RollupBuilder::agent_words( 'Zebra ZEBRA zebra' ), 'once per row' );
		$this->assertSame( array( 't220' ), RollupBuilder::agent_words( 'SM-T220' ), 'shorter than three characters: left out' );
		$this->assertSame( array( 'zebra_x' ), RollupBuilder::agent_words( 'zebra_x' ) );
		$this->assertSame( array( 'kiosk' ), RollupBuilder::agent_words( "caf\u{e9} \u{e9}zebra Kiosk" ), 'beside a non-ASCII letter a word is a longer one' );
		$this->assertSame( array(), RollupBuilder::agent_words( str_repeat( 'a', 85 ) ), 'longer than InnoDB keeps' );

		Plugin::get( Rollup::class )->fill( $this->first, $this->first + 10 * 24 - 1, 60.0 );
		$rollup = new RollupRepository();
		for ( $day = $this->first; $day < $this->first + 10 * 24; $day += 24 ) {
			$rows = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::events_table() . ' WHERE hour BETWEEN %d AND %d AND user_agent LIKE %s', $day, $day + 23, 'RollupApp/%' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
			$this->assertGreaterThan( 0, $rows );
			$this->assertSame( $rows, $rollup->word_rows( 'rollupapp', $day, $day ), gmdate( 'Y-m-d', $day * HOUR_IN_SECONDS ) );
		}
		$this->assertSame( 3000, $rollup->word_rows( 'rollupapp', $this->first, $this->first + 9 * 24 ), 'every row of the ten days' );
		$this->assertSame( 0, $rollup->word_rows( 'rollup', $this->first, $this->first + 9 * 24 ), 'whole words only' );
	}

	/**
	 * A search of one word that more than 10,000 rows of closed days hold is listed as "more
	 * than 10,000" from the days' words alone, even when the newest rows do not show it: neither
	 * the full-text index (which would list every match) nor the newest rows are read for it.
	 */
	public function test_a_broad_word_is_told_from_the_days_words(): void {
		global $wpdb;
		$values = array();
		for ( $i = 0; $i < 10500; $i++ ) {
			$hour     = $this->first + 24 + $i % ( 5 * 24 ); // Days two to six: older than the newest rows, after the oldest row's day.
			$at       = gmdate( 'Y-m-d H:i:s', $hour * HOUR_IN_SECONDS + 60 );
			$values[] = array( self::TAG . 'word' . $i, $hour, $at, $at, 1, 'token', 'jwt_auth_invalid_token', 'token_invalid', 'expired', 990100 + $i % 600, 'WordApp/1.0 (Android 14; Zebra TC52)', '{}' );
		}
		$this->insert_failures( $values );
		Plugin::get( Rollup::class )->fill( $this->first, $this->first + 10 * 24 - 1, 60.0 );
		$this->assertSame( 10500, ( new RollupRepository() )->word_rows( 'zebra', $this->first, $this->first + 9 * 24 ) );

		if ( Engine::mysql() ) {
			$this->assertTrue( FullText::ready( 'events' ), 'the index is there to be spared' );
		}

		$queries = array();
		$listing = function ( array $params ) use ( &$queries ): \WP_REST_Response {
			return $this->recording(
				function () use ( $params ) {
					return $this->rest( 'GET', '/auth-sentinel/v1/events', $params + array( 'per_page' => 20 ), $this->user( 'admin' ) );
				},
				$queries
			);
		};
		$response = $listing( array( 'search' => 'zebra' ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( '10000', (string) ( $response->get_headers()['X-Auth-Sentinel-Total-Bound'] ?? '' ), 'more than 10,000' );
		$rows = $response->get_data();
		$this->assertCount( 20, $rows );
		$newest = (string) $wpdb->get_var( $wpdb->prepare( 'SELECT MAX(last_seen) FROM ' . Schema::events_table() . ' WHERE agg_key LIKE %s', self::TAG . 'word%' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
		foreach ( $rows as $row ) {
			$this->assertSame( 'WordApp/1.0 (Android 14; Zebra TC52)', $row['user_agent'] );
		}
		$this->assertSame( $newest, gmdate( 'Y-m-d H:i:s', (int) strtotime( (string) $rows[0]['last_seen'] ) ), 'the newest match first' );
		$this->assertSame( array(), preg_grep( '/\bMATCH\s*\(/', $queries ), 'the full-text index not asked' );
		$this->assertSame( array(), preg_grep( '/LIMIT 2000\)/', $queries ), 'the newest rows not probed' );

		// With a cause or a source (the Errors screen's filters beside its search), the days count
		// the word's rows of that cause or source: proved the same way.
		$rollup = new RollupRepository();
		$this->assertSame( 10500, $rollup->word_rows( 'zebra', $this->first, $this->first + 9 * 24, array( 'cause' => 'expired' ) ) );
		$this->assertSame( 10500, $rollup->word_rows( 'zebra', $this->first, $this->first + 9 * 24, array( 'source' => 'token' ) ) );
		$this->assertSame( 0, $rollup->word_rows( 'zebra', $this->first, $this->first + 9 * 24, array( 'cause' => 'revoked' ) ) );
		$this->assertSame( 0, $rollup->word_rows( 'zebra', $this->first, $this->first + 9 * 24, array( 'code' => 'token_invalid' ) ), 'not kept by code' );
		foreach ( array( array( 'cause' => 'expired' ), array( 'source' => 'token' ) ) as $filter ) {
			$label    = (string) wp_json_encode( $filter );
			$response = $listing( array( 'search' => 'zebra' ) + $filter );
			$this->assertSame( 200, $response->get_status(), $label );
			$this->assertSame( '10000', (string) ( $response->get_headers()['X-Auth-Sentinel-Total-Bound'] ?? '' ), $label );
			$this->assertCount( 20, $response->get_data(), $label );
			foreach ( $response->get_data() as $row ) {
				$this->assertSame( 'WordApp/1.0 (Android 14; Zebra TC52)', $row['user_agent'], $label );
				$this->assertSame( current( $filter ), $row[ key( $filter ) ], $label );
			}
			$this->assertSame( array(), preg_grep( '/\bMATCH\s*\(/', $queries ), $label . ': the full-text index not asked' );
			$this->assertSame( array(), preg_grep( '/LIMIT 2000\)/', $queries ), $label . ': the newest rows not probed' );
		}
		$other = $listing(
			array(
				'search' => 'zebra',
				'cause'  => 'revoked',
			)
		);
		$this->assertSame( 200, $other->get_status() );
		$this->assertArrayNotHasKey( 'X-Auth-Sentinel-Total-Bound', $other->get_headers(), 'a cause the rows do not have: not proved' );
		$this->assertSame( array(), array_diff( array_column( $other->get_data(), 'cause' ), array( 'revoked' ) ) );

		// Only the whole days inside the period count: from the fourth day on, about 6,300 rows
		// hold the word, so the days do not prove it and the search is found as before.
		$since = $listing(
			array(
				'search' => 'zebra',
				'since'  => gmdate( 'Y-m-d\TH:i:s\Z', ( $this->first + 3 * 24 ) * HOUR_IN_SECONDS ),
			)
		);
		$this->assertSame( 200, $since->get_status() );
		$this->assertArrayNotHasKey( 'X-Auth-Sentinel-Total-Bound', $since->get_headers(), 'at most 10,000' );
		$this->assertSame( (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::events_table() . ' WHERE agg_key LIKE %s AND hour >= %d', self::TAG . 'word%', $this->first + 3 * 24 ) ), (int) $since->get_headers()['X-WP-Total'] ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
		if ( Engine::mysql() ) {
			$this->assertNotEmpty( preg_grep( '/\bMATCH\s*\(/', $queries ), 'found by the index' );
		}
	}

	/**
	 * A search among a user's few failures (the Errors screen filtered by a user, then searched)
	 * tests those rows one by one: the exact answer, and the full-text index, which would list
	 * every row of the table holding the word (7.5 s at a million rows), is not asked.
	 */
	public function test_a_search_among_a_users_few_failures_tests_them(): void {
		global $wpdb;
		$user   = 990999;
		$values = array();
		for ( $i = 0; $i < 400; $i++ ) {
			$mine     = $i < 8;
			$hour     = $this->first + 24 + $i;
			$at       = gmdate( 'Y-m-d H:i:s', $hour * HOUR_IN_SECONDS + 60 );
			$agent    = $mine && $i % 2 ? 'MineApp/2.0 (Linux)' : 'FewApp/1.0 (Android 14; Zebra TC52)';
			$values[] = array( self::TAG . 'few' . $i, $hour, $at, $at, 1, 'token', 'jwt_auth_invalid_token', 'token_invalid', 'expired', $mine ? $user : 990100 + $i, $agent, '{}' );
		}
		$this->insert_failures( $values );
		$response = $this->recording(
			function () use ( $user ) {
				return $this->rest(
					'GET',
					'/auth-sentinel/v1/events',
					array(
						'search'   => 'zebra',
						'user'     => $user,
						'per_page' => 20,
					),
					$this->user( 'admin' )
				);
			},
			$queries
		);
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( '4', (string) $response->get_headers()['X-WP-Total'], 'the four of the user\'s eight rows that hold the word' );
		$this->assertCount( 4, $response->get_data() );
		foreach ( $response->get_data() as $row ) {
			$this->assertSame( $user, $row['user_id'] );
			$this->assertSame( 'FewApp/1.0 (Android 14; Zebra TC52)', $row['user_agent'] );
		}
		$this->assertSame( array(), preg_grep( '/\bMATCH\s*\(/', $queries ), 'the full-text index not asked' );
	}

	/**
	 * Statistics of a search with another filter whose rows in the period are fewer than the
	 * probe reads (EventsProbeRepository::PROBE_ROWS) are those rows, each tested: exact
	 * (`complete`), even when the period holds many more rows of other filters. Before, the
	 * newest hours holding 10,000 rows of every filter were counted and the rest left out.
	 */
	public function test_a_search_over_few_filtered_rows_is_exact(): void {
		global $wpdb;
		$last   = $this->first + 10 * 24 - 1;
		$values = array();
		for ( $i = 0; $i < 12000; $i++ ) {
			$hour     = $last - $i % 24;
			$at       = gmdate( 'Y-m-d H:i:s', $hour * HOUR_IN_SECONDS + 60 );
			$values[] = array( self::TAG . 'other' . $i, $hour, $at, $at, 1, 'token', 'jwt_auth_invalid_token', 'token_invalid', 'expired', 990100 + $i % 600, 'RollupApp/99.0', '{}' );
		}
		$this->insert_failures( $values );
		$where = $wpdb->prepare( 'hour >= %d AND hour <= %d AND code = %s', $this->first, $last, 'login_failed' );
		$rows  = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::events_table() . " WHERE {$where}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
		$this->assertGreaterThan( 0, $rows );
		$this->assertLessThan( EventsProbeRepository::PROBE_ROWS, $rows, 'fewer rows of that code than the probe reads' );

		$data = $this->ten_days_stats(
			array(
				'code'   => 'login_failed',
				'search' => 'RollupApp',
			)
		);
		$this->assertTrue( $data['complete'], 'every row of the period counted' );
		$this->assertSame( (int) $wpdb->get_var( 'SELECT SUM(count) FROM ' . Schema::events_table() . " WHERE {$where} AND user_agent LIKE 'RollupApp%'" ), $data['total'] ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
		$this->assertSame( 0, $this->ten_days_stats( array( 'code' => 'login_failed', 'search' => 'NoSuchApp' ) )['total'], 'none match' );
	}

	/**
	 * Statistics of a search that most failures match: when the period holds few rows, every
	 * row is counted (`complete`), the same figures as the failures table gives; when it holds
	 * more than EventsProbeRepository::NEWEST_ROWS, only the newest whole hours holding at most
	 * that many rows are counted, exactly, and the answer says so (`complete` false,
	 * `counted_since`), with nothing counted before.
	 */
	public function test_a_search_most_failures_match_counts_the_newest_hours_and_says_so(): void {
		$last  = $this->first + 10 * 24 - 1;
		$stats = function (): array {
			return $this->ten_days_stats( array( 'search' => 'RollupApp' ) );
		};
		// 3,000 rows in ten days, every one a match: all counted.
		$data = $stats();
		$all  = $this->matching( 'RollupApp', $this->first, $last );
		$this->assertTrue( $data['complete'] );
		$this->assertSame( substr( (string) $data['since'], 0, 19 ), substr( (string) $data['counted_since'], 0, 19 ) );
		$this->assertSame( $all['per_hour'], self::counted_by_hour( $data ) );
		$this->assertSame( array_sum( $all['per_hour'] ), $data['total'] );
		$this->assertSame( $all['users'], $data['users'] );
		$this->assertSame( $all['top_user'], $data['top_users'][0]['count'] );

		// 12,000 more on the last day: more rows than the statistics read.
		mt_srand( 7 );
		$values = array();
		for ( $i = 0; $i < 12000; $i++ ) {
			$hour     = $last - mt_rand( 0, 23 );
			$at       = gmdate( 'Y-m-d H:i:s', $hour * HOUR_IN_SECONDS + 60 );
			$values[] = array( self::TAG . 'broad' . $i, $hour, $at, $at, mt_rand( 1, 3 ), 'token', 'jwt_auth_invalid_token', 'token_invalid', 'expired', 990100 + mt_rand( 1, 600 ), 'RollupApp/99.0', '{}' );
		}
		mt_srand();
		$this->insert_failures( $values );
		$this->assert_counts_the_newest_hours( $stats(), 'RollupApp' );
	}

	/**
	 * Statistics of a search that few failures match are counted over the whole period, exactly
	 * (`complete`), from one read of its matches; and telling it from a search that most
	 * failures match tests a sample of the
	 * period's newest EventsProbeRepository::PROBE_ROWS rows, one in PROBE_SAMPLE, not all of
	 * them: each row tested is a read of the table's row, at a million rows mostly not in memory.
	 */
	public function test_a_narrow_search_is_told_from_a_sample_of_the_newest_rows(): void {
		global $wpdb;
		$last = $this->first + 10 * 24 - 1;
		mt_srand( 11 );
		$values = array();
		for ( $i = 0; $i < 30; $i++ ) {
			$hour     = $this->first + mt_rand( 0, 10 * 24 - 1 );
			$at       = gmdate( 'Y-m-d H:i:s', $hour * HOUR_IN_SECONDS + 60 );
			$values[] = array( self::TAG . 'kiosk' . $i, $hour, $at, $at, mt_rand( 1, 3 ), 'token', 'jwt_auth_invalid_token', 'token_invalid', 'expired', 990100 + mt_rand( 1, 600 ), 'Kiosk/3.0 (Linux; SunmiOS 2)', '{}' );
		}
		mt_srand();
		$this->insert_failures( $values );

		$data = $this->recording(
			function () {
				return $this->ten_days_stats( array( 'search' => 'sunmios' ) );
			},
			$queries
		);
		$expected = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT SUM(count) FROM ' . Schema::events_table() . ' WHERE hour >= %d AND hour <= %d AND user_agent LIKE %s', $this->first, $last, '%SunmiOS%' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
		$this->assertGreaterThan( 0, $expected );
		$this->assertTrue( $data['complete'] );
		$this->assertSame( $expected, $data['total'], 'every match of the period counted' );
		$this->assertSame( (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(DISTINCT user_id) FROM ' . Schema::events_table() . ' WHERE hour >= %d AND hour <= %d AND user_agent LIKE %s AND user_id > 0', $this->first, $last, '%SunmiOS%' ) ), $data['users'] ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
		$this->assertSame( 'Kiosk/3.0 (Linux; SunmiOS 2)', $data['top_clients'][0]['search'] );
		$this->assertSame( $expected, $data['top_clients'][0]['count'] );
		$this->assertSame( $expected, (int) array_sum( array_map( 'intval', array_column( $data['top_codes'], 'count' ) ) ) );
		$this->assertSame( $expected, (int) array_sum( array_map( static fn( $bucket ) => array_sum( (array) $bucket['counts'] ), $data['buckets'] ) ) );

		// The matches (found by index) are read once for every figure, not once for each.
		$reads = array_filter(
			$queries,
			static function ( string $query ): bool {
				return false !== strpos( $query, Schema::events_table() ) && false === strpos( $query, 'CASE WHEN' ) && 1 === preg_match( '/\bid IN \(/', $query );
			}
		);
		$this->assertCount( 1, $reads, implode( "\n", $reads ) );

		// The probe: the queries that test each row for the search (its SUM of CASE WHEN).
		$probes = array_values(
			array_filter(
				$queries,
				static function ( string $query ): bool {
					return false !== strpos( $query, Schema::events_table() ) && false !== strpos( $query, 'CASE WHEN' );
				}
			)
		);
		$this->assertNotEmpty( $probes );
		foreach ( $probes as $probe ) {
			$this->assertSame( 1, preg_match( '/\bid IN \(([0-9,]+)\)/', $probe, $ids ), 'rows read by id: ' . $probe );
			$this->assertLessThanOrEqual( EventsProbeRepository::PROBE_ROWS / EventsProbeRepository::PROBE_SAMPLE, count( explode( ',', $ids[1] ) ), 'a sample of the newest rows' );
		}
	}

	/**
	 * Where the sample of the newest rows matches at about one half, every one of the
	 * EventsProbeRepository::PROBE_ROWS rows is tested and they decide: exactly half of them
	 * matching is a search that most failures match, one fewer is not.
	 */
	public function test_a_search_matching_about_half_is_decided_by_every_newest_row(): void {
		global $wpdb;
		$last   = $this->first + 10 * 24 - 1;
		$values = array();
		for ( $i = 0; $i < EventsProbeRepository::PROBE_ROWS; $i++ ) {
			$hour     = $last + 1 + $i % 4;
			$at       = gmdate( 'Y-m-d H:i:s', $hour * HOUR_IN_SECONDS + 60 );
			$half     = 0 === $i % 2;
			$values[] = array( self::TAG . 'half' . $i, $hour, $at, $at, 1, 'token', 'jwt_auth_invalid_token', self::TAG, $half ? 'expired' : 'revoked', 990100 + $i % 600, $half ? 'HalfApp/1.0' : 'OtherApp/1.0', '{}' );
		}
		$this->insert_failures( $values );
		$filters = array(
			'code'       => self::TAG,
			'search'     => 'HalfApp',
			'codes'      => array(),
			'user_ids'   => array(),
			'since_hour' => $this->first,
			'until_hour' => $last + 4,
		);
		$events  = Plugin::get( EventsProbeRepository::class );
		$this->assertTrue( $events->by_newest_rows( $filters ), 'half of them match' );
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . Schema::events_table() . ' SET user_agent = %s WHERE agg_key = %s', 'OtherApp/1.0', self::TAG . 'half0' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test change.
		$this->assertFalse( $events->by_newest_rows( $filters ), 'one fewer than half' );
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . Schema::events_table() . ' SET user_agent = %s WHERE agg_key LIKE %s', 'HalfApp/1.0', self::TAG . 'half%' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test change.
		$this->assertTrue( $events->by_newest_rows( $filters ), 'all of them match' );
		$filters['search'] = 'NoSuchApp';
		$this->assertFalse( $events->by_newest_rows( $filters ), 'none match' );
	}

	/**
	 * Writes buckets for comparison: start, then the counts by cause in name order.
	 *
	 * @param array<int, array{start: string, counts: object}> $buckets Buckets.
	 * @return string[]
	 */
	private static function buckets( array $buckets ): array {
		$out = array();
		foreach ( $buckets as $bucket ) {
			$counts = (array) $bucket['counts'];
			ksort( $counts );
			$out[] = $bucket['start'] . ' ' . wp_json_encode( $counts );
		}
		return $out;
	}

	/**
	 * By day, the buckets follow the site's local midnight whatever its offset (whole hours
	 * summed by the database, half hours by the hour): the same buckets as the failures
	 * table's hours give.
	 */
	public function test_days_follow_the_sites_midnight(): void {
		$offset = get_option( 'gmt_offset' );
		$zone   = get_option( 'timezone_string' );
		update_option( 'timezone_string', '' );
		try {
			$this->assertTrue( Plugin::get( Rollup::class )->fill( $this->first, $this->first + 10 * 24 - 1, 60.0 ) );
			foreach ( array( -5, 0, 5.5, 9 ) as $hours ) {
				update_option( 'gmt_offset', $hours );
				$params = array(
					'interval' => 'day',
					'since'    => gmdate( 'Y-m-d\TH:i:s\Z', $this->first * HOUR_IN_SECONDS ),
					'until'    => gmdate( 'Y-m-d\TH:i:s\Z', ( $this->first + 10 * 24 ) * HOUR_IN_SECONDS - 1 ),
				);
				$rolled = $this->rest( 'GET', '/auth-sentinel/v1/events/stats', $params, $this->user( 'admin' ) )->get_data();
				// What the failures table gives, bucketed by the site's local midnight.
				$offset   = (int) ( $hours * HOUR_IN_SECONDS );
				$expected = array();
				foreach ( Plugin::get( EventsStatsRepository::class )->per_hour(
					array(
						'since_hour' => $this->first,
						'until_hour' => $this->first + 10 * 24 - 1,
					)
				) as $row ) {
					$at    = $row['hour'] * HOUR_IN_SECONDS;
					$start = gmdate( 'Y-m-d\TH:i:s\Z', $at - ( ( $at + $offset ) % DAY_IN_SECONDS + DAY_IN_SECONDS ) % DAY_IN_SECONDS );

					$expected[ $start ][ $row['cause'] ] = ( $expected[ $start ][ $row['cause'] ] ?? 0 ) + $row['failures'];
				}
				ksort( $expected );
				$buckets = array();
				foreach ( $expected as $start => $counts ) {
					$buckets[] = array(
						'start'  => $start,
						'counts' => (object) $counts,
					);
				}
				$this->assertSame( self::buckets( $buckets ), self::buckets( array_values( array_filter( $rolled['buckets'], fn( $b ) => array() !== (array) $b['counts'] ) ) ), "offset {$hours}" );
				$this->assertCount( 0 === $hours ? 10 : 11, $rolled['buckets'], "offset {$hours}: ten UTC days straddle eleven local days" );
			}
		} finally {
			update_option( 'gmt_offset', $offset );
			update_option( 'timezone_string', $zone );
		}
	}

	/**
	 * A failure imported into an hour already summed is counted: the hour and its day are
	 * summed again.
	 */
	public function test_an_import_into_a_summed_hour_is_counted(): void {
		$rollup = Plugin::get( Rollup::class );
		$last   = $this->first + 10 * 24 - 1;
		$this->assertTrue( $rollup->fill( $this->first, $last, 60.0 ) );
		$before = $rollup->stats( $this->first, $last );
		$this->assertNotNull( $before );
		$at = gmdate( 'Y-m-d H:i:s', ( $this->first + 50 ) * HOUR_IN_SECONDS + 10 );
		$this->assertTrue(
			Plugin::get( EventsRepository::class )->import(
				array(
					'agg_key'     => self::TAG . 'imported',
					'hour'        => $this->first + 50,
					'first_seen'  => $at,
					'last_seen'   => $at,
					'count'       => 7,
					'source'      => 'token',
					'server_code' => 'jwt_auth_invalid_token',
					'code'        => 'token_invalid',
					'cause'       => 'wrong_site',
					'details'     => '{}',
				)
			)
		);
		$after = $rollup->stats( $this->first, $last );
		$this->assertSame( $before['failures'] + 7, $after['failures'] );
		$this->assertContains( ( $this->first + 50 ) . ' wrong_site 7', self::sorted( $after['per_hour'] ) );
	}

	/**
	 * Pruning the failures prunes their buckets.
	 */
	public function test_pruning_drops_the_buckets(): void {
		$rollup = Plugin::get( Rollup::class );
		$this->assertTrue( $rollup->fill( $this->first, $this->first + 10 * 24 - 1, 60.0 ) );
		$repository = new RollupRepository();
		$repository->prune( $this->first + 5 * 24 );
		$done = $repository->done( $this->first, $this->first + 10 * 24 - 1 );
		$this->assertSame( array(), array_filter( array_keys( $done['hours'] ), fn( $hour ) => $hour < $this->first + 5 * 24 ) );
		$this->assertNotEmpty( array_filter( array_keys( $done['hours'] ), fn( $hour ) => $hour >= $this->first + 5 * 24 ) );
	}

	/**
	 * WordPress's "Erase Personal Data" for a person with failures in summed hours: once the
	 * eraser is done and the rollup summed again, no bucket names the person or their user
	 * agent.
	 */
	public function test_erasing_personal_data_reaches_the_rollup(): void {
		global $wpdb;
		$login = 'erase-' . strtolower( wp_generate_password( 6, false ) );
		$user  = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => wp_generate_password(),
				'user_email' => $login . '@example.org',
			)
		);
		$this->assertIsInt( $user );
		$hour = $this->first + 60;
		$at   = gmdate( 'Y-m-d H:i:s', $hour * HOUR_IN_SECONDS + 5 );
		$wpdb->query( $wpdb->prepare( 'INSERT INTO ' . Schema::events_table() . ' (agg_key, hour, first_seen, last_seen, count, source, server_code, code, cause, user_id, user_agent, ip, details) VALUES (%s, %d, %s, %s, 500, %s, %s, %s, %s, %d, %s, %s, %s)', self::TAG . 'erase', $hour, $at, $at, 'token', 'jwt_auth_invalid_token', 'token_invalid', 'expired', $user, 'EraseMeApp/1.0', '10.9.8.7', '{}' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test.
		$rollup = Plugin::get( Rollup::class );
		$this->assertTrue( $rollup->fill( $this->first, $this->first + 10 * 24 - 1, 60.0 ) );
		$named = static function () use ( $wpdb, $user ): int {
			return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::rollup_table() . " WHERE (dim = 'user' AND k = %s) OR (dim = 'agent' AND k = %s)", (string) $user, 'EraseMeApp/1.0' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test.
		};
		$this->assertGreaterThan( 0, $named(), 'the busiest user and user agent of the hour and the day' );
		$listed = static function () use ( $wpdb, $user ): int {
			$sketches = $wpdb->get_col( 'SELECT sketch FROM ' . Schema::rollup_table() . " WHERE dim = 'all'" ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test.
			return count( array_filter( $sketches, fn( $s ) => 0 === strpos( (string) $s, 'L:' ) && in_array( (string) $user, explode( ',', substr( (string) $s, 2 ) ), true ) ) );
		};
		$this->assertGreaterThan( 0, $listed(), 'the hour\'s and the day\'s lists of users name the person' );

		$eraser = Plugin::get( \AuthSentinel\Privacy\Eraser::class );
		$page   = 1;
		do {
			$result = $eraser->failures( $login . '@example.org', $page++ );
			$this->assertIsArray( $result );
		} while ( ! $result['done'] && $page < 50 );
		$this->assertTrue( $rollup->fill( $this->first, $this->first + 10 * 24 - 1, 60.0 ) );
		$this->assertSame( 0, $named(), 'summed again from the anonymised failures' );
		$this->assertSame( 0, $listed(), 'no list of users names the person' );
		require_once ABSPATH . 'wp-admin/includes/user.php';
		wp_delete_user( $user );
	}

	/**
	 * When the buckets cannot be computed within the budget, the statistics say so (the route
	 * then reads the failures table) and the upkeep is scheduled to finish the work.
	 */
	public function test_a_cold_rollup_beyond_its_budget_falls_back_and_schedules_the_upkeep(): void {
		wp_clear_scheduled_hook( Rollup::HOOK );
		$rollup = Plugin::get( Rollup::class );
		$this->assertNull( $rollup->stats( $this->first, $this->first + 10 * 24 - 1, -1.0 ) );
		$this->assertNotFalse( wp_next_scheduled( Rollup::HOOK ) );
		$this->assertTrue( $rollup->fill( $this->first, $this->first + 10 * 24 - 1, 60.0 ) );
		$this->assertNotNull( $rollup->stats( $this->first, $this->first + 10 * 24 - 1, -1.0 ), 'nothing left to compute' );
	}

	/**
	 * The spike after a secret change three hours ago (the Overview's "since the keys changed")
	 * counts what the failures table holds since the change: its own hour from the change on, the
	 * closed hours after it from the rollup, the hour not yet over from the table; its users too.
	 */
	public function test_the_spike_after_a_change_counts_the_failures_since(): void {
		global $wpdb;
		$now    = intdiv( time(), HOUR_IN_SECONDS );
		$at     = ( $now - 3 ) * HOUR_IN_SECONDS + 1800;
		$values = array();
		for ( $i = 0; $i < 120; $i++ ) {
			$hour     = $now - 3 + $i % 4;
			$second   = $hour * HOUR_IN_SECONDS + ( $i * 37 ) % 3600;
			$seen     = gmdate( 'Y-m-d H:i:s', min( $second, time() ) );
			$values[] = array( self::TAG . 'spike' . $i, $hour, $seen, $seen, 1 + $i % 3, 'token', 'jwt_auth_invalid_token', 'token_invalid', 'secret_changed', 990700 + $i % 30, 'SpikeApp/1.0', '{}' );
		}
		$this->insert_failures( $values );
		$this->assertTrue( Plugin::get( Rollup::class )->fill( $now - 24, Rollup::last_closed(), 60.0 ) );

		$spike = Plugin::get( ChangeMarkers::class )->spike(
			array(
				array(
					'at'      => Dates::iso( $at ),
					'changed' => array( 'AUTH_KEY' ),
				),
			),
			array(
				'since_hour' => $now - 23,
				'until_hour' => $now,
			),
			array()
		);
		// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test; placeholders.
		$table = $wpdb->get_row( $wpdb->prepare( 'SELECT COALESCE(SUM(count), 0) AS failures, COUNT(DISTINCT CASE WHEN user_id > 0 THEN user_id END) AS users FROM ' . Schema::events_table() . ' WHERE last_seen >= %s AND hour <= %d', gmdate( 'Y-m-d H:i:s', $at ), $now ), ARRAY_A );
		$this->assertNotNull( $spike );
		$this->assertGreaterThan( 60, (int) $table['failures'], "this test's failures since the change are among them" );
		$this->assertSame( (int) $table['failures'], $spike['failures'] );
		$this->assertTrue( $spike['users_exact'] );
		$this->assertSame( (int) $table['users'], $spike['users'] );
	}

	/**
	 * The users' sketch: exact up to 200 users, within 3% at 100,000, and merging two halves
	 * counts their union.
	 */
	public function test_user_sketch(): void {
		$small = new UserSketch();
		foreach ( array( 5, 9, 5, 200 ) as $id ) {
			$small->add( $id );
		}
		$this->assertTrue( $small->exact() );
		$this->assertSame( 3, UserSketch::decode( $small->encode() )->count() );

		$a = new UserSketch();
		$b = new UserSketch();
		for ( $id = 1; $id <= 100000; $id++ ) {
			( $id % 2 ? $a : $b )->add( $id );
			if ( 0 === $id % 3 ) {
				$a->add( $id ); // Overlap: counted once.
			}
		}
		$this->assertFalse( $a->exact() );
		$a = UserSketch::decode( $a->encode() );
		$a->merge( UserSketch::decode( $b->encode() ) );
		$this->assertEqualsWithDelta( 100000, $a->count(), 3000 );
		$this->assertSame( 0, UserSketch::decode( 'garbage' )->count() );
	}
}
