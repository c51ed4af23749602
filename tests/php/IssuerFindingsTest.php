<?php
/**
 * Real issuers, real answers: one test per finding of issue 10.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Settings\Settings;

require_once __DIR__ . '/EventsTrait.php';
require_once __DIR__ . '/FixtureTrait.php';

/**
 * Before the fix: Simple JWT Login's refusals (400 and 500, its body rewritten without a `code`,
 * its routes' errors sent with wp_send_json_error()) were not recorded at all; /token-status said
 * `unknown` or `corrupted` where /events said `unknown_user`, did not know Simple JWT Login's key,
 * and called a Simple JWT Login token of a former site address `wrong_site`; a policy
 * revocation read as an administrator's act; JWT Auth (Useful Team) was taken for the other JWT
 * plugin; its silent refusals stayed `unknown`; one wrong password at a token route was counted
 * twice.
 */
class IssuerFindingsTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;

	/**
	 * The JWT plugins' secret.
	 */
	const JWT_SECRET = 'findings-secret-0123456789abcdef0123456789abcdef01';

	/**
	 * Users made by the test.
	 *
	 * @var int[]
	 */
	private $made = array();

	/**
	 * Lifts the status endpoint's rate limit (other tests may have used this minute's share).
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->lift_token_status_limit();
	}

	/**
	 * Puts the site back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		foreach ( $this->made as $user_id ) {
			wp_delete_user( $user_id );
		}
		Settings::update( array( 'revoke_on_password_change' => true ) );
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * Makes a user whose password is "password".
	 *
	 * @return array{0: int, 1: string}
	 */
	private function make_user(): array {
		$login = 'finding-' . strtolower( wp_generate_password( 8, false ) );
		$id    = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => 'password',
				'user_email' => $login . '@example.org',
				'role'       => 'author',
			)
		);
		$this->assertIsInt( $id );
		$this->made[] = $id;
		return array( $id, $login );
	}

	/**
	 * Enables Simple JWT Login from its defaults and returns a token of a user from its own route.
	 *
	 * @param string $login The user's login.
	 * @return string
	 */
	private function simple_jwt_login_token( string $login ): string {
		$signed = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => http_build_query( array( 'username' => $login, 'password' => 'password' ) ) ) );
		$this->assertSame( 200, $signed['status'], $signed['body'] );
		return (string) $signed['json']['data']['jwt'];
	}

	/**
	 * Asks /token-status about a token.
	 *
	 * @param string $token The token.
	 * @return array<string, mixed>
	 */
	private function status_of( string $token ): array {
		$answer = $this->http(
			'POST',
			'/wp-json/auth-sentinel/v1/token-status',
			array(
				'headers' => array( 'Content-Type: application/json' ),
				'body'    => wp_json_encode( array( 'token' => $token ) ),
			)
		);
		$this->assertSame( 200, $answer['status'], $answer['body'] );
		return $answer['json'];
	}

	/**
	 * Finding 1: Simple JWT Login's refusals are recorded, whatever their status and body.
	 */
	public function test_simple_jwt_login_refusals_are_recorded(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		delete_option( 'simple_jwt_login_settings' );
		list( $user_id, $login ) = $this->make_user();
		$token                   = $this->simple_jwt_login_token( $login );
		$me                      = array( 'headers' => array( $this->agent_header(), 'Authorization: Bearer ' . $token ) );

		// The user is deleted: the middleware answers 500, error 54.
		wp_delete_user( $user_id );
		$gone = $this->http( 'GET', '/wp-json/wp/v2/users/me', $me );
		$this->assertSame( 500, $gone['status'], $gone['body'] );
		$event = $this->my_event();
		$this->assertSame( 'unknown_user', $event['cause'] );
		$this->assertSame( 'simple-jwt-login', $event['issuer'] );
		$this->assertSame( 'simple_jwt_login_middleware_error:54', $event['server_code'] );

		// A wrong password at its own sign-in route (error 48, sent with wp_send_json_error()).
		$this->agent = '';
		list( , $other ) = $this->make_user();
		$wrong           = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'headers' => array( $this->agent_header() ), 'body' => http_build_query( array( 'username' => $other, 'password' => 'wrong' ) ) ) );
		$this->assertSame( 401, $wrong['status'] );
		$event = $this->my_event();
		$this->assertSame( 'bad_credentials', $event['cause'] );
		$this->assertSame( 'token_login', $event['source'] );
		$this->assertSame( 'login_failed', $event['code'] );
	}

	/**
	 * Finding 2: /token-status says what /events says, knows Simple JWT Login's key (watched in
	 * Secrets), and judges `iss` only for the plugins that check it.
	 */
	public function test_the_status_endpoint_agrees_with_the_failures(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		delete_option( 'simple_jwt_login_settings' );
		list( $user_id, $login ) = $this->make_user();
		$token                   = $this->simple_jwt_login_token( $login );
		$this->http( 'GET', '/' );
		$this->assertNotNull( $this->secret( $this->secrets_report(), 'simple_jwt_login_decryption_key' ), 'its key is watched' );

		// Revoked by the plugin itself (its auth/revoke route).
		$revoked = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/revoke', array( 'body' => http_build_query( array( 'JWT' => $token ) ) ) );
		$this->assertSame( 200, $revoked['status'], $revoked['body'] );
		$this->assertSame( 'revoked', $this->status_of( $token )['status'] );

		// Its user deleted.
		$other = $this->simple_jwt_login_token( $login );
		wp_delete_user( $user_id );
		$this->assertSame( 'unknown_user', $this->status_of( $other )['status'] );

		// Issued for a former site address: Simple JWT Login ignores `iss`, so it is valid.
		list( , $third ) = $this->make_user();
		$claims          = $this->peek( $this->simple_jwt_login_token( $third ) )['claims'];
		$moved           = (string) $this->in_site( 'return fixture_simple_jwt_login_mint( ' . var_export( array_merge( $claims, array( 'iss' => 'http://old-address.example' ) ), true ) . ' );' );
		$this->assertSame( 'valid', $this->status_of( $moved )['status'] );
	}

	/**
	 * Finding 3: a token ended by the revoke-on-password-change policy says so, and who changed it.
	 */
	public function test_a_policy_revocation_says_what_happened(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( self::JWT_SECRET );
		list( $user_id, $login ) = $this->make_user();
		$token                   = (string) $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => http_build_query( array( 'username' => $login, 'password' => 'password' ) ) ) )['json']['token'];
		$changed                 = $this->rest( 'POST', '/wp/v2/users/' . $user_id, array( 'password' => 'new-' . wp_generate_password( 10, false ) ), $this->user( 'admin' ) );
		$this->assertSame( 200, $changed->get_status() );

		$status = $this->status_of( $token );
		$this->assertSame( 'password_changed', $status['status'] );
		$this->assertStringContainsString( 'when your password was changed', $status['message'] );
		$this->assertStringNotContainsString( 'administrator', $status['message'] );

		$this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( $this->agent_header(), 'Authorization: Bearer ' . $token ) ) );
		$event = $this->my_event();
		$this->assertSame( 'password_changed', $event['cause'] );
		$this->assertStringContainsString( get_userdata( $this->user( 'admin' ) )->display_name . ' changed the user’s password (the site’s revocation policy)', $event['explanation'] );
	}

	/**
	 * Finding 4: JWT Auth (Useful Team)'s tokens are attributed to it, and the stripped-header
	 * advice names it.
	 */
	public function test_useful_teams_tokens_are_attributed_to_it(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$this->fixture_jwt_secret( self::JWT_SECRET );
		list( , $login ) = $this->make_user();
		$token           = (string) $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => http_build_query( array( 'username' => $login, 'password' => 'password' ) ) ) )['json']['data']['token'];

		$this->http( 'POST', '/wp-json/jwt-auth/v1/token/validate', array( 'headers' => array( $this->agent_header(), 'Authorization: Bearer ' . $token, 'X-Fixture-Strip-Authorization: drop' ) ) );
		$event = $this->my_event();
		$this->assertSame( 'jwt-auth', $event['issuer'] );
		$this->assertSame( 'header_stripped', $event['cause'] );
		$this->assertStringContainsString( 'JWT Auth', $event['explanation'] );
		$this->assertStringNotContainsString( 'JWT Authentication for WP REST API', $event['explanation'] );
	}

	/**
	 * Finding 5: JWT Auth (Useful Team) ignores a bad token on ordinary routes (core answers
	 * rest_not_logged_in): the cause is still named from the token and the user's records.
	 */
	public function test_silent_refusals_are_diagnosed(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$this->fixture_jwt_secret( self::JWT_SECRET );
		Settings::update( array( 'revoke_on_password_change' => false ) ); // Only the plugin's own pass says it.
		list( $user_id, $login ) = $this->make_user();
		$token                   = (string) $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => http_build_query( array( 'username' => $login, 'password' => 'password' ) ) ) )['json']['data']['token'];
		$this->run_in_site( 'wp_set_password( "changed-' . wp_generate_password( 8, false ) . '", ' . $user_id . ' ); do_action( "after_password_reset", get_userdata( ' . $user_id . ' ), "x" );' );

		$answer = $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( $this->agent_header(), 'Authorization: Bearer ' . $token ) ) );
		$this->assertSame( 'rest_not_logged_in', $answer['json']['code'] );
		$event = $this->my_event();
		$this->assertSame( 'password_changed', $event['cause'] );
		$this->assertSame( 'jwt-auth', $event['issuer'] );
	}

	/**
	 * Finding 6: Simple JWT Login's own validate route no longer vouches for a revoked token.
	 */
	public function test_the_issuers_validate_route_refuses_a_revoked_token(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		delete_option( 'simple_jwt_login_settings' );
		list( $user_id, $login ) = $this->make_user();
		$token                   = $this->simple_jwt_login_token( $login );
		$validate                = function () use ( $token ) {
			return $this->http( 'GET', '/wp-json/simple-jwt-login/v1/auth/validate?JWT=' . rawurlencode( $token ), array( 'headers' => array( $this->agent_header() ) ) );
		};
		$this->assertSame( 200, $validate()['status'], 'valid before' );
		$this->assertSame( 200, $this->rest( 'DELETE', '/auth-sentinel/v1/users/' . $user_id . '/sessions', array(), $this->user( 'admin' ) )->get_status() );

		$after = $validate();
		$this->assertSame( 401, $after['status'], $after['body'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] );
		$this->assertSame( 'revoked', $this->my_event()['cause'] );
	}

	/**
	 * Finding 7: one wrong password at a token route is one failure, from the token sign-in.
	 */
	public function test_one_wrong_password_is_one_failure(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$this->fixture_jwt_secret( self::JWT_SECRET );
		list( $user_id, $login ) = $this->make_user();
		\WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'Till' ) ); // Core then tries the password as one too.
		$this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'headers' => array( $this->agent_header() ), 'body' => http_build_query( array( 'username' => $login, 'password' => 'wrong' ) ) ) );

		$event = $this->my_event();
		$this->assertSame( 'token_login', $event['source'] );
		$this->assertSame( 'bad_credentials', $event['cause'] );
		$this->assertSame( 1, $event['count'] );
	}
}
