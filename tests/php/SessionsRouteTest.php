<?php
/**
 * The sessions routes: who may call them, what they accept, what they list.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Plugin;

require_once __DIR__ . '/EventsTrait.php';

/**
 * Permission matrix, validation, listing filters, the "current" flag, and the index kept in
 * step with core's storage (sessions made while the plugin was off, core's own sign-out buttons).
 */
class SessionsRouteTest extends TestCase {

	use EventsTrait;

	/**
	 * Users made by the test.
	 *
	 * @var int[]
	 */
	private $made = array();

	/**
	 * Removes the users.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		require_once ABSPATH . 'wp-admin/includes/user.php';
		foreach ( $this->made as $user_id ) {
			wp_delete_user( $user_id );
		}
		parent::tearDown();
	}

	/**
	 * Makes a subscriber.
	 *
	 * @return int
	 */
	private function make_user(): int {
		$login = 'routes-' . strtolower( wp_generate_password( 8, false ) );
		$id    = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => 'password',
				'user_email' => $login . '@example.org',
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $id );
		$this->made[] = $id;
		return $id;
	}

	/**
	 * A user's sessions are named by id or, for the caller, "me" (as core's application
	 * passwords are); anything else is refused with a code.
	 */
	public function test_users_me_names_the_caller(): void {
		$admin = $this->user( 'admin' );
		\WP_Session_Tokens::get_instance( $admin )->create( time() + HOUR_IN_SECONDS );
		$mine = $this->rest( 'GET', '/auth-sentinel/v1/users/me/sessions', array(), $admin );
		$this->assertSame( 200, $mine->get_status() );
		$this->assertNotEmpty( $mine->get_data() );
		$this->assertSame( array( $admin ), array_values( array_unique( array_column( $mine->get_data(), 'user_id' ) ) ) );
		$this->assertSame( $mine->get_data(), $this->rest( 'GET', '/auth-sentinel/v1/users/' . $admin . '/sessions', array(), $admin )->get_data() );
		$this->assertSame( 401, $this->rest( 'GET', '/auth-sentinel/v1/users/me/sessions', array(), 0 )->get_status() );
		$zero = $this->rest( 'GET', '/auth-sentinel/v1/users/0/sessions', array(), $admin );
		$this->assertSame( 400, $zero->get_status() );
		$this->assertSame( 'rest_invalid_param', $zero->get_data()['code'] );
		$this->assertSame( 404, $this->rest( 'GET', '/auth-sentinel/v1/users/999999999/sessions', array(), $admin )->get_status(), 'no such user' );
		$other = $this->make_user();
		\WP_Session_Tokens::get_instance( $other )->create( time() + HOUR_IN_SECONDS );
		$this->assertSame( $mine->get_data(), $this->rest( 'GET', '/auth-sentinel/v1/users/me/sessions', array( 'user_id' => (string) $other ), $admin )->get_data(), 'the path names the user, not a user_id in the query' );
	}

	/**
	 * Every route: anonymous 401, an editor 403, the administrator through.
	 */
	public function test_permission_matrix(): void {
		$user_id = $this->make_user();
		$session = \WP_Session_Tokens::get_instance( $user_id )->create( time() + HOUR_IN_SECONDS );
		$row     = Plugin::get( \AuthSentinel\Sessions\SessionIndex::class )->find_fp( 'cookie', Plugin::get( \AuthSentinel\Sessions\CredentialFingerprints::class )->cookie( hash( 'sha256', $session ) ) );
		$this->assertNotNull( $row, 'a session made through core is indexed' );

		$routes = array(
			array( 'GET', '/auth-sentinel/v1/sessions', array(), 200 ),
			array( 'GET', '/auth-sentinel/v1/sessions/' . $row['id'], array(), 200 ),
			array( 'GET', '/auth-sentinel/v1/users/' . $user_id . '/sessions', array(), 200 ),
			array( 'POST', '/auth-sentinel/v1/sessions/revoke-all', array( 'password' => 'wrong' ), 403 ),
			array( 'DELETE', '/auth-sentinel/v1/sessions/' . $row['id'], array(), 200 ),
			array( 'DELETE', '/auth-sentinel/v1/users/' . $user_id . '/sessions', array(), 200 ),
		);
		foreach ( $routes as list( $method, $route, $params, $admin_status ) ) {
			$this->assertSame( 401, $this->rest( $method, $route, $params, 0 )->get_status(), "anonymous $method $route" );
			$this->assertSame( 403, $this->rest( $method, $route, $params, $this->user( 'editor' ) )->get_status(), "editor $method $route" );
			$response = $this->rest( $method, $route, $params, $this->user( 'admin' ) );
			$this->assertSame( $admin_status, $response->get_status(), "admin $method $route: " . wp_json_encode( $response->get_data() ) );
		}
		$this->assertNull( \WP_Session_Tokens::get_instance( $user_id )->get( $session ), 'the DELETE really removed it from core' );
	}

	/**
	 * Wrong parameters get a 400 naming the parameter; unknown ids a 404.
	 */
	public function test_bad_input_is_refused_clearly(): void {
		$admin = $this->user( 'admin' );
		foreach ( array(
			array( 'type' => 'carrier-pigeon' ),
			array( 'status' => 'zombie' ),
			array( 'per_page' => 1000 ),
			array( 'orderby' => 'password' ),
			array( 'user' => 'abc' ),
		) as $params ) {
			$response = $this->rest( 'GET', '/auth-sentinel/v1/sessions', $params, $admin );
			$this->assertSame( 400, $response->get_status(), wp_json_encode( $params ) );
			$this->assertSame( 'rest_invalid_param', $response->get_data()['code'] );
			$this->assertArrayHasKey( (string) key( $params ), $response->get_data()['data']['params'] );
		}
		$this->assertSame( 404, $this->rest( 'DELETE', '/auth-sentinel/v1/sessions/99999999', array(), $admin )->get_status() );
		$this->assertSame( 404, $this->rest( 'DELETE', '/auth-sentinel/v1/users/99999999/sessions', array(), $admin )->get_status() );
		$this->assertSame( 400, $this->rest( 'POST', '/auth-sentinel/v1/sessions/revoke-all', array(), $admin )->get_status(), 'no password' );
		$huge = $this->http( 'GET', '/wp-json/auth-sentinel/v1/sessions?search=' . str_repeat( 'x', 60000 ), array( 'as' => 'admin' ) );
		$this->assertContains( $huge['status'], array( 200, 400, 414 ), 'a huge search is answered, not a crash' );
	}

	/**
	 * Listing: filters, search by login and IP, paging headers, and the caller's own session.
	 */
	public function test_listing_filters_search_paging_and_current(): void {
		$user_id = $this->make_user();
		$user    = get_userdata( $user_id );
		for ( $i = 0; $i < 3; $i++ ) {
			\WP_Session_Tokens::get_instance( $user_id )->create( time() + HOUR_IN_SECONDS );
		}
		\WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'Kitchen display' ) );

		$admin = $this->user( 'admin' );
		$mine  = $this->rest(
			'GET',
			'/auth-sentinel/v1/sessions',
			array(
				'user'     => $user_id,
				'per_page' => 2,
			),
			$admin
		);
		$this->assertSame( '4', $mine->get_headers()['X-WP-Total'] );
		$this->assertSame( '2', $mine->get_headers()['X-WP-TotalPages'] );
		$this->assertCount( 2, $mine->get_data() );

		$apps = $this->rest(
			'GET',
			'/auth-sentinel/v1/sessions',
			array(
				'user' => $user_id,
				'type' => 'app_password',
			),
			$admin
		)->get_data();
		$this->assertCount( 1, $apps );
		$this->assertSame( 'Kitchen display', $apps[0]['label'] );
		$this->assertSame( 'Kitchen display', $apps[0]['client'] );
		$this->assertNull( $apps[0]['last_seen'], 'never used' );
		$this->assertNull( $apps[0]['expires'] );

		$found = $this->rest( 'GET', '/auth-sentinel/v1/sessions', array( 'search' => $user->user_login ), $admin )->get_data();
		$this->assertCount( 4, $found, 'search by login' );

		// A search among one user's few credentials tests them, without the full-text index
		// (which lists every credential of the table holding the word).
		$kitchen = $this->recording(
			function () use ( $admin, $user_id ) {
				return $this->rest(
					'GET',
					'/auth-sentinel/v1/sessions',
					array(
						'user'   => $user_id,
						'search' => 'kitchen',
					),
					$admin
				);
			},
			$queries
		);
		$this->assertSame( array( 'Kitchen display' ), array_column( $kitchen->get_data(), 'label' ) );
		$this->assertSame( '1', $kitchen->get_headers()['X-WP-Total'] );
		$this->assertSame( array(), preg_grep( '/\bMATCH\s*\(/', $queries ), 'the full-text index not asked' );
		$this->assertSame( $user->user_login, $found[0]['user']['login'] );

		// Over HTTP, signed in with a cookie: the admin's own session is marked.
		$jar   = $this->sign_in( 'admin' );
		$nonce = $this->http( 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', array( 'cookies' => $jar ) )['body'];
		$own   = $this->http(
			'GET',
			'/wp-json/auth-sentinel/v1/sessions?type=cookie&user=' . $admin . '&search=127.0.0.1',
			array(
				'cookies' => $jar,
				'headers' => array( 'X-WP-Nonce: ' . $nonce ),
			)
		);
		$this->assertSame( 200, $own['status'], $own['body'] );
		$this->assertSame( 1, count( array_filter( array_column( $own['json'], 'current' ) ) ), 'exactly one session is the caller’s' );
	}

	/**
	 * Sessions made while the plugin was not watching are indexed by the reindex.
	 */
	public function test_sessions_made_while_off_are_indexed(): void {
		$user_id = $this->make_user();
		$token   = wp_generate_password( 43, false );
		update_user_meta(
			$user_id,
			'session_tokens',
			array(
				hash( 'sha256', $token ) => array(
					'expiration' => time() + DAY_IN_SECONDS,
					'ip'         => '192.0.2.7',
					'ua'         => 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
					'login'      => time() - 60,
				),
			)
		);
		$this->assertSame( 0, count( $this->rest( 'GET', '/auth-sentinel/v1/sessions', array( 'user' => $user_id ), $this->user( 'admin' ) )->get_data() ) );

		$sessions = Plugin::get( \AuthSentinel\Sessions\Inventory::class );
		$sessions->activate();
		for ( $i = 0; $i < 20 && ! $sessions->reindex( 10 ); $i++ ) {
			continue;
		}
		$listed = $this->rest( 'GET', '/auth-sentinel/v1/sessions', array( 'user' => $user_id ), $this->user( 'admin' ) )->get_data();
		$this->assertCount( 1, $listed );
		$this->assertSame( '192.0.2.7', $listed[0]['ip'] );
		$this->assertSame( 'Chrome 120 on Windows', $listed[0]['client'] );
	}

	/**
	 * Core's own "Log Out Everywhere Else" ends the other sessions in the index too, attributed to the user.
	 */
	public function test_core_log_out_everywhere_else_is_tracked(): void {
		$user_id = $this->make_user();
		$manager = \WP_Session_Tokens::get_instance( $user_id );
		$keep    = $manager->create( time() + HOUR_IN_SECONDS );
		$manager->create( time() + HOUR_IN_SECONDS );
		$manager->create( time() + HOUR_IN_SECONDS );

		wp_set_current_user( $user_id );
		$manager->destroy_others( $keep );
		wp_set_current_user( 0 );

		$admin = $this->user( 'admin' );
		$this->assertCount( 1, $this->rest( 'GET', '/auth-sentinel/v1/sessions', array( 'user' => $user_id ), $admin )->get_data() );
		$ended = $this->rest(
			'GET',
			'/auth-sentinel/v1/sessions',
			array(
				'user'   => $user_id,
				'status' => 'ended',
			),
			$admin
		)->get_data();
		$this->assertCount( 2, $ended );
		$this->assertSame( array( 'user', 'user' ), array_column( $ended, 'ended_reason' ) );
		$this->assertSame( array( $user_id, $user_id ), array_column( $ended, 'ended_by' ) );
	}

	/**
	 * The Users list has a Sessions row action and the profile a Sessions section, for admins only.
	 */
	public function test_users_list_and_profile_lead_to_the_sessions(): void {
		$user_id = $this->make_user();
		\WP_Session_Tokens::get_instance( $user_id )->create( time() + HOUR_IN_SECONDS );
		$jar  = $this->sign_in( 'admin' );
		$list = $this->visit( $jar, '/wp-admin/users.php?s=' . rawurlencode( get_userdata( $user_id )->user_login ) );
		$this->assertSame( 200, $list['status'] );
		$this->assertStringContainsString( 'page=auth-sentinel-sessions&#038;user=' . $user_id, $list['body'] );

		$profile = $this->visit( $jar, '/wp-admin/user-edit.php?user_id=' . $user_id );
		$this->assertStringContainsString( 'Sessions (Auth Sentinel)', $profile['body'] );
		$this->assertStringContainsString( '1 browser session', $profile['body'] );

		$editor = $this->visit( $this->sign_in( 'editor' ), '/wp-admin/profile.php' );
		$this->assertStringNotContainsString( 'Sessions (Auth Sentinel)', $editor['body'], 'not for editors' );
	}

	/**
	 * The hourly upkeep forgets rows that ended or expired long ago a batch at a time: out of
	 * time after one batch, the rest waits for the next run; a live row and one ended recently
	 * stay, so that a later failure with it can still be explained.
	 */
	public function test_rows_ended_long_ago_are_forgotten_in_batches(): void {
		global $wpdb;
		$user  = $this->make_user();
		$index = Plugin::get( \AuthSentinel\Sessions\SessionIndex::class );
		$fp    = static function ( int $i ) use ( $user ): string {
			return md5( "prune-{$user}-{$i}" );
		};
		for ( $i = 0; $i < 7; $i++ ) {
			$index->upsert(
				array(
					'type'    => 'cookie',
					'fp'      => $fp( $i ),
					'user_id' => $user,
					'created' => time() - 1100 * DAY_IN_SECONDS,
					'expires' => time() + DAY_IN_SECONDS,
				)
			);
		}
		$table    = \AuthSentinel\Database\Schema::sessions_table();
		$long_ago = gmdate( 'Y-m-d H:i:s', time() - 1000 * DAY_IN_SECONDS );
		// Four ended long ago, one expired long ago, one revoked yesterday, one live.
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET status = 'ended', ended_at = %s WHERE fp IN (%s, %s, %s, %s)", $long_ago, $fp( 0 ), $fp( 1 ), $fp( 2 ), $fp( 3 ) ) );
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET expires = %s WHERE fp = %s", $long_ago, $fp( 4 ) ) );
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET status = 'revoked', ended_at = %s WHERE fp = %s", gmdate( 'Y-m-d H:i:s', time() - DAY_IN_SECONDS ), $fp( 5 ) ) );
		$cutoff = time() - 900 * DAY_IN_SECONDS;
		// Rows other tests left to expire long ago (some with no expiry known: 1970) go first.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE user_id <> %d AND ((status <> 'active' AND ended_at < %s) OR expires < %s)", $user, gmdate( 'Y-m-d H:i:s', $cutoff ), gmdate( 'Y-m-d H:i:s', $cutoff ) ) );

		$this->assertSame( 2, $index->prune( $cutoff, 2, 0.0 ), 'no time left: one batch' );
		$this->assertSame( 3, $index->prune( $cutoff, 2, 60.0 ), 'then the rest' );
		$left = $wpdb->get_col( $wpdb->prepare( "SELECT fp FROM {$table} WHERE user_id = %d", $user ) );
		sort( $left );
		$kept = array( $fp( 5 ), $fp( 6 ) );
		sort( $kept );
		$this->assertSame( $kept, $left, 'the row revoked yesterday and the live one stay' );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE user_id = %d", $user ) );
	}
}
