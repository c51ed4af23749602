<?php
/**
 * Alerts by email and signed webhook: key changes, failure spikes, throttling, and a receiver
 * that is down.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Alerts\AlertClaims;
use AuthSentinel\Settings\Settings;

/**
 * Mail is caught by the test site's mu-plugin (tests/bin/mail-catcher.php → mail.log); webhooks
 * by a local receiver (tests/bin/webhook-receiver.php under `php -S`) this class starts.
 */
class AlertsTest extends TestCase {

	/**
	 * The receiver's process.
	 *
	 * @var resource|null
	 */
	private static $receiver;

	/**
	 * The receiver's base URL.
	 *
	 * @var string
	 */
	private static $receiver_url = '';

	/**
	 * The file the receiver appends requests to.
	 *
	 * @var string
	 */
	private static $receiver_log = '';

	/**
	 * The settings option as stored before the test (null: absent).
	 *
	 * @var string|null
	 */
	private $saved_settings;

	/**
	 * Sizes of mail.log and the receiver's log when the test started.
	 *
	 * @var array{mail: int, hooks: int, audit: int}
	 */
	private $marks;

	/**
	 * This test's user agent, to tell its failures apart.
	 *
	 * @var string
	 */
	private $agent = '';

	/**
	 * Starts the webhook receiver on a free port (8874 and up, never the suite's own ports).
	 *
	 * @return void
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		self::$receiver_log = tempnam( sys_get_temp_dir(), 'as-hooks' );
		$router             = dirname( __DIR__ ) . '/bin/webhook-receiver.php';
		for ( $port = 8874; $port < 8999; $port++ ) {
			if ( in_array( $port, array( 8881, 8882, 8883, 8887, 8888, 8889 ), true ) || self::listening( $port ) ) {
				continue;
			}
			$env            = array_merge(
				getenv(),
				array(
					'WEBHOOK_LOG'            => self::$receiver_log,
					'PHP_CLI_SERVER_WORKERS' => '4', // A hanging request must not hold up the next one.
				)
			);
			$null           = array( 'file', '/dev/null', 'a' );
			self::$receiver = proc_open( array( PHP_BINARY, '-S', "localhost:$port", $router ), array( $null, $null, $null ), $pipes, null, $env );
			for ( $i = 0; $i < 50 && ! self::listening( $port ); $i++ ) {
				usleep( 100000 );
			}
			if ( self::listening( $port ) ) {
				self::$receiver_url = "http://localhost:$port";
				return;
			}
			proc_terminate( self::$receiver );
			proc_close( self::$receiver );
			self::$receiver = null;
		}
		self::fail( 'no free port for the webhook receiver' );
	}

	/**
	 * Stops the receiver.
	 *
	 * @return void
	 */
	public static function tearDownAfterClass(): void {
		if ( is_resource( self::$receiver ) ) {
			// The server forked its workers: stop them by id, then the server itself.
			$pid = (int) proc_get_status( self::$receiver )['pid'];
			foreach ( array_filter( array_map( 'intval', explode( "\n", (string) shell_exec( 'pgrep -P ' . $pid ) ) ) ) as $worker ) {
				posix_kill( $worker, SIGTERM );
			}
			proc_terminate( self::$receiver );
			proc_close( self::$receiver );
		}
		if ( is_file( self::$receiver_log ) ) {
			unlink( self::$receiver_log );
		}
		parent::tearDownAfterClass();
	}

