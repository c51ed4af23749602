<?php
/**
 * What log forwarding costs the request that sends (run inside a site by wp-run.php): building
 * a failure's record, appending it to the JSON-lines file, and sending it to syslog over UDP
 * and over TCP (a new connection each time, as a request does), against receivers this script
 * opens on loopback; then a Unix socket whose queue is full (a receiver that never reads),
 * which costs the time budget. Prints the median and 95th percentile of each, in µs.
 *
 *     php tests/bin/wp-run.php .cache/<site> <url> bench/log-forwarding.php
 *
 * AUTH_SENTINEL_BENCH_RUNS sets the runs per case (default 2,000; 10 for the full socket).
 *
 * @package AuthSentinel
 */

use AuthSentinel\Logging\JsonLinesFile;
use AuthSentinel\Logging\LogConfig;
use AuthSentinel\Logging\LogRecord;
use AuthSentinel\Logging\Syslog;

// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- A bench on loopback sockets and a temporary file.

$auth_sentinel_runs = (int) ( getenv( 'AUTH_SENTINEL_BENCH_RUNS' ) ?: 2000 );
$auth_sentinel_dir  = sys_get_temp_dir() . '/as-log-bench-' . getmypid();
mkdir( $auth_sentinel_dir );
$auth_sentinel_row = array(
	'agg_key'     => str_repeat( 'a', 32 ),
	'first_seen'  => gmdate( 'Y-m-d H:i:s' ),
	'last_seen'   => gmdate( 'Y-m-d H:i:s' ),
	'count'       => 1,
	'source'      => 'application_password',
	'server_code' => 'incorrect_password',
	'code'        => 'app_password_wrong',
	'cause'       => 'bad_credentials',
	'user_id'     => 1,
	'ip'          => '203.0.113.7',
	'user_agent'  => 'WooCommercePOS/1.4 (iPad; iOS 17.2) "quoted" [bracket]',
	'route'       => '/wp-json/wc/v3/orders',
	'token_fp'    => '',
);
$auth_sentinel_config = array_merge(
	LogConfig::get(),
	array(
		'dir'       => $auth_sentinel_dir,
		'max_bytes' => 10 * 1024 * 1024,
		'keep'      => 2,
		'host'      => '127.0.0.1',
		'timeout'   => 0.2,
	)
);

$auth_sentinel_udp_server = stream_socket_server( 'udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND );
$auth_sentinel_tcp_server = stream_socket_server( 'tcp://127.0.0.1:0', $errno, $errstr );
$auth_sentinel_port       = static function ( $server ): int {
	$name = (string) stream_socket_get_name( $server, false );
	return (int) substr( $name, strrpos( $name, ':' ) + 1 );
};
stream_set_blocking( $auth_sentinel_udp_server, false );

$auth_sentinel_cases = array(
	'build the record (LogRecord::failure)' => static function () use ( $auth_sentinel_row ) {
		LogRecord::failure( $auth_sentinel_row, true, str_repeat( 'b', 32 ) );
	},
	'append to the JSON-lines file'          => static function () use ( $auth_sentinel_row, $auth_sentinel_config ) {
		JsonLinesFile::from( $auth_sentinel_config )->send( array( LogRecord::failure( $auth_sentinel_row, true ) ) );
	},
	'syslog over UDP'                        => static function () use ( $auth_sentinel_row, $auth_sentinel_config, $auth_sentinel_udp_server, $auth_sentinel_port ) {
		$config = array_merge(
			$auth_sentinel_config,
			array(
				'transport' => 'udp',
				'port'      => $auth_sentinel_port( $auth_sentinel_udp_server ),
			)
		);
		( new Syslog( $config ) )->send( array( LogRecord::failure( $auth_sentinel_row, true ) ) );
		@fread( $auth_sentinel_udp_server, 4096 ); // Drained outside the timing would be fairer; it is microseconds.
	},
	'syslog over TCP (connect, send, close)' => static function () use ( $auth_sentinel_row, $auth_sentinel_config, $auth_sentinel_tcp_server, $auth_sentinel_port ) {
		$config = array_merge(
			$auth_sentinel_config,
			array(
				'transport' => 'tcp',
				'port'      => $auth_sentinel_port( $auth_sentinel_tcp_server ),
			)
		);
		( new Syslog( $config ) )->send( array( LogRecord::failure( $auth_sentinel_row, true ) ) );
		$peer = stream_socket_accept( $auth_sentinel_tcp_server, 1 );
		if ( $peer ) {
			stream_get_contents( $peer );
			fclose( $peer );
		}
	},
);

$auth_sentinel_hole   = $auth_sentinel_dir . '/full.sock';
$auth_sentinel_server = stream_socket_server( 'udg://' . $auth_sentinel_hole, $errno, $errstr, STREAM_SERVER_BIND );
$auth_sentinel_filler = stream_socket_client( 'udg://' . $auth_sentinel_hole );
stream_set_blocking( $auth_sentinel_filler, false );
for ( $auth_sentinel_i = 0; $auth_sentinel_i < 10000 && @fwrite( $auth_sentinel_filler, str_repeat( 'x', 1024 ) ); $auth_sentinel_i++ ) { // phpcs:ignore Generic.CodeAnalysis.ForLoopWithTestFunctionCall.NotAllowed -- Until the queue is full.
}
$auth_sentinel_cases['syslog to a full Unix socket (budget 200 ms)'] = static function () use ( $auth_sentinel_row, $auth_sentinel_config, $auth_sentinel_hole ) {
	$config = array_merge(
		$auth_sentinel_config,
		array(
			'transport' => 'unix',
			'socket'    => $auth_sentinel_hole,
		)
	);
	( new Syslog( $config ) )->send( array( LogRecord::failure( $auth_sentinel_row, true ) ) );
};

printf( "PHP %s, %d runs per case\n\n| what | median | p95 |\n|---|---|---|\n", PHP_VERSION, $auth_sentinel_runs );
foreach ( $auth_sentinel_cases as $auth_sentinel_name => $auth_sentinel_case ) {
	$auth_sentinel_times = array();
	$auth_sentinel_n     = false !== strpos( $auth_sentinel_name, 'budget' ) ? 10 : $auth_sentinel_runs;
	for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_n; $auth_sentinel_i++ ) {
		$auth_sentinel_start   = hrtime( true );
		$auth_sentinel_case();
		$auth_sentinel_times[] = ( hrtime( true ) - $auth_sentinel_start ) / 1000;
	}
	sort( $auth_sentinel_times );
	printf( "| %s | %.0f µs | %.0f µs |\n", $auth_sentinel_name, $auth_sentinel_times[ intdiv( count( $auth_sentinel_times ), 2 ) ], $auth_sentinel_times[ (int) floor( count( $auth_sentinel_times ) * 0.95 ) ] );
}
shell_exec( 'rm -rf ' . escapeshellarg( $auth_sentinel_dir ) );
