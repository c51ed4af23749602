<?php
/**
 * Rejected sign-in cookies are recorded and diagnosed.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once __DIR__ . '/EventsTrait.php';

/**
 * Each cookie failure produced for real against the running site.
 */
class EventsCookieTest extends TestCase {

	use EventsTrait;

	/**
	 * A cookie whose signature was altered, with nothing changed on the site, is corrupted.
	 */
	public function test_tampered_cookie_is_corrupted(): void {
		$jar = $this->sign_in( 'author' );
		$this->alter_cookies(
			$jar,
			static function ( $value ) {
				return substr( $value, 0, -4 ) . ( 'aaaa' === substr( $value, -4 ) ? 'bbbb' : 'aaaa' );
			}
		);
		$this->visit( $jar );

		$event = $this->my_event();
		$this->assertSame( 'cookie', $event['source'] );
		$this->assertSame( 'auth_cookie_bad_hash', $event['server_code'] );
		$this->assertSame( 'corrupted', $event['cause'] );
		$this->assertSame( $this->user( 'author' ), $event['user_id'] );
		$this->assertSame( 'cookie_invalid', $event['code'] );
		$this->assertStringContainsString( 'altered', $event['explanation'] );
	}

	/**
	 * Garbage in a sign-in cookie is corrupted, and the visitor is just signed out.
	 */
	public function test_garbage_cookie_is_corrupted(): void {
		$jar = $this->sign_in( 'author' );
		$this->alter_cookies(
			$jar,
			static function () {
				return 'garbage-without-any-bars';
			}
		);
		$page = $this->visit( $jar );
		$this->assertSame( 302, $page['status'], 'sent to the login page as WordPress does' );

		$event = $this->my_event();
		$this->assertSame( 'auth_cookie_malformed', $event['server_code'] );
		$this->assertSame( 'corrupted', $event['cause'] );
	}

	/**
	 * An expired cookie is expired.
	 */
	public function test_expired_cookie_is_expired(): void {
		$user   = $this->user( 'author' );
		$cookie = wp_generate_auth_cookie( $user, time() - 2 * DAY_IN_SECONDS, 'logged_in', 'sometoken' );
		$this->http(
			'GET',
			'/',
			array( 'headers' => array( $this->agent_header(), 'Cookie: ' . LOGGED_IN_COOKIE . '=' . rawurlencode( $cookie ) ) )
		);

		$event = $this->my_event();
		$this->assertSame( 'auth_cookie_expired', $event['server_code'] );
		$this->assertSame( 'expired', $event['cause'] );
		$this->assertSame( $user, $event['user_id'] );
		$this->assertSame( 'cookie_expired', $event['code'] );
	}

	/**
	 * A cookie of a session that was destroyed is revoked.
	 */
	public function test_destroyed_session_is_revoked(): void {
		$jar = $this->sign_in( 'author' );
		\WP_Session_Tokens::get_instance( $this->user( 'author' ) )->destroy( $this->session_token( $jar ) );
		$this->visit( $jar );

		$event = $this->my_event();
		$this->assertSame( 'auth_cookie_bad_session_token', $event['server_code'] );
		$this->assertSame( 'revoked', $event['cause'] );
		$this->assertSame( 'session_ended', $event['code'] );
	}

	/**
	 * A cookie issued before the user's password changed is password_changed.
	 */
	public function test_password_change_is_password_changed(): void {
		$login = 'pw-' . wp_generate_password( 6, false );
		$id    = wp_create_user( $login, 'password', $login . '@example.com' );
		$jar   = $this->sign_in( $login );
		$this->run_in_site( 'wp_set_password( "a-new-password-' . wp_generate_password( 8, false ) . '", ' . (int) $id . ' );' );
		$this->visit( $jar );

		$event = $this->my_event();
		$this->assertSame( 'auth_cookie_bad_hash', $event['server_code'] );
		$this->assertSame( 'password_changed', $event['cause'] );
		$this->assertSame( $id, $event['user_id'] );
		$this->assertStringContainsString( 'password changed', $event['explanation'] );
		wp_delete_user( $id );
	}

	/**
	 * A cookie issued before the keys and salts changed is secret_changed, and names the keys.
	 */
	public function test_salt_change_is_secret_changed(): void {
		$jar = $this->sign_in( 'author' );
		// wp-admin checks the auth cookie, signed with AUTH_KEY and AUTH_SALT.
		$this->edit_salts( array( 'AUTH_KEY' => wp_generate_password( 64, true, true ) ) );
		$this->assertSame( 302, $this->visit( $jar )['status'], 'signed out, as WordPress does' );

		$event = $this->my_event();
		$this->assertSame( 'auth_cookie_bad_hash', $event['server_code'] );
		$this->assertSame( 'secret_changed', $event['cause'] );
		$this->assertStringContainsString( 'AUTH_KEY', $event['explanation'] );
	}

	/**
	 * A cookie of a user who was deleted is unknown_user.
	 */
	public function test_deleted_user_is_unknown_user(): void {
		$login = 'gone-' . wp_generate_password( 6, false );
		$id    = wp_create_user( $login, 'password', $login . '@example.com' );
		$jar   = $this->sign_in( $login );
		wp_delete_user( $id );
		$this->visit( $jar );

		$event = $this->my_event();
		$this->assertSame( 'auth_cookie_bad_username', $event['server_code'] );
		$this->assertSame( 'unknown_user', $event['cause'] );
		$this->assertSame( 0, $event['user_id'] );
		$this->assertStringContainsString( $login, $event['explanation'] );
	}

	/**
	 * A REST nonce from days ago is expired; a made-up one is corrupted.
	 */
	public function test_rest_nonces(): void {
		$jar   = $this->sign_in( 'author' );
		$token = $this->session_token( $jar );
		$tick  = wp_nonce_tick( 'wp_rest' );
		$old   = substr( wp_hash( ( $tick - 4 ) . '|wp_rest|' . $this->user( 'author' ) . '|' . $token, 'nonce' ), -12, 10 );

		$answer = $this->http(
			'GET',
			'/wp-json/wp/v2/users/me',
			array(
				'cookies' => $jar,
				'headers' => array( $this->agent_header(), 'X-WP-Nonce: ' . $old ),
			)
		);
		$this->assertSame( 403, $answer['status'] );
		$this->assertSame( 'rest_cookie_invalid_nonce', $answer['json']['code'], 'the answer is unchanged' );
		$event = $this->my_event();
		$this->assertSame( 'rest_nonce', $event['source'] );
		$this->assertSame( 'expired', $event['cause'] );
		$this->assertSame( '/wp-json/wp/v2/users/me', $event['route'] );

		$this->http(
			'GET',
			'/wp-json/wp/v2/users/me',
			array(
				'cookies' => $jar,
				'headers' => array( $this->agent_header(), 'X-WP-Nonce: not-a-nonce' ),
			)
		);
		$causes = array_column( $this->my_events(), 'cause' );
		sort( $causes );
		$this->assertSame( array( 'corrupted', 'expired' ), $causes );
	}
}
