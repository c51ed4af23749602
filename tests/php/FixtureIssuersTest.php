<?php
/**
 * The fixture token issuers behave as the real plugins do: each issues a token, accepts it,
 * and refuses a bad one with the real plugin's code and HTTP status. See tests/fixtures/README.md.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once __DIR__ . '/FixtureTrait.php';

/**
 * One test per fixture and per shared behaviour (dormancy, header stripping, conflicts,
 * malformed tokens).
 */
class FixtureIssuersTest extends TestCase {

	use FixtureTrait;

	const SECRET = 'fixture-issuers-test-secret-3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f';

	const OTHER_SECRET = 'another-site-secret-0000000000000000000000000000000000000000';

	const NO_SUCH_USER = 987654321;

	/**
	 * Puts the site back as it was.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * The site URL tokens are issued for (iss).
	 *
	 * @return string
	 */
	private function site_url(): string {
		$this->forget_cached_options();
		return (string) get_bloginfo( 'url' );
	}

	/*
	 * Dormancy and the request rewriting router.
	 */

	/**
	 * Active but not enabled, a fixture hooks nothing: no routes, tokens ignored.
	 */
	public function test_fixtures_are_dormant_unless_enabled(): void {
		$this->fixture_jwt_secret( self::SECRET );
		$this->enable_fixtures( array() );

		foreach ( array( '/wp-json/jwt-auth/v1/token', '/wp-json/simple-jwt-login/v1/auth', '/wp-json/wcpos/v1/auth/refresh' ) as $route ) {
			$response = $this->http( 'POST', $route );
			$this->assertSame( 404, $response['status'], $route );
			$this->assertSame( 'rest_no_route', $response['json']['code'] );
		}
		$me = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', 'not-a-token' );
		$this->assertSame( 401, $me['status'] );
		$this->assertSame( 'rest_not_logged_in', $me['json']['code'], 'core answers, no fixture' );
		$this->assertFalse( $this->in_site( 'return function_exists( "fixture_wcpos_mint" ) || function_exists( "fixture_jwt_auth_wp_rest_api_mint" );' ), 'no test helpers either' );
	}

