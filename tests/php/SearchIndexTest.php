<?php
/**
 * Free-text search reads indexes, not every row.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Audit\AuditQueryRepository;
use AuthSentinel\Database\BoundedCount;
use AuthSentinel\Database\Engine;
use AuthSentinel\Database\FullText;
use AuthSentinel\Database\Schema;
use AuthSentinel\Events\EventsListRepository;

/**
 * A search of the failures or the audit log finds rows by the words of their user agent, route,
 * issuer's code or details, by the start of their address, by the user, cause or action it
 * names — and, on MariaDB, reaches them by index: the number of rows the server reads does not
 * grow with the rows that do not match (Handler_read_rnd_next counts the rows of table scans).
 */
class SearchIndexTest extends TestCase {

	/**
	 * The code (failures) and target user (audit) of this test's rows.
	 */
	const TAG = 'searchtest';

	/**
	 * A target user id no real user has.
	 */
	const TARGET = 987655;

	/**
	 * Users made by this test.
	 *
	 * @var int[]
	 */
	private $users = array();

	/**
	 * Makes a user of this test's.
	 *
	 * @return int
	 */
	private function make_user(): int {
		$login = 'search-' . strtolower( wp_generate_password( 8, false ) );
		$id    = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => wp_generate_password( 24 ),
				'user_email' => $login . '@example.org',
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $id );
		$this->users[] = $id;
		return $id;
	}

	/**
	 * Removes this test's rows.
	 */
	protected function tearDown(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/user.php';
		foreach ( $this->users as $user ) {
			wp_delete_user( $user );
		}
		$this->users = array();
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Schema::sessions_table() . ' WHERE fp IN (%s, %s, %s)', md5( self::TAG . '0' ), md5( self::TAG . '1' ), md5( self::TAG . '2' ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test clean-up.
		// phpcs:disable WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test clean-up.
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Schema::events_table() . ' WHERE code = %s', self::TAG ) );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Schema::audit_table() . ' WHERE target_user_id = %d', self::TARGET ) );
		// phpcs:enable
		parent::tearDown();
	}

	/**
	 * Writes failures of this test's code and audit rows about this test's user: $noise rows
	 * that no search below matches, then the few that the searches look for.
	 *
	 * @param int $noise How many rows of each that match nothing.
	 * @return void
	 */
	private function seed( int $noise ): void {
		$hour   = intdiv( time(), HOUR_IN_SECONDS );
		$events = array();
		$audit  = array();
		$event  = static function ( string $key, string $at, string $cause, string $ip, string $agent, string $route, string $server_code ) use ( $hour ): array {
			return array( md5( self::TAG . $key ), $hour, $at, $at, 1, 'token', $server_code, self::TAG, $cause, $ip, $agent, $route, '{}' );
		};
		$entry  = static function ( string $at, string $action, string $ip, string $agent, array $details ): array {
			return array( $at, $action, 1, self::TARGET, $ip, $agent, (string) wp_json_encode( $details ) );
		};
		for ( $i = 0; $i < $noise; $i++ ) {
			$at       = gmdate( 'Y-m-d H:i:s', time() - 7200 - $i );
			$ip       = '192.0.2.' . ( $i % 250 );
			$events[] = $event( "noise{$i}", $at, 'bad_credentials', $ip, 'NoiseAgent/' . $i, '/wp-json/wp/v2/posts', 'rest_forbidden' );
			$audit[]  = $entry( $at, 'session_revoked', $ip, 'NoiseAgent/' . $i, array( 'label' => 'Desk ' . $i ) );
		}
		$now      = gmdate( 'Y-m-d H:i:s', time() - 60 );
		$earlier  = gmdate( 'Y-m-d H:i:s', time() - 120 );
		$events[] = $event( 'phone', $now, 'bad_credentials', '10.77.42.7', 'Till/2.1 (iPhone; iOS 17.4)', '/wp-json/jwt-auth/v1/token/validate', 'jwt_auth_invalid_token' );
		$events[] = $event( 'phone2', $earlier, 'bad_credentials', '10.77.42.8', 'Till/2.1 (iPhone; iOS 17.5)', '/wp-json/wp/v2/posts', 'rest_forbidden' );
		$events[] = $event( 'gone', $now, 'expired', '198.51.100.9', 'Kiosk/1.0', '/wp-json/wp/v2/posts', 'rest_forbidden' );
		$audit[]  = $entry( $now, 'app_password_created', '10.77.42.7', 'Till/2.1 (iPhone; iOS 17.4)', array( 'label' => 'Register Saffron' ) );
		$audit[]  = $entry( $earlier, 'session_revoked', '198.51.100.9', 'Kiosk/1.0', array( 'label' => 'Saffron backroom' ) );
		$this->insert_rows( Schema::events_table(), array( 'agg_key', 'hour', 'first_seen', 'last_seen', 'count', 'source', 'server_code', 'code', 'cause', 'ip', 'user_agent', 'route', 'details' ), $events );
		$this->insert_rows( Schema::audit_table(), array( 'at', 'action', 'actor_id', 'target_user_id', 'ip', 'user_agent', 'details' ), $audit );
	}

	/**
	 * Returns the user agents of the failures a search finds, over HTTP as the Errors screen asks.
	 *
	 * @param string $search The search.
	 * @return string[]
	 */
	private function failures( string $search ): array {
		$page = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events?per_page=100&code=' . self::TAG . '&search=' . rawurlencode( $search ), array( 'as' => 'admin' ) );
		$this->assertSame( 200, $page['status'], $page['body'] );
		$this->assertSame( (string) count( $page['json'] ), $page['headers']['x-wp-total'] ?? null );
		return array_map(
			static function ( array $row ): string {
				return (string) $row['user_agent'];
			},
			$page['json']
		);
	}

	/**
	 * Returns the details' labels of the audit rows a search finds, over HTTP.
	 *
	 * @param string $search The search.
	 * @return string[]
	 */
	private function entries( string $search ): array {
		$page = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?per_page=100&user=' . self::TARGET . '&search=' . rawurlencode( $search ), array( 'as' => 'admin' ) );
		$this->assertSame( 200, $page['status'], $page['body'] );
		$this->assertSame( (string) count( $page['json'] ), $page['headers']['x-wp-total'] ?? null );
		return array_map(
			static function ( array $row ): string {
				return (string) ( $row['details']['label'] ?? '' );
			},
			$page['json']
		);
	}

	/**
	 * Words of the user agent, two words at once, the route, the issuer's code, the start of an
	 * address and a cause's name each find their failures, newest first, and nothing else.
	 */
	public function test_failures_found_by_words_address_and_cause(): void {
		$this->seed( 300 );
		$both = array( 'Till/2.1 (iPhone; iOS 17.4)', 'Till/2.1 (iPhone; iOS 17.5)' );
		$this->assertSame( $both, $this->failures( 'iphone' ) );
		$this->assertSame( $both, $this->failures( 'Till iPhone' ) );
		$this->assertSame( array( 'Till/2.1 (iPhone; iOS 17.4)' ), $this->failures( 'jwt-auth/v1/token' ) );
		$this->assertSame( array( 'Till/2.1 (iPhone; iOS 17.4)' ), $this->failures( 'jwt_auth_invalid_token' ) );
		$this->assertSame( $both, $this->failures( '10.77.42' ) );
		$this->assertSame( array( 'Till/2.1 (iPhone; iOS 17.5)' ), $this->failures( '10.77.42.8' ) );
		$this->assertSame( array( 'Kiosk/1.0' ), $this->failures( 'Expired' ) );
		$this->assertSame( array(), $this->failures( 'Android' ) );

		// The statistics of a search count the same failures.
		$stats = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events/stats?code=' . self::TAG . '&search=iphone', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $stats['status'], $stats['body'] );
		$this->assertSame( 2, $stats['json']['total'] );
		// And a search that finds nothing counts nothing (not every failure of the code).
		$none = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events/stats?code=' . self::TAG . '&search=Android', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $none['status'], $none['body'] );
		$this->assertSame( 0, $none['json']['total'] );
		$this->assertSame( array(), $none['json']['top_codes'] );
	}

	/**
	 * Words of the user agent and of the details (an app password's name), the start of an
	 * address and an action's name each find their audit rows, and nothing else.
	 */
	public function test_audit_found_by_words_address_and_action(): void {
		$this->seed( 300 );
		$this->assertSame( array( 'Register Saffron', 'Saffron backroom' ), $this->entries( 'saffron' ) );
		$this->assertSame( array( 'Register Saffron' ), $this->entries( 'iphone' ) );
		$this->assertSame( array( 'Register Saffron' ), $this->entries( 'register saffron' ) );
		$this->assertSame( array( 'Saffron backroom' ), $this->entries( '198.51.100' ) );
		$this->assertSame( array( 'Register Saffron' ), $this->entries( 'app_password_created' ) );
		$this->assertSame( array(), $this->entries( 'Android' ) );
	}

	/**
	 * Sessions are found by a word of their user agent or of the application's name, by the
	 * start of their address and by their user's login, each by its own index; a session of
	 * another user whose user agent only contains the text inside a word is not.
	 */
	public function test_sessions_found_by_words_address_and_login(): void {
		$till  = $this->make_user();
		$other = $this->make_user();
		$index = new \AuthSentinel\Sessions\SessionIndex();
		$made  = array(
			array( $till, 'cookie', 'Till/2.1 (iPhone; iOS 17.4)', '10.77.42.7', '' ),
			array( $till, 'app_password', 'WCPOS/1.7', '10.77.42.8', 'Register Saffron' ),
			array( $other, 'cookie', 'Smartphone/1.0', '198.51.100.9', '' ),
		);
		foreach ( $made as $i => list( $user, $type, $agent, $ip, $label ) ) {
			$index->upsert(
				array(
					'type'       => $type,
					'fp'         => md5( self::TAG . $i ),
					'user_id'    => $user,
					'created'    => time() - 600 + $i,
					'expires'    => time() + DAY_IN_SECONDS,
					'last_seen'  => time() - 60 + $i,
					'ip'         => $ip,
					'user_agent' => $agent,
					'label'      => $label,
				)
			);
		}
		$found = function ( string $search ) use ( $till, $other ): array {
			$page = $this->http( 'GET', '/wp-json/auth-sentinel/v1/sessions?per_page=100&search=' . rawurlencode( $search ), array( 'as' => 'admin' ) );
			$this->assertSame( 200, $page['status'], $page['body'] );
			$ours = array_values(
				array_filter(
					$page['json'],
					static function ( array $row ) use ( $till, $other ): bool {
						return in_array( (int) $row['user']['id'], array( $till, $other ), true );
					}
				)
			);
			return array_map(
				static function ( array $row ): string {
					return (string) $row['user_agent'];
				},
				$ours
			);
		};
		$this->assertSame( array( 'Till/2.1 (iPhone; iOS 17.4)' ), $found( 'iphone' ) );
		$this->assertSame( array( 'WCPOS/1.7' ), $found( 'saffron' ) );
		$this->assertSame( array( 'WCPOS/1.7', 'Till/2.1 (iPhone; iOS 17.4)' ), $found( '10.77.42' ) );
		$this->assertSame( array( 'WCPOS/1.7', 'Till/2.1 (iPhone; iOS 17.4)' ), $found( get_userdata( $till )->user_login ) );
	}

	/**
	 * A search among the few failures or audit entries of one user (the screens filtered by a
	 * user, then searched) tests those rows one by one, and finds what the indexes find; the
	 * full-text index, which would list every row of the table holding the word, is not asked.
	 */
	public function test_a_search_among_a_users_few_rows_tests_them(): void {
		$this->seed( 20 );
		$admin   = $this->user( 'admin' );
		$queries = array();
		$listing = function ( string $route, array $params ) use ( $admin, &$queries ): \WP_REST_Response {
			return $this->recording(
				function () use ( $route, $params, $admin ) {
					return $this->rest( 'GET', $route, $params, $admin );
				},
				$queries
			);
		};
		$audit   = $listing(
			'/auth-sentinel/v1/audit',
			array(
				'user'   => self::TARGET,
				'search' => 'saffron',
			)
		);
		$this->assertSame( 200, $audit->get_status() );
		$this->assertSame( array( 'app_password_created', 'session_revoked' ), array_column( $audit->get_data(), 'action' ) );
		$this->assertSame( '2', (string) $audit->get_headers()['X-WP-Total'] );
		$this->assertSame( array(), preg_grep( '/\bMATCH\s*\(/', $queries ), 'audit: the full-text index not asked' );

		$events = $listing(
			'/auth-sentinel/v1/events',
			array(
				'code'   => self::TAG,
				'search' => 'iphone',
			)
		);
		$this->assertSame( 200, $events->get_status() );
		$this->assertSame( array( 'Till/2.1 (iPhone; iOS 17.4)', 'Till/2.1 (iPhone; iOS 17.5)' ), array_column( $events->get_data(), 'user_agent' ) );
		$this->assertSame( array(), preg_grep( '/\bMATCH\s*\(/', $queries ), 'failures: the full-text index not asked' );
	}

	/**
	 * On MariaDB a search reads the rows it finds and a bounded window of the newest rows, not
	 * the table: 6,000 more rows that do not match add nothing to the rows read by table scans
	 * (Handler_read_rnd_next; a `LIKE '%…%'` read every one of them).
	 */
	public function test_search_reads_by_index(): void {
		global $wpdb;
		if ( null === FullText::query( 'events', 'iphone' ) ) {
			$this->markTestSkipped( 'No full-text index on this database (SQLite): a search reads every row.' );
		}
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- The server's counter of rows read by scans.
		$scanned  = static function ( callable $search ) use ( $wpdb ): int {
			$read = static function () use ( $wpdb ): int {
				return (int) $wpdb->get_var( "SHOW SESSION STATUS LIKE 'Handler_read_rnd_next'", 1 );
			};
		// phpcs:enable
			$before = $read();
			$search();
			return $read() - $before;
		};
		$searches = array(
			'events' => array( 'iphone', 'Till iPhone', '10.77.42', 'jwt-auth/v1/token' ),
			'audit'  => array( 'saffron', 'iphone', '198.51.100' ),
		);
		$reads    = array();
		foreach ( array( 3000, 9000 ) as $noise ) {
			$this->tearDown();
			$this->seed( $noise );
			foreach ( $searches as $table => $texts ) {
				foreach ( $texts as $text ) {
					$found                                  = array();
					$reads[ $noise ][ "{$table}: {$text}" ] = $scanned(
						static function () use ( $table, $text, &$found ) {
							$found = 'events' === $table
								? ( new EventsListRepository() )->find(
									array(
										'code'   => self::TAG,
										'search' => $text,
									),
									1,
									20
								)
								: ( new AuditQueryRepository() )->find(
									array(
										'user'   => self::TARGET,
										'search' => $text,
									),
									1,
									20
								);
						}
					);
					$this->assertNotEmpty( $found['rows'], "{$table}: {$text}" );
				}
			}
		}
		foreach ( $reads[3000] as $label => $rows ) {
			$this->assertLessThanOrEqual( BoundedCount::PROBE + 10, $rows, "{$label}: rows read by scans, 3,000 rows that do not match" );
			$this->assertSame( $rows, $reads[9000][ $label ], "{$label}: rows read by scans, 9,000 rows that do not match" );
		}
	}

	/**
	 * A search with more than 10,000 matches says "more than 10,000" and still lists its newest
	 * rows first, page after page.
	 */
	public function test_broad_search_is_bounded(): void {
		global $wpdb;
		$this->seed( BoundedCount::LIMIT + 20 );
		$page = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events?per_page=20&code=' . self::TAG . '&search=NoiseAgent', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $page['status'], $page['body'] );
		$this->assertSame( '10000', $page['headers']['x-wp-total'] ?? null );
		$this->assertSame( '10000', $page['headers']['x-auth-sentinel-total-bound'] ?? null );
		$this->assertSame( 'NoiseAgent/0', $page['json'][0]['user_agent'] );
		$this->assertSame( 'NoiseAgent/19', $page['json'][19]['user_agent'] );
		$deep = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events?per_page=20&page=501&code=' . self::TAG . '&search=NoiseAgent', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $deep['status'], $deep['body'] );
		$this->assertSame( 'NoiseAgent/10000', $deep['json'][0]['user_agent'] );

		// The same when the newest rows do not match (found too many by the full-text index,
		// not by the window of the newest rows).
		$fresh = array();
		for ( $i = 0; $i < BoundedCount::PROBE + 500; $i++ ) {
			$fresh[] = $wpdb->prepare( '(%s, %d, NOW(), NOW(), 1, %s, %s, %s, %s, %s, %s)', md5( self::TAG . 'fresh' . $i ), intdiv( time(), HOUR_IN_SECONDS ), 'token', 'rest_forbidden', self::TAG, 'bad_credentials', 'FreshAgent/' . $i, '{}' );
		}
		$wpdb->query( 'INSERT INTO ' . Schema::events_table() . ' (agg_key, hour, first_seen, last_seen, count, source, server_code, code, cause, user_agent, details) VALUES ' . implode( ',', $fresh ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared rows.
		$again = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events?per_page=20&code=' . self::TAG . '&search=NoiseAgent', array( 'as' => 'admin' ) );
		$this->assertSame( '10000', $again['headers']['x-auth-sentinel-total-bound'] ?? null );
		$this->assertSame( 'NoiseAgent/0', $again['json'][0]['user_agent'] );
	}

	/**
	 * A search that the newest rows all match but fewer than 10,001 rows do is not called broad:
	 * the walk of the newest rows (BoundedCount::beyond()) counts real matches, and the listing
	 * gives the exact total.
	 */
	public function test_newest_rows_matching_do_not_make_a_search_broad(): void {
		$this->seed( 3000 );
		$now   = gmdate( 'Y-m-d H:i:s' );
		$fresh = array();
		for ( $i = 0; $i < BoundedCount::PROBE + 500; $i++ ) {
			$fresh[] = array( md5( self::TAG . 'gate' . $i ), intdiv( time(), HOUR_IN_SECONDS ), $now, $now, 1, 'token', 'rest_forbidden', self::TAG, 'bad_credentials', 'GateAgent/' . $i, '{}' );
		}
		$this->insert_rows( Schema::events_table(), array( 'agg_key', 'hour', 'first_seen', 'last_seen', 'count', 'source', 'server_code', 'code', 'cause', 'user_agent', 'details' ), $fresh );
		$found = $this->recording(
			static function () {
				return ( new EventsListRepository() )->find(
					array(
						'code'   => self::TAG,
						'search' => 'GateAgent',
					),
					1,
					20
				);
			},
			$queries
		);
		$this->assertSame( BoundedCount::PROBE + 500, $found['total'] );
		$this->assertFalse( $found['more'] );
		$this->assertCount( 20, $found['rows'] );
		$this->assertStringStartsWith( 'GateAgent/', $found['rows'][0]['user_agent'] );
		if ( Engine::mysql() && FullText::ready( 'events' ) ) {
			$this->assertNotEmpty( preg_grep( '/\) matched_rows$/', $queries ), 'the newest rows were walked' );
		}
	}
}
