<?php
/**
 * Log forwarding into a real receiver: Debian's rsyslog on loopback (UDP, TCP, a Unix socket)
 * and the JSON-lines file, checked against docs/logging.md.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Health\LogForwardingCheck;
use AuthSentinel\Logging\JsonLinesFile;
use AuthSentinel\Logging\LogConfig;
use AuthSentinel\Logging\LogForwarder;
use AuthSentinel\Logging\LogRecord;
use AuthSentinel\Logging\LogSpool;
use AuthSentinel\Settings\Settings;

/**
 * Starts its own rsyslogd (`-n -f <conf> -i <pidfile>`: imudp on 127.0.0.1:5514, imtcp on
 * 5515, imuxsock on a socket in a temporary directory, every message written raw to one file,
 * no system logging), points the site's log file at the same directory through a must-use
 * plugin, and stops both at the end.
 */
class LogForwardingTest extends TestCase {

	const UDP_PORT    = 5514;
	const TCP_PORT    = 5515;
	const CLOSED_PORT = 5518;

	/**
	 * The rsyslogd process.
	 *
	 * @var resource|null
	 */
	private static $rsyslog;

	/**
	 * The temporary directory: rsyslog's configuration, work directory, socket and output; the
	 * site's log files in logs/.
	 *
	 * @var string
	 */
	private static $dir = '';

	/**
	 * The must-use plugin that points the log file at the temporary directory.
	 *
	 * @var string
	 */
	private static $mu_plugin = '';

	/**
	 * The settings option as stored before the test (null: absent).
	 *
	 * @var string|null
	 */
	private $saved_settings;

	/**
	 * Starts rsyslogd and writes the must-use plugin.
	 *
	 * @return void
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		if ( ! is_executable( '/usr/sbin/rsyslogd' ) ) {
			self::fail( 'rsyslog is not installed (bin/test.sh installs it: apt-get install rsyslog)' );
		}
		self::$dir = sys_get_temp_dir() . '/as-logging-' . getmypid();
		mkdir( self::$dir . '/logs', 0777, true );
		$conf = implode(
			"\n",
			array(
				'global(workDirectory="' . self::$dir . '")',
				'module(load="imuxsock" SysSock.Use="off")',
				'module(load="imudp")',
				'module(load="imtcp")',
				'template(name="raw" type="string" string="%rawmsg%\n")',
				'ruleset(name="raw") { action(type="omfile" file="' . self::$dir . '/received.log" template="raw") }',
				'input(type="imudp" address="127.0.0.1" port="' . self::UDP_PORT . '" ruleset="raw")',
				'input(type="imtcp" address="127.0.0.1" port="' . self::TCP_PORT . '" ruleset="raw")',
				'input(type="imuxsock" Socket="' . self::$dir . '/log.sock" Ruleset="raw" UseSpecialParser="off")',
				'',
			)
		);
		file_put_contents( self::$dir . '/rsyslog.conf', $conf );
		$null          = array( 'file', '/dev/null', 'a' );
		self::$rsyslog = proc_open( array( '/usr/sbin/rsyslogd', '-n', '-f', self::$dir . '/rsyslog.conf', '-i', self::$dir . '/rsyslogd.pid' ), array( $null, array( 'file', self::$dir . '/rsyslogd.err', 'a' ), array( 'file', self::$dir . '/rsyslogd.err', 'a' ) ), $pipes );
		for ( $i = 0; $i < 50 && ! ( self::listening( self::TCP_PORT ) && file_exists( self::$dir . '/log.sock' ) ); $i++ ) {
			usleep( 100000 );
		}
		if ( ! self::listening( self::TCP_PORT ) ) {
			self::fail( 'rsyslogd did not start: ' . (string) @file_get_contents( self::$dir . '/rsyslogd.err' ) ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
		}
		$filter          = "add_filter( 'auth_sentinel_log_config', static function ( \$config ) { \$config['dir'] = " . var_export( self::$dir . '/logs', true ) . '; return $config; } );';
		self::$mu_plugin = AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/test-log-dir.php';
		file_put_contents( self::$mu_plugin, "<?php\n" . $filter . "\n" );
		eval( $filter ); // phpcs:ignore Squiz.PHP.Eval.Discouraged -- The same filter in this process.
	}

	/**
	 * Stops rsyslogd, removes the must-use plugin and the temporary directory.
	 *
	 * @return void
	 */
	public static function tearDownAfterClass(): void {
		if ( is_resource( self::$rsyslog ) ) {
			proc_terminate( self::$rsyslog );
			proc_close( self::$rsyslog );
		}
		if ( '' !== self::$mu_plugin && is_file( self::$mu_plugin ) ) {
			unlink( self::$mu_plugin );
		}
		if ( '' !== self::$dir ) {
			shell_exec( 'rm -rf ' . escapeshellarg( self::$dir ) );
		}
		remove_all_filters( 'auth_sentinel_log_config' );
		parent::tearDownAfterClass();
	}

