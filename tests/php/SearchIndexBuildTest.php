<?php
/**
 * The full-text index of a large table is made in the background after the upgrade.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Database\BoundedQuery;
use AuthSentinel\Database\Engine;
use AuthSentinel\Database\FullText;
use AuthSentinel\Database\FullTextIndex;
use AuthSentinel\Database\FullTextJob;
use AuthSentinel\Database\JobLock;
use AuthSentinel\Database\QueryFaults;
use AuthSentinel\Database\RebuildMarks;
use AuthSentinel\Database\AtomicOption;
use AuthSentinel\Database\Schema;
use AuthSentinel\Plugin;

/**
 * An upgrade from schema 8 on a failures table above FullTextIndex::INLINE_ROWS answers without
 * making its index; searches meanwhile find the same rows by testing each; the job then makes
 * it (one node at a time, again after a failure), and searches read it. On SQLite there is
 * nothing to make.
 */
class SearchIndexBuildTest extends TestCase {

	/**
	 * The code of this test's failures.
	 */
	const TAG = 'ftbuildtest';

	/**
	 * Removes this test's rows and leaves the site as the upgrade would: every index made,
	 * nothing scheduled.
	 */
	protected function tearDown(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Schema::events_table() . ' WHERE code = %s', self::TAG ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test clean-up.
		AtomicOption::delete( JobLock::PREFIX . FullTextJob::LOCK, (string) AtomicOption::read( JobLock::PREFIX . FullTextJob::LOCK ) );
		update_option( Schema::OPTION, Schema::VERSION, true );
		FullTextIndex::ensure(); // Small again: made at once.
		wp_clear_scheduled_hook( FullTextJob::HOOK );
		Plugin::schedule();
		parent::tearDown();
	}

