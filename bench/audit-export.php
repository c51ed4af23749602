<?php
/**
 * Fills the audit table with a million rows over a year, then times the audit route, the
 * streamed CSV export and the background export in-process, with their peak memory (run inside
 * a site by wp-run.php).
 *
 * Usage: php tests/bin/wp-run.php <site dir> <url> bench/audit-export.php
 *   AUTH_SENTINEL_BENCH_ROWS=200000   fewer rows
 *   AUTH_SENTINEL_BENCH_KEEP=1        reuse the rows of the last run
 *   AUTH_SENTINEL_BENCH_DOC=1         also write the tables into docs/performance.md ("Audit export")
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.DB, WordPress.WP.AlternativeFunctions, WordPress.Security.EscapeOutput
use AuthSentinel\Audit\AuditCsv;
use AuthSentinel\Audit\ExportJobs;
use AuthSentinel\Audit\ExportSteps;
use AuthSentinel\Plugin;

global $wpdb;
$auth_sentinel_table  = $wpdb->prefix . 'auth_sentinel_audit';
$auth_sentinel_target = (int) ( getenv( 'AUTH_SENTINEL_BENCH_ROWS' ) ? getenv( 'AUTH_SENTINEL_BENCH_ROWS' ) : 1000000 );
$auth_sentinel_now    = time();
$auth_sentinel_start  = microtime( true );
$auth_sentinel_keep   = getenv( 'AUTH_SENTINEL_BENCH_KEEP' ) && (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$auth_sentinel_table}" ) >= $auth_sentinel_target;

if ( ! $auth_sentinel_keep ) {
	$wpdb->query( "TRUNCATE TABLE {$auth_sentinel_table}" );
	// A seed of 1,000 rows with the plugin's actions in realistic proportions and details.
	$auth_sentinel_seed   = array(
		'sign_in'                 => 420,
		'sign_out'                => 150,
		'session_created'         => 200,
		'session_revoked'         => 120,
		'app_password_first_used' => 40,
		'app_password_created'    => 20,
		'app_password_revoked'    => 10,
		'password_changed'        => 15,
		'email_changed'           => 5,
		'role_changed'            => 5,
		'user_sessions_revoked'   => 8,
		'settings_changed'        => 5,
		'all_sessions_revoked'    => 1,
		'secrets_changed'         => 1,
	);
	$auth_sentinel_values = array();
	$auth_sentinel_i      = 0;
	foreach ( $auth_sentinel_seed as $auth_sentinel_action => $auth_sentinel_count ) {
		for ( $auth_sentinel_n = 0; $auth_sentinel_n < $auth_sentinel_count; $auth_sentinel_n++, $auth_sentinel_i++ ) {
			switch ( $auth_sentinel_action ) {
				case 'sign_in':
					$auth_sentinel_details = array( 'method' => 0 === $auth_sentinel_i % 9 ? 'xmlrpc' : 'login_form' );
					break;
				case 'session_created':
				case 'session_revoked':
					$auth_sentinel_details = array(
						'session' => wp_rand( 1, 900000 ),
						'type'    => 0 === $auth_sentinel_i % 4 ? 'wcpos' : 'cookie',
						'reason'  => 0 === $auth_sentinel_i % 5 ? 'policy_password' : 'admin',
						'client'  => 0 === $auth_sentinel_i % 4 ? 'WooCommerce POS 1.7' : 'Chrome on Windows',
					);
					break;
				case 'app_password_first_used':
				case 'app_password_created':
				case 'app_password_revoked':
					$auth_sentinel_details = array(
						'uuid' => wp_generate_uuid4(),
						'name' => 'Till ' . ( $auth_sentinel_i % 12 ),
					);
					break;
				case 'role_changed':
					$auth_sentinel_details = array(
						'from' => array( 'shop_manager' ),
						'to'   => array( 'customer' ),
					);
					break;
				case 'user_sessions_revoked':
				case 'all_sessions_revoked':
					$auth_sentinel_details = array(
						'counts' => array(
							'cookie'       => wp_rand( 0, 5 ),
							'app_password' => wp_rand( 0, 2 ),
							'wcpos'        => wp_rand( 0, 3 ),
							'token'        => 0,
						),
						'reason' => 'admin',
					);
					break;
				case 'settings_changed':
					$auth_sentinel_details = array( 'changed' => array( 'audit_retention_days' ) );
					break;
				case 'secrets_changed':
					$auth_sentinel_details = array(
						'trigger' => 'cron',
						'at'      => $auth_sentinel_now,
						'changed' => array( 'AUTH_KEY', 'AUTH_SALT' ),
					);
					break;
				default:
					$auth_sentinel_details = array();
			}
			$auth_sentinel_values[] = $wpdb->prepare(
				'(%s, %s, %d, %d, %s, %s, %s)',
				gmdate( 'Y-m-d H:i:s', $auth_sentinel_now ),
				$auth_sentinel_action,
				wp_rand( 0, 4999 ),
				wp_rand( 1, 100000 ),
				'10.0.' . wp_rand( 0, 255 ) . '.' . wp_rand( 0, 255 ),
				0 === $auth_sentinel_i % 4 ? 'WCPOS/1.7.' . wp_rand( 0, 9 ) . ' (Android 14)' : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/12' . wp_rand( 0, 9 ) . '.0 Safari/537.36',
				wp_json_encode( $auth_sentinel_details, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES )
			);
		}
	}
	$auth_sentinel_columns = '(at, action, actor_id, target_user_id, ip, user_agent, details)';
	$wpdb->query( "INSERT INTO {$auth_sentinel_table} {$auth_sentinel_columns} VALUES " . implode( ',', $auth_sentinel_values ) );
	// Doubling, with fresh users and addresses, up to the target.
	while ( ( $auth_sentinel_have = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$auth_sentinel_table}" ) ) < $auth_sentinel_target ) {
		$wpdb->query(
			"INSERT INTO {$auth_sentinel_table} {$auth_sentinel_columns}
			SELECT at, action, ( actor_id * 7 + id ) % 5000, ( target_user_id * 13 + id ) % 100000 + 1, CONCAT( '10.', id % 256, '.', ( id * 7 ) % 256, '.', ( id * 13 ) % 256 ), user_agent, details
			FROM {$auth_sentinel_table} ORDER BY id LIMIT " . (int) min( $auth_sentinel_have, $auth_sentinel_target - $auth_sentinel_have )
		);
	}
	// Times in the order rows were written, one every ~31 s: a year of a busy shop.
	$auth_sentinel_max = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$auth_sentinel_table}" );
	$wpdb->query( $wpdb->prepare( "UPDATE {$auth_sentinel_table} SET at = UTC_TIMESTAMP() - INTERVAL ( ( %d - id ) * 31 ) SECOND", $auth_sentinel_max ) );
	$wpdb->query( "ANALYZE TABLE {$auth_sentinel_table}" );
}
$auth_sentinel_rows = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$auth_sentinel_table}" );
$auth_sentinel_load = function_exists( 'sys_getloadavg' ) ? (array) sys_getloadavg() : array( 0 );
$auth_sentinel_out  = sprintf(
	"WordPress %s, PHP %s, %s, %s rows in the audit table, load average %.1f on %d cores\n\n",
	get_bloginfo( 'version' ),
	PHP_VERSION,
	$wpdb->db_server_info(),
	number_format( $auth_sentinel_rows ),
	(float) $auth_sentinel_load[0],
	(int) shell_exec( 'nproc' )
);
echo $auth_sentinel_out;

/**
 * Times a REST request in-process: the median of five.
 *
 * @param string               $route  The route.
 * @param array<string, mixed> $params Its parameters.
 * @return array{0: float, 1: int} Milliseconds, and the X-WP-Total header.
 */