	/**
	 * Saves the settings and forgets the spool, state and counts of earlier tests.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		global $wpdb;
		$this->saved_settings = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", Settings::OPTION ) );
		$this->forget_state();
		foreach ( glob( self::$dir . '/logs/auth-sentinel.jsonl*' ) as $file ) {
			unlink( $file );
		}
	}

	/**
	 * Puts the settings back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		global $wpdb;
		if ( null === $this->saved_settings ) {
			$wpdb->delete( $wpdb->options, array( 'option_name' => Settings::OPTION ) );
		} else {
			$wpdb->update( $wpdb->options, array( 'option_value' => $this->saved_settings ), array( 'option_name' => Settings::OPTION ) );
		}
		$this->forget_state();
		parent::tearDown();
	}

	/**
	 * The field table of docs/logging.md names exactly the fields the code writes, and marks as
	 * "always" exactly the ones every record has.
	 */
	public function test_documented_fields_are_the_fields_of_the_code(): void {
		$documented = self::documented_fields();
		$this->assertSame( array_keys( LogRecord::FIELDS ), array_keys( $documented ), 'docs/logging.md lists the fields of LogRecord::FIELDS, in order' );
		foreach ( LogRecord::FIELDS as $field => $always ) {
			$this->assertSame( $always, 'always' === $documented[ $field ], "$field: “always” in the docs exactly when every record has it" );
		}
	}

	/**
	 * A failing request produces one syslog message over UDP, then over TCP, then over the Unix
	 * socket, with the RFC 5424 header and the fields in the structured data, and the same record
	 * in the JSON-lines file.
	 */
	public function test_failure_reaches_syslog_over_udp_tcp_and_unix_socket_and_the_file(): void {
		foreach ( array( 'udp', 'tcp', 'unix' ) as $transport ) {
			$this->configure(
				array(
					'log_file_enabled'     => true,
					'log_syslog_enabled'   => true,
					'log_syslog_transport' => $transport,
					'log_syslog_port'      => 'udp' === $transport ? self::UDP_PORT : self::TCP_PORT,
					'log_syslog_socket'    => self::$dir . '/log.sock',
					'log_syslog_facility'  => 'local3',
				)
			);
			$agent = $this->agent( $transport );
			$this->fail_once( $agent );
			$messages = $this->wait_for_syslog( $agent, 1 );
			$this->assertCount( 1, $messages, "$transport: one message for one failure" );
			$message = $messages[0];
			$this->assertSame( 19 * 8 + 4, $message['pri'], "$transport: local3.warning" );
			$this->assertSame( 'auth_sentinel.failures', $message['msgid'] );
			$this->assertSame( 'Failed authentication: bad_credentials (login_form)', $message['msg'] );
			$params = $message['params'];
			$this->assertSame( 'failure_recorded', $params['event.action'] );
			$this->assertSame( 'bad_credentials', $params['event.reason'] );
			$this->assertSame( 'failure', $params['event.outcome'] );
			$this->assertSame( 'login_form', $params['event.provider'] );
			$this->assertSame( 'incorrect_password', $params['error.code'] );
			$this->assertSame( '1', $params['event.count'] );
			$this->assertSame( (string) $this->user( 'author' ), $params['user.id'] );
			$this->assertSame( 'author', $params['user.name'] );
			$this->assertSame( '/wp-login.php', $params['url.path'] );
			$this->assertSame( $agent, $params['user_agent.original'], 'the escaped ", \\ and ] come back as sent' );
			$this->assertMatchesRegularExpression( '/^[0-9a-f]{32}$/', $params['labels.credential_fingerprint'] );

			// The same record in the file: every field but the header's time and the message.
			$records = $this->file_records( $agent );
			$this->assertCount( 1, $records, "$transport: one line in the file" );
			$record = $records[0];
			$this->assertSame( $record['@timestamp'], $message['timestamp'] );
			$this->assertSame( $record['message'], $message['msg'] );
			unset( $record['@timestamp'], $record['message'] );
			$this->assertSame( array_map( 'strval', $record ), $params, "$transport: the structured data carries the line's fields" );
		}
		$this->assert_file_follows_the_schema();
		$this->assertStringNotContainsString( 'wrong-password', (string) file_get_contents( self::$dir . '/received.log' ), 'never the password' );
		$this->assertStringNotContainsString( 'wrong-password', (string) file_get_contents( self::$dir . '/logs/' . LogConfig::FILE_NAME ) );
	}

	/**
	 * An audit row is one line in syslog and in the file, with who did it and to whom.
	 */
	public function test_audit_row_is_forwarded(): void {
		$this->configure(
			array(
				'log_file_enabled'     => true,
				'log_syslog_enabled'   => true,
				'log_syslog_transport' => 'tcp',
				'log_syslog_port'      => self::TCP_PORT,
			)
		);
		$admin  = $this->user( 'admin' );
		$editor = $this->user( 'editor' );
		$marker = 'audit-' . wp_generate_password( 8, false );
		$this->run_in_site( 'wp_set_current_user( ' . $admin . ' ); \AuthSentinel\Plugin::get( \AuthSentinel\Audit\Auditor::class )->record( "user_sessions_revoked", array( "reason" => ' . var_export( $marker, true ) . ', "count" => 2 ), ' . $editor . ' );' );
		$messages = $this->wait_for_syslog( $marker, 1 );
		$this->assertSame( 10 * 8 + 5, $messages[0]['pri'], 'authpriv.notice' );
		$this->assertSame( 'auth_sentinel.audit', $messages[0]['msgid'] );
		$params = $messages[0]['params'];
		$this->assertSame( 'user_sessions_revoked', $params['event.action'] );
		$this->assertSame( 'success', $params['event.outcome'] );
		$this->assertSame( (string) $admin, $params['user.id'] );
		$this->assertSame( 'admin', $params['user.name'] );
		$this->assertSame( (string) $editor, $params['user.target.id'] );
		$this->assertSame( 'editor', $params['user.target.name'] );
		$this->assertMatchesRegularExpression( '/^audit-\d+$/', $params['event.id'] );
		$this->assertSame(
			array(
				'reason' => $marker,
				'count'  => 2,
			),
			json_decode( $params['labels.details'], true )
		);
		$this->assertCount( 1, $this->file_records( $marker ) );
		$this->assert_file_follows_the_schema();
	}

