<?php
/**
 * The smaller findings of the security review (issue 9, point 7).
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests\Security;

use AuthSentinel\Capabilities;
use AuthSentinel\Tests\EventsTrait;
use AuthSentinel\Tests\TestCase;

require_once dirname( __DIR__ ) . '/EventsTrait.php';

/**
 * Before the fix: `GET /events/stats` took any range (a year-1000 `since` is a bucket per hour
 * since then: a memory fatal); a login that matched no account was stored as typed (often a
 * password typed in the wrong field); the capability always mapped to manage_options, so a role
 * editor could neither grant nor narrow it; the CSV export needed the REST nonce in its URL.
 */
class SmallerFindingsTest extends TestCase {

	use EventsTrait;

	/**
	 * Puts the roles back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		get_role( 'editor' )->remove_cap( Capabilities::MANAGE );
		get_role( 'administrator' )->remove_cap( Capabilities::MANAGE );
		parent::tearDown();
	}

	/**
	 * A range the statistics cannot hold is a clear 400, not a fatal error.
	 */
	public function test_stats_ranges_are_bounded(): void {
		$cases = array(
			'the year 1000'         => array( 'since' => '1000-01-01T00:00:00Z' ),
			'hours over a year'     => array(
				'interval' => 'hour',
				'since'    => gmdate( 'c', time() - 400 * DAY_IN_SECONDS ),
			),
			'days over three years' => array(
				'interval' => 'day',
				'since'    => gmdate( 'c', time() - 1100 * DAY_IN_SECONDS ),
			),
			'the far future'        => array( 'until' => '3000-01-01T00:00:00Z' ),
		);
		foreach ( $cases as $case => $query ) {
			$answer = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events/stats?' . http_build_query( $query ), array( 'as' => 'admin' ) );
			$this->assertSame( 400, $answer['status'], "$case: " . $answer['body'] );
			$this->assertSame( 'auth_sentinel_range_too_long', $answer['json']['code'], $case );
		}
		$month = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events/stats?interval=day&since=' . rawurlencode( gmdate( 'c', time() - 90 * DAY_IN_SECONDS ) ), array( 'as' => 'admin' ) );
		$this->assertSame( 200, $month['status'], '90 days by day is fine' );
	}

	/**
	 * A login that matched no account — here a password typed into the name field — is kept
	 * masked, never as typed, and still groups its repeats.
	 */
	public function test_an_unknown_login_is_masked(): void {
		$typed = 'Tr0ub4dor&3-' . wp_generate_password( 8, false );
		for ( $i = 0; $i < 2; $i++ ) {
			$this->http(
				'POST',
				'/wp-login.php',
				array(
					'headers' => array( $this->agent_header() ),
					'body'    => http_build_query(
						array(
							'log' => $typed,
							'pwd' => 'anything',
						)
					),
				)
			);
		}
		$event = $this->my_event();
		$this->assertSame( 'unknown_user', $event['cause'] );
		$this->assertSame( 2, $event['count'], 'the repeats still aggregate' );
		$this->assertStringNotContainsString( $typed, wp_json_encode( $event ), 'not in the API' );
		$this->assertStringStartsWith( 'Tr…', $event['details']['login'] );
		global $wpdb;
		$stored = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}auth_sentinel_events WHERE details LIKE %s", '%' . $wpdb->esc_like( $typed ) . '%' ) );
		$this->assertSame( 0, $stored, 'not in the table' );
	}

	/**
	 * A role editor can give the screens to editors, and take them from administrators.
	 */
	public function test_the_capability_can_be_granted_and_narrowed(): void {
		$editor = $this->user( 'editor' );
		$admin  = $this->user( 'admin' );
		$this->assertSame( 403, $this->rest( 'GET', '/auth-sentinel/v1/events', array(), $editor )->get_status() );

		get_role( 'editor' )->add_cap( Capabilities::MANAGE );
		$this->assertSame( 200, $this->rest( 'GET', '/auth-sentinel/v1/events', array(), $editor )->get_status(), 'granted to editors' );

		get_role( 'administrator' )->add_cap( Capabilities::MANAGE, false );
		$this->assertSame( 403, $this->rest( 'GET', '/auth-sentinel/v1/events', array(), $admin )->get_status(), 'taken from administrators' );
	}

	/**
	 * A forged token learns neither when a key rotated nor which token plugins hold keys: the
	 * same answer whatever its `iat` and whatever plugin it pretends to come from.
	 */
	public function test_a_forged_token_learns_no_rotation_time(): void {
		$this->lift_token_status_limit();
		update_option( 'woocommerce_pos_secret_key', wp_generate_password( 64, false ) ); // A WCPOS key, as if the plugin ran.
		$this->http( 'GET', '/' );
		update_option( 'woocommerce_pos_secret_key', wp_generate_password( 64, false ) ); // Rotated now.
		$this->http( 'GET', '/' );
		$b64    = static function ( array $part ): string {
			return rtrim( strtr( base64_encode( (string) wp_json_encode( $part ) ), '+/', '-_' ), '=' );
		};
		$forged = static function ( array $claims ) use ( $b64 ): string {
			return $b64( array( 'alg' => 'HS256', 'typ' => 'JWT' ) ) . '.' . $b64( $claims ) . '.' . str_repeat( 'A', 43 );
		};
		$answers = array();
		foreach ( array( time() - 3600, time() - 60, time() + 60 ) as $iat ) {
			foreach ( array( array( 'type' => 'access' ), array( 'data' => array( 'user' => array( 'id' => 1 ) ) ), array( 'id' => 1 ) ) as $shape ) {
				$answer = $this->http(
					'POST',
					'/wp-json/auth-sentinel/v1/token-status',
					array(
						'headers' => array( 'Content-Type: application/json' ),
						'body'    => wp_json_encode( array( 'token' => $forged( $shape + array( 'iat' => $iat, 'exp' => time() + 3600 ) ) ) ),
					)
				);
				$this->assertSame( 200, $answer['status'], $answer['body'] );
				$answers[] = $answer['json'];
			}
		}
		delete_option( 'woocommerce_pos_secret_key' );
		$this->assertCount( 1, array_unique( array_map( 'wp_json_encode', $answers ) ), 'one answer for every forgery: ' . wp_json_encode( $answers ) );
		$this->assertSame( 'corrupted', $answers[0]['status'] );
		$this->assertArrayNotHasKey( 'at', $answers[0] );
	}

	/**
	 * The audit export is a form POST: the nonce travels in the body, never in a URL.
	 */
	public function test_the_audit_export_takes_a_post(): void {
		$jar   = $this->sign_in( 'admin' );
		$nonce = $this->http( 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', array( 'cookies' => $jar ) )['body'];
		$csv   = $this->http(
			'POST',
			'/wp-json/auth-sentinel/v1/audit/export',
			array(
				'cookies' => $jar,
				'body'    => http_build_query(
					array(
						'_wpnonce' => $nonce,
						'action'   => 'sign_in',
					)
				),
			)
		);
		$this->assertSame( 200, $csv['status'], $csv['body'] );
		$this->assertStringStartsWith( 'text/csv', $csv['headers']['content-type'] ?? '' );
		$this->assertStringContainsString( 'attachment; filename="auth-sentinel-audit-', $csv['headers']['content-disposition'] ?? '' );
		$this->assertStringContainsString( ',sign_in,', $csv['body'] );
		$this->assertSame( 401, $this->http( 'POST', '/wp-json/auth-sentinel/v1/audit/export', array( 'cookies' => $jar ) )['status'], 'without the nonce, no file' );
	}
}