	/**
	 * Writes INLINE_ROWS and more failures of this test's code that no search below finds, and
	 * three it looks for: two iPhones and a Smartphone (whose word only contains "phone").
	 *
	 * @return void
	 */
	private function seed_large(): void {
		global $wpdb;
		$table = Schema::events_table();
		$hour  = intdiv( time(), HOUR_IN_SECONDS );
		$rows  = array();
		for ( $i = 0; $i < 1000; $i++ ) {
			$rows[] = $wpdb->prepare( '(%s, %d, %s, %s, 1, %s, %s, %s, %s, %s, %s, %s)', md5( self::TAG . $i ), $hour - 2, gmdate( 'Y-m-d H:i:s', time() - 7200 ), gmdate( 'Y-m-d H:i:s', time() - 7200 ), 'token', 'rest_forbidden', self::TAG, 'bad_credentials', 'NoiseAgent/' . $i, '/wp-json/wp/v2/posts', '{}' );
		}
		// phpcs:disable WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared rows; own table.
		$wpdb->query( "INSERT INTO {$table} (agg_key, hour, first_seen, last_seen, count, source, server_code, code, cause, user_agent, route, details) VALUES " . implode( ',', $rows ) );
		$count = static function () use ( $wpdb, $table ): int {
			return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE code = %s", self::TAG ) );
		};
		for ( $round = 0; $round < 12 && $count() <= FullTextIndex::INLINE_ROWS; $round++ ) { // phpcs:ignore Generic.CodeAnalysis.ForLoopWithTestFunctionCall -- Doubling until past the threshold.
			$this->assertNotFalse( $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$table} (agg_key, hour, first_seen, last_seen, count, source, server_code, code, cause, user_agent, route, details) SELECT MD5(CONCAT(agg_key, id, RAND())), hour, first_seen, last_seen, count, source, server_code, code, cause, user_agent, route, details FROM {$table} WHERE code = %s", self::TAG ) ) );
		}
		$this->assertGreaterThan( FullTextIndex::INLINE_ROWS, $count() );
		$found = array(
			'phone'  => 'Till/2.1 (iPhone; iOS 17.4)',
			'phone2' => 'Till/2.1 (iPhone; iOS 17.5)',
			'smart'  => 'Smartphone/1.0',
		);
		foreach ( $found as $key => $agent ) {
			$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} (agg_key, hour, first_seen, last_seen, count, source, server_code, code, cause, user_agent, route, details) VALUES (%s, %d, NOW(), NOW(), 1, 'token', 'rest_forbidden', %s, 'bad_credentials', %s, '/wp-json/wp/v2/posts', '{}')", md5( self::TAG . $key ), $hour, self::TAG, $agent ) );
		}
		// phpcs:enable
	}

	/**
	 * Takes the failures table back to schema 8: no full-text index, the version before it.
	 *
	 * @return void
	 */
	private function back_to_schema_8(): void {
		global $wpdb;
		if ( FullTextIndex::has_index( Schema::events_table() ) ) {
			$wpdb->query( 'ALTER TABLE ' . Schema::events_table() . ' DROP INDEX ' . FullTextIndex::INDEX ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery,WordPress.DB.DirectDatabaseQuery.SchemaChange -- Own table.
		}
		// Rebuilt, as a table of schema 8 is, which never had a full-text index: a dropped one leaves
		// InnoDB's hidden FTS_DOC_ID column until the table is rebuilt, and on a fresh site MariaDB
		// 10.11 then made the job's new index empty (every MATCH found nothing; run alone, this test
		// failed; after other tests, it passed).
		$wpdb->query( 'ALTER TABLE ' . Schema::events_table() . ' FORCE' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery,WordPress.DB.DirectDatabaseQuery.SchemaChange -- Own table.
		FullTextIndex::store( array() ); // And forgets what this process read of it.
		update_option( Schema::OPTION, 8, true );
		wp_clear_scheduled_hook( FullTextJob::HOOK );
	}

	/**
	 * Returns the user agents of the failures a search finds, over HTTP as the Errors screen
	 * asks, with the statistics' total of the same search.
	 *
	 * @param string $search The search.
	 * @return array{0: string[], 1: int}
	 */
	private function found( string $search ): array {
		$page = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events?per_page=100&code=' . self::TAG . '&search=' . rawurlencode( $search ), array( 'as' => 'admin' ) );
		$this->assertSame( 200, $page['status'], $page['body'] );
		$stats = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events/stats?code=' . self::TAG . '&search=' . rawurlencode( $search ), array( 'as' => 'admin' ) );
		$this->assertSame( 200, $stats['status'], $stats['body'] );
		return array( array_column( $page['json'], 'user_agent' ), (int) $stats['json']['total'] );
	}

	/**
	 * Tells whether MariaDB reads the words of a search by the full-text index (EXPLAIN).
	 *
	 * @return bool
	 */
	private function read_by_index(): bool {
		global $wpdb;
		$way = FullText::way( 'events', 'iphone', true );
		$this->assertNotNull( $way );
		$plan = $wpdb->get_row( $wpdb->prepare( 'EXPLAIN SELECT id FROM ' . Schema::events_table() . ' WHERE ' . $way[0], $way[1] ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQLPlaceholders -- The search's own condition and values.
		return 'fulltext' === ( $plan['type'] ?? '' ) && FullTextIndex::INDEX === ( $plan['key'] ?? '' );
	}

	/**
	 * The upgrade request on a table above the threshold answers without the index (the job is
	 * scheduled, the small tables get theirs at once); searches meanwhile find the same rows as
	 * the index will (not "Smartphone" for "phone"); a second node holding the job's lock keeps
	 * this run from making it; the job makes it, and searches then read it.
	 */
	public function test_upgrade_leaves_a_large_table_to_the_job(): void {
		if ( ! Engine::mysql() ) {
			$this->markTestSkipped( 'SQLite has no full-text index.' );
		}
		$this->seed_large();
		$this->back_to_schema_8();

		$start = microtime( true );
		$this->http( 'GET', '/' ); // The first request that sees the new version upgrades.
		$took = microtime( true ) - $start;
		wp_cache_flush();
		$this->assertSame( Schema::VERSION, (int) get_option( Schema::OPTION ), 'the upgrade is done' );
		$this->assertFalse( FullTextIndex::has_index( Schema::events_table() ), 'without the failures\' index' );
		$this->assertLessThan( 10.0, $took );
		$status = FullTextJob::status();
		$this->assertSame( 'building', $status['events']['state'] );
		$this->assertSame( 'ready', $status['audit']['state'], 'a small table gets its index at once' );
		$this->assertSame( 'ready', $status['sessions']['state'] );
		$this->assertNotFalse( wp_next_scheduled( FullTextJob::HOOK ), 'the job is scheduled' );
		$this->assertFalse( FullText::ready( 'events' ) );

		// Meanwhile: the same rows as with the index, each row tested.
		$iphones = array( 'Till/2.1 (iPhone; iOS 17.5)', 'Till/2.1 (iPhone; iOS 17.4)' ); // Newest first (the same time: the later id).
		$this->assertSame( array( $iphones, 2 ), $this->found( 'iphone' ) );
		$this->assertSame( array( array( 'Smartphone/1.0' ), 1 ), $this->found( 'smartphone' ) );
		$this->assertSame( array( array(), 0 ), $this->found( 'phone' ), 'a word inside a word is not found, as the index finds it' );

		// Another node runs the job: this one does not make the index twice, and looks again later.
		$held = JobLock::acquire( FullTextJob::LOCK, 600 );
		$this->assertNotNull( $held );
		FullTextJob::run();
		$this->assertFalse( FullTextIndex::has_index( Schema::events_table() ) );
		$this->assertNotFalse( wp_next_scheduled( FullTextJob::HOOK ) );
		AtomicOption::delete( JobLock::PREFIX . FullTextJob::LOCK, (string) $held );

		FullTextJob::run();
		$this->assertTrue( FullTextIndex::has_index( Schema::events_table() ) );
		$this->assertTrue( FullText::ready( 'events' ) );
		$status = FullTextJob::status();
		$this->assertSame( 'ready', $status['events']['state'] );
		$this->assertGreaterThanOrEqual( time() - 60, $status['events']['at'] );
		$this->assertFalse( wp_next_scheduled( FullTextJob::HOOK ), 'nothing left to do' );
		$this->assertTrue( $this->read_by_index(), 'searches read the index' );
		$this->assertSame( array( $iphones, 2 ), $this->found( 'iphone' ) );
		$this->assertSame( array( array( 'Smartphone/1.0' ), 1 ), $this->found( 'smartphone' ) );
		$this->assertSame( array( array(), 0 ), $this->found( 'phone' ) );
	}

	/**
	 * Opens a second connection to the site's database (to hold a table, as another process would).
	 *
	 * @return \mysqli
	 */
	private static function other_connection(): \mysqli {
		global $wpdb;
		list( $host, $port, $socket ) = $wpdb->parse_db_host( DB_HOST );
		return new \mysqli( // phpcs:ignore WordPress.DB.RestrictedClasses.mysql__mysqli -- A second connection, holding the table.
			(string) $host,
			DB_USER,
			DB_PASSWORD,
			DB_NAME,
			(int) ( $port ? $port : 3306 ),
			$socket ? (string) $socket : null
		);
	}

	/**
	 * A run that cannot have the table (another connection locks it) gives up within
	 * FullTextIndex::LOCK_WAIT, records why and tries again later; the next run makes the index.
	 * Deactivation unschedules the job; activation schedules it again.
	 */
	public function test_a_failed_run_is_tried_again_and_deactivation_unschedules(): void {
		if ( ! Engine::mysql() ) {
			$this->markTestSkipped( 'SQLite has no full-text index.' );
		}
		$this->seed_large();
		$this->back_to_schema_8();
		Schema::install();
		$this->assertSame( 'building', FullTextJob::status()['events']['state'] );

		$other = self::other_connection();
		$other->query( 'LOCK TABLES ' . Schema::events_table() . ' READ' );
		$start = microtime( true );
		FullTextJob::run();
		$took = microtime( true ) - $start;
		$other->query( 'UNLOCK TABLES' );
		$other->close();

		$this->assertLessThan( FullTextIndex::LOCK_WAIT + 3, $took, 'the statement gave up on the lock' );
		$this->assertFalse( FullTextIndex::has_index( Schema::events_table() ) );
		$status = FullTextJob::status()['events'];
		$this->assertSame( 'building', $status['state'] );
		$this->assertSame( 1, $status['tries'] );
		$this->assertStringContainsStringIgnoringCase( 'lock', $status['error'] );
		$next = wp_next_scheduled( FullTextJob::HOOK );
		$this->assertGreaterThan( time() + 5 * MINUTE_IN_SECONDS, $next, 'tried again later' );

		// Site Health tells it, with the database's answer and the command that builds it now.
		$health = ( new \AuthSentinel\Health\SearchIndexCheck() )->run();
		$this->assertSame( 'recommended', $health['status'] );
		$this->assertSame( 'Auth Sentinel’s search index is being built', $health['label'] );
		$this->assertStringContainsString( 'Search index being built for <code>' . Schema::events_table() . '</code>', $health['description'] );
		$this->assertStringContainsString( 'Lock wait timeout', $health['description'] );
		$this->assertStringContainsString( 'wp auth-sentinel search-index --build', $health['description'] );

		Plugin::deactivate();
		$this->assertFalse( wp_next_scheduled( FullTextJob::HOOK ), 'deactivation unschedules the job' );
		Schema::install();
		$this->assertNotFalse( wp_next_scheduled( FullTextJob::HOOK ), 'activation (which runs the upgrade) schedules it again' );

		FullTextJob::run();
		$this->assertSame( 'ready', FullTextJob::status()['events']['state'] );
		$this->assertFalse( wp_next_scheduled( FullTextJob::HOOK ) );
		$health = ( new \AuthSentinel\Health\SearchIndexCheck() )->run();
		$this->assertSame( 'good', $health['status'] );
		$this->assertStringContainsString( 'Search index of <code>' . Schema::events_table() . '</code> built ', $health['description'] );
	}

	/**
	 * While the job makes the failures' index (an `ALTER TABLE` that holds the table's writes),
	 * the table is marked, and a failure on a visitor's request is dropped at once instead of
	 * waiting a second for the lock (before: every failure of a storm held a web worker for
	 * BoundedQuery::LOCK_WAIT, for the 20–60 s a million rows take). The request answers as
	 * before; the mark goes with the build, and failures are recorded again.
	 */
	public function test_writes_fail_at_once_while_the_index_is_built(): void {
		global $wpdb;
		if ( ! Engine::mysql() ) {
			$this->markTestSkipped( 'SQLite has no full-text index.' );
		}
		$table = Schema::events_table();
		$this->back_to_schema_8();
		$marked = null;
		$spy    = static function ( $query ) use ( $table, &$marked ) {
			if ( false !== stripos( (string) $query, "ALTER TABLE {$table} ADD FULLTEXT" ) ) {
				$marked = RebuildMarks::rebuilding( $table );
			}
			return $query;
		};
		add_filter( 'query', $spy );
		FullTextJob::build_all( static function () {} );
		remove_filter( 'query', $spy );
		$this->assertTrue( FullTextIndex::has_index( $table ) );
		$this->assertTrue( $marked, 'the table was marked while its index was made' );
		wp_cache_delete( 'alloptions', 'options' );
		$this->assertFalse( RebuildMarks::rebuilding( $table ), 'and is no longer' );
		$this->assertFalse( get_option( RebuildMarks::REBUILD_OPTION ), 'no mark left behind' );

		// Another connection holds the table's writes, as the ALTER does.
		$other = self::other_connection();
		$agent   = 'RebuildProbe/' . wp_generate_password( 6, false );
		$failure = function () use ( $agent ): array {
			$start    = microtime( true );
			$response = $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( 'User-Agent: ' . $agent, 'Authorization: Bearer not.a.token' ) ) );
			return array( $response['status'], microtime( true ) - $start );
		};
		$recorded = static function () use ( $wpdb, $table, $agent ): int {
			return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(count), 0) FROM {$table} WHERE user_agent = %s", $agent ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Test reference.
		};
		$answer  = $failure()[0];
		$this->assertSame( 1, $recorded(), 'recorded when nothing holds the table' );
		$this->assertTrue( $other->query( "LOCK TABLES {$table} READ" ) );
		try {
			// Unmarked, the lock holds the write for the full second (the test's lock is real).
			list( $status, $took ) = $failure();
			$this->assertSame( $answer, $status );
			$this->assertGreaterThanOrEqual( BoundedQuery::LOCK_WAIT * 0.9, $took, 'waited for the lock' );
			// Marked: answered at once, the same, and dropped.
			$times = RebuildMarks::rebuild(
				$table,
				function () use ( $failure, $answer ): array {
					$times = array();
					for ( $i = 0; $i < 3; $i++ ) {
						list( $status, $times[] ) = $failure();
						$this->assertSame( $answer, $status, 'the same answer as without the rebuild' );
					}
					return $times;
				}
			);
		} finally {
			$other->query( 'UNLOCK TABLES' );
			$other->close();
		}
		$this->assertLessThan( BoundedQuery::LOCK_WAIT * 0.8, min( $times ), 'answered without waiting for the lock: ' . implode( ', ', array_map( 'strval', $times ) ) );
		$this->assertSame( 1, $recorded(), 'the failures meanwhile were dropped' );
		wp_cache_delete( 'alloptions', 'options' );
		$this->assertSame( 'locked', QueryFaults::faults()[ str_replace( $wpdb->prefix, '', $table ) ]['kind'] ?? null, 'Site Health is told the table was locked' );

		$failure();
		$this->assertSame( 2, $recorded(), 'recorded again once the index is made' );
		delete_option( QueryFaults::FAULT_OPTION );
	}

	/**
	 * On SQLite the upgrade has no index to make and schedules nothing; on MariaDB a small table
	 * gets its index inside the upgrade.
	 */
	public function test_small_tables_and_sqlite_need_no_job(): void {
		FullTextIndex::ensure();
		$status = FullTextJob::status();
		foreach ( $status as $name => $table ) {
			$this->assertSame( Engine::mysql() ? 'ready' : 'none', $table['state'], $name );
		}
		$this->assertFalse( wp_next_scheduled( FullTextJob::HOOK ) );
		if ( ! Engine::mysql() ) {
			return;
		}

		// A table left without an index and not waiting for the job (an earlier version's failed
		// upgrade): Site Health says so, and building now makes it.
		global $wpdb;
		$wpdb->query( 'ALTER TABLE ' . Schema::events_table() . ' DROP INDEX ' . FullTextIndex::INDEX ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table.
		$state                     = FullTextIndex::stored();
		$state['tables']['events'] = false;
		FullTextIndex::store( $state );
		$health = ( new \AuthSentinel\Health\SearchIndexCheck() )->run();
		$this->assertSame( 'recommended', $health['status'] );
		$this->assertStringContainsString( '<code>' . Schema::events_table() . '</code> has no search index.', $health['description'] );
		$told = array();
		$this->assertSame(
			array( 'events' => '' ),
			FullTextJob::build_all(
				static function ( string $name ) use ( &$told ): void {
					$told[] = $name;
				}
			)
		);
		$this->assertSame( array( 'events' ), $told );
		$this->assertTrue( FullText::ready( 'events' ) );
		$this->assertSame( 'good', ( new \AuthSentinel\Health\SearchIndexCheck() )->run()['status'] );
	}
}
