<?php
/**
 * Revocation works at once, for every kind of credential, and says who did it.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Tests\Security\SecurityTrait;

require_once __DIR__ . '/security/SecurityTrait.php';

/**
 * A user signs in with a cookie, an application password and tokens; an administrator revokes;
 * the user's very next request fails, and Errors shows it as `revoked` by that administrator.
 */
class SessionsRevokeTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;
	use SecurityTrait;

	/**
	 * Removes the users and fixtures.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		$this->forget_made_users();
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * Lists a user's live sessions through the REST route, as the administrator.
	 *
	 * @param int $user_id The user.
	 * @return array<int, array<string, mixed>>
	 */
	private function sessions_of( int $user_id ): array {
		$response = $this->http( 'GET', '/wp-json/auth-sentinel/v1/users/' . $user_id . '/sessions', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $response['status'], $response['body'] );
		return $response['json'];
	}

	/**
	 * Returns the newest audit rows of an action about a user.
	 *
	 * @param string $action  The action.
	 * @param int    $user_id The target user.
	 * @return array<int, array<string, mixed>>
	 */
	private function audit_rows( string $action, int $user_id ): array {
		global $wpdb;
		return $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$wpdb->prefix}auth_sentinel_audit WHERE action = %s AND target_user_id = %d ORDER BY id DESC", $action, $user_id ), ARRAY_A );
	}

	/**
	 * The issue's test: cookie, application password and a WCPOS token all fail at the next
	 * request after "revoke every credential of this user", and show as revoked by the admin.
	 */
	public function test_revoking_a_user_ends_every_credential_at_once(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		list( $user_id, $login ) = $this->make_user();
		$this->fixture_grant( $user_id, 'access_woocommerce_pos' );

		$jar                = $this->sign_in( $login );
		list( $app )        = \WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'Till 3' ) );
		$tokens             = $this->in_site( 'return fixture_wcpos_issue( ' . $user_id . ' );' );
		$basic              = array( 'Authorization: Basic ' . base64_encode( $login . ':' . $app ), $this->agent_header() );
		$bearer_headers     = array( 'headers' => array( $this->agent_header() ) );
		$this->assertSame( 200, $this->visit( $jar )['status'], 'the cookie works before' );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $basic ) )['status'], 'the application password works before' );
		$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['access_token'], $bearer_headers )['status'], 'the token works before' );

		$types = array_column( $this->sessions_of( $user_id ), 'type' );
		sort( $types );
		$this->assertSame( array( 'app_password', 'cookie', 'wcpos' ), $types, 'the inventory lists the three' );

		$revoked = $this->http( 'DELETE', '/wp-json/auth-sentinel/v1/users/' . $user_id . '/sessions', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $revoked['status'], $revoked['body'] );
		$this->assertSame( 1, $revoked['json']['revoked']['cookie'] );
		$this->assertSame( 1, $revoked['json']['revoked']['app_password'] );
		$this->assertSame( 1, $revoked['json']['revoked']['wcpos'] );

		$page = $this->visit( $jar );
		$this->assertSame( 302, $page['status'], 'the browser is sent to the login form' );
		$this->assertStringContainsString( 'wp-login.php', $page['headers']['location'] ?? '' );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $basic ) )['status'], 'the application password is refused' );
		$refused = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['access_token'], $bearer_headers );
		$this->assertSame( 401, $refused['status'], 'the token is refused' );
		$this->assertSame( 'auth_sentinel_token_revoked', $refused['json']['code'] );
		$this->assertSame( array(), $this->sessions_of( $user_id ), 'nothing is left in the inventory' );

		$admin  = get_userdata( $this->user( 'admin' ) );
		$events = $this->my_events();
		$this->assertCount( 3, $events, wp_json_encode( $events ) );
		foreach ( $events as $event ) {
			$this->assertSame( 'revoked', $event['cause'], $event['source'] . ': ' . $event['explanation'] );
			$this->assertSame( $user_id, $event['user_id'] );
			$this->assertStringContainsString( $admin->display_name, $event['explanation'], $event['source'] );
		}
		$this->assertEqualsCanonicalizing( array( 'cookie', 'application_password', 'token' ), array_column( $events, 'source' ) );

		$audit = $this->audit_rows( 'user_sessions_revoked', $user_id );
		$this->assertCount( 1, $audit );
		$this->assertSame( $admin->ID, (int) $audit[0]['actor_id'], 'the audit names the admin' );
	}

	/**
	 * One browser session of two is revoked: that one fails, the other goes on.
	 */
	public function test_revoking_one_cookie_session_leaves_the_others(): void {
		list( $user_id, $login ) = $this->make_user();
		$first                   = $this->sign_in( $login );
		$second                  = $this->sign_in( $login );
		$sessions                = $this->sessions_of( $user_id );
		$this->assertCount( 2, $sessions );
		$this->assertSame( 'cookie', $sessions[0]['type'] );
		$this->assertFalse( $sessions[0]['current'], 'not the admin’s own session' );

		// Find which row is the first browser's: revoke it by id.
		$token = $this->session_token( $first );
		$fp    = \AuthSentinel\Plugin::get( \AuthSentinel\Sessions\CredentialFingerprints::class )->cookie( hash( 'sha256', $token ) );
		$row   = \AuthSentinel\Plugin::get( \AuthSentinel\Sessions\SessionIndex::class )->find_fp( 'cookie', $fp );
		$this->assertNotNull( $row );

		$deleted = $this->http( 'DELETE', '/wp-json/auth-sentinel/v1/sessions/' . $row['id'], array( 'as' => 'admin' ) );
		$this->assertSame( 200, $deleted['status'], $deleted['body'] );
		$this->assertTrue( $deleted['json']['deleted'] );
		$this->assertSame( (int) $row['id'], $deleted['json']['previous']['id'] );

		$this->assertSame( 302, $this->visit( $first )['status'], 'the revoked browser is signed out' );
		$this->assertSame( 200, $this->visit( $second )['status'], 'the other browser is not' );
		$this->assertCount( 1, $this->sessions_of( $user_id ) );

		$again = $this->http( 'DELETE', '/wp-json/auth-sentinel/v1/sessions/' . $row['id'], array( 'as' => 'admin' ) );
		$this->assertSame( 404, $again['status'], 'a revoked session cannot be revoked twice' );
		$this->assertSame( 'auth_sentinel_session_not_found', $again['json']['code'] );

		$audit = $this->audit_rows( 'session_revoked', $user_id );
		$this->assertCount( 1, $audit );
		$this->assertSame( $this->user( 'admin' ), (int) $audit[0]['actor_id'] );
		$this->assertSame( 'admin', json_decode( $audit[0]['details'], true )['reason'] );
	}

	/**
	 * A stateless JWT is listed once it is used, and revoking it refuses that token only.
	 */
	public function test_a_stateless_token_is_listed_and_denied(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'sessions-test-secret-0123456789abcdef0123456789abcdef' );
		list( $user_id, $login ) = $this->make_user();

		$issue = function () use ( $login ) {
			$issued = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => http_build_query( array( 'username' => $login, 'password' => 'password' ) ) ) );
			$this->assertSame( 200, $issued['status'], $issued['body'] );
			return (string) $issued['json']['token'];
		};
		$token   = $issue();
		$headers = array( 'headers' => array( $this->agent_header() ) );
		$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $token, $headers )['status'] );

		$listed = array_values( array_filter( $this->sessions_of( $user_id ), static function ( $s ) { return 'token' === $s['type']; } ) );
		$this->assertCount( 1, $listed, 'the token is listed after its first use' );
		$this->assertSame( 'JWT Authentication for WP REST API', $listed[0]['label'] );
		$this->assertNotNull( $listed[0]['expires'] );

		$deleted = $this->http( 'DELETE', '/wp-json/auth-sentinel/v1/sessions/' . $listed[0]['id'], array( 'as' => 'admin' ) );
		$this->assertSame( 200, $deleted['status'], $deleted['body'] );
		$refused = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $token, $headers );
		$this->assertSame( 401, $refused['status'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $refused['json']['code'] );

		sleep( 1 ); // A new token, issued later, is a different token: it works.
		$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $issue(), $headers )['status'] );

		$event = $this->my_event();
		$this->assertSame( 'revoked', $event['cause'] );
		$this->assertSame( 'token', $event['source'] );
		$this->assertSame( $this->user( 'admin' ), (int) $event['details']['revoked_by'] );
		$this->assertStringNotContainsString( $token, wp_json_encode( $event ), 'no raw token stored' );
	}

	/**
	 * Revoking everyone asks for the admin's password, keeps the admin's own browser session,
	 * and signs everybody else out.
	 */
	public function test_revoke_all_needs_the_password_and_keeps_the_callers_session(): void {
		list( , $login ) = $this->make_user();
		$other           = $this->sign_in( $login );
		$admin           = $this->sign_in( 'admin' );
		$nonce           = $this->http( 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', array( 'cookies' => $admin ) )['body'];
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{10}$/', $nonce );
		$post = function ( array $body ) use ( $admin, $nonce ) {
			return $this->http(
				'POST',
				'/wp-json/auth-sentinel/v1/sessions/revoke-all',
				array(
					'cookies' => $admin,
					'headers' => array( 'X-WP-Nonce: ' . $nonce, 'Content-Type: application/json' ),
					'body'    => wp_json_encode( $body ),
				)
			);
		};

		$missing = $post( array() );
		$this->assertSame( 400, $missing['status'], 'the password is required' );
		$wrong = $post( array( 'password' => 'not-it' ) );
		$this->assertSame( 403, $wrong['status'] );
		$this->assertSame( 'auth_sentinel_incorrect_password', $wrong['json']['code'] );
		$this->assertSame( 200, $this->visit( $other )['status'], 'a wrong password revokes nothing' );

		// Application passwords stay here: the other tests sign in with them.
		$done = $post(
			array(
				'password'              => 'password',
				'application_passwords' => false,
			)
		);
		$this->assertSame( 200, $done['status'], $done['body'] );
		$this->assertGreaterThanOrEqual( 1, $done['json']['revoked']['cookie'] );
		$this->assertArrayNotHasKey( 'app_password', $done['json']['revoked'] );
		$this->assertSame( 302, $this->visit( $other )['status'], 'everyone else is signed out' );
		$this->assertSame( 200, $this->visit( $admin )['status'], 'the admin’s own session stays' );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'as' => 'editor' ) )['status'], 'application passwords were left alone as asked' );

		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$wpdb->prefix}auth_sentinel_audit WHERE action = %s ORDER BY id DESC LIMIT 1", 'all_sessions_revoked' ), ARRAY_A );
		$this->assertSame( $this->user( 'admin' ), (int) $row['actor_id'] );
	}

	/**
	 * An application password revoked in WordPress's own profile screen is recognised later.
	 */
	public function test_an_application_password_revoked_in_the_profile_is_diagnosed_revoked(): void {
		list( $user_id, $login ) = $this->make_user();
		list( $app, $item )      = \WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'Phone' ) );
		$basic                   = array( 'Authorization: Basic ' . base64_encode( $login . ':' . $app ), $this->agent_header() );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $basic ) )['status'] );
		$this->assertCount( 1, $this->audit_rows( 'app_password_first_used', $user_id ) );

		// The admin deletes it through core's own REST route (what the profile screen calls).
		$gone = $this->http( 'DELETE', '/wp-json/wp/v2/users/' . $user_id . '/application-passwords/' . $item['uuid'], array( 'as' => 'admin' ) );
		$this->assertSame( 200, $gone['status'], $gone['body'] );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $basic ) )['status'] );

		$event = $this->my_event();
		$this->assertSame( 'revoked', $event['cause'], $event['explanation'] );
		$this->assertSame( $this->user( 'admin' ), (int) $event['details']['revoked_by'] );
		$revoked = $this->audit_rows( 'app_password_revoked', $user_id );
		$this->assertCount( 1, $revoked );
		$this->assertSame( 'Phone', json_decode( $revoked[0]['details'], true )['name'] );
		$this->assertCount( 1, $this->audit_rows( 'app_password_created', $user_id ) );
	}

	/**
	 * A repeated wrong application password (a storm's case) costs the plugin one query, the
	 * count of its aggregate, where no application password ended in the days ended ones are
	 * kept; once one ends, a failure is looked up among them again (two queries) and a revoked
	 * one is still told apart. Red before: always the lookup too.
	 */
	public function test_a_wrong_application_password_is_looked_up_only_when_one_ended_lately(): void {
		list( $user_id, $login ) = $this->make_user();
		list( $app, $item )      = \WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'Till' ) );
		$basic                   = array( 'Authorization: Basic ' . base64_encode( $login . ':' . $app ), $this->agent_header() );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $basic ) )['status'] );
		$wrong = array( 'Authorization: Basic ' . base64_encode( $login . ':abcd efgh ijkl mnop qrst uvwx' ), $this->agent_header() );
		delete_option( \AuthSentinel\Sessions\EndedCredentials::APP_PASSWORD_ENDED );
		$this->assertSame( 401, $this->status_and_plugin_queries( $wrong )[0], 'the first makes its aggregate' );
		wp_cache_delete( 'alloptions', 'options' );
		$this->assertIsNumeric( get_option( \AuthSentinel\Sessions\EndedCredentials::APP_PASSWORD_ENDED ), 'the index was asked once, and its answer kept' );
		update_option( \AuthSentinel\Sessions\EndedCredentials::APP_PASSWORD_ENDED, time() - 40 * DAY_IN_SECONDS, true );

		$this->assertSame( array( 401, 1 ), $this->status_and_plugin_queries( $wrong ), 'a repeat is counted, nothing looked up' );
		$this->assertSame( 'bad_credentials', $this->my_event()['cause'] );

		$gone = $this->http( 'DELETE', '/wp-json/wp/v2/users/' . $user_id . '/application-passwords/' . $item['uuid'], array( 'as' => 'admin' ) );
		$this->assertSame( 200, $gone['status'], $gone['body'] );
		wp_cache_delete( 'alloptions', 'options' );
		$this->assertGreaterThan( time() - HOUR_IN_SECONDS - 60, (int) get_option( \AuthSentinel\Sessions\EndedCredentials::APP_PASSWORD_ENDED ), 'its end was noted' );
		$this->assertSame( 401, $this->status_and_plugin_queries( $basic )[0] );
		$this->assertSame( array( 401, 2 ), $this->status_and_plugin_queries( $basic ), 'looked up, then counted' );
		$this->assertSame( array( 'revoked', 'bad_credentials' ), array_column( $this->my_events(), 'cause' ) );
	}

	/**
	 * Sends GET /wp/v2/users/me with headers; returns the status and the plugin's query count.
	 *
	 * @param string[] $headers The headers.
	 * @return array{0: int, 1: int}
	 */
	private function status_and_plugin_queries( array $headers ): array {
		$name      = 'as-query-log-' . wp_generate_password( 8, false );
		$headers[] = 'X-Test-Query-Log: ' . $name;
		$status    = $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $headers ) )['status'];
		$file      = sys_get_temp_dir() . '/' . strtolower( $name ) . '.json';
		$log       = json_decode( (string) file_get_contents( $file ), true );
		unlink( $file );
		return array( $status, count( $log['plugin'] ) );
	}

	/**
	 * Signing out is a sign-out, not a revocation, and it is audited.
	 */
	public function test_signing_out_is_audited_as_a_sign_out(): void {
		list( $user_id, $login ) = $this->make_user();
		$jar                     = $this->sign_in( $login );
		$page                    = $this->visit( $jar, '/wp-admin/profile.php' );
		$this->assertSame( 200, $page['status'] );
		$this->assertSame( 1, preg_match( '/wp-login\.php\?action=logout(?:&amp;|&#038;|&)_wpnonce=([0-9a-f]+)/', $page['body'], $match ), 'the profile page links to sign out' );
		$this->http( 'GET', '/wp-login.php?action=logout&_wpnonce=' . $match[1], array( 'cookies' => $jar ) );

		$this->assertCount( 1, $this->audit_rows( 'sign_out', $user_id ) );
		$this->assertSame( array(), $this->sessions_of( $user_id ) );
		$ended = $this->http( 'GET', '/wp-json/auth-sentinel/v1/users/' . $user_id . '/sessions?status=ended', array( 'as' => 'admin' ) )['json'];
		$this->assertSame( 'signed_out', $ended[0]['ended_reason'] );
		$this->assertSame( 'ended', $ended[0]['status'] );
	}
}