	/**
	 * A storm of identical failures is one new line, then one count update with the total,
	 * not a line per failure.
	 */
	public function test_storm_is_one_new_line_and_count_updates(): void {
		$this->configure(
			array(
				'log_file_enabled'     => true,
				'log_syslog_enabled'   => true,
				'log_syslog_transport' => 'udp',
				'log_syslog_port'      => self::UDP_PORT,
			)
		);
		// The window of count updates starts now (earlier tests' repeats are not this test's).
		$this->run_in_site( 'update_option( "auth_sentinel_log_counts_until", gmdate( "Y-m-d H:i:s", time() - 1 ), false ); wp_clear_scheduled_hook( "auth_sentinel_log_counts" );' );
		$agent = $this->agent( 'storm' );
		for ( $i = 0; $i < 40; $i++ ) {
			$this->fail_once( $agent );
		}
		usleep( 300000 );
		$this->assertCount( 1, $this->file_records( $agent ), 'one line for the new failure, none for its 39 repeats' );
		$this->assertCount( 1, $this->syslog( $agent ) );
		$this->assertSame( 'yes', trim( $this->run_in_site( 'echo wp_next_scheduled( "auth_sentinel_log_counts" ) ? "yes" : "no";' ) ), 'a repeat schedules the count update' );

		// The count update (WP-Cron, a few minutes later; run now, once the second is past).
		sleep( 1 );
		$this->run_in_site( 'do_action( "auth_sentinel_log_counts" );' );
		$records = $this->file_records( $agent );
		$this->assertCount( 2, $records );
		$this->assertSame( array( 'failure_recorded', 'failure_repeated' ), array_column( $records, 'event.action' ) );
		$this->assertSame( 40, $records[1]['event.count'], 'the running total' );
		$this->assertSame( $records[0]['event.id'], $records[1]['event.id'], 'the same aggregate' );
		$updates = $this->wait_for_syslog( $agent, 2 );
		$this->assertSame( '40', $updates[1]['params']['event.count'] );

		// Run again with nothing new: nothing is sent twice.
		sleep( 1 );
		$this->run_in_site( 'do_action( "auth_sentinel_log_counts" );' );
		$this->assertCount( 2, $this->file_records( $agent ) );
		$this->assert_file_follows_the_schema();
	}

	/**
	 * The file is rotated at the configured size and only the configured number of rotated files
	 * is kept; no line is cut or lost within the kept files.
	 */
	public function test_file_rotates_at_its_size_and_keeps_its_number(): void {
		$this->configure(
			array(
				'log_file_enabled' => true,
				'log_file_max_kb'  => 16,
				'log_file_keep'    => 2,
			)
		);
		$file = JsonLinesFile::from( LogConfig::get() );
		$sent = 0;
		for ( $batch = 0; $batch < 30; $batch++ ) {
			$records = array();
			for ( $i = 0; $i < 5; $i++ ) {
				$record                   = LogRecord::test();
				$record['labels.details'] = str_repeat( 'x', 300 ) . ' #' . ( $sent++ );
				$records[]                = $record;
			}
			$this->assertSame( array( 5, '' ), $file->send( $records ) );
		}
		$path = self::$dir . '/logs/' . LogConfig::FILE_NAME;
		$this->assertFileExists( $path . '.1' );
		$this->assertFileExists( $path . '.2' );
		$this->assertFileDoesNotExist( $path . '.3', 'two rotated files kept' );
		$numbers = array();
		foreach ( array( $path . '.2', $path . '.1', $path ) as $part ) {
			clearstatcache();
			$this->assertLessThanOrEqual( 16 * 1024, filesize( $part ), basename( $part ) . ' stays within 16 KiB' );
			foreach ( file( $part, FILE_IGNORE_NEW_LINES ) as $line ) {
				$record = json_decode( $line, true );
				$this->assertIsArray( $record, 'every line is whole JSON' );
				$numbers[] = (int) substr( (string) $record['labels.details'], 302 );
			}
		}
		$this->assertSame( range( $sent - count( $numbers ), $sent - 1 ), $numbers, 'the newest lines, in order, none missing' );
		$this->assertGreaterThan( 16 * 1024 * 2 * 0.8, strlen( implode( '', array_map( 'file_get_contents', array( $path . '.2', $path . '.1' ) ) ) ), 'the rotated files are nearly full' );
	}

