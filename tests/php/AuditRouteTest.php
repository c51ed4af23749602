<?php
/**
 * The audit log's route: who may read it, what each row says, filters, paging and pruning.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Audit\AuditSummary;
use AuthSentinel\Plugin;
use AuthSentinel\Vocabulary\AuditAction;

/**
 * GET /auth-sentinel/v1/audit, the sign-in trail and retention.
 */
class AuditRouteTest extends TestCase {

	/**
	 * A user agent unique to this test, so its rows can be found among the others.
	 *
	 * @var string
	 */
	private $marker = '';

	/**
	 * Picks this test's marker.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->marker = 'as-audit-' . wp_generate_password( 10, false );
	}

	/**
	 * Removes the rows this test wrote.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->prefix}auth_sentinel_audit WHERE user_agent = %s", $this->marker ) );
		parent::tearDown();
	}

	/**
	 * Writes one row with this test's marker, optionally dated.
	 *
	 * @param string $action  The action.
	 * @param array  $details Details.
	 * @param int    $actor   Who did it.
	 * @param int    $target  Whose account.
	 * @param string $at      GMT datetime, now when empty.
	 * @param string $ip      Address.
	 * @return int Row id.
	 */
	private function row( string $action, array $details = array(), int $actor = 0, int $target = 0, string $at = '', string $ip = '192.0.2.1' ): int {
		global $wpdb;
		$id = Plugin::get( \AuthSentinel\Audit\AuditRepository::class )->add( $action, $details, $actor, $target, $ip, $this->marker );
		$this->assertGreaterThan( 0, $id );
		if ( '' !== $at ) {
			$wpdb->update( $wpdb->prefix . 'auth_sentinel_audit', array( 'at' => $at ), array( 'id' => $id ) );
		}
		return $id;
	}

