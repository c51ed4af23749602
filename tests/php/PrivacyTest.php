<?php
/**
 * WordPress's privacy tools: export, erasure and the suggested policy text.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Database\Schema;
use AuthSentinel\Plugin;
use AuthSentinel\Settings\Settings;

require_once ABSPATH . 'wp-admin/includes/user.php'; // Deleting users.

// The test reads and writes the plugin's tables directly, to set up and to check what is stored.
// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared

/**
 * Runs the exporters and erasers exactly as WordPress's tools do: taken from the filters, called
 * page after page until they say done, with real data made by real requests.
 */
class PrivacyTest extends TestCase {

	/**
	 * Users made by the test.
	 *
	 * @var int[]
	 */
	private $users = array();

	/**
	 * Settings before the test.
	 *
	 * @var array<string, mixed>|null
	 */
	private $settings;

	/**
	 * Deletes the users and their rows, and puts the settings back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		global $wpdb;
		foreach ( $this->users as $id ) {
			wp_delete_user( $id );
			$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Schema::events_table() . ' WHERE user_id = %d', $id ) );
			$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Schema::sessions_table() . ' WHERE user_id = %d', $id ) );
		}
		if ( null !== $this->settings ) {
			Settings::update( $this->settings );
		}
		unset( $_SERVER['REMOTE_ADDR'], $_SERVER['HTTP_USER_AGENT'] );
		parent::tearDown();
	}

	/**
	 * Makes a user.
	 *
	 * @param string $login The login (made unique).
	 * @param string $email The address; '' for login@example.org.
	 * @return \WP_User
	 */
	private function make_user( string $login, string $email = '' ): \WP_User {
		$login = $login . '-' . strtolower( wp_generate_password( 6, false ) );
		$id    = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => 'password',
				'user_email' => '' !== $email ? $email : $login . '@example.org',
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $id );
		$this->users[] = $id;
		return get_userdata( $id );
	}

	/**
	 * Posts the login form with a wrong password.
	 *
	 * @param string $login The name typed.
	 * @param string $agent The user agent.
	 * @return void
	 */
	private function fail_login( string $login, string $agent ): void {
		$answer = $this->http(
			'POST',
			'/wp-login.php',
			array(
				'headers' => array( 'User-Agent: ' . $agent ),
				'body'    => http_build_query(
					array(
						'log' => $login,
						'pwd' => 'not-the-password',
					)
				),
			)
		);
		$this->assertSame( 200, $answer['status'] );
	}

	/**
	 * Runs PHP in this process as if a request came from an address and a browser.
	 *
	 * @param string   $ip    The address.
	 * @param string   $agent The user agent.
	 * @param callable $work  What to do.
	 * @return mixed What it returned.
	 */
	private function as_client( string $ip, string $agent, callable $work ) {
		$_SERVER['REMOTE_ADDR']     = $ip;
		$_SERVER['HTTP_USER_AGENT'] = $agent;
		\AuthSentinel\Http\Request::reset(); // The plugin reads a request's globals once.
		try {
			return $work();
		} finally {
			unset( $_SERVER['REMOTE_ADDR'], $_SERVER['HTTP_USER_AGENT'] );
			\AuthSentinel\Http\Request::reset();
		}
	}

	/**
	 * Returns the plugin's entries of one of WordPress's privacy lists.
	 *
	 * @param string $filter wp_privacy_personal_data_exporters or wp_privacy_personal_data_erasers.
	 * @return array<string, array<string, mixed>>
	 */
	private function ours( string $filter ): array {
		$all  = apply_filters( $filter, array() ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- Core's hooks.
		$ours = array();
		foreach ( $all as $id => $entry ) {
			if ( 0 === strpos( (string) $id, 'auth-sentinel' ) ) {
				$this->assertIsCallable( $entry['callback'] );
				$ours[ $id ] = $entry;
			}
		}
		$this->assertNotEmpty( $ours, "the plugin registers on $filter" );
		return $ours;
	}

	/**
	 * Calls every exporter of the plugin page after page, as WordPress does.
	 *
	 * @param string $email The address of the request.
	 * @return array{items: array<string, array<int, array<string, mixed>>>, pages: array<string, int>}
	 */
	private function export( string $email ): array {
		$items = array();
		$pages = array();
		foreach ( $this->ours( 'wp_privacy_personal_data_exporters' ) as $id => $exporter ) {
			$this->assertNotSame( '', $exporter['exporter_friendly_name'] );
			$items[ $id ] = array();
			for ( $page = 1; ; $page++ ) {
				$this->assertLessThan( 50, $page, "$id ends" );
				$answer = call_user_func( $exporter['callback'], $email, $page );
				$this->assertIsArray( $answer['data'] );
				$this->assertIsBool( $answer['done'] );
				foreach ( $answer['data'] as $item ) {
					foreach ( array( 'group_id', 'group_label', 'item_id', 'data' ) as $key ) {
						$this->assertArrayHasKey( $key, $item );
					}
					foreach ( $item['data'] as $pair ) {
						$this->assertIsString( $pair['name'] );
						$this->assertIsString( $pair['value'] );
					}
					$items[ $id ][] = $item;
				}
				if ( $answer['done'] ) {
					break;
				}
			}
			$pages[ $id ] = $page;
		}
		return array(
			'items' => $items,
			'pages' => $pages,
		);
	}

	/**
	 * Calls every eraser of the plugin page after page, as WordPress does.
	 *
	 * @param string $email The address of the request.
	 * @return array<string, array{removed: bool, retained: bool, messages: string[], pages: int}>
	 */
	private function erase( string $email ): array {
		$results = array();
		foreach ( $this->ours( 'wp_privacy_personal_data_erasers' ) as $id => $eraser ) {
			$this->assertNotSame( '', $eraser['eraser_friendly_name'] );
			$result = array(
				'removed'  => false,
				'retained' => false,
				'messages' => array(),
			);
			for ( $page = 1; ; $page++ ) {
				$this->assertLessThan( 50, $page, "$id ends" );
				$answer = call_user_func( $eraser['callback'], $email, $page );
				foreach ( array( 'items_removed', 'items_retained', 'done' ) as $key ) {
					$this->assertIsBool( $answer[ $key ], $key );
				}
				$this->assertIsArray( $answer['messages'] );
				$result['removed']  = $result['removed'] || $answer['items_removed'];
				$result['retained'] = $result['retained'] || $answer['items_retained'];
				$result['messages'] = array_merge( $result['messages'], $answer['messages'] );
				if ( $answer['done'] ) {
					break;
				}
			}
			$result['pages'] = $page;
			$results[ $id ]  = $result;
		}
		return $results;
	}

	/**
	 * Flattens the values of exported items.
	 *
	 * @param array<int, array<string, mixed>> $items The items.
	 * @return string Every value, one a line.
	 */
	private static function values( array $items ): string {
		$out = array();
		foreach ( $items as $item ) {
			foreach ( $item['data'] as $pair ) {
				$out[] = $pair['name'] . ': ' . $pair['value'];
			}
		}
		return implode( "\n", $out );
	}

	/**
	 * Returns rows of one of the plugin's tables.
	 *
	 * @param string $table The table.
	 * @param string $where A condition (trusted).
	 * @return array<int, array<string, mixed>>
	 */
	private static function rows( string $table, string $where ): array {
		global $wpdb;
		return (array) $wpdb->get_results( "SELECT * FROM {$table} WHERE {$where} ORDER BY id", ARRAY_A );
	}

	/**
	 * Asserts that a stored address is empty or reduced to its network.
	 *
	 * @param string $ip      The address.
	 * @param string $message What is checked.
	 * @return void
	 */
	private function assertAnonymousIp( string $ip, string $message ): void {
		$this->assertMatchesRegularExpression( '/^$|\.0$|::$/', $ip, $message );
	}

	/**
	 * Real failures, a session and audit rows of one user are exported, nobody else's; after
	 * erasure no IP address or user agent is tied to them, the security record stays, and the
	 * other user's rows are untouched.
	 */
	public function test_export_then_erase_a_users_data(): void {
		global $wpdb;
		$tag     = strtolower( wp_generate_password( 8, false ) );
		$agent_a = 'as-privacy-a-' . $tag;
		$agent_b = 'as-privacy-b-' . $tag;
		$email_a = 'jane-' . $tag . '@example.org';

		// Someone typed Jane's address before her account existed: a failure for an unknown user.
		$this->fail_login( $email_a, $agent_a . '-typed' );
		$jane = $this->make_user( 'jane', $email_a );
		$bob  = $this->make_user( 'bob' );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->fail_login( $jane->user_login, $agent_a );
		}
		$this->fail_login( $bob->user_login, $agent_b );

		// A live session, an ended one, and audit rows, each from a known address and browser.
		$token = $this->as_client(
			'203.0.113.57',
			$agent_a . '-session',
			static function () use ( $jane ) {
				return \WP_Session_Tokens::get_instance( $jane->ID )->create( time() + HOUR_IN_SECONDS );
			}
		);
		$this->as_client(
			'203.0.113.58',
			$agent_a . '-ended',
			static function () use ( $jane ) {
				$manager = \WP_Session_Tokens::get_instance( $jane->ID );
				$manager->destroy( $manager->create( time() + HOUR_IN_SECONDS ) );
			}
		);
		$this->as_client(
			'198.51.100.23',
			$agent_b . '-session',
			static function () use ( $bob ) {
				\WP_Session_Tokens::get_instance( $bob->ID )->create( time() + HOUR_IN_SECONDS );
			}
		);
		$audit_a = $this->as_client(
			'203.0.113.59',
			$agent_a . '-audit',
			static function () use ( $jane, $bob ) {
				$auditor = Plugin::get( \AuthSentinel\Audit\Auditor::class );
				return array(
					$auditor->record( 'password_changed', array(), $jane->ID, $jane->ID ),
					// Jane acted on Bob's account: hers too.
					$auditor->record(
						'role_changed',
						array(
							'from' => array( 'subscriber' ),
							'to'   => array( 'author' ),
						),
						$bob->ID,
						$jane->ID
					),
				);
			}
		);
		$audit_b = $this->as_client(
			'198.51.100.24',
			$agent_b . '-audit',
			static function () use ( $bob ) {
				return Plugin::get( \AuthSentinel\Audit\Auditor::class )->record( 'password_changed', array(), $bob->ID, $bob->ID );
			}
		);
		$this->assertGreaterThan( 0, $audit_a[0] );
		$this->assertGreaterThan( 0, $audit_b );

		$events   = Schema::events_table();
		$audit    = Schema::audit_table();
		$sessions = Schema::sessions_table();
		$typed    = self::rows( $events, $wpdb->prepare( 'user_agent = %s', $agent_a . '-typed' ) );
		$this->assertCount( 1, $typed, 'the failure with the typed address was recorded' );
		$this->assertSame( 0, (int) $typed[0]['user_id'] );
		$jane_events = self::rows( $events, $wpdb->prepare( 'user_id = %d', $jane->ID ) );
		$this->assertNotEmpty( $jane_events, 'Jane’s failures were recorded' );
		$this->assertNotSame( '', $jane_events[0]['net'], 'with the client network' );
		$jane_sessions = self::rows( $sessions, $wpdb->prepare( 'user_id = %d', $jane->ID ) );
		$this->assertCount( 2, $jane_sessions, 'both sessions are indexed' );
		$bob_before = array(
			'events'   => self::rows( $events, $wpdb->prepare( 'user_id = %d', $bob->ID ) ),
			'sessions' => self::rows( $sessions, $wpdb->prepare( 'user_id = %d', $bob->ID ) ),
			'audit'    => self::rows( $audit, $wpdb->prepare( 'id = %d', $audit_b ) ),
		);
		$this->assertNotEmpty( $bob_before['events'] );
		$this->assertNotEmpty( $bob_before['sessions'] );

		// Bookkeeping in user meta: a token seen lately, and the last password change.
		update_user_meta( $jane->ID, 'auth_sentinel_seen_tokens', array( str_repeat( 'a', 32 ) => time() ) );
		update_user_meta( $jane->ID, 'auth_sentinel_password_changed_at', 1700000000 );

		// Export.
		$export   = $this->export( $email_a )['items'];
		$failures = self::values( $export['auth-sentinel-failures'] );
		$this->assertStringContainsString( 'User agent: ' . $agent_a, $failures );
		if ( 1 === count( $jane_events ) ) { // Three tries in one hour are one row (unless the hour turned).
			$this->assertStringContainsString( 'Attempts: 3', $failures, 'the aggregated count' );
		}
		$this->assertStringContainsString( $jane_events[0]['ip'], $failures );
		$this->assertStringContainsString( 'Name typed: ' . $email_a, $failures, 'the address typed for a user that did not exist yet' );
		$this->assertStringContainsString( $agent_a . '-typed', $failures );
		$this->assertCount( count( $jane_events ) + 1, $export['auth-sentinel-failures'] );

		$trail = self::values( $export['auth-sentinel-audit'] );
		$this->assertStringContainsString( 'IP address: 203.0.113.59', $trail );
		$this->assertStringContainsString( 'User agent: ' . $agent_a . '-audit', $trail );
		$this->assertStringContainsString( 'Done by: You', $trail );
		$this->assertStringContainsString( 'Account concerned: Another account', $trail, 'what Jane did to another account' );
		$this->assertStringNotContainsString( $bob->user_login, $trail, 'another user is not named' );

		$listed = self::values( $export['auth-sentinel-sessions'] );
		$this->assertStringContainsString( 'IP address: 203.0.113.57', $listed );
		$this->assertStringContainsString( 'User agent: ' . $agent_a . '-session', $listed );
		$this->assertStringContainsString( 'Status: Active', $listed );
		$this->assertMatchesRegularExpression( '/Status: (Ended|Revoked)/', $listed );

		$account = self::values( $export['auth-sentinel-account'] );
		$this->assertStringContainsString( 'Password last changed: 2023-11-14 22:13:20 UTC', $account );
		$this->assertStringNotContainsString( str_repeat( 'a', 32 ), $account, 'no token fingerprint' );

		$everything = wp_json_encode( $export );
		foreach ( array( $agent_b, '198.51.100.' ) as $other ) {
			$this->assertStringNotContainsString( $other, $everything, 'nothing of Bob’s is exported' );
		}
		foreach ( $jane_sessions as $row ) {
			$this->assertStringNotContainsString( $row['fp'], $everything, 'no fingerprint is exported' );
		}
		$this->assertStringNotContainsString( $token, $everything, 'no token is exported' );

		// Erase.
		$erased = $this->erase( $email_a );
		$this->assertTrue( $erased['auth-sentinel-failures']['removed'] );
		$this->assertFalse( $erased['auth-sentinel-failures']['retained'], 'what is kept of failures points to nobody' );
		$this->assertNotEmpty( $erased['auth-sentinel-failures']['messages'], 'says what was kept anonymously' );
		$this->assertTrue( $erased['auth-sentinel-audit']['removed'] );
		$this->assertTrue( $erased['auth-sentinel-audit']['retained'], 'the audit trail is the site’s security record' );
		$this->assertStringContainsString( 'security record', implode( ' ', $erased['auth-sentinel-audit']['messages'] ) );
		$this->assertTrue( $erased['auth-sentinel-sessions']['removed'] );
		$this->assertTrue( $erased['auth-sentinel-sessions']['retained'], 'the live session stays listed' );
		$this->assertNotEmpty( $erased['auth-sentinel-sessions']['messages'] );
		$this->assertTrue( $erased['auth-sentinel-account']['removed'] );
		$this->assertTrue( $erased['auth-sentinel-account']['retained'], 'the password change time stays' );
		wp_cache_delete( $jane->ID, 'user_meta' );
		$this->assertSame( '', get_user_meta( $jane->ID, 'auth_sentinel_seen_tokens', true ) );
		$this->assertSame( '1700000000', (string) get_user_meta( $jane->ID, 'auth_sentinel_password_changed_at', true ) );

		foreach ( array_merge( $jane_events, $typed ) as $before ) {
			$after = self::rows( $events, $wpdb->prepare( 'id = %d', $before['id'] ) );
			$this->assertCount( 1, $after, 'the failure is kept for the site’s history' );
			$after = $after[0];
			$this->assertSame( 0, (int) $after['user_id'] );
			$this->assertSame( '', $after['user_agent'] );
			$this->assertAnonymousIp( $after['ip'], 'the address is reduced to its network' );
			$this->assertSame( '', $after['net'], 'and the network kept for the caps of new rows goes' );
			$this->assertSame( $before['count'], $after['count'], 'the count stays' );
			$this->assertSame( $before['cause'], $after['cause'], 'the cause stays' );
			$this->assertArrayNotHasKey( 'login', (array) json_decode( $after['details'], true ) );
			$this->assertNotSame( $before['agg_key'], $after['agg_key'], 'the key hashed from the address is replaced' );
		}
		$this->assertSame( array(), self::rows( $events, $wpdb->prepare( 'user_id = %d', $jane->ID ) ) );

		foreach ( $audit_a as $id ) {
			$row = self::rows( $audit, $wpdb->prepare( 'id = %d', $id ) )[0];
			$this->assertSame( '', $row['user_agent'] );
			$this->assertSame( '203.0.113.0', $row['ip'] );
			$this->assertSame( (string) $jane->ID, (string) $row['actor_id'], 'who acted stays' );
		}
		$trail_after = self::rows( $audit, $wpdb->prepare( 'target_user_id = %d OR actor_id = %d', $jane->ID, $jane->ID ) );
		$this->assertGreaterThanOrEqual( 4, count( $trail_after ), 'sessions started and revoked, password and role changes: all kept' );
		foreach ( $trail_after as $row ) {
			$this->assertSame( '', $row['user_agent'] );
			$this->assertAnonymousIp( $row['ip'], 'audit row ' . $row['id'] );
			$this->assertStringNotContainsString( $agent_a, $row['details'], 'no user agent in the details either' );
		}
		$this->assertContains( 'role_changed', wp_list_pluck( $trail_after, 'action' ), 'what happened stays' );

		$left = self::rows( $sessions, $wpdb->prepare( 'user_id = %d', $jane->ID ) );
		$this->assertCount( 1, $left, 'the ended session is forgotten, the live one kept' );
		$this->assertSame( 'active', $left[0]['status'] );
		$this->assertSame( '', $left[0]['user_agent'] );
		$this->assertSame( '203.0.113.0', $left[0]['ip'] );
		$this->assertNotNull( \WP_Session_Tokens::get_instance( $jane->ID )->get( $token ), 'Jane is still signed in' );

		$this->assertSame( $bob_before['events'], self::rows( $events, $wpdb->prepare( 'user_id = %d', $bob->ID ) ), 'Bob’s failures are untouched' );
		$this->assertSame( $bob_before['sessions'], self::rows( $sessions, $wpdb->prepare( 'user_id = %d', $bob->ID ) ), 'Bob’s sessions are untouched' );
		$this->assertSame( $bob_before['audit'], self::rows( $audit, $wpdb->prepare( 'id = %d', $audit_b ) ), 'Bob’s audit row is untouched' );

		// What is left is no longer exported as Jane's, but for the parts she still owns.
		$again = wp_json_encode( $this->export( $email_a )['items'] );
		$this->assertStringNotContainsString( $agent_a, $again );
		$this->assertStringNotContainsString( '203.0.113.5', $again );

		// A second erasure finds nothing left to do, and still ends.
		$twice = $this->erase( $email_a );
		$this->assertFalse( $twice['auth-sentinel-failures']['removed'] );
		$this->assertFalse( $twice['auth-sentinel-audit']['removed'] );
		$this->assertFalse( $twice['auth-sentinel-sessions']['removed'] );
	}

	/**
	 * More rows than a page: the export and the erasure page through them all; a name that only
	 * looks like the person's in SQL is neither exported nor erased.
	 */
	public function test_paging_through_many_rows(): void {
		global $wpdb;
		$tag  = strtolower( wp_generate_password( 8, false ) );
		$user = $this->make_user( 'many_' . $tag );
		$now  = gmdate( 'Y-m-d H:i:s' );
		$ids  = array();
		for ( $i = 0; $i < 450; $i++ ) {
			$wpdb->insert(
				Schema::events_table(),
				array(
					'agg_key'     => md5( $tag . $i ),
					'hour'        => intdiv( time(), HOUR_IN_SECONDS ),
					'first_seen'  => $now,
					'last_seen'   => $now,
					'count'       => 1,
					'source'      => 'login_form',
					'server_code' => 'incorrect_password',
					'code'        => 'login_failed',
					'cause'       => 'bad_credentials',
					'user_id'     => $user->ID,
					'ip'          => '192.0.2.' . ( $i % 250 + 1 ),
					'user_agent'  => 'as-privacy-many-' . $tag,
					'route'       => '/wp-login.php',
					'details'     => '[]',
				)
			);
			$ids[] = (int) $wpdb->insert_id;
		}
		// An unknown-user failure whose typed name matches the person's login only as a LIKE
		// pattern ("_" is a wildcard), and one that is theirs, in another case.
		$lookalike = str_replace( 'many_', 'manyX', $user->user_login );
		foreach ( array( $lookalike, strtoupper( $user->user_login ) ) as $i => $login ) {
			$wpdb->insert(
				Schema::events_table(),
				array(
					'agg_key'     => md5( $tag . 'typed' . $i ),
					'hour'        => intdiv( time(), HOUR_IN_SECONDS ),
					'first_seen'  => $now,
					'last_seen'   => $now,
					'source'      => 'login_form',
					'server_code' => 'invalid_username',
					'code'        => 'login_failed',
					'cause'       => 'unknown_user',
					'user_id'     => 0,
					'ip'          => '192.0.2.251',
					'user_agent'  => 'as-privacy-typed-' . $i . '-' . $tag,
					'details'     => wp_json_encode( array( 'login' => $login ) ),
				)
			);
			$ids[] = (int) $wpdb->insert_id;
		}
		$lookalike_id = $ids[450];
		// And 250 audit rows, most from IPv6 addresses: more than a page of them, so that an
		// eraser that did not see its own work as done would never end.
		$audit_ids = array();
		for ( $i = 0; $i < 250; $i++ ) {
			$wpdb->insert(
				Schema::audit_table(),
				array(
					'at'             => $now,
					'action'         => 'sign_in',
					'actor_id'       => $user->ID,
					'target_user_id' => $user->ID,
					'ip'             => $i % 10 ? '2001:db8:85a3:8d3:1319:8a2e:370:' . dechex( $i ) : '192.0.2.' . ( $i % 250 + 1 ),
					'user_agent'     => 'as-privacy-many-' . $tag,
					'details'        => '{"method":"login_form"}',
				)
			);
			$audit_ids[] = (int) $wpdb->insert_id;
		}

		$export = $this->export( $user->user_email );
		$this->assertSame( 3, $export['pages']['auth-sentinel-failures'], '451 items at 200 a page' );
		$items = $export['items']['auth-sentinel-failures'];
		$this->assertCount( 451, $items );
		$this->assertCount( 451, array_unique( wp_list_pluck( $items, 'item_id' ) ) );
		$this->assertStringNotContainsString( 'as-privacy-typed-0-', self::values( $items ), 'the look-alike is someone else' );
		$this->assertStringContainsString( 'as-privacy-typed-1-', self::values( $items ), 'the same login in another case is theirs' );

		$this->assertSame( 2, $export['pages']['auth-sentinel-audit'], '250 audit rows at 200 a page' );
		$this->assertCount( 250, $export['items']['auth-sentinel-audit'] );

		$erased = $this->erase( $user->user_email );
		$this->assertGreaterThan( 2, $erased['auth-sentinel-failures']['pages'], 'erased a batch a page' );
		$this->assertGreaterThan( 1, $erased['auth-sentinel-audit']['pages'], 'erased a batch a page' );
		foreach ( self::rows( Schema::audit_table(), 'id IN (' . implode( ',', $audit_ids ) . ')' ) as $row ) {
			$this->assertSame( '', $row['user_agent'] );
			$this->assertContains( $row['ip'], array( '192.0.2.0', '2001:db8:85a3:8d3::' ) );
		}
		$this->assertTrue( $erased['auth-sentinel-failures']['removed'] );
		$left = self::rows( Schema::events_table(), 'id IN (' . implode( ',', $ids ) . ')' );
		$this->assertCount( 452, $left );
		foreach ( $left as $row ) {
			if ( (int) $row['id'] === $lookalike_id ) {
				$this->assertSame( 'as-privacy-typed-0-' . $tag, $row['user_agent'], 'the look-alike is untouched' );
				$this->assertSame( '192.0.2.251', $row['ip'] );
				continue;
			}
			$this->assertSame( 0, (int) $row['user_id'] );
			$this->assertSame( '', $row['user_agent'] );
			$this->assertSame( '192.0.2.0', $row['ip'] );
		}
		$this->assertSame( 1, $this->export( $user->user_email )['pages']['auth-sentinel-failures'] );
		$wpdb->query( 'DELETE FROM ' . Schema::events_table() . ' WHERE id IN (' . implode( ',', $ids ) . ')' );
		$wpdb->query( 'DELETE FROM ' . Schema::audit_table() . ' WHERE id IN (' . implode( ',', $audit_ids ) . ')' );
	}

	/**
	 * An address that belongs to no account still has the failures where it was typed.
	 */
	public function test_an_address_without_an_account(): void {
		global $wpdb;
		$tag   = strtolower( wp_generate_password( 8, false ) );
		$email = 'nobody-' . $tag . '@example.net';
		$agent = 'as-privacy-nobody-' . $tag;
		$this->fail_login( $email, $agent );
		$this->fail_login( 'someone-else-' . $tag, $agent . '-other' );

		$export = $this->export( $email );
		$this->assertCount( 1, $export['items']['auth-sentinel-failures'] );
		$this->assertStringContainsString( 'Name typed: ' . $email, self::values( $export['items']['auth-sentinel-failures'] ) );
		$this->assertSame( array(), $export['items']['auth-sentinel-audit'] );
		$this->assertSame( array(), $export['items']['auth-sentinel-sessions'] );

		$erased = $this->erase( $email );
		$this->assertTrue( $erased['auth-sentinel-failures']['removed'] );
		$this->assertFalse( $erased['auth-sentinel-audit']['removed'] );
		$this->assertSame( array(), self::rows( Schema::events_table(), $wpdb->prepare( 'user_agent = %s', $agent ) ), 'no row keeps the user agent' );
		$this->assertCount( 1, self::rows( Schema::events_table(), $wpdb->prepare( 'user_agent = %s', $agent . '-other' ) ), 'another name typed is untouched' );
		$this->assertSame( array(), $this->export( $email )['items']['auth-sentinel-failures'] );
	}

	/**
	 * The suggested policy text is hooked to admin_init, and the Policy Guide shows it with the
	 * retention periods in force.
	 */
	public function test_policy_text_states_the_retention_settings(): void {
		$this->assertContains( array( 'admin_init', \AuthSentinel\Privacy\PolicyText::class, '::add', 10, 0, '' ), \AuthSentinel\Hooks::ADMIN_TABLE );

		$this->settings = Settings::all();
		Settings::update(
			array(
				'events_retention_days' => 47,
				'audit_retention_days'  => 123,
				'anonymize_ip'          => true,
			)
		);
		$jar   = $this->sign_in( 'admin' );
		$guide = $this->http( 'GET', '/wp-admin/options-privacy.php?tab=policyguide', array( 'cookies' => $jar ) );
		$this->assertSame( 200, $guide['status'] );
		$this->assertStringContainsString( 'Auth Sentinel', $guide['body'] );
		$this->assertStringContainsString( 'Failed sign-ins are kept for 47 days and the security audit trail for 123 days', $guide['body'] );
		$this->assertStringContainsString( 'IP addresses are shortened', $guide['body'] );
		$this->assertStringContainsString( 'never store passwords', $guide['body'] );
	}
}