	/**
	 * A destination that is down (a closed port) or a black hole (a receiver that never reads)
	 * costs a failing request at most its time budget; its lines are spooled, counted, shown in
	 * Site Health, and sent when it comes back. The timings alternate the four cases request by
	 * request (nine rounds), so that the shared machine's drift weighs on all alike.
	 */
	public function test_down_destination_costs_its_budget_and_is_retried(): void {
		$budget = 200;
		// A black hole: a Unix datagram socket whose queue is full, so a send waits until the
		// budget runs out.
		$path = self::$dir . '/blackhole.sock';
		$hole = stream_socket_server( 'udg://' . $path, $errno, $errstr, STREAM_SERVER_BIND );
		$this->assertNotFalse( $hole, $errstr );
		$filler = stream_socket_client( 'udg://' . $path, $errno, $errstr );
		stream_set_blocking( $filler, false );
		for ( $i = 0; $i < 10000 && @fwrite( $filler, str_repeat( 'x', 1024 ) ); $i++ ) { // phpcs:ignore -- Until the queue is full.
		}
		$this->assertLessThan( 10000, $i, 'the queue is full' );

		$cases = array(
			'off'       => array(),
			// The receiver up: what forwarding adds to a failing request (file and TCP syslog).
			'on'        => array(
				'log_file_enabled'     => true,
				'log_syslog_enabled'   => true,
				'log_syslog_transport' => 'tcp',
				'log_syslog_port'      => self::TCP_PORT,
			),
			// A closed port: refused at once.
			'closed'    => array(
				'log_syslog_enabled'   => true,
				'log_syslog_transport' => 'tcp',
				'log_syslog_port'      => self::CLOSED_PORT,
				'log_timeout_ms'       => $budget,
			),
			'blackhole' => array(
				'log_syslog_enabled'   => true,
				'log_syslog_transport' => 'unix',
				'log_syslog_socket'    => $path,
				'log_timeout_ms'       => $budget,
			),
		);
		$times  = array_fill_keys( array_keys( $cases ), array() );
		$agents = array();
		foreach ( $cases as $name => $values ) { // Warm-up.
			$this->configure( $values );
			$this->fail_once( $this->agent( $name . '-warm' ) );
		}
		$this->forget_state();
		for ( $round = 0; $round < 9; $round++ ) {
			foreach ( $cases as $name => $values ) {
				$this->configure( $values );
				$this->forget_backoff(); // Every request tries its destination.
				$agent             = $this->agent( $name . '-' . $round );
				$agents[ $name ][] = $agent;
				$start             = microtime( true );
				$this->fail_once( $agent );
				$times[ $name ][] = ( microtime( true ) - $start ) * 1000;
			}
		}
		fclose( $filler );
		fclose( $hole );
		$median = array_map(
			static function ( $list ) {
				sort( $list );
				return $list[ intdiv( count( $list ), 2 ) ];
			},
			$times
		);

		$stats = LogSpool::stats();
		$this->assertSame( 18, $stats['syslog']['failed'], 'every failed send is counted' );
		$this->assertSame( 18, LogSpool::sizes()['syslog'], 'every line of a failed send waits in the spool' );
		$this->assertStringContainsString( 'timed out', $stats['syslog']['last_error'] );

		// After a failure the destination is left alone for a while: requests do not try, their
		// lines go to the spool at once.
		$this->configure( $cases['closed'] );
		$this->forget_backoff();
		$this->fail_once( $this->agent( 'backoff-first' ) );
		$this->assertSame( 19, LogSpool::stats()['syslog']['failed'] );
		$this->assertStringContainsString( 'Connection refused', LogSpool::stats()['syslog']['last_error'] );
		$backoff = array();
		$off     = array();
		for ( $i = 0; $i < 7; $i++ ) { // Alternated with requests without forwarding.
			$this->configure( $cases['closed'] );
			$start = microtime( true );
			$this->fail_once( $this->agent( 'backoff-' . $i ) );
			$backoff[] = ( microtime( true ) - $start ) * 1000;
			$this->configure( $cases['off'] );
			$start = microtime( true );
			$this->fail_once( $this->agent( 'backoff-off-' . $i ) );
			$off[] = ( microtime( true ) - $start ) * 1000;
		}
		sort( $backoff );
		sort( $off );
		$median['backoff']     = $backoff[3];
		$median['backoff_off'] = $off[3];
		$this->configure( $cases['closed'] );
		$this->assertSame( 19, LogSpool::stats()['syslog']['failed'], 'no send tried during the back-off' );
		$this->assertSame( 26, LogSpool::sizes()['syslog'] );

		// Site Health tells, with the last error.
		wp_cache_flush();
		$health = ( new LogForwardingCheck() )->run();
		$this->assertSame( 'recommended', $health['status'] );
		$this->assertStringContainsString( 'Connection refused', $health['description'] );
		$this->assertStringContainsString( '19 failed sends, 26 lines waiting for a retry, 0 lines dropped', $health['description'] );

		fwrite( STDERR, sprintf( "\nfailing request (wp-login.php, wrong password), median of 9 alternated: forwarding off %.1f ms, on (file + TCP syslog) %.1f ms, syslog down (closed port) %.1f ms, black hole (budget %d ms) %.1f ms; within the back-off %.1f ms against %.1f ms off (median of 7 alternated)\n", $median['off'], $median['on'], $median['closed'], $budget, $median['blackhole'], $median['backoff'], $median['backoff_off'] ) );
		$this->assertLessThan( $median['off'] + 75, $median['on'], 'forwarding to a receiver that is up adds little' );
		$this->assertLessThan( $median['off'] + $budget + 100, $median['closed'], 'a closed port costs less than the budget' );
		$this->assertLessThan( $median['off'] + $budget + 100, $median['blackhole'], 'a black hole costs at most the budget' );
		$this->assertGreaterThan( $median['off'] + $budget * 0.8, $median['blackhole'], 'the black hole did hold the request (the test measures what it says)' );
		$this->assertLessThan( $median['backoff_off'] + $budget * 0.75, $median['backoff'], 'within the back-off a request does not wait for the destination (its lines go to the spool)' );

		// The destination comes back (a receiver on the port that was closed): the retry sends
		// the spool, and the counts say so.
		$server = stream_socket_server( 'tcp://127.0.0.1:' . self::CLOSED_PORT, $errno, $errstr );
		$this->assertNotFalse( $server, $errstr );
		$this->run_in_site( 'do_action( "auth_sentinel_log_retry" );' );
		$connection = stream_socket_accept( $server, 2 );
		$this->assertNotFalse( $connection, 'the retry connected' );
		$received = (string) stream_get_contents( $connection );
		fclose( $connection );
		fclose( $server );
		$this->assertCount( 26, self::frames( $received ), 'every spooled line, octet-counted' );
		foreach ( array_merge( $agents['closed'], $agents['blackhole'] ) as $agent ) {
			$this->assertStringContainsString( 'user_agent.original="' . self::escape( $agent ) . '"', $received, 'the lines of the requests made while it was down' );
		}
		$this->assertSame( array(), array_filter( LogSpool::sizes() ), 'the spool is empty' );
		$this->assertSame( 26, LogSpool::stats()['syslog']['resent'] );
		wp_cache_flush();
		$this->assertSame( 'recommended', ( new LogForwardingCheck() )->run()['status'], 'the failures of the day are still told' );
	}

