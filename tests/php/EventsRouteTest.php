<?php
/**
 * Who may read failures, and how the routes validate and page.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once __DIR__ . '/EventsTrait.php';

/**
 * The /events and /events/stats routes, retention pruning and XML-RPC capture.
 */
class EventsRouteTest extends TestCase {

	use EventsTrait;

	/**
	 * Administrators read both routes; editors get 403, visitors 401, in-process and over HTTP.
	 */
	public function test_permissions(): void {
		foreach ( array( '/auth-sentinel/v1/events', '/auth-sentinel/v1/events/stats' ) as $route ) {
			$this->assertSame( 200, $this->rest( 'GET', $route, array(), $this->user( 'admin' ) )->get_status(), $route );
			$this->assertSame( 403, $this->rest( 'GET', $route, array(), $this->user( 'editor' ) )->get_status(), $route );
			$this->assertSame( 401, $this->rest( 'GET', $route )->get_status(), $route );
			$this->assertSame( 200, $this->http( 'GET', '/wp-json' . $route, array( 'as' => 'admin' ) )['status'], $route );
			$this->assertSame( 403, $this->http( 'GET', '/wp-json' . $route, array( 'as' => 'author' ) )['status'], $route );
			$this->assertSame( 401, $this->http( 'GET', '/wp-json' . $route )['status'], $route );
		}
	}

	/**
	 * The routes are there wherever a client can look for them: the REST index, the
	 * namespace's index and the plain-permalink form.
	 */
	public function test_routes_are_reachable_every_way(): void {
		$index = $this->http( 'GET', '/wp-json/' );
		$this->assertContains( 'auth-sentinel/v1', $index['json']['namespaces'] );
		$namespace = $this->http( 'GET', '/wp-json/auth-sentinel/v1', array( 'as' => 'admin' ) );
		$this->assertArrayHasKey( '/auth-sentinel/v1/events/stats', $namespace['json']['routes'] );
		$this->assertSame( 200, $this->http( 'GET', '/?rest_route=/auth-sentinel/v1/events', array( 'as' => 'admin' ) )['status'] );
	}

	/**
	 * Wrong parameters get a clear 400, never a warning.
	 */
	public function test_bad_parameters_are_refused(): void {
		foreach ( array(
			'/events?per_page=101',
			'/events?cause=nonsense',
			'/events?source=carrier-pigeon',
			'/events?since=yesterday-ish',
			'/events?orderby=password',
			'/events/stats?interval=week',
			'/events/stats?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z',
		) as $query ) {
			$answer = $this->http( 'GET', '/wp-json/auth-sentinel/v1' . $query, array( 'as' => 'admin' ) );
			$this->assertSame( 400, $answer['status'], $query . ': ' . $answer['body'] );
		}
	}

	/**
	 * Listing pages with totals in headers, filters by cause, newest first.
	 */
	public function test_paging_and_filters(): void {
		for ( $i = 0; $i < 3; $i++ ) {
			// Three different logins: three rows.
			$this->http( 'POST', '/wp-login.php', array( 'headers' => array( $this->agent_header() ), 'body' => 'log=nobody-' . $i . '&pwd=x' ) );
		}
		$this->http( 'POST', '/wp-login.php', array( 'headers' => array( $this->agent_header() ), 'body' => 'log=editor&pwd=x' ) );

		$page = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events?per_page=2&search=' . rawurlencode( $this->agent ), array( 'as' => 'admin' ) );
		$this->assertSame( '4', $page['headers']['x-wp-total'] );
		$this->assertSame( '2', $page['headers']['x-wp-totalpages'] );
		$this->assertCount( 2, $page['json'] );
		$this->assertGreaterThanOrEqual( $page['json'][1]['last_seen'], $page['json'][0]['last_seen'], 'newest first' );

		$this->assertCount( 3, $this->my_events( array( 'cause' => 'unknown_user' ) ) );
		$this->assertCount( 1, $this->my_events( array( 'cause' => 'bad_credentials' ) ) );
		$this->assertCount( 1, $this->my_events( array( 'user' => $this->user( 'editor' ) ) ) );
	}

	/**
	 * The stats count failures per cause in hourly buckets, with the top users and apps.
	 */
	public function test_stats(): void {
		$this->http( 'POST', '/wp-login.php', array( 'headers' => array( $this->agent_header() ), 'body' => 'log=editor&pwd=x' ) );
		$this->http( 'POST', '/wp-login.php', array( 'headers' => array( $this->agent_header() ), 'body' => 'log=editor&pwd=y' ) );

		$stats = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events/stats?search=' . rawurlencode( $this->agent ), array( 'as' => 'admin' ) )['json'];
		$this->assertSame( 'hour', $stats['interval'] );
		$this->assertGreaterThanOrEqual( 24, count( $stats['buckets'] ) );
		$this->assertSame( 2, $stats['totals']['bad_credentials'] );
		$this->assertSame( 2, $stats['total'] );
		$this->assertSame( 1, $stats['users'] );
		$this->assertSame( 'editor', $stats['top_users'][0]['login'] );
		$last = end( $stats['buckets'] );
		$this->assertSame( 2, $last['counts']['bad_credentials'], 'counted in the current hour' );

		$days = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events/stats?interval=day&search=' . rawurlencode( $this->agent ), array( 'as' => 'admin' ) )['json'];
		$this->assertSame( 'day', $days['interval'] );
		$this->assertGreaterThanOrEqual( 30, count( $days['buckets'] ) );
		$this->assertSame( 2, $days['total'] );
	}

