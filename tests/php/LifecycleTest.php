<?php
/**
 * Deactivation keeps the plugin's data; deleting the plugin removes all of it.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

/**
 * Runs on a site of its own, so the other tests keep theirs.
 */
class LifecycleTest extends TestCase {

	const SITE = 'lifecycle';
	const PORT = 8889;

	/**
	 * Stops the test's own site.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		shell_exec( sprintf( 'SITE_NAME=%s PORT=%d bash %s down 2>&1', self::SITE, self::PORT, escapeshellarg( dirname( __DIR__, 2 ) . '/bin/test-site.sh' ) ) );
		parent::tearDown();
	}

	/**
	 * Runs PHP inside the lifecycle site and returns what it printed, decoded from JSON.
	 *
	 * @param string $code PHP statements that return a value.
	 * @return mixed
	 */
	private function in_lifecycle_site( string $code ) {
		$file = tempnam( sys_get_temp_dir(), 'as-life' ) . '.php';
		file_put_contents( $file, "<?php\necho '@@', wp_json_encode( ( static function () {\n" . $code . "\n} )() );" );
		$output = (string) shell_exec(
			sprintf(
				'php %s %s %s %s 2>&1',
				escapeshellarg( dirname( __DIR__ ) . '/bin/wp-run.php' ),
				escapeshellarg( dirname( __DIR__, 2 ) . '/.cache/' . self::SITE ),
				escapeshellarg( 'http://localhost:' . self::PORT ),
				escapeshellarg( $file )
			)
		);
		unlink( $file );
		$this->assertStringContainsString( '@@', $output, $output );
		return json_decode( substr( $output, strrpos( $output, '@@' ) + 2 ), true );
	}

	/**
	 * Lists what the plugin stored on the lifecycle site.
	 *
	 * @return array{tables: string[], options: string[], usermeta: int, cron: bool}
	 */
	private function stored(): array {
		return $this->in_lifecycle_site(
			'global $wpdb;
			return array(
				"tables"   => $wpdb->get_col( $wpdb->prepare( "SHOW TABLES LIKE %s", "%auth_sentinel%" ) ),
				"options"  => $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE \'auth\\\\_sentinel\\\\_%\'" ),
				"usermeta" => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key LIKE \'auth\\\\_sentinel\\\\_%\'" ),
				"cron"     => (bool) wp_next_scheduled( "auth_sentinel_check_secrets" ),
			);'
		);
	}

	/**
	 * Deactivating keeps tables, settings and sessions; uninstalling removes every trace.
	 */
	public function test_deactivate_keeps_and_uninstall_removes(): void {
		$url = trim( (string) shell_exec( sprintf( 'SITE_NAME=%s PORT=%d FIXTURES=0 bash %s up 2>/dev/null', self::SITE, self::PORT, escapeshellarg( dirname( __DIR__, 2 ) . '/bin/test-site.sh' ) ) ) );
		$this->assertSame( 'http://localhost:' . self::PORT, $url );

		// Some data: a failure, a password change, and a signed-in session.
		$curl = curl_init( $url . '/wp-login.php' );
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_POSTFIELDS     => 'log=editor&pwd=wrong',
				CURLOPT_RETURNTRANSFER => true,
			)
		);
		curl_exec( $curl );
		curl_close( $curl );
		$this->in_lifecycle_site( 'wp_set_password( "new-password-1", get_user_by( "login", "author" )->ID ); return WP_Session_Tokens::get_instance( 1 )->create( time() + 3600 );' );
		// A background export of the audit log, finished: its file in the uploads.
		$export = $this->in_lifecycle_site( 'wp_set_current_user( 1 ); $r = rest_do_request( new WP_REST_Request( "POST", "/auth-sentinel/v1/audit/exports" ) ); return array( "state" => $r->get_data()["state"] ?? null, "folder" => wp_upload_dir()["basedir"] . "/auth-sentinel-exports" );' );
		$this->assertSame( 'complete', $export['state'] );
		$this->assertCount( 1, glob( $export['folder'] . '/*.csv' ), 'the export\'s file' );

		$before = $this->stored();
		$tables = $before['tables'];
		sort( $tables );
		$this->assertSame( array( 'wp_auth_sentinel_audit', 'wp_auth_sentinel_counters', 'wp_auth_sentinel_events', 'wp_auth_sentinel_rollup', 'wp_auth_sentinel_sessions' ), $tables, 'the five tables: audit, counters, events, the statistics\' rollup, sessions' );
		$this->assertContains( 'auth_sentinel_secrets', $before['options'] );
		$this->assertGreaterThan( 0, $before['usermeta'] );
		$this->assertTrue( $before['cron'] );

		$this->in_lifecycle_site( 'require_once ABSPATH . "wp-admin/includes/plugin.php"; deactivate_plugins( "auth-sentinel/plugin.php" ); return true;' );
		$after = $this->stored();
		$this->assertSame( $before['tables'], $after['tables'], 'deactivation keeps the tables' );
		$this->assertSame( $before['options'], $after['options'], 'and the settings' );
		$this->assertFalse( $after['cron'], 'but stops the scheduled checks' );
		$this->assertCount( 1, $this->in_lifecycle_site( 'return array_values( WP_Session_Tokens::get_instance( 1 )->get_all() );' ), 'sessions are untouched' );

		$this->in_lifecycle_site( 'define( "WP_UNINSTALL_PLUGIN", "auth-sentinel/plugin.php" ); include WP_PLUGIN_DIR . "/auth-sentinel/uninstall.php"; return true;' );
		$gone = $this->stored();
		$this->assertSame( array(), $gone['tables'] );
		$this->assertSame( array(), $gone['options'] );
		$this->assertSame( 0, $gone['usermeta'] );
		$this->assertDirectoryDoesNotExist( $export['folder'], 'the exports\' files and their folder' );
	}
}