	/**
	 * Lists this test's rows over HTTP as the administrator.
	 *
	 * @param array<string, mixed> $query More parameters.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function mine( array $query = array() ): array {
		$response = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?' . http_build_query( $query + array( 'search' => $this->marker ) ), array( 'as' => 'admin' ) );
		$this->assertSame( 200, $response['status'], $response['body'] );
		return $response;
	}

	/**
	 * Administrators read the log; editors get 403, visitors 401, in-process and over HTTP.
	 */
	public function test_permissions(): void {
		$route = '/auth-sentinel/v1/audit';
		$this->assertSame( 200, $this->rest( 'GET', $route, array(), $this->user( 'admin' ) )->get_status() );
		$this->assertSame( 403, $this->rest( 'GET', $route, array(), $this->user( 'editor' ) )->get_status() );
		$this->assertSame( 401, $this->rest( 'GET', $route )->get_status() );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json' . $route, array( 'as' => 'admin' ) )['status'] );
		$editor = $this->http( 'GET', '/wp-json' . $route, array( 'as' => 'editor' ) );
		$this->assertSame( 403, $editor['status'] );
		$this->assertSame( 'auth_sentinel_forbidden', $editor['json']['code'] );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json' . $route )['status'] );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json' . $route . '?format=csv' )['status'] );
	}

	/**
	 * The route documents itself: parameters with their enums and bounds, and the item schema.
	 */
	public function test_route_is_documented(): void {
		$options = $this->http( 'OPTIONS', '/wp-json/auth-sentinel/v1/audit', array( 'as' => 'admin' ) )['json'];
		$args    = $options['endpoints'][0]['args'];
		$this->assertSame( AuditAction::VALUES, $args['action']['enum'] );
		$this->assertSame( array( 'json', 'csv' ), $args['format']['enum'] );
		$this->assertSame( 100, $args['per_page']['maximum'] );
		$this->assertSame( 0, $args['actor']['minimum'] );
		$this->assertSame( 'date-time', $args['since']['format'] );
		foreach ( array( 'id', 'at', 'action', 'actor_id', 'actor', 'target_user_id', 'target', 'ip', 'user_agent', 'details', 'summary' ) as $field ) {
			$this->assertArrayHasKey( $field, $options['schema']['properties'], $field );
		}
		$namespace = $this->http( 'GET', '/wp-json/auth-sentinel/v1', array( 'as' => 'admin' ) )['json'];
		$this->assertArrayHasKey( '/auth-sentinel/v1/audit', $namespace['routes'] );
	}

	/**
	 * Wrong parameters get a clear 400, never a warning.
	 */
	public function test_bad_parameters_are_refused(): void {
		foreach ( array(
			'per_page=101',
			'page=0',
			'action=nonsense',
			'actor=-1',
			'user=0',
			'user=abc',
			'since=yesterday-ish',
			'until=2026-13-01T00:00:00Z',
			'since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z',
			'format=xml',
		) as $query ) {
			$answer = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?' . $query, array( 'as' => 'admin' ) );
			$this->assertSame( 400, $answer['status'], $query . ': ' . $answer['body'] );
			$this->assertSame( 'rest_invalid_param', $answer['json']['code'], $query );
			$this->assertNotEmpty( $answer['json']['data']['params'], $query );
		}
	}

	/**
	 * A search longer than any login, address or name (200 characters) is a 400 naming it on
	 * every listing and on the export, where it had reached the database: on SQLite (Playground)
	 * a 50,000-byte pattern is refused, and the error was logged (FuzzTest found it on the audit
	 * export). 200 characters are still a search.
	 */
	public function test_a_search_longer_than_any_name_is_refused_clearly(): void {
		$admin = $this->user( 'admin' );
		foreach ( array( 'audit', 'events', 'sessions', 'catalog' ) as $listing ) {
			$route = '/auth-sentinel/v1/' . $listing;
			$long  = $this->rest( 'GET', $route, array( 'search' => str_repeat( 'x', 201 ) ), $admin );
			$this->assertSame( 400, $long->get_status(), $route );
			$this->assertSame( 'rest_invalid_param', $long->get_data()['code'], $route );
			$this->assertArrayHasKey( 'search', $long->get_data()['data']['params'], $route );
			$this->assertSame( 200, $this->rest( 'GET', $route, array( 'search' => str_repeat( 'x', 200 ) ), $admin )->get_status(), $route );
		}
		$export = $this->rest( 'POST', '/auth-sentinel/v1/audit/exports', array( 'search' => str_repeat( 'x', 50001 ) ), $admin );
		$this->assertSame( 400, $export->get_status() );
		$this->assertArrayHasKey( 'search', $export->get_data()['data']['params'] );
	}

	/**
	 * Newest first, paged with totals in headers; each filter narrows the list.
	 */
	public function test_paging_and_filters(): void {
		$admin  = $this->user( 'admin' );
		$editor = $this->user( 'editor' );
		$author = $this->user( 'author' );
		$old    = $this->row( 'password_changed', array(), $editor, $editor, gmdate( 'Y-m-d H:i:s', time() - 10 * DAY_IN_SECONDS ) );
		$this->row( 'sign_in', array( 'method' => 'login_form' ), $editor, $editor, gmdate( 'Y-m-d H:i:s', time() - 2 * DAY_IN_SECONDS ) );
		$this->row(
			'session_revoked',
			array(
				'session' => 7,
				'type'    => 'cookie',
				'reason'  => 'admin',
			),
			$admin,
			$author,
			gmdate( 'Y-m-d H:i:s', time() - DAY_IN_SECONDS )
		);
		$this->row( 'secrets_changed', array( 'changed' => array( 'AUTH_KEY' ) ), 0, 0, '', '198.51.100.77' );
		$newest = $this->row( 'sign_in', array( 'method' => 'xmlrpc' ), $author, $author );

		$page = $this->mine( array( 'per_page' => 2 ) );
		$this->assertSame( '5', $page['headers']['x-wp-total'] );
		$this->assertSame( '3', $page['headers']['x-wp-totalpages'] );
		$this->assertCount( 2, $page['json'] );
		$this->assertSame( $newest, $page['json'][0]['id'], 'newest first' );
		$last = $this->mine(
			array(
				'per_page' => 2,
				'page'     => 3,
			)
		);
		$this->assertSame( array( $old ), array_column( $last['json'], 'id' ), 'oldest on the last page' );
		$this->assertSame( array(), $this->mine( array( 'page' => 9 ) )['json'] );

		$this->assertSame( array( 'sign_in', 'sign_in' ), array_column( $this->mine( array( 'action' => 'sign_in' ) )['json'], 'action' ) );
		$this->assertSame( array( 'secrets_changed' ), array_column( $this->mine( array( 'actor' => 0 ) )['json'], 'action' ), 'actor=0 is the system' );
		$this->assertSame( array( 'session_revoked' ), array_column( $this->mine( array( 'actor' => $admin ) )['json'], 'action' ) );
		$this->assertSame( array( 'sign_in', 'session_revoked' ), array_column( $this->mine( array( 'user' => $author ) )['json'], 'action' ) );
		$since = $this->mine( array( 'since' => gmdate( 'Y-m-d\TH:i:s\Z', time() - 3 * DAY_IN_SECONDS ) ) )['json'];
		$this->assertCount( 4, $since );
		$window = $this->mine(
			array(
				'since' => gmdate( 'Y-m-d\TH:i:s\Z', time() - 3 * DAY_IN_SECONDS ),
				'until' => gmdate( 'Y-m-d\TH:i:s\Z', time() - HOUR_IN_SECONDS ),
			)
		)['json'];
		$this->assertSame( array( 'session_revoked', 'sign_in' ), array_column( $window, 'action' ) );

		// Search: an address, a detail, an action's name.
		$by_ip = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?search=198.51.100.77', array( 'as' => 'admin' ) )['json'];
		$this->assertContains( 'secrets_changed', array_column( $by_ip, 'action' ) );
		$by_detail = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?per_page=100&search=xmlrpc', array( 'as' => 'admin' ) )['json'];
		$this->assertContains( $newest, array_column( $by_detail, 'id' ) );
		$by_label = $this->http(
			'GET',
			'/wp-json/auth-sentinel/v1/audit?' . http_build_query(
				array(
					'search' => 'Password changed',
					'since'  => gmdate( 'Y-m-d\TH:i:s\Z', time() - 10 * DAY_IN_SECONDS - HOUR_IN_SECONDS ),
					'until'  => gmdate( 'Y-m-d\TH:i:s\Z', time() - 10 * DAY_IN_SECONDS + HOUR_IN_SECONDS ),
				)
			),
			array( 'as' => 'admin' )
		)['json'];
		$this->assertContains( $old, array_column( $by_label, 'id' ) );
		$this->assertSame( array( 'password_changed' ), array_values( array_unique( array_column( $by_label, 'action' ) ) ) );
	}

	/**
	 * An item names both users and says in one sentence what happened.
	 */
	public function test_item_shape_and_summary(): void {
		$admin = $this->user( 'admin' );
		$id    = $this->row(
			'user_sessions_revoked',
			array(
				'counts' => array(
					'cookie'       => 2,
					'app_password' => 1,
					'wcpos'        => 0,
					'token'        => 0,
				),
				'reason' => 'admin',
			),
			$admin,
			$this->user( 'editor' )
		);
		$item  = $this->mine()['json'][0];
		$this->assertSame( $id, $item['id'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $item['at'] );
		$this->assertSame( 'user_sessions_revoked', $item['action'] );
		$this->assertSame( $admin, $item['actor_id'] );
		$this->assertSame(
			array(
				'id'    => $admin,
				'login' => 'admin',
				'name'  => 'admin',
			),
			$item['actor']
		);
		$this->assertSame( 'editor', $item['target']['login'] );
		$this->assertSame( '192.0.2.1', $item['ip'] );
		$this->assertSame( $this->marker, $item['user_agent'] );
		$this->assertSame( 2, $item['details']['counts']['cookie'] );
		$this->assertSame( 'Revoked every credential of editor: 2 browser sessions, 1 application password', $item['summary'] );

		// The system acting on a user that no longer exists: no objects, still a sentence.
		$this->row( 'password_changed', array(), 0, 999999 );
		$gone = $this->mine()['json'][0];
		$this->assertNull( $gone['actor'] );
		$this->assertNull( $gone['target'] );
		$this->assertSame( 999999, $gone['target_user_id'] );
		$this->assertSame( 'Changed the password of user #999999', $gone['summary'] );

		// Details are an object even when empty.
		$raw = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?per_page=1&search=' . rawurlencode( $this->marker ), array( 'as' => 'admin' ) )['body'];
		$this->assertStringContainsString( '"details":{}', $raw );
	}

	/**
	 * Every action the plugin writes reads as a sentence; an unknown one still reads.
	 */
	public function test_summaries(): void {
		$users = array(
			5 => 'jane',
			6 => 'joe',
		);
		$cases = array(
			'Signed in with the login form'                => array( 'sign_in', array( 'method' => 'login_form' ), 5, 5 ),
			'Signed in over XML-RPC'                       => array( 'sign_in', array( 'method' => 'xmlrpc' ), 5, 5 ),
			'Signed out'                                   => array( 'sign_out', array(), 5, 5 ),
			'Started a browser session (Firefox on Linux)' => array(
				'session_created',
				array(
					'type'   => 'cookie',
					'client' => 'Firefox on Linux',
				),
				5,
				5,
			),
			'Revoked a browser session (Chrome on Windows) of jane' => array(
				'session_revoked',
				array(
					'session' => 3,
					'type'    => 'cookie',
					'reason'  => 'admin',
					'client'  => 'Chrome on Windows',
				),
				6,
				5,
			),
			'Revoked a WooCommerce POS session (Till 2) of jane after a password change' => array(
				'session_revoked',
				array(
					'session' => 4,
					'type'    => 'wcpos',
					'reason'  => 'policy_password',
					'label'   => 'Till 2',
				),
				0,
				5,
			),
			'Revoked every credential of jane: 2 browser sessions, 1 application password' => array(
				'user_sessions_revoked',
				array(
					'counts' => array(
						'cookie'       => 2,
						'app_password' => 1,
						'wcpos'        => 0,
						'token'        => 0,
					),
					'reason' => 'admin',
				),
				6,
				5,
			),
			'Revoked everyone’s sessions: 12 browser sessions, 3 tokens' => array(
				'all_sessions_revoked',
				array(
					'counts' => array(
						'cookie' => 12,
						'token'  => 3,
					),
				),
				6,
				0,
			),
			'Created the application password “POS” of jane' => array(
				'app_password_created',
				array(
					'uuid' => 'u',
					'name' => 'POS',
				),
				5,
				5,
			),
			'Revoked the application password “POS” of jane' => array(
				'app_password_revoked',
				array(
					'uuid' => 'u',
					'name' => 'POS',
				),
				6,
				5,
			),
			'Changed the role of jane from Editor to Administrator' => array(
				'role_changed',
				array(
					'from' => array( 'editor' ),
					'to'   => array( 'administrator' ),
				),
				6,
				5,
			),
			'Changed the secret keys: AUTH_KEY, AUTH_SALT' => array( 'secrets_changed', array( 'changed' => array( 'AUTH_KEY', 'AUTH_SALT' ) ), 0, 0 ),
			'Changed settings: audit retention, IP anonymisation' => array( 'settings_changed', array( 'changed' => array( 'audit_retention_days', 'anonymize_ip' ) ), 6, 0 ),
			'Changed the password of user #77'             => array( 'password_changed', array(), 0, 77 ),
			'Recorded “something_new” for jane'            => array( 'something_new', array( 'x' => 1 ), 0, 5 ),
		);
		foreach ( $cases as $expected => list( $action, $details, $actor, $target ) ) {
			$row = array(
				'action'         => $action,
				'details'        => wp_json_encode( $details ),
				'actor_id'       => $actor,
				'target_user_id' => $target,
			);
			$this->assertSame( $expected, AuditSummary::of( $row, $users ), $action );
		}
		$labels = AuditAction::labels();
		$this->assertSame( AuditAction::VALUES, array_keys( $labels ), 'one name per action' );
	}

	/**
	 * Signing in through the login form writes a sign_in row: the user as actor and target.
	 */
	public function test_sign_in_is_audited(): void {
		$editor = $this->user( 'editor' );
		$before = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?per_page=1&action=sign_in', array( 'as' => 'admin' ) )['json'];
		$this->sign_in( 'editor' );
		$rows = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?per_page=1&action=sign_in&user=' . $editor, array( 'as' => 'admin' ) )['json'];
		$this->assertCount( 1, $rows );
		$row = $rows[0];
		$this->assertGreaterThan( $before ? $before[0]['id'] : 0, $row['id'], 'a new row' );
		$this->assertSame( $editor, $row['actor_id'] );
		$this->assertSame( $editor, $row['target_user_id'] );
		$this->assertSame( array( 'method' => 'login_form' ), $row['details'] );
		$this->assertSame( 'Signed in with the login form', $row['summary'] );
		$this->assertNotSame( '', $row['ip'] );
	}

	/**
	 * The daily pruning removes rows past the audit retention and keeps the others.
	 */
	public function test_retention_pruning(): void {
		$this->row( 'sign_in', array(), 0, 0, gmdate( 'Y-m-d H:i:s', time() - 400 * DAY_IN_SECONDS ) );
		$kept   = $this->row( 'sign_in', array(), 0, 0, gmdate( 'Y-m-d H:i:s', time() - 300 * DAY_IN_SECONDS ) );
		$fresh  = $this->row( 'sign_in' );
		$stored = get_option( 'auth_sentinel_settings', null );
		$keep   = function ( int $days ) use ( $stored ) {
			update_option( 'auth_sentinel_settings', array( 'audit_retention_days' => $days ) + ( is_array( $stored ) ? $stored : array() ) );
			$this->run_in_site( 'do_action( "auth_sentinel_prune" );' );
			return array_column( $this->mine()['json'], 'id' );
		};
		try {
			$this->assertSame( array( $fresh, $kept ), $keep( 365 ), 'past the 365 days kept: gone' );
			$this->assertSame( array( $fresh ), $keep( 30 ), 'a shorter retention is honoured' );
		} finally {
			null === $stored ? delete_option( 'auth_sentinel_settings' ) : update_option( 'auth_sentinel_settings', $stored );
		}
	}

	/**
	 * Pruning deletes in batches and, out of time, says there is more: a backlog of old rows
	 * never becomes one long DELETE.
	 */
	public function test_pruning_works_in_batches(): void {
		global $wpdb;
		$old    = gmdate( 'Y-m-d H:i:s', time() - 1000 * DAY_IN_SECONDS );
		$values = array();
		for ( $i = 0; $i < 4500; $i++ ) {
			$values[] = $wpdb->prepare( "(%s, 'sign_in', 0, 0, '', %s, '{}')", $old, $this->marker );
		}
		$wpdb->query( "INSERT INTO {$wpdb->prefix}auth_sentinel_audit (at, action, actor_id, target_user_id, ip, user_agent, details) VALUES " . implode( ',', $values ) );
		$fresh      = $this->row( 'sign_in' );
		$repository = Plugin::get( \AuthSentinel\Audit\AuditRepository::class );
		$cutoff     = gmdate( 'Y-m-d H:i:s', time() - 365 * DAY_IN_SECONDS );

		$this->assertSame(
			array(
				'deleted' => 1000,
				'done'    => false,
			),
			$repository->prune( $cutoff, 1000, 0.0 ),
			'no time left: one batch, and more to do'
		);
		$this->assertSame(
			array(
				'deleted' => 3500,
				'done'    => true,
			),
			$repository->prune( $cutoff, 1000, 60.0 )
		);
		$this->assertSame( array( $fresh ), array_column( $this->mine()['json'], 'id' ) );
	}
}