function auth_sentinel_bench_time( string $route, array $params ): array {
	$times = array();
	$total = 0;
	for ( $i = 0; $i < 5; $i++ ) {
		$request = new WP_REST_Request( 'GET', $route );
		foreach ( $params as $key => $value ) {
			$request->set_param( $key, $value );
		}
		$start    = microtime( true );
		$response = rest_do_request( $request );
		$times[]  = ( microtime( true ) - $start ) * 1000;
		$total    = (int) ( $response->get_headers()['X-WP-Total'] ?? 0 );
		if ( 200 !== $response->get_status() ) {
			fwrite( STDERR, wp_json_encode( $response->get_data() ) . "\n" );
		}
	}
	sort( $times );
	return array( $times[2], $total );
}

/**
 * Returns the CPU seconds this PHP process has used (user and system): the server's PHP time
 * whatever else the machine runs; the database's is not in it.
 *
 * @return float
 */
function auth_sentinel_bench_cpu(): float {
	$usage = getrusage();
	return $usage['ru_utime.tv_sec'] + $usage['ru_utime.tv_usec'] / 1e6 + $usage['ru_stime.tv_sec'] + $usage['ru_stime.tv_usec'] / 1e6;
}

wp_set_current_user( 1 );
$auth_sentinel_week  = gmdate( 'Y-m-d\TH:i:s\Z', $auth_sentinel_now - 7 * DAY_IN_SECONDS );
$auth_sentinel_month = gmdate( 'Y-m-d\TH:i:s\Z', $auth_sentinel_now - 30 * DAY_IN_SECONDS );
$auth_sentinel_list  = "| request | rows matching | median of 5 |\n|---|---|---|\n";
foreach ( array(
	'`GET /audit` (first page, total count)'             => array(),
	'`GET /audit?page=500`'                              => array( 'page' => 500 ),
	'`GET /audit?action=session_revoked`'                => array( 'action' => 'session_revoked' ),
	'`GET /audit?action=secrets_changed`'                => array( 'action' => 'secrets_changed' ),
	'`GET /audit?user=4242`'                             => array( 'user' => 4242 ),
	'`GET /audit?actor=0` (the system)'                  => array( 'actor' => 0 ),
	'`GET /audit?since=` (7 days)'                       => array( 'since' => $auth_sentinel_week ),
	'`GET /audit?search=10.0.42.7` (an address)'         => array( 'search' => '10.0.42.7' ),
	'`GET /audit?search=10.0.42` (an address\'s start)'  => array( 'search' => '10.0.42' ),
	'`GET /audit?search=xmlrpc` (a word of the details)' => array( 'search' => 'xmlrpc' ),
	'`GET /audit?search=till 7` (two words of the details)' => array( 'search' => 'till 7' ),
	'`GET /audit?search=WCPOS` (a word of a quarter of the rows)' => array( 'search' => 'WCPOS' ),
	'`GET /audit?search=WCPOS&page=500`'                 => array(
		'search' => 'WCPOS',
		'page'   => 500,
	),
) as $auth_sentinel_label => $auth_sentinel_params ) {
	list( $auth_sentinel_ms, $auth_sentinel_total ) = auth_sentinel_bench_time( '/auth-sentinel/v1/audit', $auth_sentinel_params );
	$auth_sentinel_list                            .= sprintf( "| %s | %s | %.0f ms |\n", $auth_sentinel_label, number_format( $auth_sentinel_total ), $auth_sentinel_ms );
}
echo $auth_sentinel_list, "\n";

