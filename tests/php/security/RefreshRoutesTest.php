<?php
/**
 * Bypass 2: a revoked token must not be exchanged for a fresh one at an issuer's refresh,
 * login-by-token or validate route.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests\Security;

use AuthSentinel\Tests\EventsTrait;
use AuthSentinel\Tests\FixtureTrait;
use AuthSentinel\Tests\TestCase;

require_once dirname( __DIR__ ) . '/EventsTrait.php';
require_once dirname( __DIR__ ) . '/FixtureTrait.php';
require_once __DIR__ . '/SecurityTrait.php';

/**
 * Before the fix the gate judged a token only when a user was signed in, so the issuers' own
 * routes, where nobody is signed in yet, minted a new token (with an `iat` after the not-before)
 * from a revoked one, or said "valid" about it; and JWT Auth's refresh cookie outlived the revoke.
 */
class RefreshRoutesTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;
	use SecurityTrait;

	/**
	 * Puts the site back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		$this->forget_made_users();
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * WCPOS: the refresh token of a revoked user no longer buys an access token; the refusal is
	 * recorded as revoked by the administrator.
	 */
	public function test_wcpos_refresh_of_a_revoked_user_is_refused(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		list( $user_id ) = $this->make_user();
		$tokens          = $this->in_site( 'return fixture_wcpos_issue( ' . $user_id . ' );' );
		$refresh         = function () use ( $tokens ) {
			return $this->http(
				'POST',
				'/wp-json/wcpos/v1/auth/refresh',
				array(
					'headers' => array( $this->agent_header(), 'Content-Type: application/json' ),
					'body'    => wp_json_encode( array( 'refresh_token' => $tokens['refresh_token'] ) ),
				)
			);
		};
		$before = $refresh();
		$this->assertSame( 200, $before['status'], $before['body'] );
		$this->assertArrayHasKey( 'access_token', $before['json'], 'the refresh works before' );

		sleep( 1 );
		$this->revoke_user_as_admin( $user_id );

		$after = $refresh();
		$this->assertSame( 401, $after['status'], $after['body'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] );
		$this->assertArrayNotHasKey( 'access_token', (array) $after['json'] );
		$event = $this->my_event();
		$this->assertSame( 'revoked', $event['cause'], $event['explanation'] );
		$this->assertSame( $this->user( 'admin' ), (int) $event['details']['revoked_by'] );
	}

	/**
	 * JWT Auth (Useful Team): the refresh_token cookie of a revoked user no longer buys a token
	 * at /jwt-auth/v1/token, nor a new cookie at /token/refresh.
	 */
	public function test_jwt_auth_refresh_cookie_dies_with_the_revocation(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$this->fixture_jwt_secret( 'refresh-secret-0123456789abcdef0123456789abcdef' );
		list( $user_id, $login ) = $this->make_user();
		$jar                     = tempnam( sys_get_temp_dir(), 'as-refresh' );
		$signed                  = $this->http(
			'POST',
			'/wp-json/jwt-auth/v1/token',
			array(
				'cookies' => $jar,
				'headers' => array( $this->agent_header() ),
				'body'    => http_build_query(
					array(
						'username' => $login,
						'password' => 'password',
					)
				),
			)
		);
		$this->assertSame( 200, $signed['status'], $signed['body'] );
		$by_cookie = function () use ( $jar ) {
			return $this->http(
				'POST',
				'/wp-json/jwt-auth/v1/token',
				array(
					'cookies' => $jar,
					'headers' => array( $this->agent_header() ),
				)
			);
		};
		$this->assertSame( 200, $by_cookie()['status'], 'the refresh cookie buys a token before' );

		sleep( 1 );
		$this->revoke_user_as_admin( $user_id );

		$after = $by_cookie();
		$this->assertSame( 401, $after['status'], $after['body'] );
		$this->assertStringNotContainsString( '"token"', $after['body'], 'no token minted' );
		$event = $this->my_event();
		$this->assertSame( 'revoked', $event['cause'], $event['explanation'] );
		$this->assertSame( $user_id, (int) $event['user_id'] );
	}

	/**
	 * JWT Auth (Useful Team): /token/validate says "valid" about a revoked token no more.
	 */
	public function test_the_issuers_validate_route_does_not_vouch_for_a_revoked_token(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$this->fixture_jwt_secret( 'validate-secret-0123456789abcdef0123456789abcdef' );
		list( $user_id ) = $this->make_user();
		$token           = (string) $this->in_site( 'return fixture_jwt_auth_mint( array( "user_id" => ' . $user_id . ' ) );' );
		$validate        = function () use ( $token ) {
			return $this->send_token( 'bearer', '/wp-json/jwt-auth/v1/token/validate', $token, 'POST' );
		};
		$this->assertSame( 200, $validate()['status'], 'valid before' );

		sleep( 1 );
		$this->revoke_user_as_admin( $user_id );

		$after = $validate();
		$this->assertSame( 401, $after['status'], $after['body'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] );
		$this->assertSame( 'revoked', $this->my_event()['cause'] );
	}
}