	/**
	 * A log directory that cannot be written: the line is spooled and counted with the reason,
	 * and written by the retry once the directory can be; the audit hook in this process goes
	 * through the same forwarder as a request's.
	 */
	public function test_unwritable_file_is_spooled_and_retried(): void {
		$this->configure( array( 'log_file_enabled' => true ) );
		$blocked = static function ( $config ) {
			$config['dir'] = '/dev/null/auth-sentinel-logs'; // Under a file: never a directory.
			return $config;
		};
		add_filter( 'auth_sentinel_log_config', $blocked, 20 );
		$forwarder = new LogForwarder( \AuthSentinel\Plugin::get( \AuthSentinel\Events\EventsRepository::class ) );
		$marker    = 'unwritable-' . wp_generate_password( 8, false );
		$forwarder->audited( 'settings_changed', array( 'marker' => $marker ), 0, 1, 0 );
		$forwarder->flush();
		remove_filter( 'auth_sentinel_log_config', $blocked, 20 );

		$stats = LogSpool::stats();
		$this->assertSame( 1, $stats['file']['failed'] );
		$this->assertSame( 'cannot create the log directory', $stats['file']['last_error'] );
		$this->assertSame( 1, LogSpool::sizes()['file'] );
		$this->assertSame( array(), $this->file_records( $marker ) );

		$forwarder->retry();
		$this->assertCount( 1, $this->file_records( $marker ), 'written by the retry' );
		$this->assertSame( 1, LogSpool::stats()['file']['resent'] );
		$this->assertSame( array(), array_filter( LogSpool::sizes() ) );
		$this->assert_file_follows_the_schema();
	}

	/**
	 * The default directory, under uploads, is closed to the web (an .htaccess that denies every
	 * request, an empty index.php); one outside the web root gets neither.
	 */
	public function test_directory_under_uploads_is_closed_to_the_web(): void {
		$this->assertStringEndsWith( '/wp-content/uploads/auth-sentinel-logs', LogConfig::directory(), 'the default without AUTH_SENTINEL_LOG_DIR' );
		$dir = LogConfig::directory() . '-test-' . strtolower( wp_generate_password( 6, false ) );
		try {
			$this->assertSame( array( 1, '' ), ( new JsonLinesFile( $dir, 1024 * 1024, 1 ) )->send( array( LogRecord::test() ) ) );
			$this->assertStringContainsString( 'Require all denied', (string) file_get_contents( $dir . '/.htaccess' ) );
			$this->assertFileExists( $dir . '/index.php' );
		} finally {
			shell_exec( 'rm -rf ' . escapeshellarg( $dir ) );
		}
		$this->assertSame( array( 1, '' ), ( new JsonLinesFile( self::$dir . '/logs', 1024 * 1024, 1 ) )->send( array( LogRecord::test() ) ) );
		$this->assertFileDoesNotExist( self::$dir . '/logs/.htaccess', 'outside the web root: nothing to close' );
	}

