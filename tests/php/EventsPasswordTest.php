<?php
/**
 * Wrong passwords on the login form and application passwords are recorded and aggregated.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once __DIR__ . '/EventsTrait.php';

/**
 * Password failures, their aggregation, and that recording never changes WordPress's answer.
 */
class EventsPasswordTest extends TestCase {

	use EventsTrait;

	/**
	 * Posts the login form.
	 *
	 * @param string $login    Login.
	 * @param string $password Password.
	 * @return array<string, mixed>
	 */
	private function login_form( string $login, string $password ): array {
		return $this->http(
			'POST',
			'/wp-login.php',
			array(
				'headers' => array( $this->agent_header() ),
				'body'    => http_build_query(
					array(
						'log' => $login,
						'pwd' => $password,
					)
				),
			)
		);
	}

	/**
	 * Five wrong passwords for one user from one client are one row counting five.
	 */
	public function test_wrong_passwords_aggregate(): void {
		for ( $i = 0; $i < 5; $i++ ) {
			$answer = $this->login_form( 'editor', 'wrong' . $i );
			$this->assertSame( 200, $answer['status'] );
			$this->assertStringContainsString( 'is incorrect', $answer['body'], 'WordPress answers as it always does' );
		}
		$event = $this->my_event();
		$this->assertSame( 5, $event['count'] );
		$this->assertSame( 'login_form', $event['source'] );
		$this->assertSame( 'incorrect_password', $event['server_code'] );
		$this->assertSame( 'bad_credentials', $event['cause'] );
		$this->assertSame( $this->user( 'editor' ), $event['user_id'] );
		$this->assertSame( 'login_failed', $event['code'] );
		$this->assertNotContains( 'wrong0', array_map( 'strval', (array) $event['details'] ), 'no password is stored' );
	}

	/**
	 * A login that does not exist is unknown_user, with the name that was tried.
	 */
	public function test_unknown_login(): void {
		$this->login_form( 'nobody-here', 'whatever' );
		$event = $this->my_event();
		$this->assertSame( 'unknown_user', $event['cause'] );
		$this->assertSame( 0, $event['user_id'] );
		// What matched no account is kept masked (it is often a password typed in the wrong field).
		$this->assertStringContainsString( '“no… (11 characters)”', $event['explanation'] );
		$this->assertStringNotContainsString( 'nobody-here', wp_json_encode( $event ) );
	}

	/**
	 * A wrong application password on REST is recorded once, and REST still answers 401.
	 */
	public function test_wrong_application_password(): void {
		$answer = $this->http(
			'GET',
			'/wp-json/wp/v2/users/me',
			array( 'headers' => array( $this->agent_header(), 'Authorization: Basic ' . base64_encode( 'editor:abcd efgh ijkl mnop qrst uvwx' ) ) )
		);
		$this->assertSame( 401, $answer['status'], 'REST answers as WordPress does' );

		$event = $this->my_event();
		$this->assertSame( 'application_password', $event['source'] );
		$this->assertSame( 'bad_credentials', $event['cause'] );
		$this->assertSame( $this->user( 'editor' ), $event['user_id'] );
		$this->assertSame( 'application_password_failed', $event['code'] );
	}

	/**
	 * When the failure cannot be written, sign-in goes on exactly as WordPress would have it.
	 */
	public function test_recording_failure_never_breaks_sign_in(): void {
		global $wpdb;
		$table = $wpdb->prefix . 'auth_sentinel_events';
		$back  = $this->take_table_away( $table );
		try {
			$wrong = $this->login_form( 'editor', 'wrong' );
			$this->assertSame( 200, $wrong['status'] );
			$this->assertStringContainsString( 'is incorrect', $wrong['body'] );
			$this->sign_in( 'editor' ); // Asserts the 302 of a successful sign-in.
		} finally {
			$back();
		}
	}

	/**
	 * A successful request makes no query of the plugin's and writes nothing.
	 */
	public function test_successful_requests_cost_no_query(): void {
		$jar = $this->sign_in( 'editor' );
		$this->visit( $jar, '/wp-admin/profile.php' ); // Warm up: core's first-visit bookkeeping.
		$requests = array(
			array( '/wp-admin/profile.php', array( 'cookies' => $jar ) ),
			array( '/wp-json/wp/v2/users/me', array( 'as' => 'editor' ) ),
			array( '/wp-json/wp/v2/posts', array() ),
			array( '/', array() ),
		);
		foreach ( $requests as $i => list( $path, $options ) ) {
			$this->http( 'GET', $path, $options ); // Warm up this path too.
			$name                 = 'as-query-log-' . $i . '-' . wp_generate_password( 6, false );
			$options['headers'][] = 'X-Test-Query-Log: ' . $name;
			$this->assertSame( 200, $this->http( 'GET', $path, $options )['status'], $path );
			$log = json_decode( (string) file_get_contents( sys_get_temp_dir() . '/' . strtolower( $name ) . '.json' ), true );
			unlink( sys_get_temp_dir() . '/' . strtolower( $name ) . '.json' );
			$this->assertGreaterThan( 0, $log['queries'], 'the log saw the request' );
			$this->assertSame( array(), $log['plugin'], "no query of the plugin's on $path" );
			$this->assertSame( 0, $log['writes'], "nothing written on $path" );
		}
	}
}
