<?php
/**
 * Listings count up to 10,000 rows and say when there are more.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Audit\AuditQueryRepository;
use AuthSentinel\Database\BoundedCount;
use AuthSentinel\Database\Schema;
use AuthSentinel\Plugin;

/**
 * The failures' and the audit log's totals stop at BoundedCount::LIMIT, so that a listing costs
 * the same at a million rows; the headers say so, and deep pages still answer.
 */
class EventsBoundedCountTest extends TestCase {

	/**
	 * The code (failures) and target user (audit) of this test's rows.
	 */
	const TAG = 'boundtest';

	/**
	 * A target user id no real user has.
	 */
	const TARGET = 987654;

	/**
	 * Removes this test's rows.
	 */
	protected function tearDown(): void {
		global $wpdb;
		// phpcs:disable WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test clean-up.
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Schema::events_table() . ' WHERE code = %s', self::TAG ) );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Schema::audit_table() . ' WHERE target_user_id = %d', self::TARGET ) );
		// phpcs:enable
		parent::tearDown();
	}

	/**
	 * Writes failures of this test's code and audit rows about this test's user.
	 *
	 * @param int $n How many of each.
	 * @return void
	 */
	private function seed( int $n ): void {
		$now    = gmdate( 'Y-m-d H:i:s' );
		$events = array();
		$audit  = array();
		for ( $i = 0; $i < $n; $i++ ) {
			$events[] = array( md5( self::TAG . $i ), intdiv( time(), HOUR_IN_SECONDS ), $now, $now, 1, 'token', 'jwt_auth_invalid_token', self::TAG, 'corrupted', '{}' );
			$audit[]  = array( $now, 'session_revoked', 1, self::TARGET, '', '', '{}' );
		}
		$this->insert_rows( Schema::events_table(), array( 'agg_key', 'hour', 'first_seen', 'last_seen', 'count', 'source', 'server_code', 'code', 'cause', 'details' ), $events );
		$this->insert_rows( Schema::audit_table(), array( 'at', 'action', 'actor_id', 'target_user_id', 'ip', 'user_agent', 'details' ), $audit );
	}

	/**
	 * Past 10,000 matching failures, GET /events says 10,000 and that there are more (over
	 * HTTP, as the screen reads it), and a page past the 500th still has its rows; at 10,000
	 * or fewer the count is exact and the bound header absent.
	 */
	public function test_failures_past_the_bound(): void {
		global $wpdb;
		$this->seed( BoundedCount::LIMIT + 50 );
		$page = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events?code=' . self::TAG . '&per_page=20', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertSame( '10000', $page['headers']['x-wp-total'] ?? null );
		$this->assertSame( '500', $page['headers']['x-wp-totalpages'] ?? null );
		$this->assertSame( '10000', $page['headers']['x-auth-sentinel-total-bound'] ?? null );
		$this->assertCount( 20, $page['json'] );

		$deep = $this->rest(
			'GET',
			'/auth-sentinel/v1/events',
			array(
				'code'     => self::TAG,
				'per_page' => 20,
				'page'     => 503,
			),
			$this->user( 'admin' )
		);
		$this->assertCount( 10, $deep->get_data(), 'the last 10 of 10,050 rows, past the counted pages' );

		// phpcs:disable WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test; DELETE … LIMIT is not SQLite's.
		$ids = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( 'SELECT id FROM ' . Schema::events_table() . ' WHERE code = %s LIMIT 100', self::TAG ) ) );
		$wpdb->query( 'DELETE FROM ' . Schema::events_table() . ' WHERE id IN (' . implode( ',', $ids ) . ')' );
		// phpcs:enable
		$exact = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events?code=' . self::TAG, array( 'as' => 'admin' ) );
		$this->assertSame( '9950', $exact['headers']['x-wp-total'] ?? null );
		$this->assertArrayNotHasKey( 'x-auth-sentinel-total-bound', $exact['headers'] );
	}

	/**
	 * The audit log's listing counts the same way.
	 */
	public function test_audit_past_the_bound(): void {
		$this->seed( BoundedCount::LIMIT + 1 );
		$found = Plugin::get( AuditQueryRepository::class )->find( array( 'user' => self::TARGET ), 1, 20 );
		$this->assertSame( BoundedCount::LIMIT, $found['total'] );
		$this->assertTrue( $found['more'] );
		$this->assertCount( 20, $found['rows'] );
		$route = $this->rest( 'GET', '/auth-sentinel/v1/audit', array( 'user' => self::TARGET ), $this->user( 'admin' ) );
		$this->assertSame( '10000', (string) ( $route->get_headers()['X-Auth-Sentinel-Total-Bound'] ?? '' ) );
	}
}
