<?php
/**
 * Revocation policies.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Settings\Settings;

/**
 * A changed password, email address or role revokes the user's sessions and tokens when the
 * settings say so; a role's limit of concurrent sessions ends the oldest.
 */
class SessionsPolicyTest extends TestCase {

	/**
	 * Users made by the test.
	 *
	 * @var int[]
	 */
	private $made = array();

	/**
	 * The settings before the test.
	 *
	 * @var mixed
	 */
	private $saved;

	/**
	 * Saves the settings.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->saved = get_option( Settings::OPTION, null );
	}

	/**
	 * Removes the users, puts the settings back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		require_once ABSPATH . 'wp-admin/includes/user.php';
		foreach ( $this->made as $user_id ) {
			wp_delete_user( $user_id );
		}
		if ( null === $this->saved ) {
			delete_option( Settings::OPTION );
		} else {
			update_option( Settings::OPTION, $this->saved );
		}
		wp_set_current_user( 0 );
		parent::tearDown();
	}

	/**
	 * Makes a user with three browser sessions.
	 *
	 * @param string $role The role.
	 * @return int
	 */
	private function user_with_sessions( string $role = 'author' ): int {
		$login = 'policy-' . strtolower( wp_generate_password( 8, false ) );
		$id    = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => 'password',
				'user_email' => $login . '@example.org',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $id );
		$this->made[] = $id;
		for ( $i = 0; $i < 3; $i++ ) {
			\WP_Session_Tokens::get_instance( $id )->create( time() + HOUR_IN_SECONDS );
		}
		$this->assertCount( 3, \WP_Session_Tokens::get_instance( $id )->get_all() );
		return $id;
	}

	/**
	 * Returns the reason of the newest user_sessions_revoked row of a user, '' without one.
	 *
	 * @param int $user_id The user.
	 * @return string
	 */
	private function revoked_reason( int $user_id ): string {
		global $wpdb;
		$details = $wpdb->get_var( $wpdb->prepare( "SELECT details FROM {$wpdb->prefix}auth_sentinel_audit WHERE action = 'user_sessions_revoked' AND target_user_id = %d ORDER BY id DESC LIMIT 1", $user_id ) );
		return null === $details ? '' : (string) json_decode( $details, true )['reason'];
	}

	/**
	 * Returns the details of a user's audit rows of one action, oldest first.
	 *
	 * @param string $action  The action.
	 * @param int    $user_id The user the rows are about.
	 * @return array<int, array<string, mixed>>
	 */
	private function audited( string $action, int $user_id ): array {
		global $wpdb;
		$rows = $wpdb->get_col( $wpdb->prepare( "SELECT details FROM {$wpdb->prefix}auth_sentinel_audit WHERE action = %s AND target_user_id = %d ORDER BY id", $action, $user_id ) );
		return array_map(
			static function ( $details ): array {
				return (array) json_decode( (string) $details, true );
			},
			$rows
		);
	}

	/**
	 * An administrator resets a user's password: the user's sessions and tokens end.
	 */
	public function test_password_change_revokes_by_default(): void {
		$user_id = $this->user_with_sessions();
		wp_set_current_user( $this->user( 'admin' ) );
		wp_set_password( 'another-password-1', $user_id );
		$this->assertCount( 0, \WP_Session_Tokens::get_instance( $user_id )->get_all() );
		$this->assertSame( 'policy_password', $this->revoked_reason( $user_id ) );
		$this->assertIsArray( get_user_meta( $user_id, 'auth_sentinel_tokens_not_before', true ), 'tokens issued before are refused' );
	}

	/**
	 * With the policy off, a password change leaves the sessions (core's own behaviour).
	 */
	public function test_password_policy_off_leaves_sessions(): void {
		Settings::update( array( 'revoke_on_password_change' => false ) );
		$user_id = $this->user_with_sessions();
		wp_set_password( 'another-password-2', $user_id );
		$this->assertCount( 3, \WP_Session_Tokens::get_instance( $user_id )->get_all() );
		$this->assertSame( '', $this->revoked_reason( $user_id ) );
	}

	/**
	 * A new email address revokes (on by default) and is audited.
	 */
	public function test_email_change_revokes_and_is_audited(): void {
		$user_id = $this->user_with_sessions();
		wp_set_current_user( $this->user( 'admin' ) );
		wp_update_user(
			array(
				'ID'         => $user_id,
				'user_email' => 'changed-' . $user_id . '@example.org',
			)
		);
		$this->assertCount( 0, \WP_Session_Tokens::get_instance( $user_id )->get_all() );
		$this->assertSame( 'policy_email', $this->revoked_reason( $user_id ) );
		$this->assertCount( 1, $this->audited( 'email_changed', $user_id ) );
	}

	/**
	 * A role change revokes only when the policy is on (off by default); it is always audited.
	 */
	public function test_role_change_policy(): void {
		$user_id = $this->user_with_sessions();
		( new \WP_User( $user_id ) )->set_role( 'editor' );
		$this->assertCount( 3, \WP_Session_Tokens::get_instance( $user_id )->get_all(), 'off by default' );
		$details = $this->audited( 'role_changed', $user_id )[0] ?? array();
		$this->assertSame( array( 'author' ), $details['from'] );
		$this->assertSame( array( 'editor' ), $details['to'] );

		Settings::update( array( 'revoke_on_role_change' => true ) );
		( new \WP_User( $user_id ) )->set_role( 'subscriber' );
		$this->assertCount( 0, \WP_Session_Tokens::get_instance( $user_id )->get_all() );
		$this->assertSame( 'policy_role', $this->revoked_reason( $user_id ) );
	}

	/**
	 * WordPress's REST API (what apps and the block editor use) changes a role by taking every
	 * role away, then adding the new one: the audit says one change, from the old role to the
	 * new, and the policy ends the sessions once.
	 */
	public function test_a_role_changed_through_the_rest_api_is_audited_once_to_the_new_role(): void {
		Settings::update( array( 'revoke_on_role_change' => true ) );
		$user_id = $this->user_with_sessions();
		$role    = $this->http( 'POST', '/wp-json/wp/v2/users/' . $user_id, array( 'as' => 'admin', 'body' => 'roles=contributor' ) );
		$this->assertSame( 200, $role['status'], $role['body'] );
		$this->assertSame( array( 'contributor' ), json_decode( $role['body'], true )['roles'] ?? null );
		$changes = $this->audited( 'role_changed', $user_id );
		$this->assertCount( 1, $changes, 'one change' );
		$details = $changes[0];
		$this->assertSame( array( 'author' ), $details['from'] ?? null );
		$this->assertSame( array( 'contributor' ), $details['to'] ?? null, 'to the new role, not to none' );
		wp_cache_delete( $user_id, 'user_meta' );
		$this->assertCount( 0, \WP_Session_Tokens::get_instance( $user_id )->get_all(), 'the policy ended the sessions' );
		$this->assertCount( 1, $this->audited( 'user_sessions_revoked', $user_id ), 'once' );
	}

	/**
	 * Each change made in a process of its own (a role set by a script, the rest through
	 * WordPress's REST API) is seen: the
	 * rows of those hooks are hooked only when a user's roles or application passwords are
	 * written or a user's cache cleaned (Hooks::USER_META_TABLE, Hooks::USER_TABLE), in the
	 * request that does it.
	 */
	public function test_changes_made_in_requests_of_their_own_are_seen(): void {
		global $wpdb;
		Settings::update( array( 'revoke_on_role_change' => false ) );
		$user_id = $this->user_with_sessions();
		$path    = '/wp-json/wp/v2/users/' . $user_id;

		$this->run_in_site( "( new WP_User( {$user_id} ) )->set_role( 'editor' );" );
		$details = $this->audited( 'role_changed', $user_id )[0] ?? array();
		$this->assertSame( array( 'author' ), $details['from'] ?? null, 'the role change is audited' );
		$this->assertSame( array( 'editor' ), $details['to'] );

		$email = $this->http( 'POST', $path, array( 'as' => 'admin', 'body' => 'email=' . rawurlencode( 'moved-' . $user_id . '@example.org' ) ) );
		$this->assertSame( 200, $email['status'], $email['body'] );
		$this->assertCount( 1, $this->audited( 'email_changed', $user_id ), 'the new address is audited' );
		wp_cache_delete( $user_id, 'user_meta' );
		$this->assertCount( 0, \WP_Session_Tokens::get_instance( $user_id )->get_all(), 'and ends the sessions' );
		$this->assertSame( 'policy_email', $this->revoked_reason( $user_id ) );

		$created = $this->http( 'POST', $path . '/application-passwords', array( 'as' => 'admin', 'body' => 'name=Till' ) );
		$this->assertSame( 201, $created['status'], $created['body'] );
		$this->assertCount( 1, $this->audited( 'app_password_created', $user_id ), 'the application password is audited' );
		$this->assertSame( '1', $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . \AuthSentinel\Database\Schema::sessions_table() . " WHERE type = 'app_password' AND user_id = %d AND status = 'active'", $user_id ) ), 'and listed' );

		$deleted = $this->http( 'DELETE', $path . '?force=true&reassign=' . $this->user( 'admin' ), array( 'as' => 'admin' ) );
		$this->assertSame( 200, $deleted['status'], $deleted['body'] );
		$this->made = array_diff( $this->made, array( $user_id ) );
		$this->assertSame( '0', $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . \AuthSentinel\Database\Schema::sessions_table() . " WHERE user_id = %d AND status = 'active'", $user_id ) ), 'the deleted user\'s credentials end' );
		$this->assertGreaterThan( 0, (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . \AuthSentinel\Database\Schema::sessions_table() . " WHERE user_id = %d AND ended_reason = 'deleted'", $user_id ) ), 'as deleted' );
	}

	/**
	 * A role limited to two sessions keeps the two newest when a third sign-in happens.
	 */
	public function test_session_limit_ends_the_oldest(): void {
		global $wpdb;
		Settings::update( array( 'session_limits' => array( 'contributor' => 2 ) ) );
		$user_id = $this->user_with_sessions( 'author' );
		$this->assertCount( 3, \WP_Session_Tokens::get_instance( $user_id )->get_all(), 'authors have no limit' );

		( new \WP_User( $user_id ) )->set_role( 'contributor' );
		$manager = \WP_Session_Tokens::get_instance( $user_id );
		$oldest  = array_map(
			static function ( $s ) {
				return $s['login'];
			},
			$manager->get_all()
		);
		sleep( 1 );
		$newest = $manager->create( time() + HOUR_IN_SECONDS );
		$left   = $manager->get_all();
		$this->assertCount( 2, $left );
		$this->assertNotNull( $manager->get( $newest ), 'the new session is kept' );
		$this->assertSame( 2, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}auth_sentinel_audit WHERE action = 'session_revoked' AND target_user_id = %d AND details LIKE %s", $user_id, '%"limit"%' ) ) );
		$this->assertCount( 3, $oldest );
	}
}
