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
	 * firebase/php-jwt (a Composer development dependency) signs the fixtures' tokens inside the
	 * site: loaded from the repository's vendor/autoload.php.
	 */
	public function test_fixtures_sign_with_firebase_php_jwt(): void {
		$loaded = $this->in_site( 'return array( class_exists( "Firebase\\JWT\\JWT" ), Auth_Sentinel_Fixture_JWT::available(), ( new ReflectionClass( "Firebase\\JWT\\JWT" ) )->getFileName() );' );
		$this->assertTrue( $loaded[0], 'php-jwt loaded by the fixtures' );
		$this->assertTrue( $loaded[1] );
		$this->assertStringEndsWith( '/vendor/firebase/php-jwt/src/JWT.php', $loaded[2] );
		$this->assertSame( \Firebase\JWT\JWT::encode( array( 'a' => 1 ), self::SECRET, 'HS256' ), \Auth_Sentinel_Fixture_JWT::encode( array( 'a' => 1 ), self::SECRET ) );
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
		$this->assertSame( $issued['json']['token'], \Firebase\JWT\JWT::encode( $token['claims'], self::SECRET, 'HS256' ), 'php-jwt, HS256 with JWT_AUTH_SECRET_KEY' );

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
				'unknown'   => fixture_jwt_auth_wp_rest_api_mint( array( 'user_id' => " . self::NO_SUCH_USER . " ) ),
				'nbf'       => fixture_jwt_auth_wp_rest_api_mint( array( 'user_id' => $editor, 'nbf' => $now + 7200 ) ),
				'iat'       => fixture_jwt_auth_wp_rest_api_mint( array( 'user_id' => $editor, 'iat' => $now + 7200 ) ),
			);"
		);
		// php-jwt 6.4 (bundled by 1.3.4): 'Cannot handle token prior to', iat checked beside nbf.
		$refusals = array(
			'expired'   => array( 'jwt_auth_invalid_token', 'Expired token' ),
			'signature' => array( 'jwt_auth_invalid_token', 'Signature verification failed' ),
			'iss'       => array( 'jwt_auth_bad_iss', 'The iss do not match with this server' ),
			'no_user'   => array( 'jwt_auth_bad_request', 'User ID not found in the token' ),
			'nbf'       => array( 'jwt_auth_invalid_token', 'Cannot handle token prior to ' . gmdate( 'Y-m-d\\TH:i:sO', $now + 7200 ) ),
			'iat'       => array( 'jwt_auth_invalid_token', 'Cannot handle token prior to ' . gmdate( 'Y-m-d\\TH:i:sO', $now + 7200 ) ),
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
		$used = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', \Auth_Sentinel_Fixture_JWT::encode( array( 'iss' => $this->site_url() ), self::SECRET ) );
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
				'nbf'       => fixture_jwt_auth_mint( array( 'user_id' => $editor, 'nbf' => $now + 7200 ) ),
			);"
		);
		$refusals = array(
			'expired'   => array( 'jwt_auth_invalid_token', 'Expired token' ),
			'signature' => array( 'jwt_auth_invalid_token', 'Signature verification failed' ),
			'iss'       => array( 'jwt_auth_bad_iss', 'The iss do not match with this server.' ),
			'no_user'   => array( 'jwt_auth_bad_request', 'User ID not found in the token.' ),
			'unknown'   => array( 'jwt_auth_invalid_token', 'Invalid token' ),
			'device'    => array( 'jwt_auth_obsolete_token', 'Token is obsolete' ),
			'nbf'       => array( 'jwt_auth_invalid_token', 'Cannot handle token prior to ' . gmdate( 'Y-m-d\\TH:i:sO', $now + 7200 ) ),
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
			// Since 3.0.0 valid tokens sign in and any other is ignored: the endpoint answers.
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

			// What the plugin answers (in-process: Auth Sentinel's own gate may answer first over HTTP).
			$after = $this->in_site( 'return fixture_jwt_auth_check( ' . var_export( $token, true ) . ' );' );
			$this->assertSame( 401, $after['status'] );
			$this->assertSame( 'jwt_auth_obsolete_token', $after['body']['code'] );
			$this->assertSame( 'Token is obsolete', $after['body']['message'] );

			$fresh = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => "username=$login&password=a-new-password" ) );
			$this->assertSame( 'jwt_auth_valid_token', $this->in_site( 'return fixture_jwt_auth_check( ' . var_export( $fresh['json']['data']['token'], true ) . ' );' )['body']['code'] );
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
	 * Master's /token (class-auth.php L148-230): credentials win over the refresh cookie; with
	 * neither, jwt_auth_missing_credentials 401; a cookie whose user is gone is
	 * jwt_auth_invalid_refresh_token; the cookie alone gets a token without a new cookie.
	 */
	public function test_jwt_auth_usefulteam_token_route_precedence(): void {
		$this->fixture_jwt_secret( self::SECRET );
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$editor = $this->user( 'editor' );
		$admin  = $this->user( 'admin' );
		$jar    = tempnam( sys_get_temp_dir(), 'as-fixture' );
		$this->http(
			'POST',
			'/wp-json/jwt-auth/v1/token',
			array(
				'body'    => 'username=editor&password=password',
				'cookies' => $jar,
			)
		);
		$this->assertSame( 1, preg_match( '/refresh_token\s+(\S+)/', (string) file_get_contents( $jar ), $cookie ) );

		// Credentials beside the editor's cookie: the admin signs in, and gets a new cookie.
		$both = $this->http(
			'POST',
			'/wp-json/jwt-auth/v1/token',
			array(
				'body'    => 'username=admin&password=password',
				'headers' => array( 'Cookie: refresh_token=' . $cookie[1] ),
			)
		);
		$this->assertSame( 200, $both['status'], $both['body'] );
		$this->assertSame( $admin, $both['json']['data']['id'], 'credentials win' );
		$this->assertStringStartsWith( 'refresh_token=' . $admin . '.', $both['headers']['set-cookie'] ?? '' );

		// The cookie alone: a token for its user, and no new cookie.
		$alone = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'headers' => array( 'Cookie: refresh_token=' . $cookie[1] ) ) );
		$this->assertSame( $editor, $alone['json']['data']['id'] );
		$this->assertArrayNotHasKey( 'set-cookie', $alone['headers'] );

		$missing = array(
			'nothing'       => array(),
			'username only' => array( 'body' => 'username=editor' ),
		);
		foreach ( $missing as $case => $options ) {
			$response = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', $options );
			$this->assertSame( 401, $response['status'], $case );
			$this->assertSame(
				array(
					'success'    => false,
					'statusCode' => 401,
					'code'       => 'jwt_auth_missing_credentials',
					'message'    => 'Username and password are required',
					'data'       => array(),
				),
				$response['json'],
				$case
			);
		}

		// A stored refresh token whose user does not exist.
		$ghost = self::NO_SUCH_USER;
		$this->in_site( "update_user_meta( $ghost, 'jwt_auth_refresh_tokens', array( '' => array( 'token' => str_repeat( 'b', 64 ), 'expires' => time() + 3600 ) ) ); return true;" );
		$gone = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'headers' => array( 'Cookie: refresh_token=' . $ghost . '.' . str_repeat( 'b', 64 ) ) ) );
		$this->assertSame( 401, $gone['status'] );
		$this->assertSame(
			array(
				'success'    => false,
				'statusCode' => 401,
				'code'       => 'jwt_auth_invalid_refresh_token',
				'message'    => 'Invalid refresh token',
				'data'       => array(),
			),
			$gone['json']
		);
		$this->in_site( "delete_metadata( 'user', $ghost, 'jwt_auth_refresh_tokens' ); global \$wpdb; \$wpdb->query( \"DELETE FROM \$wpdb->usermeta WHERE user_id IN ( $editor, $admin ) AND meta_key LIKE 'jwt\\_auth\\_%'\" ); clean_user_cache( $editor ); clean_user_cache( $admin ); return true;" );
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
	 * The body of a Simple JWT Login refusal: { success: false, data: { message, error_code } }
	 * (the middleware's after the priority-0 rewrite, or a route's wp_send_json_error()).
	 *
	 * @param string $message Message.
	 * @param int    $code    Error code.
	 * @return array
	 */
	private static function sjl_error( string $message, int $code ): array {
		return array(
			'success' => false,
			'data'    => array(
				'message'    => $message,
				'error_code' => $code,
			),
		);
	}

	/**
	 * Rows of the plugin's tables for a user.
	 *
	 * @param string $table simple_jwt_login_refresh_tokens or simple_jwt_login_revoked_tokens.
	 * @param int    $user_id User id.
	 * @return array[]
	 */
	private function sjl_rows( string $table, int $user_id ): array {
		global $wpdb;
		return (array) $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$wpdb->prefix}{$table} WHERE user_id = %d", $user_id ), ARRAY_A ); // phpcs:ignore WordPress.DB
	}

	/**
	 * Empties the plugin's tables for a user.
	 *
	 * @param int $user_id User id.
	 * @return void
	 */
	private function sjl_forget( int $user_id ): void {
		global $wpdb;
		foreach ( array( 'simple_jwt_login_refresh_tokens', 'simple_jwt_login_revoked_tokens' ) as $table ) {
			$wpdb->delete( $wpdb->prefix . $table, array( 'user_id' => $user_id ) ); // phpcs:ignore WordPress.DB
		}
	}

	/**
	 * Settings (4.0 schema 2, general.decryption_key), token issued by POST auth with a refresh
	 * token, encoded as the plugin's own library does, used through the middleware.
	 */
	public function test_simple_jwt_login_issues_and_accepts_tokens(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		$editor = $this->user( 'editor' );

		$issued = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'username=editor&password=password' ) );
		$this->assertSame( 200, $issued['status'], $issued['body'] );
		$this->assertTrue( $issued['json']['success'] );
		$this->assertSame( array( 'jwt', 'refresh_token' ), array_keys( $issued['json']['data'] ) );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $issued['json']['data']['refresh_token'] );
		$jwt    = $issued['json']['data']['jwt'];
		$claims = $this->peek( $jwt )['claims'];
		$this->assertSame( array( 'iat', 'exp', 'email', 'id', 'site', 'username' ), array_keys( $claims ) );
		$this->assertSame( $editor, $claims['id'] );
		$this->assertSame( 'editor', $claims['username'] );
		$this->assertSame( 3600, $claims['exp'] - $claims['iat'] );

		$settings = json_decode( (string) $this->stored_option( 'simple_jwt_login_settings' ), true );
		$this->assertSame( 2, $settings['_schema_version'] );
		$this->assertArrayNotHasKey( 'decryption_key', $settings, 'no flat 3.x key' );
		$key = $settings['general']['decryption_key'];
		$this->assertSame( $key, $this->in_site( 'return fixture_simple_jwt_login_key();' ) );
		$this->assertTrue( $settings['general']['api_middleware']['enabled'] );
		// The plugin's library writes json_encode() with its default flags: slashes escaped.
		$this->assertStringContainsString( '\/', (string) \Auth_Sentinel_Fixture_JWT::b64url_decode( explode( '.', $jwt )[1] ) );
		$this->assertSame( $jwt, \Auth_Sentinel_Fixture_JWT::sign_raw( (string) wp_json_encode( array( 'typ' => 'JWT', 'alg' => 'HS256' ) ), (string) wp_json_encode( $claims ), $key ), 'HMAC-SHA256 with general.decryption_key' );

		// Sources: Bearer, bare, the JWT parameter (query, or a JSON body, any case).
		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $jwt )['json']['id'] );
		$this->assertSame( $editor, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( 'Authorization: ' . $jwt ) ) )['json']['id'], 'a bare JWT' );
		$this->assertSame( $editor, $this->http( 'GET', '/wp-json/wp/v2/users/me?JWT=' . rawurlencode( $jwt ) )['json']['id'], 'the JWT parameter' );
		$json = $this->http(
			'POST',
			'/wp-json/wp/v2/users/me',
			array(
				'headers' => array( 'Content-Type: application/json' ),
				'body'    => wp_json_encode( array( 'jwt' => $jwt ) ),
			)
		);
		$this->assertSame( $editor, $json['json']['id'] ?? null, 'a JSON body, the name matched case-insensitively: ' . $json['body'] );

		// Another Authorization scheme is not a JWT: application passwords keep working.
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'as' => 'editor' ) )['status'] );
		// The header is read with getallheaders(): a server that stripped it from $_SERVER does not hide it.
		foreach ( array( 'redirect', 'drop' ) as $mode ) {
			$stripped = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $jwt, array( 'headers' => array( 'X-Fixture-Strip-Authorization: ' . $mode ) ) );
			$this->assertSame( $editor, $stripped['json']['id'] ?? null, $mode . ': ' . $stripped['body'] );
		}
		// The middleware leaves the plugin's own namespace alone, wherever the URL names it.
		$skipped = $this->http( 'GET', '/wp-json/wp/v2/users/me?x=simple-jwt-login/v1/', array( 'headers' => array( 'Authorization: Bearer not-a-jwt' ) ) );
		$this->assertSame( 'rest_not_logged_in', $skipped['json']['code'] );
		$this->sjl_forget( $editor );
	}

	/**
	 * The middleware (rest_authentication_errors 0): WP_Error simple_jwt_login_middleware_error
	 * with the 4.0 statuses, its body rewritten by rest_post_dispatch 0.
	 */
	public function test_simple_jwt_login_middleware_refusals(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		$editor = $this->user( 'editor' );
		$now    = time();
		$tokens = $this->in_site(
			"\$key = fixture_simple_jwt_login_key();
			return array(
				'expired'    => fixture_simple_jwt_login_mint( array( 'id' => $editor, 'iat' => $now - 7200, 'exp' => $now - 3600 ) ),
				'signature'  => fixture_simple_jwt_login_mint( array( 'id' => $editor ), '" . self::OTHER_SECRET . "' ),
				'unknown'    => fixture_simple_jwt_login_mint( array( 'id' => " . self::NO_SUCH_USER . " ) ),
				'no_id'      => fixture_simple_jwt_login_mint( array( 'id' => null, 'email' => 'editor@example.com' ) ),
				'nbf'        => fixture_simple_jwt_login_mint( array( 'id' => $editor, 'nbf' => $now + 7200 ) ),
				'iat'        => fixture_simple_jwt_login_mint( array( 'id' => $editor, 'nbf' => $now, 'iat' => $now + 7200 ) ),
				'alg'        => Auth_Sentinel_Fixture_JWT::sign_raw( '{\"typ\":\"JWT\",\"alg\":\"HS512\"}', '{\"id\":$editor}', \$key, 'HS512' ),
				'json'       => Auth_Sentinel_Fixture_JWT::sign_raw( '{\"typ\":\"JWT\",\"alg\":\"HS256\"}', '{not json', \$key ),
				'leeway'     => fixture_simple_jwt_login_mint( array( 'id' => $editor, 'exp' => $now - 30 ) ),
				'other_site' => fixture_simple_jwt_login_mint( array( 'id' => $editor, 'site' => 'https://another-site.example', 'iss' => 'https://another-site.example' ) ),
			);"
		);
		$refusals = array(
			'expired'   => array( 400, 14, 'Expired token' ),
			'signature' => array( 400, 11, 'Signature verification failed' ),
			'garbage'   => array( 400, 2, 'Wrong number of segments' ),
			'json'      => array( 400, 22, 'Syntax error, malformed JSON' ),
			'alg'       => array( 400, 8, 'Algorithm not allowed' ),
			'nbf'       => array( 400, 12, 'Cannot handle token prior to ' . gmdate( 'Y-m-d\TH:i:sO', $now + 7200 ) ),
			'iat'       => array( 400, 13, 'Cannot handle token prior to ' . gmdate( 'Y-m-d\TH:i:sO', $now + 7200 ) ),
			'unknown'   => array( 500, 54, 'WordPress User not found.' ),
			'no_id'     => array( 500, 30, 'Unable to find user id property in JWT.' ),
		);
		$tokens['garbage'] = 'not.a-jwt';
		foreach ( $refusals as $case => list( $status, $code, $message ) ) {
			$response = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens[ $case ] );
			$this->assertSame( $status, $response['status'], "$case: " . $response['body'] );
			$this->assertSame( self::sjl_error( $message, $code ), $response['json'], $case );
		}
		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['leeway'] )['json']['id'], '60 s leeway' );
		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['other_site'] )['json']['id'], 'no issuer check' );
		$this->assertSame( 'rest_not_logged_in', $this->bearer( 'GET', '/wp-json/wp/v2/users/me', null )['json']['code'], 'no token: untouched' );

		// The priority: the WP_Error comes from rest_authentication_errors 0, the rewrite from rest_post_dispatch 0.
		$hooks = $this->in_site(
			'do_action( "rest_api_init", rest_get_server() ); global $wp_filter;
			$find = function ( $hook ) use ( $wp_filter ) { foreach ( $wp_filter[ $hook ]->callbacks as $priority => $callbacks ) { foreach ( $callbacks as $callback ) { if ( is_array( $callback["function"] ) && $callback["function"][0] instanceof Fixture_Simple_JWT_Login ) { return array( $priority, $callback["function"][1] ); } } } return null; };
			return array( $find( "rest_authentication_errors" ), $find( "rest_post_dispatch" ) );'
		);
		$this->assertSame( array( array( 0, 'middleware' ), array( 0, 'rewrite_error_response' ) ), $hooks );

		// With the middleware off (the plugin's default), tokens are not looked at, nor bodies rewritten.
		$this->in_site( 'fixture_simple_jwt_login_settings( array( "general" => array( "api_middleware" => array( "enabled" => false ) ) ) ); return true;' );
		$this->assertSame( 'rest_not_logged_in', $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['expired'] )['json']['code'] );
	}

	/**
	 * Sources and their settings: a renamed header, Bearer required, the cookie and session
	 * sources (off by default), a renamed parameter.
	 */
	public function test_simple_jwt_login_token_sources(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		$editor = $this->user( 'editor' );
		$jwt    = (string) $this->in_site( "return fixture_simple_jwt_login_mint( array( 'id' => $editor ) );" );
		$me     = function ( array $options ) {
			$response = $this->http( 'GET', '/wp-json/wp/v2/users/me' . ( $options['query'] ?? '' ), $options );
			return $response['json']['id'] ?? ( $response['json']['code'] ?? $response['body'] );
		};

		$cookie = array( 'headers' => array( 'Cookie: simple-jwt-login-token=' . $jwt ) );
		$this->assertSame( 'rest_not_logged_in', $me( $cookie ), 'cookie source off by default' );
		$this->in_site( 'fixture_simple_jwt_login_settings( array( "general" => array( "request_jwt_cookie" => 1 ) ) ); return true;' );
		$this->assertSame( $editor, $me( $cookie ), 'cookie source on' );

		$this->in_site( 'fixture_simple_jwt_login_settings( array( "general" => array( "request_keys" => array( "header" => "X-App-Jwt", "url" => "token" ) ) ) ); return true;' );
		$this->assertSame( $editor, $me( array( 'headers' => array( 'X-App-Jwt: Bearer ' . $jwt ) ) ), 'a renamed header' );
		$this->assertSame( 'rest_not_logged_in', $me( array( 'headers' => array( 'Authorization: Bearer ' . $jwt ) ) ), 'Authorization is no longer read' );
		$this->assertSame( $editor, $me( array( 'query' => '?token=' . rawurlencode( $jwt ) ) ), 'a renamed parameter' );
		$this->assertSame( 'rest_not_logged_in', $me( array( 'query' => '?JWT=' . rawurlencode( $jwt ) ) ) );

		$this->in_site( 'fixture_simple_jwt_login_settings( array( "general" => array( "request_jwt_header_require_bearer" => true ) ) ); return true;' );
		$this->assertSame( 'rest_not_logged_in', $me( array( 'headers' => array( 'X-App-Jwt: ' . $jwt ) ) ), 'bare JWT refused when Bearer is required' );
		$this->assertSame( $editor, $me( array( 'headers' => array( 'X-App-Jwt: bearer ' . $jwt ) ) ) );

		// The session source: $_SESSION['simple-jwt-login-token'] of the request's PHP session.
		$this->in_site( 'fixture_simple_jwt_login_settings( array( "general" => array( "request_jwt_session" => 1, "request_jwt_cookie" => 0 ) ) ); return true;' );
		$session = 'fixturesjl' . wp_generate_password( 12, false );
		$path    = (string) ini_get( 'session.save_path' );
		$file    = rtrim( '' === $path ? sys_get_temp_dir() : substr( $path, (int) strrpos( $path, ';' ) + ( false === strrpos( $path, ';' ) ? 0 : 1 ) ), '/' ) . '/sess_' . $session;
		file_put_contents( $file, 'simple-jwt-login-token|' . serialize( $jwt ) ); // The php serialize_handler's format.
		try {
			$this->assertSame( $editor, $me( array( 'headers' => array( 'Cookie: PHPSESSID=' . $session ) ) ), 'session source on' );
		} finally {
			unlink( $file );
		}
		// 4.0 routes call simple_jwt_login_init_session(), defined only in the plugin's test bootstrap.
		$route = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'username=editor&password=password' ) );
		$this->assertSame( 500, $route['status'] );
		$this->assertSame( self::sjl_error( 'Call to undefined function SimpleJWTLogin\Routes\Handlers\simple_jwt_login_init_session()', 0 ), $route['json'] );
	}

	/**
	 * Routes: auth (48 with 401, 46/47 with 422, wp_check_password only), validate (GET and
	 * POST), revoke (the revoked-token table, refresh tokens deleted); errors end the request
	 * with wp_send_json_error().
	 */
	public function test_simple_jwt_login_routes_and_revocation(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		$editor = $this->user( 'editor' );
		$this->sjl_forget( $editor );

		$wrong = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'username=editor&password=wrong' ) );
		$this->assertSame( 401, $wrong['status'] );
		$this->assertSame( self::sjl_error( 'Wrong user credentials.', 48 ), $wrong['json'] );
		$no_user = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'password=x' ) );
		$this->assertSame( array( 422, self::sjl_error( 'The email, username, or login parameter is missing from the request.', 46 ) ), array( $no_user['status'], $no_user['json'] ) );
		$no_password = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'email=editor@example.com' ) );
		$this->assertSame( 422, $no_password['status'] );
		$this->assertSame( 47, $no_password['json']['data']['error_code'] );

		$issued = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'login=editor&password=password' ) )['json']['data'];
		$jwt    = $issued['jwt'];
		foreach ( array( 'GET', 'POST' ) as $method ) {
			$valid = $this->bearer( $method, '/wp-json/simple-jwt-login/v1/auth/validate', $jwt );
			$this->assertSame( 200, $valid['status'], $method );
			$this->assertSame( (string) $editor, (string) $valid['json']['data']['user']['ID'] );
			$this->assertArrayNotHasKey( 'user_pass', $valid['json']['data']['user'] );
			$this->assertSame( $jwt, $valid['json']['data']['jwt']['token'], '4.0: jwt is an object' );
			$this->assertSame( array( 'typ' => 'JWT', 'alg' => 'HS256' ), $valid['json']['data']['jwt']['header'] );
		}
		$missing = $this->http( 'GET', '/wp-json/simple-jwt-login/v1/auth/validate' );
		$this->assertSame( 422, $missing['status'] );
		$this->assertSame( self::sjl_error( 'The `jwt` parameter is missing.', 53 ), $missing['json'] );
		$ghost = (string) $this->in_site( 'return fixture_simple_jwt_login_mint( array( "id" => ' . self::NO_SUCH_USER . ' ) );' );
		$unknown = $this->bearer( 'GET', '/wp-json/simple-jwt-login/v1/auth/validate', $ghost );
		$this->assertSame( array( 404, self::sjl_error( 'User not found.', 24 ) ), array( $unknown['status'], $unknown['json'] ) );

		// Revoke: sha256 of the JWT in the table, with its exp; the user's refresh tokens go.
		$this->assertCount( 1, $this->sjl_rows( 'simple_jwt_login_refresh_tokens', $editor ) );
		$revoke = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/revoke', array( 'body' => 'JWT=' . rawurlencode( $jwt ) ) );
		$this->assertSame( 200, $revoke['status'], $revoke['body'] );
		$this->assertSame(
			array(
				'success' => true,
				'message' => 'Token was revoked.',
				'data'    => array( 'jwt' => array( $jwt ) ),
			),
			$revoke['json']
		);
		$rows = $this->sjl_rows( 'simple_jwt_login_revoked_tokens', $editor );
		$this->assertCount( 1, $rows );
		$this->assertSame( hash( 'sha256', $jwt ), $rows[0]['token_hash'] );
		$this->assertSame( gmdate( 'Y-m-d H:i:s', $this->peek( $jwt )['claims']['exp'] ), $rows[0]['expires_at'] );
		$this->assertSame( array(), $this->sjl_rows( 'simple_jwt_login_refresh_tokens', $editor ), 'refresh tokens deleted' );

		$revoked = $this->in_site( 'return rest_do_request( new WP_REST_Request( "GET", "/simple-jwt-login/v1/auth/validate" ) )->get_status();' );
		$this->assertSame( 422, $revoked, 'in-process, the error comes back as a response' );
		$middleware = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $jwt );
		$this->assertSame( array( 401, self::sjl_error( 'This JWT is invalid.', 55 ) ), array( $middleware['status'], $middleware['json'] ) );
		$again = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/revoke', array( 'body' => 'JWT=' . rawurlencode( $jwt ) ) );
		$this->assertSame( array( 401, self::sjl_error( 'Token was already revoked.', 55 ) ), array( $again['status'], $again['json'] ) );

		// Routes 4.0 ships disabled answer 403 when switched off.
		$this->in_site( 'fixture_simple_jwt_login_settings( array( "authorization" => array( "validate_token_enabled" => false, "revoke_token_enabled" => false, "refresh_token_enabled" => false ) ) ); return true;' );
		$this->assertSame( array( 403, 82 ), array( ( $r = $this->http( 'GET', '/wp-json/simple-jwt-login/v1/auth/validate' ) )['status'], $r['json']['data']['error_code'] ) );
		$this->assertSame( array( 403, 83 ), array( ( $r = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/revoke' ) )['status'], $r['json']['data']['error_code'] ) );
		$this->assertSame( array( 403, 81 ), array( ( $r = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/refresh' ) )['status'], $r['json']['data']['error_code'] ) );
		$this->in_site( 'fixture_simple_jwt_login_settings( array( "authorization" => array( "enabled" => false ) ) ); return true;' );
		$this->assertSame( array( 403, 45 ), array( ( $r = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'username=editor&password=password' ) ) )['status'], $r['json']['data']['error_code'] ) );
		$this->sjl_forget( $editor );
	}

	/**
	 * 4.0's refresh: an opaque refresh_token stored as hmac-sha256 in a table, rotated; 51 for a
	 * missing (422) or unknown (401) one; 55 "User not found." when its user is gone.
	 */
	public function test_simple_jwt_login_refresh_tokens(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		$editor = $this->user( 'editor' );
		$this->sjl_forget( $editor );
		$first = (string) $this->in_site( "return fixture_simple_jwt_login_refresh_token( $editor );" );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $first );
		$settings = json_decode( (string) $this->stored_option( 'simple_jwt_login_settings' ), true );
		$rows     = $this->sjl_rows( 'simple_jwt_login_refresh_tokens', $editor );
		$this->assertCount( 1, $rows );
		$this->assertSame( hash_hmac( 'sha256', $first, $settings['authorization']['refresh_token_key'] ), $rows[0]['refresh_token'] );

		$refreshed = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/refresh', array( 'body' => 'refresh_token=' . $first ) );
		$this->assertSame( 200, $refreshed['status'], $refreshed['body'] );
		$this->assertSame( array( 'jwt', 'refresh_token' ), array_keys( $refreshed['json']['data'] ) );
		$second = $refreshed['json']['data']['refresh_token'];
		$this->assertNotSame( $first, $second, 'rotated' );
		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $refreshed['json']['data']['jwt'] )['json']['id'] );

		$old = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/refresh', array( 'body' => 'refresh_token=' . $first ) );
		$this->assertSame( array( 401, self::sjl_error( 'Invalid refresh token.', 51 ) ), array( $old['status'], $old['json'] ) );
		$missing = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/refresh' );
		$this->assertSame( array( 422, self::sjl_error( 'Refresh token is missing.', 51 ) ), array( $missing['status'], $missing['json'] ) );

		// Other JWT errors of a JWT sent along are ignored; a revoked one stops the refresh (55).
		$third = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/refresh', array( 'body' => 'refresh_token=' . $second . '&JWT=garbage' ) );
		$this->assertSame( 200, $third['status'], $third['body'] );
		$jwt = (string) $this->in_site( "return fixture_simple_jwt_login_mint( array( 'id' => $editor ) );" );
		$this->assertSame( 200, $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/revoke', array( 'body' => 'JWT=' . rawurlencode( $jwt ) ) )['status'] );
		$this->assertSame( array(), $this->sjl_rows( 'simple_jwt_login_refresh_tokens', $editor ), 'revoke deleted the refresh tokens' );
		$fourth  = (string) $this->in_site( "return fixture_simple_jwt_login_refresh_token( $editor );" );
		$refused = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/refresh', array( 'body' => 'refresh_token=' . $fourth . '&JWT=' . rawurlencode( $jwt ) ) );
		$this->assertSame( array( 401, self::sjl_error( 'This JWT is invalid.', 55 ) ), array( $refused['status'], $refused['json'] ) );

		// Its user is gone (the row stays: user deletion does not purge it).
		global $wpdb;
		$ghost = (string) $this->in_site( 'return fixture_simple_jwt_login_refresh_token( ' . self::NO_SUCH_USER . ' );' );
		$gone  = $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/refresh', array( 'body' => 'refresh_token=' . $ghost ) );
		$this->assertSame( array( 401, self::sjl_error( 'User not found.', 55 ) ), array( $gone['status'], $gone['json'] ) );
		$this->sjl_forget( self::NO_SUCH_USER );

		// Expired rows are not found.
		$stale = (string) $this->in_site( "return fixture_simple_jwt_login_refresh_token( $editor );" );
		$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->prefix}simple_jwt_login_refresh_tokens SET expires_at = %s WHERE user_id = %d", gmdate( 'Y-m-d H:i:s', time() - 86400 ), $editor ) ); // phpcs:ignore WordPress.DB
		$this->assertSame( 51, $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth/refresh', array( 'body' => 'refresh_token=' . $stale ) )['json']['data']['error_code'] );
		$this->sjl_forget( $editor );
	}

	/**
	 * GET autologin: a WordPress auth cookie (wp_set_auth_cookie) and the redirect to the dashboard.
	 */
	public function test_simple_jwt_login_autologin_sets_a_wordpress_cookie(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		$editor = $this->user( 'editor' );
		$jwt    = (string) $this->in_site( "return fixture_simple_jwt_login_mint( array( 'id' => $editor ) );" );
		$jar    = tempnam( sys_get_temp_dir(), 'as-fixture' );
		$login  = $this->http( 'GET', '/wp-json/simple-jwt-login/v1/autologin?JWT=' . rawurlencode( $jwt ), array( 'cookies' => $jar ) );
		$this->assertSame( 302, $login['status'], $login['body'] );
		$this->assertSame( admin_url(), $login['headers']['location'] );
		$this->assertMatchesRegularExpression( '/wordpress_logged_in_[0-9a-f]+\s+editor%7C/', (string) file_get_contents( $jar ), 'a logged-in cookie for the editor' );
		$profile = $this->http( 'GET', '/wp-admin/profile.php', array( 'cookies' => $jar ) );
		$this->assertSame( 200, $profile['status'], 'the cookie opens wp-admin' );

		$ghost   = (string) $this->in_site( 'return fixture_simple_jwt_login_mint( array( "id" => ' . self::NO_SUCH_USER . ' ) );' );
		$unknown = $this->http( 'GET', '/wp-json/simple-jwt-login/v1/autologin?JWT=' . rawurlencode( $ghost ) );
		$this->assertSame( array( 404, self::sjl_error( 'User not found.', 24 ) ), array( $unknown['status'], $unknown['json'] ) );
		$this->in_site( 'fixture_simple_jwt_login_settings( array( "login" => array( "enabled" => false ) ) ); return true;' );
		$off = $this->http( 'GET', '/wp-json/simple-jwt-login/v1/autologin?JWT=' . rawurlencode( $jwt ) );
		$this->assertSame( array( 403, self::sjl_error( 'Auto-login is not enabled on this website.', 26 ) ), array( $off['status'], $off['json'] ) );
	}

	/**
	 * A 3.x (schema 1) settings value, flat decryption_key, is read as 4.0 migrates it.
	 */
	public function test_simple_jwt_login_reads_flat_3x_settings(): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		$editor = $this->user( 'editor' );
		$flat   = array(
			'decryption_key'         => 'flat-3x-key-0123456789abcdef0123456789abcdef',
			'jwt_algorithm'          => 'HS256',
			'api_middleware'         => array( 'enabled' => true ),
			'jwt_login_by'           => 1,
			'jwt_login_by_parameter' => 'id',
		);
		$this->in_site( 'update_option( "simple_jwt_login_settings", ' . var_export( wp_json_encode( $flat ), true ) . ' ); return true;' );
		$this->assertSame( $flat['decryption_key'], $this->in_site( 'return fixture_simple_jwt_login_key();' ) );
		$jwt = \Auth_Sentinel_Fixture_JWT::sign_raw( '{"typ":"JWT","alg":"HS256"}', '{"iat":' . time() . ',"id":' . $editor . '}', $flat['decryption_key'] );
		$this->assertSame( $editor, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $jwt )['json']['id'] ?? null );
		// 3.x had no refresh table, and its auth route was off unless allow_authentication.
		$this->assertSame( 45, $this->http( 'POST', '/wp-json/simple-jwt-login/v1/auth', array( 'body' => 'username=editor&password=password' ) )['json']['data']['error_code'] );
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
		$this->assertSame( $login['json']['access_token'], \Firebase\JWT\JWT::encode( $access, (string) $access_secret, 'HS256' ) );
		$this->assertSame( $login['json']['refresh_token'], \Firebase\JWT\JWT::encode( $refresh, (string) $refresh_secret, 'HS256' ) );
		$session = $this->in_site( "return get_user_meta( $admin, '_woocommerce_pos_refresh_tokens', true )['" . $refresh['jti'] . "'] ?? null;" );
		$this->assertSame( $refresh['exp'], $session['expires'], 'the session, keyed by jti' );
		$this->assertSame( $access['exp'], $session['access_expires'], 'the latest access expiry of the session' );

		// Used.
		$sessions = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $login['json']['access_token'] );
		$this->assertSame( 200, $sessions['status'], $sessions['body'] );
		$this->assertContains( $refresh['jti'], array_column( $sessions['json']['sessions'], 'jti' ) );
		$this->assertSame( $admin, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $login['json']['access_token'] )['json']['id'] );
		$this->in_site( "\$s = get_user_meta( $admin, '_woocommerce_pos_refresh_tokens', true ); \$s['" . $refresh['jti'] . "']['last_active'] = 1000; update_user_meta( $admin, '_woocommerce_pos_refresh_tokens', \$s ); return true;" );
		$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $login['json']['access_token'] )['status'] );
		$this->assertSame( 1000, $this->in_site( "return get_user_meta( $admin, '_woocommerce_pos_refresh_tokens', true )['" . $refresh['jti'] . "']['last_active'];" ), 'using an access token does not touch last_active' );

		// Refreshed: HTTP answers and error bodies as the plugin sends them.
		$refreshed = $this->http( 'POST', '/wp-json/wcpos/v1/auth/refresh', array( 'body' => 'refresh_token=' . rawurlencode( $login['json']['refresh_token'] ) ) );
		$this->assertSame( 200, $refreshed['status'] );
		$this->assertSame( 'Bearer', $refreshed['json']['token_type'] );
		$this->assertSame( $refresh['jti'], $this->peek( $refreshed['json']['access_token'] )['claims']['refresh_jti'] );
		$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $refreshed['json']['access_token'] )['status'] );
		$this->assertGreaterThan( 1000, $this->in_site( "return get_user_meta( $admin, '_woocommerce_pos_refresh_tokens', true )['" . $refresh['jti'] . "']['last_active'];" ), 'a refresh does' );

		// Refused access tokens: the gate's 401 says nothing about the token.
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
			'expired'   => array( 'woocommmerce_pos_auth_invalid_token', 'Expired token' ),
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
					'data'    => array( 'status' => 401 ),
				),
				$response['json'],
				$case
			);
			$this->assertSame( 'rest_not_logged_in', $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens[ $case ] )['json']['code'], "$case outside wcpos/v1" );
		}

		// No token at all: the same answer.
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
		$this->assertSame( array( 'status' => 401 ), $refused['json']['data'] );
		$this->assertSame( 'woocommerce_pos_auth_session_revoked', $this->in_site( 'return fixture_wcpos_validate( ' . var_export( $cashier['access_token'], true ) . ' )->get_error_code();' ) );
		// The blacklist lasts until the session's latest access token expires (access_expires).
		$timeout = (int) $this->stored_option( '_transient_timeout_wcpos_blacklist_' . $jti );
		$this->assertEqualsWithDelta( $this->peek( $cashier['access_token'] )['claims']['exp'], $timeout, 30 );

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
		$this->assertSame( 'woocommmerce_pos_auth_invalid_token', $expired, 'expiry is an invalid token' );

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

	/**
	 * WCPOS 1.10: the v2 routes, the gate's public routes and OPTIONS, `?authorization=` from
	 * the query only, auth/test lengths, auth/users/sessions, and rest_authentication_errors 50
	 * clearing another JWT plugin's jwt_auth_* error when its own token authenticates.
	 */
	public function test_wcpos_routes_gate_and_error_clearing(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$admin  = $this->user( 'admin' );
		$tokens = $this->in_site( "return fixture_wcpos_issue( $admin );" );

		// v2: the same routes; its refresh is public, its sessions gated.
		$refresh = $this->http( 'POST', '/wp-json/wcpos/v2/auth/refresh', array( 'body' => 'refresh_token=' . rawurlencode( $tokens['refresh_token'] ) ) );
		$this->assertSame( 200, $refresh['status'], $refresh['body'] );
		$this->assertArrayHasKey( 'access_token', $refresh['json'] );
		$this->assertSame( 'woocommerce_pos_rest_unauthorized', $this->http( 'GET', '/wp-json/wcpos/v2/auth/sessions' )['json']['code'] );
		$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wcpos/v2/auth/sessions', $tokens['access_token'] )['status'] );
		$this->assertSame( 'woocommerce_pos_rest_unauthorized', $this->http( 'GET', '/wp-json/WCPOS/V1/auth/sessions' )['json']['code'], 'routes compared case-insensitively' );
		$this->assertSame( 'rest_no_route', $this->http( 'GET', '/wp-json/wcpos/v2/ping' )['json']['code'], 'a public route passes the gate' );
		$this->assertNotSame( 401, $this->http( 'OPTIONS', '/wp-json/wcpos/v1/auth/sessions' )['status'], 'OPTIONS passes the gate' );

		// auth/test gives lengths, not values.
		$test = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/test?authorization=abc', $tokens['access_token'] );
		$this->assertSame(
			array(
				'status'               => 'success',
				'message'              => 'Authorization token detected successfully',
				'received_header_auth' => true,
				'header_length'        => strlen( 'Bearer ' . $tokens['access_token'] ),
				'received_param_auth'  => true,
				'param_length'         => 3,
				'auth_method'          => 'both',
			),
			$test['json']
		);

		// ?authorization= is read from the query string only.
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wcpos/v1/auth/sessions?authorization=' . rawurlencode( $tokens['access_token'] ) )['status'] );
		$this->assertSame( 401, $this->http( 'POST', '/wp-json/wcpos/v1/auth/sessions', array( 'body' => 'authorization=' . rawurlencode( $tokens['access_token'] ) ) )['status'] );

		// auth/users/sessions (administrators and shop managers).
		$users = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/users/sessions', $tokens['access_token'] );
		$this->assertSame( 200, $users['status'], $users['body'] );
		$this->assertContains( $admin, array_column( $users['json']['users'], 'user_id' ) );

		// The current session of an access token is its refresh_jti.
		$jti      = $this->peek( $tokens['refresh_token'] )['claims']['jti'];
		$sessions = $this->bearer( 'GET', '/wp-json/wcpos/v1/auth/sessions', $tokens['access_token'] )['json']['sessions'];
		$current  = array_values( array_filter( $sessions, static function ( $session ) { return $session['is_current']; } ) );
		$this->assertSame( $jti, $current[0]['jti'] ?? null );

		// Another JWT plugin's jwt_auth_* error from rest_authentication_errors is cleared.
		$file = AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/fixture-issuers-test-jwt-error.php';
		file_put_contents( $file, "<?php\nadd_filter( 'rest_authentication_errors', static function ( \$e ) { return empty( \$_SERVER['HTTP_X_FIXTURE_ERROR'] ) ? \$e : new WP_Error( \$_SERVER['HTTP_X_FIXTURE_ERROR'], 'From another plugin.', array( 'status' => 403 ) ); }, 10 );\n" );
		try {
			$cleared = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['access_token'], array( 'headers' => array( 'X-Fixture-Error: jwt_auth_invalid_token' ) ) );
			$this->assertSame( 200, $cleared['status'], $cleared['body'] );
			$kept = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $tokens['access_token'], array( 'headers' => array( 'X-Fixture-Error: site_locked' ) ) );
			$this->assertSame( 'site_locked', $kept['json']['code'], 'other errors pass through' );
			$without = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', null, array( 'headers' => array( 'X-Fixture-Error: jwt_auth_invalid_token' ) ) );
			$this->assertSame( 'jwt_auth_invalid_token', $without['json']['code'], 'no WCPOS token: the error stays' );
		} finally {
			unlink( $file );
		}

		// A session without access_expires is blacklisted until its refresh expiry.
		$lone = 'aaaaaaaa-bbbb-4ccc-8ddd-' . substr( md5( (string) microtime( true ) ), 0, 12 );
		$this->in_site( "\$s = get_user_meta( $admin, '_woocommerce_pos_refresh_tokens', true ); \$s['$lone'] = array( 'expires' => time() + 10 * DAY_IN_SECONDS, 'created' => time(), 'last_active' => time() ); update_user_meta( $admin, '_woocommerce_pos_refresh_tokens', \$s ); return fixture_wcpos_revoke_session( $admin, '$lone' );" );
		$this->assertEqualsWithDelta( time() + 10 * DAY_IN_SECONDS, (int) $this->stored_option( '_transient_timeout_wcpos_blacklist_' . $lone ), 30 );
		$this->in_site( "return fixture_wcpos_revoke_all( $admin );" );
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
	 * Bearer token before that plugin is asked: 400, error_code 11, the rewritten body.
	 */
	public function test_plugin_conflict_simple_jwt_login_refuses_wcpos_token(): void {
		$this->enable_fixtures( array( 'fixture-wcpos', 'fixture-simple-jwt-login' ) );
		$admin = $this->user( 'admin' );
		$pos   = $this->in_site( "return fixture_wcpos_issue( $admin )['access_token'];" );
		$me    = $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $pos );
		$this->assertSame( 400, $me['status'] );
		$this->assertSame( self::sjl_error( 'Signature verification failed', 11 ), $me['json'], 'the rewritten body, no code' );
		// As ?authorization= (WCPOS only) it passes; Basic credentials are not Simple JWT Login's business.
		$this->assertSame( $admin, $this->http( 'GET', '/wp-json/wp/v2/users/me?authorization=' . rawurlencode( $pos ) )['json']['id'] );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'as' => 'admin' ) )['status'] );
		$this->in_site( "return fixture_wcpos_revoke_all( $admin );" );
	}

	/*
	 * Malformed input.
	 */

	/**
	 * Garbage, a 64 KB header, non-JSON parts and claims of the wrong types are refused without a
	 * single PHP warning or notice from the fixtures, and never with a server error but Simple
	 * JWT Login's own 500 (codes 29, 30, 54).
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
					if ( 500 <= $response['status'] && in_array( $response['json']['data']['error_code'] ?? null, array( 29, 30, 54 ), true ) ) {
						continue; // Simple JWT Login 4.0 answers these with 500 (StatusCodeHelper's default).
					}
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
		$b64       = array( \Auth_Sentinel_Fixture_JWT::class, 'b64url_encode' );
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
				$values[ "key $k, payload $name" ] = 'Bearer ' . \Auth_Sentinel_Fixture_JWT::sign_raw( '{"typ":"JWT","alg":"HS256"}', $payload, (string) $key );
			}
			foreach ( $headers as $name => $header ) {
				$values[ "key $k, header $name" ] = 'Bearer ' . \Auth_Sentinel_Fixture_JWT::sign_raw( $header, '{"iss":' . $site_json . ',"data":{"user":{"id":1}}}', (string) $key );
			}
		}
		return $values;
	}
}