// The export, written to a sink that only counts: what the server does minus the network.
$auth_sentinel_export = "| export | rows | file | time | rows/s | PHP CPU | peak memory above the request's |\n|---|---|---|---|---|---|---|\n";
foreach ( array(
	'`?format=csv` (everything)'                  => array(),
	'`?format=csv&since=` (30 days)'              => array( 'since' => $auth_sentinel_month ),
	'`?format=csv&user=4242`'                     => array( 'user' => 4242 ),
	'`?format=csv&action=secrets_changed` (rare)' => array( 'action' => 'secrets_changed' ),
	'`?format=csv&search=WCPOS` (free text)'      => array( 'search' => 'WCPOS' ),
) as $auth_sentinel_label => $auth_sentinel_params ) {
	$auth_sentinel_request = new WP_REST_Request( 'GET', '/auth-sentinel/v1/audit' );
	foreach ( array( 'format' => 'csv' ) + $auth_sentinel_params as $auth_sentinel_key => $auth_sentinel_value ) {
		$auth_sentinel_request->set_param( $auth_sentinel_key, $auth_sentinel_value );
	}
	$auth_sentinel_csv = rest_do_request( $auth_sentinel_request );
	if ( ! $auth_sentinel_csv instanceof AuditCsv ) {
		fwrite( STDERR, "not an export\n" );
		exit( 1 );
	}
	gc_collect_cycles();
	$auth_sentinel_base = memory_get_usage();
	if ( function_exists( 'memory_reset_peak_usage' ) ) {
		memory_reset_peak_usage();
	}
	$auth_sentinel_bytes   = 0;
	$auth_sentinel_high    = $auth_sentinel_base;
	$auth_sentinel_start   = microtime( true );
	$auth_sentinel_cpu     = auth_sentinel_bench_cpu();
	$auth_sentinel_n       = $auth_sentinel_csv->write(
		static function ( string $chunk ) use ( &$auth_sentinel_bytes, &$auth_sentinel_high ): bool {
			$auth_sentinel_bytes += strlen( $chunk );
			$auth_sentinel_high   = max( $auth_sentinel_high, memory_get_usage() );
			return true;
		}
	);
	$auth_sentinel_secs    = microtime( true ) - $auth_sentinel_start;
	$auth_sentinel_cpu     = auth_sentinel_bench_cpu() - $auth_sentinel_cpu;
	$auth_sentinel_peak    = function_exists( 'memory_reset_peak_usage' ) ? memory_get_peak_usage() : $auth_sentinel_high;
	$auth_sentinel_export .= sprintf(
		"| %s | %s | %.1f MB | %.1f s | %s | %.1f s | %.1f MB |\n",
		$auth_sentinel_label,
		number_format( $auth_sentinel_n ),
		$auth_sentinel_bytes / 1048576,
		$auth_sentinel_secs,
		number_format( $auth_sentinel_n / max( 0.001, $auth_sentinel_secs ) ),
		$auth_sentinel_cpu,
		( $auth_sentinel_peak - $auth_sentinel_base ) / 1048576
	);
}
echo $auth_sentinel_export, "\n";

