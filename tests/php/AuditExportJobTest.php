<?php
/**
 * Background exports of the audit log: a job written in steps gives the streamed file, survives
 * a step that died, is its owner's only, is offered only when complete, can be cancelled, is
 * found again by the filters as chosen, and goes after a day.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Audit\AuditCsv;
use AuthSentinel\Audit\ExportJobs;
use AuthSentinel\Audit\ExportSteps;
use AuthSentinel\Audit\ExportStore;
use AuthSentinel\Database\JobLock;
use AuthSentinel\Hooks;
use AuthSentinel\Plugin;

/**
 * POST|GET /audit/exports, GET|DELETE /audit/exports/{id}, GET|POST /audit/exports/{id}/file.
 */
class AuditExportJobTest extends TestCase {

	/**
	 * The target user id of this test's rows (no such user).
	 */
	const BULK_USER = 987655;

	/**
	 * Rows this test writes: more than AuditQueryRepository::FEW, so that the export walks the table
	 * window by window rather than reading the matches by id.
	 */
	const ROWS = 12000;

	/**
	 * Jobs started by a test, deleted after it.
	 *
	 * @var string[]
	 */
	private $jobs = array();

	/**
	 * Writes the rows: 1,000 made up, doubled by SQL (as AuditCsvTest does), with a few users
	 * that exist among them so that logins and sentences are filled.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		global $wpdb;
		$table  = $wpdb->prefix . 'auth_sentinel_audit';
		$admin  = $this->user( 'admin' );
		$values = array();
		for ( $i = 0; $i < 1000; $i++ ) {
			$values[] = $wpdb->prepare(
				'(%s, %s, %d, %d, %s, %s, %s)',
				gmdate( 'Y-m-d H:i:s', time() - 5000 + $i ),
				array( 'sign_in', 'session_revoked', 'role_changed' )[ $i % 3 ],
				0 === $i % 5 ? $admin : $i % 7,
				self::BULK_USER,
				'10.1.' . ( $i % 256 ) . '.1',
				0 === $i % 11 ? '=cmd|x ' . $i : 'Mozilla/5.0 (bulk ' . $i . ')',
				wp_json_encode(
					array(
						'session' => $i % 13,
						'type'    => 'cookie',
						'reason'  => 'admin',
						'client'  => 'Chrome, "quoted", as-export-bulk',
					)
				)
			);
		}
		$columns = '(at, action, actor_id, target_user_id, ip, user_agent, details)';
		$wpdb->query( "INSERT INTO {$table} {$columns} VALUES " . implode( ',', $values ) );
		$copy = "INSERT INTO {$table} {$columns} SELECT at, action, actor_id, target_user_id, ip, user_agent, details FROM {$table} WHERE target_user_id = " . self::BULK_USER;
		for ( $have = 1000; $have < self::ROWS; $have *= 2 ) {
			$wpdb->query( $copy . ' LIMIT ' . min( $have, self::ROWS - $have ) );
		}
		$this->assertSame( self::ROWS, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE target_user_id = %d", self::BULK_USER ) ) );
	}

	/**
	 * Removes the rows and the jobs.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->prefix}auth_sentinel_audit WHERE target_user_id = %d", self::BULK_USER ) );
		$store = new ExportStore();
		foreach ( $this->jobs as $id ) {
			$job = $store->get( $id );
			if ( null !== $job ) {
				Plugin::get( ExportJobs::class )->delete( $job );
			}
		}
		parent::tearDown();
	}

	/**
	 * The streamed export of the same filters, as a string.
	 *
	 * @param array<string, mixed> $params Filters.
	 * @return string
	 */
	private function streamed( array $params ): string {
		$response = $this->rest( 'GET', '/auth-sentinel/v1/audit', array( 'format' => 'csv' ) + $params, $this->user( 'admin' ) );
		$this->assertInstanceOf( AuditCsv::class, $response );
		$file = '';
		$response->write(
			static function ( string $chunk ) use ( &$file ): bool {
				$file .= $chunk;
				return true;
			}
		);
		return $file;
	}