	/**
	 * Tells whether something listens on a local port.
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

	/**
	 * Saves the settings, forgets the claims of earlier runs and marks the logs.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		if ( ! is_file( AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/mail-catcher.php' ) ) {
			$this->markTestSkipped( 'The test site has no mail catcher: re-create it with bin/test-site.sh up.' );
		}
		global $wpdb;
		$this->saved_settings = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", Settings::OPTION ) );
		$this->forget_claims();
		$this->agent = 'as-test-' . $this->getName( false ) . '-' . wp_generate_password( 6, false );
		$this->marks = array(
			'mail'  => self::size( $this->mail_log() ),
			'hooks' => self::size( self::$receiver_log ),
			'audit' => (int) $wpdb->get_var( "SELECT COALESCE(MAX(id), 0) FROM {$wpdb->prefix}auth_sentinel_audit" ),
		);
	}

	/**
	 * Puts the settings back (before the salts are restored: TestCase::tearDown).
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
		wp_cache_flush();
		parent::tearDown();
	}

	/**
	 * A key change sends exactly one email and one signed webhook, and a second change in the
	 * same hour sends nothing more.
	 */
	public function test_secret_change_sends_one_email_and_one_signed_webhook(): void {
		$secret = wp_generate_password( 40, false );
		$this->configure(
			array(
				'alert_emails'         => 'security@example.com, ops@example.com',
				'alert_webhook_url'    => self::$receiver_url . '/hook',
				'alert_webhook_secret' => $secret,
			)
		);
		$this->sign_in( 'editor' ); // A live session, which the change ends.
		$value = 'new-auth-key-' . wp_generate_password( 48, false );
		$this->edit_salts( array( 'AUTH_KEY' => $value ) );
		$this->assertSame( 200, $this->http( 'GET', '/' )['status'] ); // The first request after the edit sees it.

		$mails = $this->wait_for( 'mails', 1 );
		$hooks = $this->wait_for( 'hooks', 1 );

		// A second change within the hour: throttled.
		$this->edit_salts( array( 'SECURE_AUTH_KEY' => 'another-' . wp_generate_password( 48, false ) ) );
		$this->http( 'GET', '/' );
		$this->http( 'GET', '/' );
		usleep( 500000 );
		$this->assertCount( 1, $this->mails(), 'one email for the hour' );
		$this->assertCount( 1, $this->hooks(), 'one webhook for the hour' );

		$mail = $mails[0];
		$this->assertEqualsCanonicalizing( array( 'security@example.com', 'ops@example.com' ), array_map( 'trim', $mail['to'] ) );
		$this->assertStringContainsString( 'Security keys changed', $mail['subject'] );
		$this->assertStringContainsString( (string) get_option( 'blogname' ), $mail['subject'] );
		$this->assertStringContainsString( 'AUTH_KEY', $mail['body'] );
		$this->assertMatchesRegularExpression( '/signed out \(\d+ sessions of \d+ users ended\)/', $mail['body'], 'what it means for users' );
		$this->assertStringContainsString( wp_timezone_string(), $mail['body'], 'when, in the site time zone' );
		$this->assertStringContainsString( 'admin.php?page=auth-sentinel-secrets', $mail['body'] );
		$this->assertStringNotContainsString( $value, $mail['body'], 'never the value' );
		$this->assertContains( 'Content-Type: text/plain; charset=UTF-8', $mail['headers'] );

		$hook = $hooks[0];
		$this->assertSame( 'POST', $hook['method'] );
		$this->assertSame( '/hook', $hook['path'] );
		$this->assertStringStartsWith( 'application/json', $hook['headers']['content-type'] );
		$this->assertSame( 'secrets_changed', $hook['headers']['x-auth-sentinel-event'] );
		$timestamp = $hook['headers']['x-auth-sentinel-timestamp'];
		$this->assertMatchesRegularExpression( '/^\d{10}$/', $timestamp );
		$this->assertLessThan( 120, abs( time() - (int) $timestamp ) );
		$expected = 'sha256=' . hash_hmac( 'sha256', $timestamp . '.' . $hook['body'], $secret );
		$this->assertTrue( hash_equals( $expected, $hook['headers']['x-auth-sentinel-signature'] ), 'the signature verifies with the secret from the settings' );
		$this->assertFalse( hash_equals( 'sha256=' . hash_hmac( 'sha256', $timestamp . '.' . $hook['body'], 'another secret' ), $hook['headers']['x-auth-sentinel-signature'] ) );

		$payload = json_decode( $hook['body'], true );
		$this->assertSame( 'secrets_changed', $payload['event'] );
		$this->assertSame( home_url( '/' ), $payload['site'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $payload['at'] );
		$this->assertStringContainsString( 'AUTH_KEY', $payload['summary'] );
		$this->assertContains( 'AUTH_KEY', $payload['data']['changed'] );
		$this->assertStringNotContainsString( $value, $hook['body'], 'never the value' );
		$this->assertStringNotContainsString( $secret, $hook['body'], 'never the webhook secret' );

		$sent = $this->audited( 'alert_sent' );
		$this->assertCount( 1, $sent );
		$this->assertSame( 'secrets_changed', $sent[0]['kind'] );
		$this->assertEqualsCanonicalizing( array( 'email', 'webhook' ), $sent[0]['channels'] );
	}

	/**
	 * A burst of 300 failed requests past the threshold sends one spike alert; a second burst
	 * in the same hour sends none.
	 */
	public function test_failure_spike_sends_one_alert_per_hour(): void {
		$this->wait_out_the_hour_end();
		$threshold = max( 50, $this->failures_this_hour() + 50 ); // 50 above whatever this hour already saw.
		$secret    = wp_generate_password( 40, false );
		$this->configure(
			array(
				'alert_on'              => array( 'failure_spike' ),
				'alert_spike_threshold' => $threshold,
				'alert_webhook_url'     => self::$receiver_url . '/spike',
				'alert_webhook_secret'  => $secret,
			)
		);

		$statuses = $this->burst( 300 );
		$this->assertSame( array( 401 => 300 ), $statuses, 'WordPress answers every failure as usual' );
		$this->let_a_minute_pass();
		$this->fail_once();

		$mails = $this->wait_for( 'mails', 1 );
		$hooks = $this->wait_for( 'hooks', 1 );
		$this->assertMatchesRegularExpression( '/\] Auth Sentinel: \d+ failed sign-ins in one hour$/', $mails[0]['subject'] );
		$this->assertStringContainsString( 'wrong passwords or application passwords', $mails[0]['body'], 'the causes' );
		$this->assertStringContainsString( 'admin.php?page=auth-sentinel-errors', $mails[0]['body'] );
		$payload = json_decode( $hooks[0]['body'], true );
		$this->assertSame( 'failure_spike', $payload['event'] );
		// Sent by the first check past the threshold: mid-burst when a minute turned during it.
		$this->assertGreaterThan( $threshold, $payload['data']['failures'] );
		$this->assertSame( $threshold, $payload['data']['threshold'] );
		$this->assertGreaterThan( 0, $payload['data']['causes']['bad_credentials'] );
		$this->assertTrue( hash_equals( 'sha256=' . hash_hmac( 'sha256', $hooks[0]['headers']['x-auth-sentinel-timestamp'] . '.' . $hooks[0]['body'], $secret ), $hooks[0]['headers']['x-auth-sentinel-signature'] ) );

		// A second spike within the hour: nothing more.
		$this->assertSame( array( 401 => 100 ), $this->burst( 100 ) );
		$this->let_a_minute_pass();
		$this->fail_once();
		usleep( 500000 );
		$this->assertCount( 1, $this->mails(), 'one spike email for the hour' );
		$this->assertCount( 1, $this->hooks(), 'one spike webhook for the hour' );
		$this->assertCount( 1, $this->audited( 'alert_sent' ) );
	}

	/**
	 * The spike check reads the failures at most once a minute: inside the minute a failure
	 * costs no query of the alerts, and past the threshold the cron re-check still catches a
	 * storm that stopped.
	 */
	public function test_spike_check_is_gated_and_rechecked(): void {
		$this->wait_out_the_hour_end();
		$threshold = $this->failures_this_hour() + 5;
		$this->configure(
			array(
				'alert_on'              => array( 'failure_spike' ),
				'alert_spike_threshold' => $threshold,
			)
		);
		if ( time() % 60 > 40 ) {
			sleep( 61 - time() % 60 ); // The checks below must stay within one minute.
		}
		$hour = intdiv( time(), HOUR_IN_SECONDS );
		$this->fail_once(); // Opens the gate: reads the total, below the threshold.
		$log = 'as-alerts-' . strtolower( wp_generate_password( 8, false ) );
		for ( $i = 0; $i < 8; $i++ ) {
			$this->fail_once( array( 'X-Test-Query-Log: ' . $log ) );
			$queries = json_decode( (string) file_get_contents( sys_get_temp_dir() . '/' . $log . '.json' ), true );
			$alerts  = array_filter(
				$queries['plugin'],
				static function ( $sql ) {
					return false !== strpos( $sql, 'auth_sentinel_alert' ) || false !== strpos( $sql, 'SUM(count)' );
				}
			);
			$this->assertSame( array(), array_values( $alerts ), 'no alerts query while the gate is closed' );
		}
		usleep( 300000 );
		$this->assertCount( 0, $this->mails(), 'past the threshold, but the gate is closed: not yet' );

		// No more failures: the re-check WP-Cron runs a minute later catches the spike.
		$scheduled = $this->run_in_site( 'echo wp_next_scheduled( "auth_sentinel_alert_spike_recheck", array( ' . $hour . ' ) ) ? "yes" : "no";' );
		$this->assertSame( 'yes', trim( $scheduled ), 'a re-check is scheduled' );
		$this->run_in_site( 'do_action( "auth_sentinel_alert_spike_recheck", ' . $hour . ' );' );
		$mails = $this->wait_for( 'mails', 1 );
		$this->assertStringContainsString( 'failed sign-ins in one hour', $mails[0]['subject'] );
		$this->assertSame( array( get_option( 'admin_email' ) ), $mails[0]['to'], 'no list set: the site’s admin email' );
	}

	/**
	 * A kind missing from alert_on sends nothing, whatever happens.
	 */
	public function test_kinds_not_listed_send_nothing(): void {
		$this->configure(
			array(
				'alert_on'              => array( 'all_sessions_revoked' ),
				'alert_spike_threshold' => 1,
				'alert_webhook_url'     => self::$receiver_url . '/none',
			)
		);
		$this->edit_salts( array( 'LOGGED_IN_KEY' => 'changed-' . wp_generate_password( 48, false ) ) );
		$this->http( 'GET', '/' );
		$this->burst( 20 );
		$this->let_a_minute_pass();
		$this->fail_once();
		usleep( 700000 );
		$this->assertCount( 0, $this->mails() );
		$this->assertCount( 0, $this->hooks() );
		$this->assertCount( 0, $this->audited( 'alert_sent' ) );
	}

	/**
	 * All sessions revoked (audited by the sessions module) sends its alert, linking the
	 * Sessions screen.
	 */
	public function test_all_sessions_revoked_sends_an_alert(): void {
		$this->configure(
			array(
				'alert_on'          => array( 'all_sessions_revoked' ),
				'alert_webhook_url' => self::$receiver_url . '/sessions',
			)
		);
		// What the sessions module records when an administrator signs everyone out (the real
		// route would also end the test site's sessions and tokens that other tests rely on).
		$admin = $this->user( 'admin' );
		$this->run_in_site( 'wp_set_current_user( ' . $admin . ' ); \AuthSentinel\Plugin::get( \AuthSentinel\Audit\Auditor::class )->record( "all_sessions_revoked", array( "counts" => array( "cookie" => 7, "app_password" => 0, "wcpos" => 3, "token" => 2 ) ), 0, ' . $admin . ' );' );
		$mails = $this->wait_for( 'mails', 1 );
		$hooks = $this->wait_for( 'hooks', 1 );
		$this->assertStringContainsString( 'Everyone was signed out', $mails[0]['subject'] );
		$this->assertStringContainsString( 'admin', $mails[0]['body'], 'who did it' );
		$this->assertStringContainsString( 'Sessions ended: 12', $mails[0]['body'] );
		$this->assertStringContainsString( 'browser sign-ins: 7', $mails[0]['body'] );
		$this->assertStringContainsString( 'admin.php?page=auth-sentinel-sessions', $mails[0]['body'] );
		$this->assertSame( 'all_sessions_revoked', $hooks[0]['headers']['x-auth-sentinel-event'] );
		$this->assertSame( 12, json_decode( $hooks[0]['body'], true )['data']['sessions'] );
	}

	/**
	 * A webhook receiver that is down, or hangs, changes nothing for the failing request; the
	 * email still goes out and the audit says which channel failed.
	 */
	public function test_receiver_down_or_slow_never_breaks_the_request(): void {
		$this->wait_out_the_hour_end();
		$this->configure( array( 'alert_on' => array() ) );
		$usual = $this->fail_once();

		// Nothing listens on this port.
		$socket = stream_socket_server( 'tcp://127.0.0.1:0' );
		$port   = (int) substr( (string) stream_socket_get_name( $socket, false ), strrpos( (string) stream_socket_get_name( $socket, false ), ':' ) + 1 );
		fclose( $socket );
		$this->configure(
			array(
				'alert_on'              => array( 'failure_spike' ),
				'alert_spike_threshold' => $this->failures_this_hour(), // The next failure is past it.
				'alert_webhook_url'     => "http://127.0.0.1:$port/down",
				'alert_webhook_secret'  => 'secret',
			)
		);
		$this->let_a_minute_pass();
		$down = $this->fail_once();
		$this->assertSame( $usual['status'], $down['status'], 'the status WordPress answers' );
		$this->assertSame( $usual['json']['code'], $down['json']['code'] );
		$this->assertCount( 1, $this->wait_for( 'mails', 1 ), 'the email still goes out' );
		$sent = $this->audited( 'alert_sent' );
		$this->assertSame( array( 'email' ), $sent[0]['channels'] );
		$this->assertSame( array( 'webhook' ), $sent[0]['failed'] );
		$this->assertStringNotContainsString( (string) $port, wp_json_encode( $sent ), 'the URL is not audited' );

		// A receiver that hangs: the request waits at most the webhook's 3 s timeout.
		$this->forget_claims();
		$this->configure(
			array(
				'alerts_email'          => false,
				'alert_on'              => array( 'failure_spike' ),
				'alert_spike_threshold' => $this->failures_this_hour(),
				'alert_webhook_url'     => self::$receiver_url . '/slow',
			)
		);
		$start = microtime( true );
		$slow  = $this->fail_once();
		$this->assertLessThan( 8, microtime( true ) - $start, 'the webhook times out after 3 s' );
		$this->assertSame( $usual['status'], $slow['status'] );
		$this->assertSame( 'alert_failed', $this->audited_actions()[0] );
	}

	/**
	 * Stores alert settings over the defaults: email on, every kind, no webhook.
	 *
	 * @param array<string, mixed> $values Settings.
	 * @return void
	 */
	private function configure( array $values ): void {
		wp_cache_flush();
		update_option( Settings::OPTION, array_merge( Settings::DEFAULTS, $values ), true );
	}

	/**
	 * Forgets which alerts were sent this hour and reopens the spike gate.
	 *
	 * @return void
	 */
	private function forget_claims(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name = %s", $wpdb->esc_like( AlertClaims::CLAIM_PREFIX ) . '%', AlertClaims::GATE_OPTION ) );
		$this->run_in_site( 'wp_clear_scheduled_hook( "auth_sentinel_alert_spike_recheck", array( ' . intdiv( time(), HOUR_IN_SECONDS ) . ' ) );' );
	}

	/**
	 * Reopens the spike gate, as if a minute had passed since the last check.
	 *
	 * @return void
	 */
	private function let_a_minute_pass(): void {
		global $wpdb;
		$wpdb->update( $wpdb->options, array( 'option_value' => '0' ), array( 'option_name' => AlertClaims::GATE_OPTION ) );
	}

	/**
	 * Waits for the next hour when this one ends within two minutes (the total is per hour).
	 *
	 * @return void
	 */
	private function wait_out_the_hour_end(): void {
		$left = HOUR_IN_SECONDS - time() % HOUR_IN_SECONDS;
		if ( $left < 120 ) {
			sleep( $left + 1 );
		}
	}

	/**
	 * Counts the failures recorded this hour.
	 *
	 * @return int
	 */
	private function failures_this_hour(): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(count), 0) FROM {$wpdb->prefix}auth_sentinel_events WHERE hour = %d", intdiv( time(), HOUR_IN_SECONDS ) ) );
	}

	/**
	 * Sends one request with a wrong application password.
	 *
	 * @param string[] $headers More headers.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function fail_once( array $headers = array() ): array {
		return $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array_merge( $this->failing_headers(), $headers ) ) );
	}

	/**
	 * The headers of a failing request: a wrong application password, this test's agent.
	 *
	 * @return string[]
	 */
	private function failing_headers(): array {
		$this->app_password( 'author' ); // WordPress tries Basic credentials only once some application password exists.
		return array(
			'User-Agent: ' . $this->agent,
			'Authorization: Basic ' . base64_encode( 'author:wxyz wxyz wxyz wxyz wxyz wxyz' ),
		);
	}

	/**
	 * Sends failing requests, eight at a time, like terminals retrying at once.
	 *
	 * @param int $count How many.
	 * @return array<int, int> Status => how many answered with it.
	 */
	private function burst( int $count ): array {
		$multi    = curl_multi_init();
		$statuses = array();
		for ( $sent = 0; $sent < $count; $sent += 8 ) {
			$batch = array();
			for ( $i = $sent; $i < min( $count, $sent + 8 ); $i++ ) {
				$curl = curl_init( AUTH_SENTINEL_TEST_URL . '/wp-json/wp/v2/users/me' );
				curl_setopt_array(
					$curl,
					array(
						CURLOPT_RETURNTRANSFER => true,
						CURLOPT_TIMEOUT        => 30,
						CURLOPT_HTTPHEADER     => $this->failing_headers(),
					)
				);
				curl_multi_add_handle( $multi, $curl );
				$batch[] = $curl;
			}
			do {
				curl_multi_exec( $multi, $running );
				curl_multi_select( $multi, 1 );
			} while ( $running > 0 );
			foreach ( $batch as $curl ) {
				$status              = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
				$statuses[ $status ] = ( $statuses[ $status ] ?? 0 ) + 1;
				curl_multi_remove_handle( $multi, $curl );
				curl_close( $curl );
			}
		}
		curl_multi_close( $multi );
		return $statuses;
	}

	/**
	 * Waits (up to 5 s) until at least a number of mails or webhooks arrived since the test
	 * began, and returns them.
	 *
	 * @param string $what  mails or hooks.
	 * @param int    $count How many.
	 * @return array<int, array<string, mixed>>
	 */
	private function wait_for( string $what, int $count ): array {
		for ( $i = 0; $i < 50; $i++ ) {
			$got = 'mails' === $what ? $this->mails() : $this->hooks();
			if ( count( $got ) >= $count ) {
				return $got;
			}
			usleep( 100000 );
		}
		$this->fail( "expected $count $what, got " . count( $got ) );
	}

	/**
	 * The messages caught since the test began.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	private function mails(): array {
		return self::lines( $this->mail_log(), $this->marks['mail'] );
	}

	/**
	 * The webhook requests received since the test began.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	private function hooks(): array {
		return self::lines( self::$receiver_log, $this->marks['hooks'] );
	}

	/**
	 * The details of the audit rows of an action written since the test began, newest first.
	 *
	 * @param string $action The action.
	 * @return array<int, array<string, mixed>>
	 */
	private function audited( string $action ): array {
		global $wpdb;
		$rows = $wpdb->get_col( $wpdb->prepare( "SELECT details FROM {$wpdb->prefix}auth_sentinel_audit WHERE id > %d AND action = %s ORDER BY id DESC", $this->marks['audit'], $action ) );
		return array_map(
			static function ( $details ) {
				return json_decode( $details, true );
			},
			$rows
		);
	}

	/**
	 * The alert actions audited since the test began, newest first.
	 *
	 * @return string[]
	 */
	private function audited_actions(): array {
		global $wpdb;
		return $wpdb->get_col( $wpdb->prepare( "SELECT action FROM {$wpdb->prefix}auth_sentinel_audit WHERE id > %d AND action LIKE %s ORDER BY id DESC", $this->marks['audit'], 'alert\_%' ) );
	}

	/**
	 * The site's mail log.
	 *
	 * @return string
	 */
	private function mail_log(): string {
		return AUTH_SENTINEL_TEST_SITE . '/mail.log';
	}

	/**
	 * A file's size now, 0 when absent.
	 *
	 * @param string $file The file.
	 * @return int
	 */
	private static function size( string $file ): int {
		clearstatcache( true, $file );
		return is_file( $file ) ? (int) filesize( $file ) : 0;
	}

	/**
	 * The JSON lines added to a file after an offset.
	 *
	 * @param string $file   The file.
	 * @param int    $offset Where the test began.
	 * @return array<int, array<string, mixed>>
	 */
	private static function lines( string $file, int $offset ): array {
		if ( self::size( $file ) <= $offset ) {
			return array();
		}
		$added = (string) file_get_contents( $file, false, null, $offset );
		return array_values(
			array_map(
				static function ( $line ) {
					return json_decode( $line, true );
				},
				array_filter( explode( "\n", $added ), 'strlen' )
			)
		);
	}
}