// The background export of everything, as the Audit screen makes it: steps of at most 5 s (the
// screen's polls), then of 1 s (auth_sentinel_export_step_seconds, behind a short proxy timeout),
// run back to back here; the server's time, the steps, the longest one and the PHP process's
// peak memory above what it used before.
$auth_sentinel_jobs       = Plugin::get( ExportJobs::class );
$auth_sentinel_stepper    = Plugin::get( ExportSteps::class );
$auth_sentinel_background = "| background export | rows | file | server time | rows/s | PHP CPU | steps (longest) | peak memory above the request's |\n|---|---|---|---|---|---|---|---|\n";
foreach ( array( 5.0, 1.0 ) as $auth_sentinel_seconds ) {
	$auth_sentinel_filter = static function () use ( $auth_sentinel_seconds ): float {
		return $auth_sentinel_seconds;
	};
	add_filter( 'auth_sentinel_export_step_seconds', $auth_sentinel_filter );
	gc_collect_cycles();
	$auth_sentinel_base = memory_get_usage();
	if ( function_exists( 'memory_reset_peak_usage' ) ) {
		memory_reset_peak_usage();
	}
	$auth_sentinel_start   = microtime( true );
	$auth_sentinel_cpu     = auth_sentinel_bench_cpu();
	$auth_sentinel_job     = $auth_sentinel_jobs->start( array(), 1 );
	$auth_sentinel_steps   = 0;
	$auth_sentinel_longest = 0.0;
	while ( null !== $auth_sentinel_job && 'running' === $auth_sentinel_job['state'] ) {
		$auth_sentinel_step    = microtime( true );
		$auth_sentinel_job     = $auth_sentinel_stepper->advance( $auth_sentinel_job );
		$auth_sentinel_longest = max( $auth_sentinel_longest, microtime( true ) - $auth_sentinel_step );
		++$auth_sentinel_steps;
	}
	$auth_sentinel_secs = microtime( true ) - $auth_sentinel_start;
	$auth_sentinel_cpu  = auth_sentinel_bench_cpu() - $auth_sentinel_cpu;
	$auth_sentinel_peak = memory_get_peak_usage();
	remove_filter( 'auth_sentinel_export_step_seconds', $auth_sentinel_filter );
	if ( null === $auth_sentinel_job || 'complete' !== $auth_sentinel_job['state'] ) {
		fwrite( STDERR, "the background export did not complete\n" );
		exit( 1 );
	}
	$auth_sentinel_background .= sprintf(
		"| everything, steps of %.0f s | %s | %.1f MB | %.1f s | %s | %.1f s | %d (%.1f s) | %.1f MB |\n",
		$auth_sentinel_seconds,
		number_format( (int) $auth_sentinel_job['rows'] ),
		(int) $auth_sentinel_job['bytes'] / 1048576,
		$auth_sentinel_secs,
		number_format( (int) $auth_sentinel_job['rows'] / max( 0.001, $auth_sentinel_secs ) ),
		$auth_sentinel_cpu,
		$auth_sentinel_steps,
		$auth_sentinel_longest,
		( $auth_sentinel_peak - $auth_sentinel_base ) / 1048576
	);
	$auth_sentinel_jobs->delete( $auth_sentinel_job );
}
echo $auth_sentinel_background, "\n";

