<?php
/**
 * The audit log's CSV export: a download link that works with the admin's cookie, filters,
 * cells a spreadsheet cannot run, and a long log streamed in constant memory.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Audit\AuditCsv;
use AuthSentinel\Audit\AuditCsvFormat;
use AuthSentinel\Plugin;

/**
 * GET /auth-sentinel/v1/audit?format=csv.
 */
class AuditCsvTest extends TestCase {

	/**
	 * The target user id of the bulk rows (no such user).
	 */
	const BULK_USER = 987654;

	/**
	 * A user agent unique to this test, so its rows can be found among the others.
	 *
	 * @var string
	 */
	private $marker = '';

	/**
	 * Picks this test's marker.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->marker = 'as-csv-' . wp_generate_password( 10, false );
	}

	/**
	 * Removes the rows this test wrote.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		global $wpdb;
		$table = $wpdb->prefix . 'auth_sentinel_audit';
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE user_agent LIKE %s OR target_user_id = %d", '%' . $wpdb->esc_like( $this->marker ) . '%', self::BULK_USER ) );
		parent::tearDown();
	}

	/**
	 * Signs a user in and returns the cookie jar and a REST nonce, as the admin screen has them.
	 *
	 * @param string $login The login.
	 * @return array{0: string, 1: string} Cookie jar and nonce.
	 */
	private function browser( string $login ): array {
		$jar   = $this->sign_in( $login );
		$nonce = $this->http( 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', array( 'cookies' => $jar ) )['body'];
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{10}$/', $nonce );
		return array( $jar, $nonce );
	}

	/**
	 * Downloads the export as a signed-in browser would, from a plain link.
	 *
	 * @param string               $jar   Cookie jar.
	 * @param string               $nonce REST nonce.
	 * @param array<string, mixed> $query   Filters.
	 * @param string[]             $headers Request headers to send too.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function download( string $jar, string $nonce, array $query = array(), array $headers = array() ): array {
		$query += array(
			'format'   => 'csv',
			'_wpnonce' => $nonce,
		);
		return $this->http(
			'GET',
			'/wp-json/auth-sentinel/v1/audit?' . http_build_query( $query ),
			array(
				'cookies' => $jar,
				'headers' => $headers,
			)
		);
	}

	/**
	 * Parses a CSV file into rows of cells, the byte order mark checked and dropped.
	 *
	 * @param string $body The file.
	 * @return array<int, array<int, string>>
	 */
	private function parse( string $body ): array {
		$this->assertSame( AuditCsvFormat::BOM, substr( $body, 0, 3 ), 'starts with the UTF-8 byte order mark' );
		$handle = fopen( 'php://memory', 'w+' );
		fwrite( $handle, substr( $body, 3 ) );
		rewind( $handle );
		$rows = array();
		while ( false !== ( $cells = fgetcsv( $handle, 0, ',', '"', '' ) ) ) {
			$rows[] = $cells;
		}
		fclose( $handle );
		return $rows;
	}

	/**
	 * Any cell a spreadsheet would read as a formula gets a leading quote; others are untouched.
	 */
	public function test_formula_cells_are_neutralised(): void {
		foreach ( array( '=1+2', '+1', '-1', '@SUM(A1)', "\tx", "\rx", '  =cmd', "\n=cmd", ' @x' ) as $cell ) {
			$this->assertSame( "'" . $cell, AuditCsvFormat::cell( $cell ), wp_json_encode( $cell ) );
		}
		foreach ( array( '', 'sign_in', '192.0.2.1', 'Mozilla/5.0', '{"a":"=1"}', 'a=b', '1-2', 'x@y' ) as $cell ) {
			$this->assertSame( $cell, AuditCsvFormat::cell( $cell ), $cell );
		}
	}

	/**
	 * A signed-in administrator downloads from a plain link carrying the REST nonce; an editor
	 * gets 403, a visitor 401, and a cookie without the nonce counts as no one.
	 */
	public function test_download_permissions(): void {
		list( $jar, $nonce ) = $this->browser( 'admin' );
		$admin               = $this->download( $jar, $nonce );
		$this->assertSame( 200, $admin['status'], $admin['body'] );
		$this->assertSame( 'text/csv; charset=utf-8', $admin['headers']['content-type'] );
		$this->assertMatchesRegularExpression( '/^attachment; filename="auth-sentinel-audit-\d{8}-\d{6}\.csv"$/', $admin['headers']['content-disposition'] );
		$this->assertSame( 'nosniff', $admin['headers']['x-content-type-options'] );
		$this->assertStringContainsString( 'no-cache', $admin['headers']['cache-control'] );
		$this->assertSame( AuditCsvFormat::COLUMNS, $this->parse( $admin['body'] )[0] );

		list( $editor_jar, $editor_nonce ) = $this->browser( 'editor' );
		$this->assertSame( 403, $this->download( $editor_jar, $editor_nonce )['status'] );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?format=csv' )['status'] );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?format=csv', array( 'cookies' => $jar ) )['status'], 'no nonce, no cookie authentication' );
		$this->assertSame( 403, $this->download( $jar, 'badnonce00' )['status'], 'a wrong nonce is refused' );
	}

	/**
	 * A download sent with an Origin header (the admin screen's form is a same-site request
	 * that carries one) still gets core's CORS headers: the file is written after them, so
	 * nothing tries to send a header once the body has started (a PHP warning in the log).
	 */
	public function test_download_with_an_origin_gets_the_cors_headers_before_the_file(): void {
		list( $jar, $nonce ) = $this->browser( 'admin' );
		$origin              = untrailingslashit( AUTH_SENTINEL_TEST_URL );
		$answer              = $this->download( $jar, $nonce, array(), array( 'Origin: ' . $origin ) );
		$this->assertSame( 200, $answer['status'], $answer['body'] );
		$this->assertSame( $origin, $answer['headers']['access-control-allow-origin'] ?? null );
		$this->assertSame( AuditCsvFormat::COLUMNS, $this->parse( $answer['body'] )[0] );
	}

	/**
	 * The export holds the rows the filters select, newest first, with every column filled and
	 * formulas planted in a user agent or a detail defused.
	 */
	public function test_filters_and_content(): void {
		global $wpdb;
		$repository = Plugin::get( \AuthSentinel\Audit\AuditRepository::class );
		$admin      = $this->user( 'admin' );
		$editor     = $this->user( 'editor' );
		$first      = $repository->add( 'sign_in', array( 'method' => 'login_form' ), $editor, $editor, '192.0.2.10', $this->marker );
		$second     = $repository->add(
			'session_revoked',
			array(
				'session' => 12,
				'type'    => 'cookie',
				'reason'  => 'admin',
				'client'  => '=HYPERLINK("http://evil.example","x")',
			),
			$admin,
			$editor,
			'192.0.2.11',
			$this->marker
		);
		$evil       = '=cmd|\' /C calc\'!A0 ' . $this->marker;
		$third      = $repository->add( 'sign_in', array( 'method' => 'xmlrpc' ), $editor, $editor, '192.0.2.12', $evil );
		$wpdb->update( $wpdb->prefix . 'auth_sentinel_audit', array( 'at' => gmdate( 'Y-m-d H:i:s', time() - DAY_IN_SECONDS ) ), array( 'id' => $first ) );

		list( $jar, $nonce ) = $this->browser( 'admin' );
		$rows                = $this->parse( $this->download( $jar, $nonce, array( 'search' => $this->marker ) )['body'] );
		$this->assertSame( AuditCsvFormat::COLUMNS, array_shift( $rows ) );
		$this->assertSame( array( (string) $third, (string) $second, (string) $first ), array_column( $rows, 0 ), 'newest first' );

		list( , $revoked, $signed_in ) = $rows;
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $revoked[1] );
		$this->assertSame( 'session_revoked', $revoked[2] );
		$this->assertSame( 'Revoked a browser session (=HYPERLINK("http://evil.example","x")) of editor', $revoked[3] );
		$this->assertSame( array( (string) $admin, 'admin', (string) $editor, 'editor', '192.0.2.11', $this->marker ), array_slice( $revoked, 4, 6 ) );
		$this->assertSame( 12, json_decode( $revoked[10], true )['session'] );
		$this->assertSame( 'Signed in with the login form', $signed_in[3] );

		$this->assertSame( "'" . $evil, $rows[0][9], 'a user agent that is a formula is defused' );

		// Filters apply to the file as to the list.
		$only = $this->parse(
			$this->download(
				$jar,
				$nonce,
				array(
					'search' => $this->marker,
					'action' => 'sign_in',
					'since'  => gmdate( 'Y-m-d\TH:i:s\Z', time() - HOUR_IN_SECONDS ),
				)
			)['body']
		);
		$this->assertSame( array( (string) $third ), array_column( array_slice( $only, 1 ), 0 ) );
		$actor = $this->parse(
			$this->download(
				$jar,
				$nonce,
				array(
					'search' => $this->marker,
					'actor'  => $admin,
				)
			)['body']
		);
		$this->assertSame( array( (string) $second ), array_column( array_slice( $actor, 1 ), 0 ) );
		$this->assertSame( 400, $this->download( $jar, $nonce, array( 'action' => 'nonsense' ) )['status'] );
	}

	/**
	 * 200,000 rows download whole over HTTP, each once, newest first; exporting them takes a few
	 * megabytes of memory whatever the size of the file.
	 */
	public function test_large_log_streams_in_constant_memory(): void {
		global $wpdb;
		$table = $wpdb->prefix . 'auth_sentinel_audit';
		$start = microtime( true );
		// A seed of 1,000 rows over 1,000 seconds, doubled by SQL; portable to SQLite.
		$values = array();
		for ( $i = 0; $i < 1000; $i++ ) {
			$values[] = $wpdb->prepare(
				'(%s, %s, %d, %d, %s, %s, %s)',
				gmdate( 'Y-m-d H:i:s', time() - 1000 + $i ),
				0 === $i % 3 ? 'session_revoked' : 'sign_in',
				$i % 7,
				self::BULK_USER,
				'10.0.' . ( $i % 256 ) . '.1',
				'Mozilla/5.0 (bulk ' . $i . ')',
				wp_json_encode(
					array(
						'session' => $i,
						'type'    => 'cookie',
						'reason'  => 'admin',
					)
				)
			);
		}
		$columns = '(at, action, actor_id, target_user_id, ip, user_agent, details)';
		$wpdb->query( "INSERT INTO {$table} {$columns} VALUES " . implode( ',', $values ) );
		$copy = "INSERT INTO {$table} {$columns} SELECT at, action, actor_id, target_user_id, ip, user_agent, details FROM {$table} WHERE target_user_id = " . self::BULK_USER;
		for ( $i = 0; $i < 7; $i++ ) {
			$wpdb->query( $copy );
		}
		$wpdb->query( $copy . ' LIMIT 72000' );
		$total = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE target_user_id = %d", self::BULK_USER ) );
		$this->assertSame( 200000, $total );
		$filled = microtime( true ) - $start;

		// Over HTTP, as the admin's browser downloads it.
		list( $jar, $nonce ) = $this->browser( 'admin' );
		$start               = microtime( true );
		$answer              = $this->download( $jar, $nonce, array( 'user' => self::BULK_USER ) );
		$seconds             = microtime( true ) - $start;
		$this->assertSame( 200, $answer['status'] );
		$this->assertSame( AuditCsvFormat::BOM, substr( $answer['body'], 0, 3 ) );
		$handle = fopen( 'php://memory', 'w+' );
		fwrite( $handle, substr( $answer['body'], 3 ) );
		unset( $answer );
		rewind( $handle );
		$this->assertSame( AuditCsvFormat::COLUMNS, fgetcsv( $handle, 0, ',', '"', '' ) );
		$ids    = array();
		$ragged = 0;
		while ( false !== ( $cells = fgetcsv( $handle, 0, ',', '"', '' ) ) ) {
			$ragged += count( $cells ) === count( AuditCsvFormat::COLUMNS ) ? 0 : 1;
			$ids[]   = (int) $cells[0];
		}
		fclose( $handle );
		$this->assertSame( 0, $ragged, 'every line has every column' );
		$this->assertCount( 200000, $ids );
		$this->assertCount( 200000, array_unique( $ids ), 'each row once' );
		$sorted = $ids;
		rsort( $sorted );
		$this->assertTrue( $sorted === $ids, 'newest first, in the order the rows were written' );
		unset( $ids, $sorted );

		// In a fresh process, through the route: the peak memory of the whole export.
		$output = $this->run_in_site(
			'wp_set_current_user( 1 );
			$request = new WP_REST_Request( "GET", "/auth-sentinel/v1/audit" );
			$request->set_param( "format", "csv" );
			$request->set_param( "user", ' . self::BULK_USER . ' );
			$export = rest_do_request( $request );
			$before = memory_get_usage();
			if ( function_exists( "memory_reset_peak_usage" ) ) { memory_reset_peak_usage(); }
			$bytes = 0;
			$rows  = $export->write( static function ( $chunk ) use ( &$bytes ) { $bytes += strlen( $chunk ); return true; } );
			echo "@@", json_encode( array( "class" => get_class( $export ), "rows" => $rows, "bytes" => $bytes, "before" => $before, "peak" => memory_get_peak_usage() ) );'
		);
		$this->assertStringContainsString( '@@', $output, $output );
		$figures = json_decode( substr( $output, strrpos( $output, '@@' ) + 2 ), true );
		$this->assertSame( AuditCsv::class, $figures['class'] );
		$this->assertSame( 200000, $figures['rows'] );
		$this->assertGreaterThan( 20 * MB_IN_BYTES, $figures['bytes'], 'a file of tens of megabytes' );
		$this->assertLessThan( 8 * MB_IN_BYTES, $figures['peak'] - $figures['before'], sprintf( 'exporting %.1f MB used %.1f MB', $figures['bytes'] / MB_IN_BYTES, ( $figures['peak'] - $figures['before'] ) / MB_IN_BYTES ) );
		$this->assertLessThan( 45, $seconds, sprintf( 'downloaded in %.1f s (rows filled in %.1f s)', $seconds, $filled ) );
	}
}