	/**
	 * One request keeps at most 500 lines; the ones past it are dropped and counted, for the
	 * destinations that are on.
	 */
	public function test_request_buffer_is_bounded(): void {
		$this->configure( array( 'log_file_enabled' => true ) );
		$forwarder = new LogForwarder( \AuthSentinel\Plugin::get( \AuthSentinel\Events\EventsRepository::class ) );
		$marker    = 'buffer-' . wp_generate_password( 8, false );
		for ( $i = 0; $i < LogForwarder::BUFFER_MAX + 7; $i++ ) {
			$forwarder->audited( 'settings_changed', array( 'marker' => $marker ), 0, $i + 1, 0 );
		}
		$forwarder->flush();
		$this->assertCount( LogForwarder::BUFFER_MAX, $this->file_records( $marker ) );
		$stats = LogSpool::stats();
		$this->assertSame( 7, $stats['file']['dropped'] );
		$this->assertArrayNotHasKey( 'syslog', $stats, 'syslog is off: nothing counted for it' );
	}

	/**
	 * The spool is bounded: past 1,000 lines the oldest are dropped, counted, and Site Health
	 * turns critical.
	 */
	public function test_spool_is_bounded_and_drops_are_counted(): void {
		$this->configure( array( 'log_syslog_enabled' => true ) );
		$records = array();
		for ( $i = 0; $i < LogSpool::MAX + 25; $i++ ) {
			$record             = LogRecord::test();
			$record['event.id'] = 'test-' . $i;
			$records[]          = $record;
		}
		LogSpool::add( 'syslog', $records );
		$this->assertSame( LogSpool::MAX, LogSpool::sizes()['syslog'] );
		$this->assertSame( 25, LogSpool::stats()['syslog']['dropped'] );
		$kept = LogSpool::take( 'syslog' );
		$this->assertSame( 'test-25', $kept[0]['event.id'], 'the oldest went first' );
		LogSpool::add( 'syslog', $kept );
		wp_cache_flush();
		$health = ( new LogForwardingCheck() )->run();
		$this->assertSame( 'critical', $health['status'] );
		$this->assertStringContainsString( '25 lines dropped', $health['description'] );

		// Site Health → Info says where the logs go (privately: paths and addresses of the server).
		$info = \AuthSentinel\Plugin::get( \AuthSentinel\Health\DebugInfo::class )->fields();
		$this->assertSame( 'Off', $info['log_file']['value'] );
		$this->assertSame( 'udp://127.0.0.1:514', $info['log_syslog']['value'] );
		$this->assertTrue( $info['log_syslog']['private'] );
	}

	/**
	 * The settings route checks the new fields' types, enums and bounds, and stays closed to
	 * anonymous callers and non-administrators.
	 */
	public function test_settings_route_validates_log_fields(): void {
		$admin = $this->user( 'admin' );
		$bad   = array(
			'log_syslog_transport' => 'carrier-pigeon',
			'log_syslog_port'      => 70000,
			'log_syslog_host'      => 'not a host!',
			'log_syslog_socket'    => 'relative/path',
			'log_syslog_facility'  => 'local9',
			'log_timeout_ms'       => 5,
			'log_file_max_kb'      => 1,
			'log_file_keep'        => 0,
			'log_repeat_minutes'   => 61,
			'log_file_enabled'     => 'sometimes',
		);
		foreach ( $bad as $key => $value ) {
			$response = $this->rest( 'POST', '/auth-sentinel/v1/settings', array( $key => $value ), $admin );
			$this->assertSame( 400, $response->get_status(), "$key = " . var_export( $value, true ) );
			$this->assertArrayHasKey( $key, $response->get_data()['data']['params'] );
		}
		$good     = array(
			'log_syslog_enabled'   => true,
			'log_syslog_transport' => 'tcp',
			'log_syslog_host'      => 'logs.example.net',
			'log_syslog_port'      => 6514,
			'log_syslog_facility'  => 'local7',
			'log_timeout_ms'       => 300,
		);
		$response = $this->rest( 'POST', '/auth-sentinel/v1/settings', $good, $admin );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( $good, array_intersect_key( $response->get_data(), $good ) );
		$this->assertSame( 401, $this->rest( 'POST', '/auth-sentinel/v1/settings', $good )->get_status() );
		$this->assertSame( 403, $this->rest( 'POST', '/auth-sentinel/v1/settings', $good, $this->user( 'editor' ) )->get_status() );
		$this->assertSame( 401, $this->rest( 'GET', '/auth-sentinel/v1/settings' )->get_status() );
		$this->assertSame( 403, $this->rest( 'GET', '/auth-sentinel/v1/settings', array(), $this->user( 'editor' ) )->get_status() );
	}

