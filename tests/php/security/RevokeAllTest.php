<?php
/**
 * Bypass 5 and the smaller findings about "revoke everyone": atomic, honest, permission first,
 * its password re-entry limited and traced.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests\Security;

use AuthSentinel\Sessions\NotBefore;
use AuthSentinel\Tests\EventsTrait;
use AuthSentinel\Tests\FixtureTrait;
use AuthSentinel\Tests\TestCase;

require_once dirname( __DIR__ ) . '/EventsTrait.php';
require_once dirname( __DIR__ ) . '/FixtureTrait.php';
require_once __DIR__ . '/SecurityTrait.php';

/**
 * Before the fix, a sign-in during "revoke everyone" made the post-delete count check throw
 * before application passwords, the not-before time and the index were handled; failed writes
 * were ignored and reported as success; anonymous callers and editors were told 400 (missing
 * password) instead of 401/403; wrong passwords were neither limited nor traced.
 */
class RevokeAllTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;
	use SecurityTrait;

	/**
	 * Puts the site back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		remove_all_filters( 'query' );
		remove_all_filters( 'update_user_metadata' );
		delete_user_meta( $this->user( 'admin' ), 'auth_sentinel_reauth_failures' );
		self::forget_app_passwords(); // "Revoke everyone" ended the ones the other tests sign in with.
		$this->forget_made_users();
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * Gives a user a cookie session through core's own storage.
	 *
	 * @param int $user_id The user.
	 * @return string The session token.
	 */
	private function session_for( int $user_id ): string {
		return \WP_Session_Tokens::get_instance( $user_id )->create( time() + HOUR_IN_SECONDS );
	}

	/**
	 * A user signs in while everyone's sessions are being deleted: the revocation still writes
	 * the not-before time, ends application passwords and the index, and the new session (made
	 * after it began) is left alone.
	 */
	public function test_a_sign_in_during_revoke_everyone_does_not_break_it(): void {
		list( $early ) = $this->make_user();
		list( $late )  = $this->make_user();
		$this->session_for( $early );
		list( , $item ) = \WP_Application_Passwords::create_new_application_password( $early, array( 'name' => 'Till' ) );

		global $wpdb;
		$signed_in = false;
		add_filter(
			'query',
			function ( $sql ) use ( $wpdb, $late, &$signed_in ) {
				if ( ! $signed_in && false !== stripos( $sql, 'SELECT COUNT(*)' ) && false !== strpos( $sql, "'session_tokens'" ) ) {
					$signed_in = true; // Another request signs $late in, between the delete and the check.
					$wpdb->insert(
						$wpdb->usermeta,
						array(
							'user_id'    => $late,
							'meta_key'   => 'session_tokens', // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key
							'meta_value' => maybe_serialize( array( hash( 'sha256', 'late' ) => array( 'expiration' => time() + 3600, 'login' => time() ) ) ), // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_value
						)
					);
				}
				return $sql;
			}
		);
		$done = $this->rest(
			'POST',
			'/auth-sentinel/v1/sessions/revoke-all',
			array(
				'password'              => 'password',
				'application_passwords' => true,
			),
			$this->user( 'admin' )
		);
		remove_all_filters( 'query' );
		$this->assertTrue( $signed_in, 'the concurrent sign-in happened' );
		$this->assertSame( 200, $done->get_status(), (string) wp_json_encode( $done->get_data() ) );

		$this->forget_cached_options();
		$this->assertIsArray( get_option( NotBefore::SITE_OPTION ), 'every token issued before is refused' );
		$this->assertNull( \WP_Application_Passwords::get_user_application_password( $early, $item['uuid'] ), 'application passwords were ended' );
		wp_cache_delete( $early, 'user_meta' );
		wp_cache_delete( $late, 'user_meta' );
		$this->assertSame( '', get_user_meta( $early, 'session_tokens', true ), 'the sessions that existed are gone' );
		$this->assertNotEmpty( get_user_meta( $late, 'session_tokens', true ), 'the sign-in made meanwhile stays' );
		$this->assertSame( 0, $this->index_active( $early ), 'the index says so' );
	}

	/**
	 * A write storage refuses is reported, not swallowed: the route answers 500 with what was and
	 * was not revoked, and the other credentials were still ended.
	 */
	public function test_a_refused_write_is_reported_with_what_was_ended(): void {
		list( $user_id ) = $this->make_user();
		$this->session_for( $user_id );
		add_filter(
			'update_user_metadata',
			static function ( $check, $object_id, $meta_key ) use ( $user_id ) {
				return $object_id === $user_id && NotBefore::USER_META === $meta_key ? false : $check;
			},
			10,
			3
		);
		$answer = $this->rest( 'DELETE', '/auth-sentinel/v1/users/' . $user_id . '/sessions', array(), $this->user( 'admin' ) );
		remove_all_filters( 'update_user_metadata' );

		$this->assertSame( 500, $answer->get_status() );
		$data = $answer->get_data();
		$this->assertSame( 'auth_sentinel_revoke_failed', $data['code'] );
		$this->assertArrayHasKey( 'token', $data['data']['not_revoked'], 'it says the tokens were not ended' );
		$this->assertSame( 1, $data['data']['revoked']['cookie'], 'and that the browser session was' );
		wp_cache_delete( $user_id, 'user_meta' );
		$this->assertSame( '', get_user_meta( $user_id, 'session_tokens', true ), 'the browser session is gone indeed' );
	}

	/**
	 * Anonymous callers get 401 and editors 403 from the write routes, whatever they send.
	 */
	public function test_write_routes_check_permission_before_arguments(): void {
		foreach ( array( 0 => 401, $this->user( 'editor' ) => 403 ) as $user => $status ) {
			$missing = $this->rest( 'POST', '/auth-sentinel/v1/sessions/revoke-all', array(), $user );
			$this->assertSame( $status, $missing->get_status(), 'no password, user ' . $user );
			$invalid = $this->rest( 'DELETE', '/auth-sentinel/v1/users/1/sessions', array( 'application_passwords' => 'maybe' ), $user );
			$this->assertSame( $status, $invalid->get_status(), 'an invalid argument, user ' . $user );
		}
		$admin = $this->rest( 'POST', '/auth-sentinel/v1/sessions/revoke-all', array(), $this->user( 'admin' ) );
		$this->assertSame( 400, $admin->get_status(), 'the administrator is told what is missing' );
	}

	/**
	 * Wrong passwords are audited, counted as failed sign-ins, and the sixth in a quarter of an
	 * hour is refused without checking.
	 */
	public function test_the_password_re_entry_is_limited_and_traced(): void {
		global $wpdb;
		$admin  = $this->user( 'admin' );
		$before = (int) $wpdb->get_var( "SELECT COALESCE(MAX(id), 0) FROM {$wpdb->prefix}auth_sentinel_audit" );
		for ( $i = 1; $i <= 5; $i++ ) {
			$wrong = $this->rest( 'POST', '/auth-sentinel/v1/sessions/revoke-all', array( 'password' => 'guess-' . $i ), $admin );
			$this->assertSame( 403, $wrong->get_status(), "attempt $i" );
		}
		$locked = $this->rest( 'POST', '/auth-sentinel/v1/sessions/revoke-all', array( 'password' => 'password' ), $admin );
		$this->assertSame( 429, $locked->get_status(), 'even the right password waits' );
		$this->assertSame( 'auth_sentinel_too_many_attempts', $locked->get_data()['code'] );

		$audited = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}auth_sentinel_audit WHERE action = %s AND actor_id = %d AND id > %d", 'reauth_failed', $admin, $before ) );
		$this->assertSame( 5, $audited, 'each wrong password is in the audit trail' );
		$failed = (int) $wpdb->get_var( $wpdb->prepare( "SELECT SUM(count) FROM {$wpdb->prefix}auth_sentinel_events WHERE user_id = %d AND cause = %s AND last_seen >= %s", $admin, 'bad_credentials', gmdate( 'Y-m-d H:i:s', time() - 60 ) ) );
		// In one process the recorder counts a repeated credential once per request: at least one row.
		$this->assertGreaterThanOrEqual( 1, $failed, 'and among the failed sign-ins' );
	}

	/**
	 * Counts a user's active rows in the index.
	 *
	 * @param int $user_id The user.
	 * @return int
	 */
	private function index_active( int $user_id ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->base_prefix}auth_sentinel_sessions WHERE user_id = %d AND status = 'active'", $user_id ) );
	}
}