	/**
	 * Makes another administrator (the caller deletes them).
	 *
	 * @return int Their id.
	 */
	private function other_admin(): int {
		$other = wp_insert_user(
			array(
				'user_login' => 'as-export-other-' . wp_generate_password( 6, false ),
				'user_pass'  => wp_generate_password( 24 ),
				'role'       => 'administrator',
			)
		);
		$this->assertIsInt( $other );
		return $other;
	}

	/**
	 * Starts a job as the administrator, in-process.
	 *
	 * @param array<string, mixed> $params Filters.
	 * @return array<string, mixed> The response's data.
	 */
	private function start( array $params ): array {
		$response = $this->rest( 'POST', '/auth-sentinel/v1/audit/exports', $params, $this->user( 'admin' ) );
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$data         = $response->get_data();
		$this->jobs[] = $data['id'];
		return $data;
	}

	/**
	 * A job advanced one batch at a time (a time budget of nothing) writes exactly the bytes the
	 * streamed export writes; its progress grows and its estimate ends as the count; the
	 * finished file downloads over HTTP with its period in its name and its length.
	 */
	public function test_a_job_in_small_steps_writes_the_streamed_file(): void {
		$filters = array( 'user' => self::BULK_USER );
		$jobs    = Plugin::get( ExportJobs::class );
		$stepper = Plugin::get( ExportSteps::class );
		$job     = $jobs->start( $filters, $this->user( 'admin' ) );
		$this->assertNotNull( $job );
		$this->jobs[] = $job['id'];
		$steps        = 0;
		$progress     = array();
		while ( 'running' === $job['state'] && $steps < 1000 ) {
			$job        = $stepper->advance( $job, 0.0 );
			$progress[] = ExportJobs::progress( $job );
			++$steps;
		}
		$this->assertSame( 'complete', $job['state'] );
		$this->assertGreaterThan( 10, $steps, 'many small steps' );
		$sorted = $progress;
		sort( $sorted );
		$this->assertSame( $sorted, $progress, 'progress never goes back' );
		$this->assertSame( self::ROWS, $job['rows'] );

		$file = (string) file_get_contents( (string) $jobs->file( $job ) );
		$this->assertSame( $this->streamed( $filters ), $file, 'the same bytes as the streamed export' );
		$this->assertFalse( file_exists( ( new ExportStore() )->path( $job, false ) ), 'no partial file left' );

		// Through the routes and over HTTP, as the screen and a script do.
		$started = $this->start( $filters );
		$polls   = 0;
		while ( 'running' === $started['state'] && $polls++ < 50 ) {
			$started = $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $started['id'], array(), $this->user( 'admin' ) )->get_data();
		}
		$this->assertSame( 'complete', $started['state'] );
		$this->assertSame( self::ROWS, $started['rows'] );
		$this->assertSame( self::ROWS, $started['estimate'] );
		$this->assertEquals( 1, $started['progress'] );
		$this->assertMatchesRegularExpression( '/^auth-sentinel-audit-\d{8}-\d{6}-to-\d{8}-\d{6}\.csv$/', $started['filename'] );

		$answer = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit/exports/' . $started['id'] . '/file', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $answer['status'] );
		$this->assertSame( 'text/csv; charset=utf-8', $answer['headers']['content-type'] );
		$this->assertSame( 'attachment; filename="' . $started['filename'] . '"', $answer['headers']['content-disposition'] );
		$this->assertSame( (string) strlen( $file ), $answer['headers']['content-length'] );
		$this->assertSame( 'nosniff', $answer['headers']['x-content-type-options'] );
		$this->assertSame( $file, $answer['body'] );