	/**
	 * `wp auth-sentinel log test` reaches rsyslog, and fails (exit 1) for a destination that is
	 * down.
	 */
	public function test_cli_tests_a_destination(): void {
		$wp = trim( (string) shell_exec( 'bash ' . escapeshellarg( dirname( __DIR__, 2 ) . '/bin/wp-cli.sh' ) . ' 2>/dev/null' ) );
		if ( '' === $wp || ! is_executable( $wp ) ) {
			$this->markTestSkipped( 'WP-CLI is not available (bin/wp-cli.sh needs Composer and the package registry).' );
		}
		$this->configure(
			array(
				'log_syslog_transport' => 'tcp',
				'log_syslog_port'      => self::TCP_PORT,
			)
		);
		$run                   = static function ( string $args ) use ( $wp ): array {
			exec( escapeshellarg( $wp ) . ' --path=' . escapeshellarg( AUTH_SENTINEL_TEST_SITE ) . ' --allow-root auth-sentinel log test ' . $args . ' 2>&1', $output, $code );
			return array( $code, implode( "\n", $output ) );
		};
		list( $code, $output ) = $run( '--destination=syslog' );
		$this->assertSame( 0, $code, $output );
		$this->assertMatchesRegularExpression( '/syslog: sent \(tcp:\/\/127\.0\.0\.1:5515, event\.id (test-[0-9a-f]{12})\)/', $output );
		preg_match( '/event\.id (test-[0-9a-f]{12})/', $output, $id );
		$this->assertSame( 'log_test', $this->wait_for_syslog( $id[1], 1 )[0]['params']['event.action'] );

		list( $code, $output ) = $run( '' );
		$this->assertSame( 0, $code, $output );
		$this->assertStringContainsString( 'file: sent (' . self::$dir . '/logs/' . LogConfig::FILE_NAME, $output );

		$this->configure(
			array(
				'log_syslog_transport' => 'tcp',
				'log_syslog_port'      => self::CLOSED_PORT,
			)
		);
		list( $code, $output ) = $run( '--destination=syslog' );
		$this->assertSame( 1, $code );
		$this->assertStringContainsString( 'Connection refused', $output );
	}

	/**
	 * Stores settings (the defaults, caps of new rows this suite cannot reach, then these): every
	 * failure of the tests comes from 127.0.0.1, and past the caps it would fold into the hour's
	 * summary row, which is logged by count updates only.
	 *
	 * @param array<string, mixed> $values Settings.
	 * @return void
	 */
	private function configure( array $values ): void {
		wp_cache_flush();
		$caps = array(
			'failure_cap_network' => 100000,
			'failure_cap_hour'    => 1000000,
		);
		update_option( Settings::OPTION, array_merge( Settings::DEFAULTS, $caps, $values ), true );
	}

	/**
	 * Forgets the spool, the state and the counts.
	 *
	 * @return void
	 */
	private function forget_state(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name IN (%s, %s, %s)", LogSpool::SPOOL_OPTION, LogSpool::STATE_OPTION, LogSpool::STATS_OPTION ) );
		wp_cache_flush();
	}

	/**
	 * Forgets the back-off only (the spool and counts stay).
	 *
	 * @return void
	 */
	private function forget_backoff(): void {
		global $wpdb;
		$wpdb->delete( $wpdb->options, array( 'option_name' => LogSpool::STATE_OPTION ) );
	}

	/**
	 * A user agent unique to this test, with the characters RFC 5424 makes us escape.
	 *
	 * @param string $name A name.
	 * @return string
	 */
	private function agent( string $name ): string {
		return 'as-log-' . $name . '-' . strtolower( wp_generate_password( 8, false ) ) . ' "quoted" back\\slash [bracket]';
	}

	/**
	 * Sends one wrong password to wp-login.php.
	 *
	 * @param string $agent The user agent.
	 * @return void
	 */
	private function fail_once( string $agent ): void {
		$response = $this->http(
			'POST',
			'/wp-login.php',
			array(
				'headers' => array( 'User-Agent: ' . $agent, 'Content-Type: application/x-www-form-urlencoded' ),
				'body'    => 'log=author&pwd=wrong-password',
			)
		);
		$this->assertSame( 200, $response['status'], 'WordPress answers the wrong password as usual' );
	}

	/**
	 * The messages rsyslog received that contain a marker, parsed.
	 *
	 * @param string $marker Text of the message (before escaping).
	 * @return array<int, array{pri: int, timestamp: string, host: string, msgid: string, params: array<string, string>, msg: string}>
	 */
	private function syslog( string $marker ): array {
		$file = self::$dir . '/received.log';
		if ( ! is_file( $file ) ) {
			return array();
		}
		$messages = array();
		foreach ( file( $file, FILE_IGNORE_NEW_LINES ) as $line ) {
			if ( false === strpos( $line, self::escape( $marker ) ) ) {
				continue;
			}
			$this->assertMatchesRegularExpression( '/^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (\S+) auth-sentinel (\d+) (\S+) \[authsentinel@32473 (.*)\] \x{FEFF}(.+)$/u', $line, 'RFC 5424: PRI, version, time, host, app, process, message id, one SD element, a BOM and the message' );
			preg_match( '/^<(\d{1,3})>1 (\S+) (\S+) auth-sentinel (\d+) (\S+) \[authsentinel@32473 (.*)\] \x{FEFF}(.+)$/u', $line, $parts );
			preg_match_all( '/([^ =\]"]{1,32})="((?:[^"\\\\\]]|\\\\["\\\\\]])*)"/', $parts[6], $pairs, PREG_SET_ORDER );
			$params = array();
			foreach ( $pairs as $pair ) {
				$params[ $pair[1] ] = (string) preg_replace( '/\\\\(["\\\\\]])/', '$1', $pair[2] );
			}
			$this->assertSame( $parts[6], implode( ' ', array_map( static function ( $pair ) { return $pair[0]; }, $pairs ) ), 'the SD element is nothing but well-formed params' ); // phpcs:ignore
			$messages[] = array(
				'pri'       => (int) $parts[1],
				'timestamp' => $parts[2],
				'host'      => $parts[3],
				'msgid'     => $parts[5],
				'params'    => $params,
				'msg'       => $parts[7],
			);
		}
		return $messages;
	}