	/**
	 * A wrong password over XML-RPC is recorded as such.
	 */
	public function test_xmlrpc_failure(): void {
		$body   = '<?xml version="1.0"?><methodCall><methodName>wp.getUsersBlogs</methodName><params><param><value><string>editor</string></value></param><param><value><string>wrong</string></value></param></params></methodCall>';
		$answer = $this->http(
			'POST',
			'/xmlrpc.php',
			array(
				'headers' => array( $this->agent_header(), 'Content-Type: text/xml' ),
				'body'    => $body,
			)
		);
		$this->assertStringContainsString( 'faultCode', $answer['body'], 'XML-RPC answers as it does' );
		$event = $this->my_event();
		$this->assertSame( 'xmlrpc', $event['source'] );
		$this->assertSame( 'bad_credentials', $event['cause'] );
		$this->assertSame( $this->user( 'editor' ), $event['user_id'] );
	}

	/**
	 * A page of failures of many users names each row's user, read together: the page's queries
	 * do not grow with the users on it (two for each user before).
	 */
	public function test_a_page_reads_its_users_together(): void {
		global $wpdb;
		$users = array();
		for ( $i = 0; $i < 12; $i++ ) {
			$users[] = wp_insert_user(
				array(
					'user_login' => 'page-user-' . $i . '-' . wp_generate_password( 6, false ),
					'user_pass'  => wp_generate_password(),
					'user_email' => 'page-user-' . $i . '-' . wp_generate_password( 6, false, false ) . '@example.org',
				)
			);
		}
		$this->assertNotContains( true, array_map( 'is_wp_error', $users ) );
		$code = 'pageusers' . wp_rand( 1000, 9999 );
		$now  = gmdate( 'Y-m-d H:i:s' );
		$rows = array();
		foreach ( $users as $user_id ) {
			$rows[] = array( md5( $code . $user_id ), intdiv( time(), HOUR_IN_SECONDS ), $now, $now, 1, 'token', 'jwt_auth_invalid_token', $code, 'corrupted', $user_id, '{}' );
		}
		$this->insert_rows( $wpdb->prefix . 'auth_sentinel_events', array( 'agg_key', 'hour', 'first_seen', 'last_seen', 'count', 'source', 'server_code', 'code', 'cause', 'user_id', 'details' ), $rows );
		try {
			$admin = $this->user( 'admin' );
			wp_cache_flush();
			$page = $this->recording(
				function () use ( $code, $admin ) {
					return $this->rest(
						'GET',
						'/auth-sentinel/v1/events',
						array(
							'code'     => $code,
							'per_page' => 20,
						),
						$admin
					);
				},
				$queries
			);
			$this->assertSame( 200, $page->get_status() );
			$named = array();
			wp_set_current_user( $admin );
			foreach ( $page->get_data() as $row ) {
				$user = get_userdata( $row['user_id'] );
				$this->assertSame( $user->user_login, $row['user']['login'] );
				$this->assertSame( get_edit_user_link( $row['user_id'] ), $row['user']['edit_url'] );
				$named[] = $row['user_id'];
			}
			wp_set_current_user( 0 );
			sort( $named );
			$this->assertSame( $users, $named, 'every row with its own user' );
			$this->assertLessThanOrEqual( 8, count( $queries ), "the page's users in two queries, not two each:\n" . implode( "\n", $queries ) );
		} finally {
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->prefix}auth_sentinel_events WHERE code = %s", $code ) );
			require_once ABSPATH . 'wp-admin/includes/user.php';
			foreach ( $users as $user_id ) {
				wp_delete_user( $user_id );
			}
		}
	}

	/**
	 * The daily pruning removes failures past the retention and keeps the others.
	 */
	public function test_retention_pruning(): void {
		$this->http( 'POST', '/wp-login.php', array( 'headers' => array( $this->agent_header() ), 'body' => 'log=editor&pwd=x' ) );
		global $wpdb;
		$table = $wpdb->prefix . 'auth_sentinel_events';
		$wpdb->query(
			$wpdb->prepare(
				"INSERT INTO {$table} (agg_key, hour, first_seen, last_seen, count, source, server_code, code, cause, user_agent, details) VALUES (%s, %d, %s, %s, 1, 'login_form', 'incorrect_password', 'login_failed', 'bad_credentials', %s, '{}')",
				md5( $this->agent ),
				intdiv( time(), 3600 ) - 24 * 100,
				gmdate( 'Y-m-d H:i:s', time() - 100 * DAY_IN_SECONDS ),
				gmdate( 'Y-m-d H:i:s', time() - 100 * DAY_IN_SECONDS ),
				$this->agent
			)
		);
		$this->assertCount( 2, $this->my_events() );
		$this->run_in_site( 'do_action( "auth_sentinel_prune" );' );
		$this->assertCount( 1, $this->my_events(), 'the 100-day-old failure is gone, the new one stays (90 days kept)' );
	}
}