		// The folder is closed to the web and has no listing.
		$folder = ExportStore::folder();
		$this->assertStringContainsString( 'Require all denied', (string) file_get_contents( $folder . '/.htaccess' ) );
		$this->assertFileExists( $folder . '/index.php' );
	}

	/**
	 * A free-text search that matches more rows than are read by id (every row of this test by
	 * a word of its details) exports all of them, streamed or in steps: the LIKE's % signs reach the
	 * database whichever way the rows are read.
	 */
	public function test_a_broad_search_exports_every_match(): void {
		$filters = array( 'search' => 'as-export-bulk' );
		$stream  = $this->streamed( $filters );
		$this->assertSame( self::ROWS + 1, substr_count( $stream, "\n" ), 'the header and every row' );
		$this->assertSame( self::ROWS, preg_match_all( '/,10\.1\.\d+\.1,/', $stream ) );

		$jobs  = Plugin::get( ExportJobs::class );
		$steps = Plugin::get( ExportSteps::class );
		$job   = $jobs->start( $this->rest_filters( $filters ), $this->user( 'admin' ) );
		$this->assertNotNull( $job );
		$this->jobs[] = $job['id'];
		$job          = $steps->advance( $job, 0.0 );
		$this->assertTrue( $job['walk'], 'more matches than are read by id: the next steps walk the table without asking again' );
		while ( 'running' === $job['state'] ) {
			$job = $steps->advance( $job, 0.0 );
		}
		$this->assertSame( $stream, (string) file_get_contents( (string) $jobs->file( $job ) ) );
	}

	/**
	 * The filters a request with these parameters gives (a search also names users and actions).
	 *
	 * @param array<string, mixed> $params Parameters of GET /audit.
	 * @return array<string, mixed>
	 */
	private function rest_filters( array $params ): array {
		$request = new \WP_REST_Request( 'GET', '/auth-sentinel/v1/audit' );
		foreach ( $params as $key => $value ) {
			$request->set_param( $key, $value );
		}
		$filters = Plugin::get( \AuthSentinel\Audit\AuditController::class )->request_filters( $request );
		$this->assertIsArray( $filters );
		return $filters;
	}

	/**
	 * A step that died after writing rows but before recording them (the rows are in the file,
	 * the job does not know) and left its lock behind: once the lock is stale, the next step cuts
	 * the file back and goes on; every row is in the file once, in order.
	 */
	public function test_an_interrupted_job_resumes_without_duplicate_or_missing_rows(): void {
		$jobs  = Plugin::get( ExportJobs::class );
		$steps = Plugin::get( ExportSteps::class );
		$store = new ExportStore();
		$job   = $jobs->start( array( 'user' => self::BULK_USER ), $this->user( 'admin' ) );
		$this->assertNotNull( $job );
		$this->jobs[] = $job['id'];
		for ( $i = 0; $i < 3; $i++ ) {
			$job = $steps->advance( $job, 0.0 );
		}
		$this->assertSame( 'running', $job['state'] );
		$this->assertGreaterThan( 0, $job['rows'] );

		// The dead step: more rows appended past the recorded size than the rest of the file will
		// take, and its lock still held.
		file_put_contents( $store->path( $job, false ), str_repeat( "999999999,2026-01-01T00:00:00Z,sign_in,half a row\n", 100000 ), FILE_APPEND );
		JobLock::acquire( 'export_' . $job['id'], 3600 );
		$this->assertSame( $job, $steps->advance( $job, 0.0 ), 'a step that holds the lock is not run twice' );
		update_option( JobLock::PREFIX . 'export_' . $job['id'], sprintf( '%010d:dead', time() - 1 ), false );

		while ( 'running' === $job['state'] ) {
			$job = $steps->advance( $job, 0.0 );
		}
		$this->assertSame( 'complete', $job['state'] );
		$file = (string) file_get_contents( (string) $jobs->file( $job ) );
		$this->assertStringNotContainsString( 'half a row', $file );
		$this->assertSame( $this->streamed( array( 'user' => self::BULK_USER ) ), $file );
		$ids = array_map(
			static function ( string $line ): int {
				return (int) $line;
			},
			array_slice( array_filter( explode( "\n", $file ) ), 1 )
		);
		$this->assertCount( self::ROWS, $ids );
		$this->assertCount( self::ROWS, array_unique( $ids ), 'each row once' );
	}

	/**
	 * Anonymous 401, an editor 403, filters checked by the schema (400), an id that is no job's
	 * or another user's 404; an unfinished job's file is refused (409); a deleted job is gone.
	 */
	public function test_permissions_validation_and_unfinished_downloads(): void {
		$route = '/wp-json/auth-sentinel/v1/audit/exports';
		$this->assertSame( 401, $this->http( 'POST', $route )['status'] );
		$this->assertSame( 403, $this->http( 'POST', $route, array( 'as' => 'editor' ) )['status'] );
		$this->assertSame( 400, $this->http( 'POST', $route . '?action=nonsense', array( 'as' => 'admin' ) )['status'] );
		$this->assertSame( 400, $this->http( 'POST', $route . '?user=0', array( 'as' => 'admin' ) )['status'] );
		$this->assertSame( 400, $this->http( 'POST', $route . '?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z', array( 'as' => 'admin' ) )['status'] );

		$jobs = Plugin::get( ExportJobs::class );
		$job  = $jobs->start( array( 'user' => self::BULK_USER ), $this->user( 'admin' ) );
		$this->assertNotNull( $job );
		$this->jobs[] = $job['id'];
		$item         = $route . '/' . $job['id'];
		$this->assertSame( 401, $this->http( 'GET', $item )['status'] );
		$this->assertSame( 403, $this->http( 'GET', $item, array( 'as' => 'editor' ) )['status'] );
		$this->assertSame( 401, $this->http( 'GET', $item . '/file' )['status'] );
		$this->assertSame( 403, $this->http( 'GET', $item . '/file', array( 'as' => 'editor' ) )['status'] );
		$this->assertSame( 404, $this->http( 'GET', $route . '/0123456789abcdef', array( 'as' => 'admin' ) )['status'] );

		// Not finished: no file, whatever the method.
		$unfinished = $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $job['id'] . '/file', array(), $this->user( 'admin' ) );
		$this->assertSame( 409, $unfinished->get_status() );
		$this->assertSame( 'auth_sentinel_export_unfinished', $unfinished->get_data()['code'] );

		// Another administrator does not see it (they start their own).
		$other = $this->other_admin();
		try {
			$this->assertSame( 404, $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $job['id'], array(), $other )->get_status() );
			$this->assertSame( 404, $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $job['id'] . '/file', array(), $other )->get_status() );
			$this->assertSame( 404, $this->rest( 'DELETE', '/auth-sentinel/v1/audit/exports/' . $job['id'], array(), $other )->get_status() );
		} finally {
			require_once ABSPATH . 'wp-admin/includes/user.php';
			wp_delete_user( $other );
		}

		$deleted = $this->rest( 'DELETE', '/auth-sentinel/v1/audit/exports/' . $job['id'], array(), $this->user( 'admin' ) );
		$this->assertTrue( $deleted->get_data()['deleted'] );
		$this->assertFileDoesNotExist( ( new ExportStore() )->path( $job, false ) );
		$this->assertSame( 404, $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $job['id'], array(), $this->user( 'admin' ) )->get_status() );
	}

	/**
	 * A day after it started, a job and its file are deleted: by its own cron event, by the daily
	 * pruning (which also takes a file left without a job), and a request for it finds nothing.
	 * Without a poll, the cron event goes on with a running job.
	 */
	public function test_jobs_go_on_by_cron_and_expire_after_a_day(): void {
		$jobs  = Plugin::get( ExportJobs::class );
		$store = new ExportStore();
		$job   = $jobs->start( array( 'user' => self::BULK_USER ), $this->user( 'admin' ) );
		$this->assertNotNull( $job );
		$this->jobs[] = $job['id'];
		$this->assertGreaterThan( time() + DAY_IN_SECONDS - 60, wp_next_scheduled( Hooks::EXPORT_EXPIRE, array( $job['id'] ) ) );
		$job = Plugin::get( ExportSteps::class )->advance( $job, 0.0 );
		$this->assertNotFalse( wp_next_scheduled( Hooks::EXPORT_STEP, array( $job['id'] ) ), 'the next step is scheduled' );
		// One batch a step (a step's time spent at once): one cron run still ends the job, step
		// after step (before, it wrote one step and waited for the next run).
		add_filter( 'auth_sentinel_export_step_seconds', '__return_zero' );
		try {
			do_action( Hooks::EXPORT_STEP, $job['id'] );
		} finally {
			remove_filter( 'auth_sentinel_export_step_seconds', '__return_zero' );
		}
		$this->assertGreaterThan( $job['rows'], $store->get( $job['id'] )['rows'], 'the cron event wrote rows' );
		$this->assertSame( 'complete', $store->get( $job['id'] )['state'], 'one cron run went on to the end' );
		$this->assertSame( self::ROWS, $store->get( $job['id'] )['rows'] );

		// The expiry event.
		do_action( Hooks::EXPORT_EXPIRE, $job['id'] );
		$this->assertNull( $store->get( $job['id'] ) );
		$this->assertFileDoesNotExist( $store->path( $job, false ) );
		$this->assertFalse( wp_next_scheduled( Hooks::EXPORT_EXPIRE, array( $job['id'] ) ) );

		// The daily pruning, for a job whose event was lost, and for a file without a job.
		$old = $jobs->start( array( 'user' => self::BULK_USER ), $this->user( 'admin' ) );
		$this->assertNotNull( $old );
		$this->jobs[]   = $old['id'];
		$old['created'] = time() - DAY_IN_SECONDS - 1;
		$store->put( $old );
		$fresh = $jobs->start( array( 'user' => self::BULK_USER ), $this->user( 'admin' ) );
		$this->assertNotNull( $fresh );
		$this->jobs[] = $fresh['id'];
		$orphan       = ExportStore::folder() . '/0123456789abcdef-' . str_repeat( 'ab', 16 ) . '.csv';
		file_put_contents( $orphan, 'left behind' );
		touch( $orphan, time() - DAY_IN_SECONDS - 1 );
		$jobs->clean(); // What the daily pruning (Hooks::PRUNE) runs.
		$this->assertNull( $store->get( $old['id'] ) );
		$this->assertFileDoesNotExist( $store->path( $old, false ) );
		$this->assertFileDoesNotExist( $orphan );
		$this->assertNotNull( $store->get( $fresh['id'] ), 'a job of today stays' );

		// A request for a job past its day finds nothing, and deletes it.
		$fresh['created'] = time() - DAY_IN_SECONDS - 1;
		$store->put( $fresh );
		$this->assertSame( 404, $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $fresh['id'], array(), $this->user( 'admin' ) )->get_status() );
		$this->assertFileDoesNotExist( $store->path( $fresh, false ) );
	}

	/**
	 * A running export is cancelled (DELETE, as the screen's Cancel button sends it): the answer
	 * says it was running; its job, its partial file and its next WP-Cron step are gone; asking
	 * for it or its file is 404, and the cron event, if it still fires, brings nothing back.
	 * Anonymous 401, an editor 403.
	 */
	public function test_a_running_export_is_cancelled(): void {
		$store = new ExportStore();
		$slow  = static function () {
			return 0.0; // One batch a step: the export is still running when cancelled.
		};
		add_filter( 'auth_sentinel_export_step_seconds', $slow );
		try {
			$job = $this->start( array( 'user' => self::BULK_USER ) );
			$this->assertSame( 'running', $job['state'] );
			$job = $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $job['id'], array(), $this->user( 'admin' ) )->get_data();
		} finally {
			remove_filter( 'auth_sentinel_export_step_seconds', $slow );
		}
		$this->assertSame( 'running', $job['state'] );
		$this->assertGreaterThan( 0, $job['rows'] );
		$kept = $store->get( $job['id'] );
		$this->assertNotNull( $kept );
		$part = $store->path( $kept, false );
		$this->assertFileExists( $part );
		$this->assertNotFalse( wp_next_scheduled( Hooks::EXPORT_STEP, array( $job['id'] ) ), 'a cron step is due' );

		$route = '/wp-json/auth-sentinel/v1/audit/exports/' . $job['id'];
		$this->assertSame( 401, $this->http( 'DELETE', $route )['status'] );
		$this->assertSame( 403, $this->http( 'DELETE', $route, array( 'as' => 'editor' ) )['status'] );
		$this->assertNotNull( $store->get( $job['id'] ), 'refused: still there' );

		$cancelled = $this->rest( 'DELETE', '/auth-sentinel/v1/audit/exports/' . $job['id'], array(), $this->user( 'admin' ) );
		$this->assertSame( 200, $cancelled->get_status() );
		$this->assertTrue( $cancelled->get_data()['deleted'] );
		$this->assertSame( 'running', $cancelled->get_data()['previous']['state'] );
		$this->assertNull( $store->get( $job['id'] ) );
		$this->assertFileDoesNotExist( $part );
		$this->assertFalse( wp_next_scheduled( Hooks::EXPORT_STEP, array( $job['id'] ) ), 'no next step' );
		$this->assertFalse( wp_next_scheduled( Hooks::EXPORT_EXPIRE, array( $job['id'] ) ) );
		$this->assertSame( 404, $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $job['id'], array(), $this->user( 'admin' ) )->get_status() );
		$this->assertSame( 404, $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $job['id'] . '/file', array(), $this->user( 'admin' ) )->get_status() );
		$this->assertSame( 404, $this->rest( 'DELETE', '/auth-sentinel/v1/audit/exports/' . $job['id'], array(), $this->user( 'admin' ) )->get_status() );

		do_action( Hooks::EXPORT_STEP, $job['id'] ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- An event that fired anyway.
		$this->assertNull( $store->get( $job['id'] ) );
		$this->assertFileDoesNotExist( $part );
		$this->assertNotContains( $job['id'], array_column( $this->rest( 'GET', '/auth-sentinel/v1/audit/exports', array(), $this->user( 'admin' ) )->get_data(), 'id' ), 'not listed' );
	}

	/**
	 * A cancel that arrives while a step is writing (another request: the poll, the cron) wins:
	 * the step does not save the job again nor leave its file, and schedules no next step.
	 */
	public function test_a_cancel_during_a_step_is_not_undone_by_the_step(): void {
		$store = new ExportStore();
		// The audit table, which lets a DELETE in (another request's) once the step reads its rows.
		$audit = new class() extends \AuthSentinel\Audit\AuditExportRepository {
			/**
			 * Runs once, when the step reads rows.
			 *
			 * @var callable|null
			 */
			public $meanwhile;

			/**
			 * Reads a batch, after the DELETE.
			 *
			 * @param array<string, mixed> $filters Filters.
			 * @param int                  $below   Ids below.
			 * @param int                  $from    Ids from.
			 * @param int                  $limit   Rows.
			 * @return array<int, array<string, mixed>>
			 */
			public function export_batch( array $filters, int $below, int $from, int $limit ): array {
				if ( $this->meanwhile ) {
					( $this->meanwhile )();
					$this->meanwhile = null;
				}
				return parent::export_batch( $filters, $below, $from, $limit );
			}
		};
		$jobs  = new ExportJobs( $audit, $store );
		$steps = new ExportSteps( $audit, $store );
		$job   = $jobs->start( array( 'user' => self::BULK_USER ), $this->user( 'admin' ) );
		$this->assertNotNull( $job );
		$this->jobs[] = $job['id'];
		$job          = $steps->advance( $job, 0.0 );
		$this->assertSame( 'running', $job['state'] );

		$cancelled        = false;
		$audit->meanwhile = static function () use ( &$cancelled, $job ) {
			$cancelled = true;
			Plugin::get( ExportJobs::class )->delete( $job );
		};
		$after            = $steps->advance( $job, 0.0 );
		$this->assertTrue( $cancelled, 'the cancel came during the step' );
		$this->assertNull( $store->get( $job['id'] ), 'the step did not save the job again' );
		$this->assertSame( 'cancelled', $after['state'] );
		$this->assertFileDoesNotExist( $store->path( $job, false ) );
		$this->assertFileDoesNotExist( $store->path( $job, true ) );
		$this->assertFalse( wp_next_scheduled( Hooks::EXPORT_STEP, array( $job['id'] ) ), 'no next step' );
	}

	/**
	 * An export of a relative period (the screen's "Last 7 days") takes the rows of that period
	 * before it starts, keeps the filters as chosen (`period`, not the time it gave), and is
	 * listed with them to its owner only, newest first: what the screen matches after a reload.
	 * A period and a start together are refused.
	 */
	public function test_an_export_of_a_period_is_listed_with_the_filters_as_chosen(): void {
		global $wpdb;
		$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery -- A row of eight days ago.
			$wpdb->prefix . 'auth_sentinel_audit',
			array(
				'at'             => gmdate( 'Y-m-d H:i:s', time() - 8 * DAY_IN_SECONDS ),
				'action'         => 'sign_in',
				'actor_id'       => 0,
				'target_user_id' => self::BULK_USER,
				'ip'             => '10.9.9.9',
				'user_agent'     => 'eight days ago',
				'details'        => '{}',
			)
		);
		$route = '/auth-sentinel/v1/audit/exports';
		$this->assertSame(
			400,
			$this->rest(
				'POST',
				$route,
				array(
					'period' => 'week',
					'since'  => '2026-01-01T00:00:00Z',
				),
				$this->user( 'admin' )
			)->get_status()
		);
		$this->assertSame( 400, $this->rest( 'POST', $route, array( 'period' => 'year' ), $this->user( 'admin' ) )->get_status() );

		$done  = function ( array $job ): array {
			for ( $polls = 0; 'running' === $job['state'] && $polls < 50; $polls++ ) {
				$job = $this->rest( 'GET', '/auth-sentinel/v1/audit/exports/' . $job['id'], array(), $this->user( 'admin' ) )->get_data();
			}
			$this->assertSame( 'complete', $job['state'] );
			return $job;
		};
		$week  = $done(
			$this->start(
				array(
					'period' => 'week',
					'user'   => self::BULK_USER,
				)
			)
		);
		$month = $done(
			$this->start(
				array(
					'period' => 'month',
					'user'   => self::BULK_USER,
					'search' => ' ',
				)
			)
		);
		$this->assertSame( self::ROWS, $week['rows'], 'the row of eight days ago is not in the last 7 days' );
		$this->assertSame( self::ROWS + 1, $month['rows'], 'it is in the last 30 days' );
		$this->assertEquals(
			(object) array(
				'user'   => self::BULK_USER,
				'period' => 'week',
			),
			$week['filters'],
			'the filters as chosen, not the time the period gave'
		);
		$this->assertEquals(
			(object) array(
				'user'   => self::BULK_USER,
				'period' => 'month',
			),
			$month['filters'],
			'an empty search is no filter'
		);

		// Listed to its owner, newest first, without writing anything, the jobs read in one query
		// (one per job before).
		$admin  = $this->user( 'admin' );
		$listed = $this->recording(
			function () use ( $route, $admin ) {
				return $this->rest( 'GET', $route, array(), $admin );
			},
			$queries
		);
		$this->assertSame( 200, $listed->get_status() );
		$reads = array_filter(
			$queries,
			static function ( string $query ): bool {
				return false !== strpos( $query, ExportStore::OPTION );
			}
		);
		$this->assertCount( 1, $reads, implode( "\n", $reads ) );
		$ids = array_column( $listed->get_data(), 'id' );
		$this->assertSame( array( $month['id'], $week['id'] ), array_values( array_intersect( $ids, array( $week['id'], $month['id'] ) ) ) );
		$this->assertEquals( $week['filters'], $listed->get_data()[ array_search( $week['id'], $ids, true ) ]['filters'] );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json' . $route )['status'] );
		$this->assertSame( 403, $this->http( 'GET', '/wp-json' . $route, array( 'as' => 'editor' ) )['status'] );
		$other = $this->other_admin();
		try {
			$theirs = $this->rest( 'GET', $route, array(), $other );
			$this->assertSame( 200, $theirs->get_status() );
			$this->assertSame( array(), $theirs->get_data(), 'another administrator lists none of them' );
		} finally {
			require_once ABSPATH . 'wp-admin/includes/user.php';
			wp_delete_user( $other );
		}
	}
}