$auth_sentinel_plan = '';
foreach ( array(
	'listing'      => "SELECT * FROM {$auth_sentinel_table} WHERE 1 = 1 ORDER BY at DESC, id DESC LIMIT 20",
	'export batch' => "SELECT id, at, action, actor_id, target_user_id, ip, user_agent, details FROM {$auth_sentinel_table} WHERE 1 = 1 AND COALESCE(target_user_id, 0) = 4242 AND id < 500000 AND id >= 480000 ORDER BY id DESC LIMIT 1000",
) as $auth_sentinel_label => $auth_sentinel_sql ) {
	$auth_sentinel_e     = $wpdb->get_row( "EXPLAIN {$auth_sentinel_sql}", ARRAY_A );
	$auth_sentinel_plan .= sprintf( "- %s: %s on `%s`, %s rows examined (estimate)\n", $auth_sentinel_label, $auth_sentinel_e['type'], $auth_sentinel_e['key'], $auth_sentinel_e['rows'] );
}
echo $auth_sentinel_plan;

if ( getenv( 'AUTH_SENTINEL_BENCH_DOC' ) ) {
	$auth_sentinel_doc  = dirname( __DIR__ ) . '/docs/performance.md';
	$auth_sentinel_text = (string) file_get_contents( $auth_sentinel_doc );
	$auth_sentinel_new  = "<!-- audit-export:start -->\n" . $auth_sentinel_out . $auth_sentinel_list . "\n" . $auth_sentinel_export . "\n" . $auth_sentinel_background . "\nQuery plans (EXPLAIN):\n" . $auth_sentinel_plan . '<!-- audit-export:end -->';
	$auth_sentinel_text = (string) preg_replace( '/<!-- audit-export:start -->.*<!-- audit-export:end -->/s', str_replace( '$', '\$', $auth_sentinel_new ), $auth_sentinel_text, 1, $auth_sentinel_done );
	if ( $auth_sentinel_done ) {
		file_put_contents( $auth_sentinel_doc, $auth_sentinel_text );
		echo "\nWritten into docs/performance.md\n";
	} else {
		fwrite( STDERR, "docs/performance.md has no audit-export markers\n" );
	}
}