	/**
	 * Waits (up to 5 s) for rsyslog to write a number of messages with a marker.
	 *
	 * @param string $marker Text of the message.
	 * @param int    $count  How many.
	 * @return array<int, array<string, mixed>>
	 */
	private function wait_for_syslog( string $marker, int $count ): array {
		for ( $i = 0; $i < 50; $i++ ) {
			$messages = $this->syslog( $marker );
			if ( count( $messages ) >= $count ) {
				return $messages;
			}
			usleep( 100000 );
		}
		$this->fail( "expected $count syslog messages with $marker, got " . count( $messages ) . ': ' . (string) @file_get_contents( self::$dir . '/rsyslogd.err' ) ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
	}

	/**
	 * The records of the JSON-lines file whose user agent or details contain a marker.
	 *
	 * @param string $marker The marker.
	 * @return array<int, array<string, mixed>>
	 */
	private function file_records( string $marker ): array {
		$records = array();
		foreach ( $this->all_records() as $record ) {
			if ( false !== strpos( (string) ( $record['user_agent.original'] ?? '' ) . (string) ( $record['labels.details'] ?? '' ), $marker ) ) {
				$records[] = $record;
			}
		}
		return $records;
	}

	/**
	 * Every record of the current file, parsed line by line.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	private function all_records(): array {
		$path = self::$dir . '/logs/' . LogConfig::FILE_NAME;
		if ( ! is_file( $path ) ) {
			return array();
		}
		$text = (string) file_get_contents( $path );
		$this->assertStringEndsWith( "\n", $text, 'whole lines only' );
		$records = array();
		foreach ( explode( "\n", rtrim( $text, "\n" ) ) as $number => $line ) {
			$record = json_decode( $line, true );
			$this->assertIsArray( $record, 'line ' . ( $number + 1 ) . ' is one JSON object' );
			$records[] = $record;
		}
		return $records;
	}

	/**
	 * Checks every line of the file against the documented fields: only documented names, every
	 * "always" field present, no empty value, the documented types.
	 *
	 * @return void
	 */
	private function assert_file_follows_the_schema(): void {
		$fields  = self::documented_fields();
		$records = $this->all_records();
		$this->assertNotEmpty( $records );
		foreach ( $records as $record ) {
			$this->assertSame( array(), array_diff( array_keys( $record ), array_keys( $fields ) ), 'only documented fields' );
			foreach ( $fields as $field => $present ) {
				if ( 'always' === $present ) {
					$this->assertArrayHasKey( $field, $record, "$field is always there" );
				}
				if ( isset( $record[ $field ] ) ) {
					$this->assertNotSame( '', $record[ $field ], "$field: absent rather than empty" );
					$this->assertSame( 'event.count' === $field ? 'integer' : 'string', gettype( $record[ $field ] ), "$field's type" );
				}
			}
			$this->assertSame( LogRecord::ECS_VERSION, $record['ecs.version'] );
			$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/', $record['@timestamp'] );
			$this->assertContains( $record['event.outcome'], array( 'success', 'failure', 'unknown' ) );
			$this->assertContains( $record['log.level'], array( 'warning', 'notice', 'info' ) );
		}
	}

	/**
	 * The field table of docs/logging.md: field => its "present" column.
	 *
	 * @return array<string, string>
	 */
	private static function documented_fields(): array {
		$doc   = (string) file_get_contents( dirname( __DIR__, 2 ) . '/docs/logging.md' );
		$start = strpos( $doc, "\n## Fields\n" );
		self::assertNotFalse( $start, 'docs/logging.md has a Fields section' );
		$section = substr( $doc, $start, (int) strpos( $doc, "\n## ", $start + 5 ) - $start );
		preg_match_all( '/^\| `([^`]+)` \| ([^|]+?) \|/m', $section, $rows, PREG_SET_ORDER );
		$fields = array();
		foreach ( $rows as $row ) {
			$fields[ $row[1] ] = trim( $row[2] );
		}
		return $fields;
	}

	/**
	 * Splits octet-counted frames (RFC 6587).
	 *
	 * @param string $stream What was received.
	 * @return string[]
	 */
	private static function frames( string $stream ): array {
		$frames = array();
		while ( preg_match( '/^(\d+) /', $stream, $length ) ) {
			$frames[] = substr( $stream, strlen( $length[0] ), (int) $length[1] );
			$stream   = (string) substr( $stream, strlen( $length[0] ) + (int) $length[1] );
		}
		self::assertSame( '', $stream, 'nothing but whole frames' );
		return $frames;
	}

	/**
	 * Escapes a value as RFC 5424's SD-PARAM values are.
	 *
	 * @param string $value The value.
	 * @return string
	 */
	private static function escape( string $value ): string {
		return strtr(
			$value,
			array(
				'\\' => '\\\\',
				'"'  => '\\"',
				']'  => '\\]',
			)
		);
	}

	/**
	 * Tells whether something listens on a local TCP port.
	 *
	 * @param int $port The port.
	 * @return bool
	 */
	private static function listening( int $port ): bool {
		$socket = @fsockopen( '127.0.0.1', $port, $errno, $errstr, 0.2 ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
		if ( false === $socket ) {
			return false;
		}
		fclose( $socket );
		return true;
	}
}