	/**
	 * X-Fixture-Strip-Authorization: "1" moves the header to REDIRECT_HTTP_AUTHORIZATION (the
	 * plugins still find it); "drop" removes it (the plugins report no header).
	 */
	public function test_router_moves_or_drops_the_authorization_header(): void {
		$this->fixture_jwt_secret( self::SECRET );
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api', 'fixture-wcpos' ) );
		$editor = $this->user( 'editor' );
		$token  = $this->in_site( "return fixture_jwt_auth_wp_rest_api_mint( array( 'user_id' => $editor ) );" );

		// PHP's built-in server passes the header as HTTP_AUTHORIZATION.
		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $token )['json']['id'] );

		$moved = array( 'headers' => array( 'X-Fixture-Strip-Authorization: 1' ) );
		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $token, $moved )['json']['id'], 'read from REDIRECT_HTTP_AUTHORIZATION' );
		$test = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/test', $token, $moved );
		$this->assertSame( 'header', $test['json']['auth_method'] );

		$dropped = array( 'headers' => array( 'X-Fixture-Strip-Authorization: drop' ) );
		$me      = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $token, $dropped );
		$this->assertSame( 401, $me['status'] );
		$this->assertSame( 'rest_not_logged_in', $me['json']['code'] );
		$validate = $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $token, $dropped );
		$this->assertSame( 403, $validate['status'] );
		$this->assertSame( 'jwt_auth_no_auth_header', $validate['json']['code'], 'the classic stripped header' );
		$this->assertSame( 'error', $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/test', $token, $dropped )['json']['status'] );

		// Basic credentials are stripped the same way.
		$basic = $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'as' => 'editor' ) + $dropped );
		$this->assertSame( 401, $basic['status'] );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'as' => 'editor' ) + $moved )['status'], 'core reads REDIRECT_HTTP_AUTHORIZATION too' );
	}

	/*
	 * JWT Authentication for WP REST API (Tmeister).
	 */

	/**
	 * Token issued, used, validated; every refusal is a WP_Error with status 403.
	 */
	public function test_jwt_authentication_for_wp_rest_api(): void {
		$this->fixture_jwt_secret( self::SECRET );
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$editor = $this->user( 'editor' );

		$issued = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => 'username=editor&password=password' ) );
		$this->assertSame( 200, $issued['status'], $issued['body'] );
		$this->assertSame( array( 'token', 'user_email', 'user_nicename', 'user_display_name' ), array_keys( $issued['json'] ) );
		$token = $this->peek( $issued['json']['token'] );
		$this->assertSame(
			array(
				'typ' => 'JWT',
				'alg' => 'HS256',
			),
			$token['header']
		);
		$this->assertSame( array( 'iss', 'iat', 'nbf', 'exp', 'data' ), array_keys( $token['claims'] ) );
		$this->assertSame( $this->site_url(), $token['claims']['iss'] );
		$this->assertSame( $editor, $token['claims']['data']['user']['id'] );
		$this->assertSame( 7 * DAY_IN_SECONDS, $token['claims']['exp'] - $token['claims']['iat'] );
		$this->assertSame( $issued['json']['token'], \Auth_Sentinel_Fixture_HS256::encode( $token['claims'], self::SECRET ), 'HS256 with JWT_AUTH_SECRET_KEY' );

		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $issued['json']['token'] )['json']['id'] );
		$valid = $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $issued['json']['token'] );
		$this->assertSame( 200, $valid['status'] );
		$this->assertSame(
			array(
				'code' => 'jwt_auth_valid_token',
				'data' => array( 'status' => 200 ),
			),
			$valid['json']
		);

		$now      = time();
		$tokens   = $this->in_site(
			"return array(
				'expired'   => fixture_jwt_auth_wp_rest_api_mint( array( 'user_id' => $editor, 'iat' => $now - 7200, 'nbf' => $now - 7200, 'exp' => $now - 3600 ) ),
				'signature' => fixture_jwt_auth_wp_rest_api_mint( array( 'user_id' => $editor ), '" . self::OTHER_SECRET . "' ),
				'iss'       => fixture_jwt_auth_wp_rest_api_mint( array( 'user_id' => $editor, 'iss' => 'https://another-site.example' ) ),
				'no_user'   => fixture_jwt_auth_wp_rest_api_mint( array() ),
				'unknown'   => fixture_jwt_auth_wp_rest_api_mint( array( 'user_id' => " . self::NO_SUCH_USER . ' ) ),
			);'
		);
		$refusals = array(
			'expired'   => array( 'jwt_auth_invalid_token', 'Expired token' ),
			'signature' => array( 'jwt_auth_invalid_token', 'Signature verification failed' ),
			'iss'       => array( 'jwt_auth_bad_iss', 'The iss do not match with this server' ),
			'no_user'   => array( 'jwt_auth_bad_request', 'User ID not found in the token' ),
		);
		foreach ( $refusals as $case => list( $code, $message ) ) {
			foreach ( array( array( 'GET', '/wp-json/wp/v2/users/me' ), array( 'POST', '/wp-json/jwt-auth/v1/token/validate' ), array( 'GET', '/wp-json/' ) ) as list( $method, $path ) ) {
				$response = $this->bearer( $method, $path, $tokens[ $case ] );
				$this->assertSame( 403, $response['status'], "$case on $path" );
				$this->assertSame( $code, $response['json']['code'], "$case on $path" );
				$this->assertSame( $message, $response['json']['message'], "$case on $path" );
			}
		}

		// The plugin does not look the user up: an unknown user's token is valid, the request anonymous.
		$this->assertSame( 'jwt_auth_valid_token', $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $tokens['unknown'] )['json']['code'] );
		$this->assertSame( 'rest_not_logged_in', $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['unknown'] )['json']['code'] );

		// No header: the middleware lets the request through; /token/validate says so.
		$this->assertSame( 'rest_not_logged_in', $this->bearer( 'GET', '/wp-json/wp/v2/users/me', null )['json']['code'] );
		$none = $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', null );
		$this->assertSame( 403, $none['status'] );
		$this->assertSame( 'jwt_auth_no_auth_header', $none['json']['code'] );

		// "Bearer" with no token is malformed; another scheme is not the plugin's business.
		$bad = $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( 'Authorization: Bearer' ) ) );
		$this->assertSame( 403, $bad['status'] );
		$this->assertSame( 'jwt_auth_bad_auth_header', $bad['json']['code'] );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'as' => 'editor' ) )['status'], 'application passwords still work' );

		// Wrong password.
		$wrong = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => 'username=editor&password=wrong' ) );
		$this->assertSame( 403, $wrong['status'] );
		$this->assertSame( '[jwt_auth] incorrect_password', $wrong['json']['code'] );
	}

	/**
	 * Without JWT_AUTH_SECRET_KEY the plugin refuses to issue or accept tokens: jwt_auth_bad_config.
	 */
	public function test_jwt_authentication_for_wp_rest_api_without_secret(): void {
		$this->fixture_jwt_secret( null );
		if ( $this->in_site( 'return defined( "JWT_AUTH_SECRET_KEY" );' ) ) {
			$this->markTestSkipped( 'extra-config.php defines JWT_AUTH_SECRET_KEY already' );
		}
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$issued = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => 'username=editor&password=password' ) );
		$this->assertSame( 403, $issued['status'] );
		$this->assertSame( 'jwt_auth_bad_config', $issued['json']['code'] );
		$used = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', \Auth_Sentinel_Fixture_HS256::encode( array( 'iss' => $this->site_url() ), self::SECRET ) );
		$this->assertSame( 403, $used['status'] );
		$this->assertSame( 'jwt_auth_bad_config', $used['json']['code'] );
	}

	/*
	 * JWT Auth (Useful Team).
	 */

	/**
	 * Token with device and pass issued, used, validated; refusals on /token/validate with 401.
	 */
	public function test_jwt_auth_usefulteam(): void {
		$this->fixture_jwt_secret( self::SECRET );
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$editor = $this->user( 'editor' );

		$jar    = tempnam( sys_get_temp_dir(), 'as-fixture' );
		$issued = $this->http(
			'POST',
			'/wp-json/jwt-auth/v1/token',
			array(
				'body'    => 'username=editor&password=password&device=Till%201',
				'cookies' => $jar,
			)
		);
		$this->assertSame( 200, $issued['status'], $issued['body'] );
		$this->assertTrue( $issued['json']['success'] );
		$this->assertSame( 200, $issued['json']['statusCode'] );
		$this->assertSame( 'jwt_auth_valid_credential', $issued['json']['code'] );
		$this->assertSame( $editor, $issued['json']['data']['id'] );
		$access = $issued['json']['data']['token'];
		$claims = $this->peek( $access )['claims'];
		$this->assertSame( $this->site_url(), $claims['iss'] );
		$this->assertSame( 10 * MINUTE_IN_SECONDS, $claims['exp'] - $claims['iat'] );
		$this->assertSame( $editor, $claims['data']['user']['id'] );
		$this->assertSame( 'Till 1', $claims['data']['user']['device'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{32}$/', $claims['data']['user']['pass'] );
		$this->assertMatchesRegularExpression( '/refresh_token\s+' . $editor . '\.[0-9a-f]{64}/', (string) file_get_contents( $jar ), 'the refresh cookie' );

		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $access )['json']['id'] );
		$valid = $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $access );
		$this->assertSame( 200, $valid['status'] );
		$this->assertSame( 'jwt_auth_valid_token', $valid['json']['code'] );

		$now      = time();
		$tokens   = $this->in_site(
			"return array(
				'expired'   => fixture_jwt_auth_mint( array( 'user_id' => $editor, 'iat' => $now - 7200, 'nbf' => $now - 7200, 'exp' => $now - 3600 ) ),
				'signature' => fixture_jwt_auth_mint( array( 'user_id' => $editor ), '" . self::OTHER_SECRET . "' ),
				'iss'       => fixture_jwt_auth_mint( array( 'user_id' => $editor, 'iss' => 'https://another-site.example' ) ),
				'no_user'   => fixture_jwt_auth_mint( array() ),
				'unknown'   => fixture_jwt_auth_mint( array( 'user_id' => " . self::NO_SUCH_USER . " ) ),
				'device'    => fixture_jwt_auth_mint( array( 'user_id' => $editor, 'device' => 'Unknown Till' ) ),
			);"
		);
		$refusals = array(
			'expired'   => array( 'jwt_auth_invalid_token', 'Expired token' ),
			'signature' => array( 'jwt_auth_invalid_token', 'Signature verification failed' ),
			'iss'       => array( 'jwt_auth_bad_iss', 'The iss do not match with this server.' ),
			'no_user'   => array( 'jwt_auth_bad_request', 'User ID not found in the token.' ),
			'unknown'   => array( 'jwt_auth_user_not_found', "User doesn't exist" ),
			'device'    => array( 'jwt_auth_obsolete_token', 'Token is obsolete' ),
		);
		foreach ( $refusals as $case => list( $code, $message ) ) {
			$response = $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $tokens[ $case ] );
			$this->assertSame( 401, $response['status'], $case );
			$this->assertSame(
				array(
					'success'    => false,
					'statusCode' => 401,
					'code'       => $code,
					'message'    => $message,
					'data'       => array(),
				),
				$response['json'],
				$case
			);
			// 3.0 authenticates valid tokens only and leaves other requests to the endpoint.
			$me = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens[ $case ] );
			$this->assertSame( 401, $me['status'], $case );
			$this->assertSame( 'rest_not_logged_in', $me['json']['code'], $case );
		}

		$none = $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', null );
		$this->assertSame( 401, $none['status'] );
		$this->assertSame( 'jwt_auth_no_auth_header', $none['json']['code'] );
		$basic = $this->http( 'POST', '/wp-json/jwt-auth/v1/token/validate', array( 'headers' => array( 'Authorization: Basic eDp5' ) ) );
		$this->assertSame( 'jwt_auth_bad_auth_header', $basic['json']['code'] );

		$wrong = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => 'username=editor&password=wrong' ) );
		$this->assertSame( 401, $wrong['status'] );
		$this->assertSame( 'incorrect_password', $wrong['json']['code'] );
		$this->in_site( "global \$wpdb; \$wpdb->query( \"DELETE FROM \$wpdb->usermeta WHERE user_id = $editor AND meta_key LIKE 'jwt\\_auth\\_%'\" ); clean_user_cache( $editor ); return true;" );
	}

	/**
	 * Changing the password renews data.user.pass: older tokens are jwt_auth_obsolete_token.
	 */
	public function test_jwt_auth_usefulteam_token_is_obsolete_after_password_change(): void {
		require_once ABSPATH . 'wp-admin/includes/user.php';
		$this->fixture_jwt_secret( self::SECRET );
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$login   = 'fixture-pass-' . wp_generate_password( 6, false );
		$user_id = wp_create_user( $login, 'password', $login . '@example.com' );
		$this->assertIsInt( $user_id );
		try {
			$issued = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => "username=$login&password=password" ) );
			$token  = $issued['json']['data']['token'];
			$this->assertSame( 'jwt_auth_valid_token', $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $token )['json']['code'] );

			$this->in_site( "wp_update_user( array( 'ID' => $user_id, 'user_pass' => 'a-new-password' ) ); return true;" );

			$after = $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $token );
			$this->assertSame( 401, $after['status'] );
			$this->assertSame( 'jwt_auth_obsolete_token', $after['json']['code'] );
			$this->assertSame( 'Token is obsolete', $after['json']['message'] );

			$fresh = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => "username=$login&password=a-new-password" ) );
			$this->assertSame( 'jwt_auth_valid_token', $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $fresh['json']['data']['token'] )['json']['code'] );
		} finally {
			wp_delete_user( $user_id );
		}
	}

	/**
	 * The refresh cookie: rotated by /token/refresh; an old one is obsolete, a foreign one
	 * invalid, a stale one expired.
	 */
	public function test_jwt_auth_usefulteam_refresh_tokens(): void {
		$this->fixture_jwt_secret( self::SECRET );
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$editor = $this->user( 'editor' );
		$jar    = tempnam( sys_get_temp_dir(), 'as-fixture' );
		$this->http(
			'POST',
			'/wp-json/jwt-auth/v1/token',
			array(
				'body'    => 'username=editor&password=password',
				'cookies' => $jar,
			)
		);
		$this->assertSame( 1, preg_match( '/refresh_token\s+(\S+)/', (string) file_get_contents( $jar ), $first ) );
		$cookie = static function ( string $value ): array {
			return array( 'headers' => array( 'Cookie: refresh_token=' . $value ) );
		};

		$rotated = $this->http( 'POST', '/wp-json/jwt-auth/v1/token/refresh', array( 'cookies' => $jar ) );
		$this->assertSame( 200, $rotated['status'] );
		$this->assertSame( 'jwt_auth_valid_token', $rotated['json']['code'] );
		$this->assertSame( 1, preg_match( '/refresh_token\s+(\S+)/', (string) file_get_contents( $jar ), $second ) );
		$this->assertNotSame( $first[1], $second[1] );

		// The refresh cookie alone gets an access token.
		$access = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', $cookie( $second[1] ) );
		$this->assertSame( 'jwt_auth_valid_credential', $access['json']['code'] );

		$checks = array(
			array( $first[1], 'jwt_auth_obsolete_refresh_token', 'Refresh token is obsolete' ),
			array( 'garbage', 'jwt_auth_invalid_refresh_token', 'Invalid refresh token' ),
			array( self::NO_SUCH_USER . '.' . str_repeat( 'a', 64 ), 'jwt_auth_invalid_refresh_token', 'Invalid refresh token' ),
		);
		foreach ( $checks as list( $value, $code, $message ) ) {
			$response = $this->http( 'POST', '/wp-json/jwt-auth/v1/token/refresh', $cookie( $value ) );
			$this->assertSame( 401, $response['status'], $code );
			$this->assertSame(
				array(
					'success'    => false,
					'statusCode' => 401,
					'code'       => $code,
					'message'    => $message,
				),
				$response['json']
			);
		}

		$this->in_site( "\$t = get_user_meta( $editor, 'jwt_auth_refresh_tokens', true ); \$t['']['expires'] = time() - 10; update_user_meta( $editor, 'jwt_auth_refresh_tokens', \$t ); return true;" );
		$expired = $this->http( 'POST', '/wp-json/jwt-auth/v1/token/refresh', $cookie( $second[1] ) );
		$this->assertSame( 401, $expired['status'] );
		$this->assertSame( 'jwt_auth_expired_refresh_token', $expired['json']['code'] );

		$none = $this->http( 'POST', '/wp-json/jwt-auth/v1/token/refresh' );
		$this->assertSame( 401, $none['status'] );
		$this->assertSame( 'jwt_auth_no_auth_cookie', $none['json']['code'] );
		$this->in_site( "global \$wpdb; \$wpdb->query( \"DELETE FROM \$wpdb->usermeta WHERE user_id = $editor AND meta_key LIKE 'jwt\\_auth\\_%'\" ); clean_user_cache( $editor ); return true;" );
	}

	/**
	 * Without JWT_AUTH_SECRET_KEY: 500 from /token, 401 from /token/validate.
	 */
	public function test_jwt_auth_usefulteam_without_secret(): void {
		$this->fixture_jwt_secret( null );
		if ( $this->in_site( 'return defined( "JWT_AUTH_SECRET_KEY" );' ) ) {
			$this->markTestSkipped( 'extra-config.php defines JWT_AUTH_SECRET_KEY already' );
		}
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$issued = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => 'username=editor&password=password' ) );
		$this->assertSame( 500, $issued['status'] );
		$this->assertSame( 'jwt_auth_bad_config', $issued['json']['code'] );
		$validate = $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', 'a.b.c' );
		$this->assertSame( 401, $validate['status'] );
		$this->assertSame( 'jwt_auth_bad_config', $validate['json']['code'] );
	}

	/**
	 * The two plugins share jwt-auth/v1: enabled together, only JWT Authentication for WP REST
	 * API is active.
	 */
	public function test_jwt_auth_fixtures_cannot_both_be_active(): void {
		$this->fixture_jwt_secret( self::SECRET );
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api', 'fixture-jwt-auth' ) );
		$issued = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => 'username=editor&password=password' ) );
		$this->assertArrayHasKey( 'token', $issued['json'], 'the Tmeister response shape' );
		$this->assertFalse( $this->in_site( 'return function_exists( "fixture_jwt_auth_mint" );' ) );
	}

	/*
	 * Simple JWT Login.
	 */

	/**
	 * Token issued and used; the middleware refuses with simple_jwt_login_middleware_error and
	 * the numeric code (11 signature 400, 14 expired 401, 54 unknown user 400, 55 revoked 401).
	 */
	public function test_simple_jwt_login(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		$editor = $this->user( 'editor' );

		$issued = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'username=editor&password=password' ) );
		$this->assertSame( 200, $issued['status'], $issued['body'] );
		$this->assertTrue( $issued['json']['success'] );
		$jwt    = $issued['json']['data']['jwt'];
		$claims = $this->peek( $jwt )['claims'];
		$this->assertSame( array( 'iat', 'exp', 'email', 'id', 'site', 'username' ), array_keys( $claims ) );
		$this->assertSame( $editor, $claims['id'] );
		$this->assertSame( 'editor', $claims['username'] );
		$this->assertSame( 3600, $claims['exp'] - $claims['iat'] );
		$settings = json_decode( (string) $this->stored_option( 'simple_jwt_login_settings' ), true );
		$this->assertSame( $jwt, \Auth_Sentinel_Fixture_HS256::encode( $claims, $settings['decryption_key'] ), 'HS256 with the decryption key' );

		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $jwt )['json']['id'] );
		$this->assertSame( $editor, $this->http( 'GET', '/wp-json/wp/v2/users/me?JWT=' . rawurlencode( $jwt ) )['json']['id'], 'the JWT parameter' );
		$valid = $this->bearer( 'GET', '/wp-json/simple-jwt-login/v1/auth/validate', $jwt );
		$this->assertSame( 200, $valid['status'] );
		$this->assertSame( $editor, $valid['json']['data']['user']['ID'] );

		$now      = time();
		$tokens   = $this->in_site(
			"return array(
				'expired'   => fixture_simple_jwt_login_mint( array( 'id' => $editor, 'iat' => $now - 7200, 'exp' => $now - 3600 ) ),
				'signature' => fixture_simple_jwt_login_mint( array( 'id' => $editor ), '" . self::OTHER_SECRET . "' ),
				'unknown'   => fixture_simple_jwt_login_mint( array( 'id' => " . self::NO_SUCH_USER . " ) ),
				'no_id'     => fixture_simple_jwt_login_mint( array( 'id' => null, 'email' => 'editor@example.com' ) ),
				'leeway'    => fixture_simple_jwt_login_mint( array( 'id' => $editor, 'exp' => $now - 30 ) ),
				'other_site' => fixture_simple_jwt_login_mint( array( 'id' => $editor, 'site' => 'https://another-site.example', 'iss' => 'https://another-site.example' ) ),
			);"
		);
		$refusals = array(
			'expired'   => array( 14, 401, 'Expired token' ),
			'signature' => array( 11, 400, 'Signature verification failed' ),
			'unknown'   => array( 54, 400, 'WordPress User not found.' ),
			'no_id'     => array( 30, 400, 'Unable to find user id property in JWT.' ),
		);
		foreach ( $refusals as $case => list( $code, $status, $message ) ) {
			$response = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens[ $case ] );
			$this->assertSame( $status, $response['status'], $case );
			$this->assertSame(
				array(
					'code'    => 'simple_jwt_login_middleware_error',
					'message' => $message,
					'data'    => array(
						'status'     => $status,
						'error_code' => $code,
					),
				),
				$response['json'],
				$case
			);
		}
		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['leeway'] )['json']['id'], '60 s leeway' );
		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['other_site'] )['json']['id'], 'no issuer check' );

		// Revoked.
		$revoke = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/revoke', array( 'body' => 'JWT=' . rawurlencode( $jwt ) ) );
		$this->assertSame( 200, $revoke['status'], $revoke['body'] );
		$revoked = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $jwt );
		$this->assertSame( 401, $revoked['status'] );
		$this->assertSame( 55, $revoked['json']['data']['error_code'] );
		$this->assertSame( 'This JWT is invalid.', $revoked['json']['message'] );
		$route = $this->bearer( 'GET', '/wp-json/simple-jwt-login/v1/auth/validate', $jwt );
		$this->assertSame( 401, $route['status'] );
		$this->assertSame(
			array(
				'success' => false,
				'data'    => array(
					'message'   => 'This JWT is invalid.',
					'errorCode' => 55,
				),
			),
			$route['json']
		);

		// No token: the middleware lets the request through.
		$this->assertSame( 'rest_not_logged_in', $this->bearer( 'GET', '/wp-json/wp/v2/users/me', null )['json']['code'] );
		// Any Authorization value is taken for a JWT, Basic credentials included.
		$basic = $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'as' => 'editor' ) );
		$this->assertSame( 400, $basic['status'] );
		$this->assertSame( 2, $basic['json']['data']['error_code'] );
		$this->assertSame( 'Wrong number of segments', $basic['json']['message'] );

		$wrong = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'username=editor&password=wrong' ) );
		$this->assertSame( 400, $wrong['status'] );
		$this->assertSame( 48, $wrong['json']['data']['errorCode'] );
		$this->in_site( "delete_user_meta( $editor, 'simple_jwt_login_revoked_token' ); return true;" );
	}

	/*
	 * WCPOS.
	 */

	/**
	 * Secrets made on first use; a session issued, used, refreshed; every refusal reason.
	 */
	public function test_wcpos(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$admin = $this->user( 'admin' );
		$this->in_site( 'delete_option( "woocommerce_pos_secret_key" ); delete_option( "woocommerce_pos_refresh_secret_key" ); return true;' );

		$login = $this->http( 'POST', '/wp-json/wcpos/v1/auth/login', array( 'body' => 'username=admin&password=password' ) );
		$this->assertSame( 200, $login['status'], $login['body'] );
		$access_secret  = $this->stored_option( 'woocommerce_pos_secret_key' );
		$refresh_secret = $this->stored_option( 'woocommerce_pos_refresh_secret_key' );
		$this->assertSame( 64, strlen( (string) $access_secret ), 'made on first use' );
		$this->assertSame( 64, strlen( (string) $refresh_secret ) );
		$this->assertNotSame( $access_secret, $refresh_secret );

		$access  = $this->peek( $login['json']['access_token'] )['claims'];
		$refresh = $this->peek( $login['json']['refresh_token'] )['claims'];
		$this->assertSame( array( 'iss', 'iat', 'exp', 'jti', 'type', 'data', 'refresh_jti' ), array_keys( $access ) );
		$this->assertSame( 'access', $access['type'] );
		$this->assertSame( 'refresh', $refresh['type'] );
		$this->assertSame( $refresh['jti'], $access['refresh_jti'] );
		$this->assertSame( $this->site_url(), $access['iss'] );
		$this->assertSame( $admin, $access['data']['user']['id'] );
		$this->assertSame( 1800, $access['exp'] - $access['iat'] );
		$this->assertSame( 30 * DAY_IN_SECONDS, $refresh['exp'] - $refresh['iat'] );
		$this->assertSame( $login['json']['access_token'], \Auth_Sentinel_Fixture_HS256::encode( $access, (string) $access_secret ) );
		$this->assertSame( $login['json']['refresh_token'], \Auth_Sentinel_Fixture_HS256::encode( $refresh, (string) $refresh_secret ) );
		$session = $this->in_site( "return get_user_meta( $admin, '_woocommerce_pos_refresh_tokens', true )['" . $refresh['jti'] . "'] ?? null;" );
		$this->assertSame( $refresh['exp'], $session['expires'], 'the session, keyed by jti' );

		// Used.
		$sessions = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $login['json']['access_token'] );
		$this->assertSame( 200, $sessions['status'], $sessions['body'] );
		$this->assertContains( $refresh['jti'], array_column( $sessions['json']['sessions'], 'jti' ) );
		$this->assertSame( $admin, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $login['json']['access_token'] )['json']['id'] );

		// Refreshed: HTTP answers and error bodies as the plugin sends them.
		$refreshed = $this->http( 'POST', '/wp-json/wcpos/v1/auth/refresh', array( 'body' => 'refresh_token=' . rawurlencode( $login['json']['refresh_token'] ) ) );
		$this->assertSame( 200, $refreshed['status'] );
		$this->assertSame( 'Bearer', $refreshed['json']['token_type'] );
		$this->assertSame( $refresh['jti'], $this->peek( $refreshed['json']['access_token'] )['claims']['refresh_jti'] );
		$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $refreshed['json']['access_token'] )['status'] );

		// Refused access tokens: the gate's 401 carries the reason.
		$now     = time();
		$tokens  = $this->in_site(
			"\$revoked = fixture_wcpos_mint( array( 'user_id' => $admin ) );
			fixture_wcpos_blacklist( json_decode( base64_decode( strtr( explode( '.', \$revoked )[1], '-_', '+/' ) ) )->jti );
			return array(
				'expired'   => fixture_wcpos_mint( array( 'user_id' => $admin, 'iat' => $now - 7200, 'exp' => $now - 3600 ) ),
				'signature' => fixture_wcpos_mint( array( 'user_id' => $admin ), 'access', '" . self::OTHER_SECRET . "' ),
				'iss'       => fixture_wcpos_mint( array( 'user_id' => $admin, 'iss' => 'https://another-site.example' ) ),
				'type'      => fixture_wcpos_mint( array( 'user_id' => $admin, 'type' => 'refresh' ) ),
				'refresh'   => fixture_wcpos_mint( array( 'user_id' => $admin ), 'refresh' ),
				'no_user'   => fixture_wcpos_mint( array() ),
				'revoked'   => \$revoked,
			);"
		);
		$reasons = array(
			'expired'   => array( 'woocommerce_pos_auth_token_expired', 'Token expired' ),
			'signature' => array( 'woocommmerce_pos_auth_invalid_token', 'Signature verification failed' ),
			'iss'       => array( 'woocommmerce_pos_auth_bad_iss', 'The iss do not match with this server' ),
			'type'      => array( 'woocommmerce_pos_auth_invalid_token_type', 'Invalid token type' ),
			'refresh'   => array( 'woocommmerce_pos_auth_invalid_token', 'Signature verification failed' ),
			'no_user'   => array( 'woocommmerce_pos_auth_bad_request', 'User ID not found in the token' ),
			'revoked'   => array( 'woocommerce_pos_auth_token_revoked', 'Access token has been revoked' ),
		);
		$checked = $this->in_site(
			'$out = array(); foreach ( ' . var_export( $tokens, true ) . ' as $case => $token ) { $r = fixture_wcpos_validate( $token ); $out[ $case ] = is_wp_error( $r ) ? array( $r->get_error_code(), $r->get_error_message(), $r->get_error_data()["status"] ) : null; } return $out;'
		);
		foreach ( $reasons as $case => list( $code, $message ) ) {
			$this->assertSame( array( $code, $message, 403 ), $checked[ $case ], "$case: Services\\Auth::validate_token()" );
			$response = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $tokens[ $case ] );
			$this->assertSame( 401, $response['status'], $case );
			$this->assertSame(
				array(
					'code'    => 'woocommerce_pos_rest_unauthorized',
					'message' => 'Authentication required.',
					'data'    => array(
						'status' => 401,
						'reason' => $code,
					),
				),
				$response['json'],
				$case
			);
			$this->assertSame( 'rest_not_logged_in', $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens[ $case ] )['json']['code'], "$case outside wcpos/v1" );
		}

		// No token at all: no reason.
		$none = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', null );
		$this->assertSame( 401, $none['status'] );
		$this->assertSame( array( 'status' => 401 ), $none['json']['data'] );

		// Signed in without POS access.
		$author = $this->http( 'GET', '/wp-json/wcpos/v1/auth/sessions', array( 'as' => 'author' ) );
		$this->assertSame( 403, $author['status'] );
		$this->assertSame( 'woocommerce_pos_rest_forbidden', $author['json']['code'] );
	}

	/**
	 * Revoking a session fails its access tokens at once (session_revoked) and its refresh
	 * token (refresh_token_revoked); a refresh for a user who is gone is user_not_found (404).
	 */
	public function test_wcpos_revocation_and_unknown_user(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$editor = $this->user( 'editor' );
		$admin  = $this->user( 'admin' );
		$this->fixture_grant( $editor, 'access_woocommerce_pos' );

		$cashier = $this->http( 'POST', '/wp-json/wcpos/v1/auth/login', array( 'body' => 'username=editor&password=password' ) )['json'];
		$manager = $this->http( 'POST', '/wp-json/wcpos/v1/auth/login', array( 'body' => 'username=admin&password=password' ) )['json'];
		$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $cashier['access_token'] )['status'], 'a cashier with access_woocommerce_pos' );
		$jti = $this->peek( $cashier['refresh_token'] )['claims']['jti'];

		// The manager revokes the cashier's session over the plugin's route.
		$deleted = $this->bearer( 'DELETE', "/wp-json/wcpos/v1/auth/sessions/$jti?user_id=$editor", $manager['access_token'] );
		$this->assertSame( 200, $deleted['status'], $deleted['body'] );
		$this->assertTrue( $deleted['json']['success'] );
		$this->assertArrayNotHasKey( $jti, (array) $this->in_site( "return get_user_meta( $editor, '_woocommerce_pos_refresh_tokens', true );" ) );

		$refused = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $cashier['access_token'] );
		$this->assertSame( 401, $refused['status'] );
		$this->assertSame( 'woocommerce_pos_auth_session_revoked', $refused['json']['data']['reason'] );

		// The refresh route hides the code (and sends HTTP 200); Services\Auth has it.
		$refresh = $this->http( 'POST', '/wp-json/wcpos/v1/auth/refresh', array( 'body' => 'refresh_token=' . rawurlencode( $cashier['refresh_token'] ) ) );
		$this->assertSame( 200, $refresh['status'] );
		$this->assertSame(
			array(
				'error'             => 'invalid_grant',
				'error_description' => 'Refresh token has been revoked',
			),
			$refresh['json']
		);
		$this->assertSame(
			array( 'woocommerce_pos_auth_refresh_token_revoked', 403 ),
			$this->in_site( '$r = fixture_wcpos_refresh( ' . var_export( $cashier['refresh_token'], true ) . ' ); return array( $r->get_error_code(), $r->get_error_data()["status"] );' )
		);

		// Expired refresh token.
		$expired = $this->in_site( "return fixture_wcpos_refresh( fixture_wcpos_mint( array( 'user_id' => $admin, 'exp' => time() - 60 ), 'refresh' ) )->get_error_code();" );
		$this->assertSame( 'woocommerce_pos_auth_token_expired', $expired );

		// A user who is gone while the session row stayed: user_not_found, 404.
		$unknown = $this->in_site(
			'$user = ' . self::NO_SUCH_USER . '; $token = fixture_wcpos_mint( array( "user_id" => $user ), "refresh" );
			$jti = json_decode( base64_decode( strtr( explode( ".", $token )[1], "-_", "+/" ) ) )->jti;
			update_user_meta( $user, "_woocommerce_pos_refresh_tokens", array( $jti => array( "expires" => time() + 3600, "created" => time(), "last_active" => time() ) ) );
			$r = fixture_wcpos_refresh( $token );
			return array( "token" => $token, "code" => $r->get_error_code(), "status" => $r->get_error_data()["status"] );'
		);
		$this->assertSame( 'woocommerce_pos_auth_user_not_found', $unknown['code'] );
		$this->assertSame( 404, $unknown['status'] );
		$this->assertSame( 'User not found', $this->http( 'POST', '/wp-json/wcpos/v1/auth/refresh', array( 'body' => 'refresh_token=' . rawurlencode( $unknown['token'] ) ) )['json']['error_description'] );
		$this->in_site( 'delete_metadata( "user", ' . self::NO_SUCH_USER . ', "_woocommerce_pos_refresh_tokens" ); return true;' );

		// An access token for a user who is gone authenticates nobody: no reason is given.
		$ghost = $this->in_site( 'return fixture_wcpos_mint( array( "user_id" => ' . self::NO_SUCH_USER . ' ) );' );
		$gone  = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $ghost );
		$this->assertSame( 401, $gone['status'] );
		$this->assertSame( array( 'status' => 401 ), $gone['json']['data'] );

		// Missing refresh_token: WordPress refuses the request before the plugin sees it.
		$missing = $this->http( 'POST', '/wp-json/wcpos/v1/auth/refresh' );
		$this->assertSame( 400, $missing['status'] );
		$this->assertSame( 'rest_missing_callback_param', $missing['json']['code'] );

		$this->in_site( "return fixture_wcpos_revoke_all( $editor ) && fixture_wcpos_revoke_all( $admin );" );
	}

	/*
	 * Several issuers at once.
	 */

	/**
	 * WCPOS and JWT Authentication for WP REST API together: the latter runs first (10 < 20),
	 * fails the WCPOS token's signature with JWT_AUTH_SECRET_KEY, and its rest_pre_dispatch
	 * refuses the request although WCPOS authenticated the user.
	 */
	public function test_plugin_conflict_wcpos_token_refused_by_jwt_authentication(): void {
		$this->fixture_jwt_secret( self::SECRET );
		$this->enable_fixtures( array( 'fixture-wcpos', 'fixture-jwt-auth-wp-rest-api' ) );
		$admin = $this->user( 'admin' );
		$pos   = $this->http( 'POST', '/wp-json/wcpos/v1/auth/login', array( 'body' => 'username=admin&password=password' ) )['json'];
		$this->assertSame( 'access', $this->in_site( 'return fixture_wcpos_validate( ' . var_export( $pos['access_token'], true ) . ' )->type;' ), 'a good WCPOS token' );

		foreach ( array( '/wp-json/wcpos/v1/auth/sessions', '/wp-json/wp/v2/users/me' ) as $path ) {
			$response = $this->bearer( 'GET', $path, $pos['access_token'] );
			$this->assertSame( 403, $response['status'], $path );
			$this->assertSame( 'jwt_auth_invalid_token', $response['json']['code'], $path );
			$this->assertSame( 'Signature verification failed', $response['json']['message'], $path );
		}

		// The other way round, a JWT Authentication token signs the user in before WCPOS looks.
		$tmeister = $this->in_site( "return fixture_jwt_auth_wp_rest_api_mint( array( 'user_id' => $admin ) );" );
		$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $tmeister )['status'] );
		$this->in_site( "return fixture_wcpos_revoke_all( $admin );" );
	}

	/**
	 * Simple JWT Login's middleware (rest_authentication_errors, 0) refuses another plugin's
	 * token before that plugin is asked.
	 */
	public function test_plugin_conflict_simple_jwt_login_refuses_wcpos_token(): void {
		$this->enable_fixtures( array( 'fixture-wcpos', 'fixture-simple-jwt-login' ) );
		$admin = $this->user( 'admin' );
		$pos   = $this->in_site( "return fixture_wcpos_issue( $admin )['access_token'];" );
		$me    = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $pos );
		$this->assertSame( 400, $me['status'] );
		$this->assertSame( 'simple_jwt_login_middleware_error', $me['json']['code'] );
		$this->assertSame( 11, $me['json']['data']['error_code'] );
		$this->in_site( "return fixture_wcpos_revoke_all( $admin );" );
	}

	/*
	 * Malformed input.
	 */

	/**
	 * Garbage, a 64 KB header, non-JSON parts and claims of the wrong types are refused without a
	 * single PHP warning or notice from the fixtures, and never with a server error.
	 */
	public function test_malformed_tokens_cause_no_php_warnings(): void {
		$this->fixture_jwt_secret( self::SECRET );
		$site = $this->site_url();

		foreach ( array( array( 'fixture-jwt-auth-wp-rest-api', 'fixture-wcpos', 'fixture-simple-jwt-login' ), array( 'fixture-jwt-auth' ) ) as $slugs ) {
			$this->enable_fixtures( $slugs );
			$keys   = $this->in_site(
				'$keys = array( ' . var_export( self::SECRET, true ) . ' );
				if ( function_exists( "fixture_wcpos_mint" ) ) { fixture_wcpos_mint( array() ); fixture_wcpos_mint( array(), "refresh" ); $keys[] = get_option( "woocommerce_pos_secret_key" ); $keys[] = get_option( "woocommerce_pos_refresh_secret_key" ); }
				if ( function_exists( "fixture_simple_jwt_login_key" ) ) { $keys[] = fixture_simple_jwt_login_key(); }
				return $keys;'
			);
			$values = $this->malformed_authorization_values( $keys, $site );
			$mark   = $this->debug_log_mark();
			foreach ( $values as $label => $value ) {
				$token    = 0 === strpos( $value, 'Bearer ' ) ? substr( $value, 7 ) : $value;
				$requests = array(
					array( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( 'Authorization: ' . $value ) ) ),
					array( 'POST', '/wp-json/jwt-auth/v1/token/validate', array( 'headers' => array( 'Authorization: ' . $value ) ) ),
					array( 'GET', '/wp-json/wcpos/v1/auth/sessions', array( 'headers' => array( 'Authorization: ' . $value ) ) ),
					array( 'GET', '/wp-json/wcpos/v1/auth/sessions?authorization=' . rawurlencode( substr( $value, 0, 4000 ) ), array() ),
					array( 'POST', '/wp-json/wcpos/v1/auth/refresh', array( 'body' => 'refresh_token=' . rawurlencode( $token ) ) ),
					array( 'GET', '/wp-json/simple-jwt-login/v1/auth/validate', array( 'headers' => array( 'Authorization: ' . $value ) ) ),
					array( 'POST', '/wp-json/simple-jwt-login/v1/auth/refresh', array( 'body' => 'JWT=' . rawurlencode( $token ) ) ),
					array( 'POST', '/wp-json/jwt-auth/v1/token/refresh', array( 'headers' => array( 'Cookie: refresh_token=' . rawurlencode( substr( $token, 0, 3000 ) ) ) ) ),
				);
				foreach ( $requests as list( $method, $path, $options ) ) {
					$response = $this->http( $method, $path, $options );
					$this->assertGreaterThan( 0, $response['status'], "$label: $method $path answered" );
					$this->assertLessThan( 500, $response['status'], "$label: $method $path " . substr( $response['body'], 0, 300 ) );
				}
			}
			// PHP messages from the fixtures, or from WordPress fed by them; Auth Sentinel's own
			// code (includes/, src/) is other tests' business.
			$own           = preg_quote( dirname( __DIR__, 2 ), '#' ) . '/(includes|src)/';
			$fixture_lines = array_filter(
				$this->debug_log_since( $mark ),
				static function ( string $line ) use ( $own ): bool {
					return (bool) preg_match( '/PHP (Fatal error|Warning|Notice|Deprecated|Parse error|Recoverable)/i', $line ) && ! preg_match( '#' . $own . '#', $line );
				}
			);
			$this->assertSame( array(), array_values( $fixture_lines ), 'no PHP message caused by the fixtures (' . implode( ', ', $slugs ) . ')' );
		}
	}

	/**
	 * Authorization values that no fixture may choke on: unsigned garbage, and tokens correctly
	 * signed with each key but with broken headers or claims.
	 *
	 * @param string[] $keys Signing keys in use on the site.
	 * @param string   $site The site URL.
	 * @return array<string, string>
	 */
	private function malformed_authorization_values( array $keys, string $site ): array {
		$b64       = array( \Auth_Sentinel_Fixture_HS256::class, 'b64url_encode' );
		$values    = array(
			'garbage'        => 'Bearer garbage',
			'bearer only'    => 'Bearer',
			'basic'          => 'Basic ' . base64_encode( 'nobody:nothing' ),
			'dots'           => 'Bearer ....',
			'two parts'      => 'Bearer abc.def',
			'not base64'     => 'Bearer @@@.###.$$$',
			'non json parts' => 'Bearer ' . $b64( 'not json' ) . '.' . $b64( '{{{' ) . '.' . $b64( 'sig' ),
			'64 KB'          => 'Bearer ' . str_repeat( 'A', 65536 ),
			'64 KB parts'    => 'Bearer ' . str_repeat( 'e', 21840 ) . '.' . str_repeat( 'y', 21840 ) . '.' . str_repeat( 'J', 21840 ),
			'bare jwt shape' => $b64( '{"alg":"HS256"}' ) . '.' . $b64( '[]' ) . '.' . $b64( 'x' ),
			'unicode'        => 'Bearer é.ü.ß',
		);
		$site_json = wp_json_encode( $site );
		$headers   = array(
			'alg list'    => '{"typ":"JWT","alg":["HS256"]}',
			'alg none'    => '{"typ":"JWT","alg":"none"}',
			'no alg'      => '{"typ":"JWT"}',
			'header list' => '[]',
			'alg HS512'   => '{"typ":"JWT","alg":"HS512"}',
		);
		$payloads  = array(
			'list'        => '[1,2,3]',
			'string'      => '"claims"',
			'number'      => '42',
			'null'        => 'null',
			'not json'    => 'not json',
			'bad utf8'    => "{\"iss\":\"\xff\xfe\"}",
			'deep'        => str_repeat( '[', 600 ) . str_repeat( ']', 600 ),
			'wrong types' => '{"iss":["x"],"data":"str","exp":"soon","iat":{"a":1},"nbf":null,"jti":["x"],"type":{"t":1}}',
			'user list'   => '{"iss":' . $site_json . ',"type":"access","data":{"user":[1,2]},"id":[1]}',
			'id array'    => '{"iss":' . $site_json . ',"type":"access","data":{"user":{"id":[1],"pass":[],"device":{"x":1}}},"id":{"a":1}}',
			'id word'     => '{"iss":' . $site_json . ',"type":"access","data":{"user":{"id":"admin"}},"id":"admin"}',
			'huge times'  => '{"iss":' . $site_json . ',"type":"access","exp":1e400,"iat":99999999999999999999999,"nbf":-1e400,"data":{"user":{"id":1}},"id":1}',
			'bad jti'     => '{"iss":' . $site_json . ',"type":"access","jti":{"x":1},"refresh_jti":[1],"data":{"user":{"id":1}},"id":1}',
			'iss object'  => '{"iss":{"url":' . $site_json . '},"type":"access","data":{"user":{"id":1}}}',
			'future nbf'  => '{"iss":' . $site_json . ',"type":"access","nbf":9999999999,"data":{"user":{"id":1}},"id":1}',
		);
		foreach ( $keys as $k => $key ) {
			foreach ( $payloads as $name => $payload ) {
				$values[ "key $k, payload $name" ] = 'Bearer ' . \Auth_Sentinel_Fixture_HS256::sign_raw( '{"typ":"JWT","alg":"HS256"}', $payload, (string) $key );
			}
			foreach ( $headers as $name => $header ) {
				$values[ "key $k, header $name" ] = 'Bearer ' . \Auth_Sentinel_Fixture_HS256::sign_raw( $header, '{"iss":' . $site_json . ',"data":{"user":{"id":1}}}', (string) $key );
			}
		}
		return $values;
	}
}
