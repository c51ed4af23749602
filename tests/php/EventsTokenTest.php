<?php
/**
 * Rejected bearer tokens of the token plugins are recorded and diagnosed.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once __DIR__ . '/EventsTrait.php';
require_once __DIR__ . '/FixtureTrait.php';

/**
 * Each token cause produced for real with the fixture issuers (tests/fixtures/plugins).
 */
class EventsTokenTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;

	/**
	 * Puts the fixtures back as they were.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * Sends a token as a POS terminal would, with this test's user agent.
	 *
	 * @param string      $path    Path.
	 * @param string|null $token   Token.
	 * @param array       $headers More headers.
	 * @return array<string, mixed>
	 */
	private function terminal( string $path, ?string $token, array $headers = array() ): array {
		return $this->bearer( 'GET', $path, $token, array( 'headers' => array_merge( array( $this->agent_header() ), $headers ) ) );
	}

	/**
	 * Mints a WCPOS token inside the site.
	 *
	 * @param array  $claims Claims (user_id sets data.user.id).
	 * @param string $type   access|refresh.
	 * @return string
	 */
	private function wcpos_token( array $claims, string $type = 'access' ): string {
		return (string) $this->in_site( 'return fixture_wcpos_mint( ' . var_export( $claims, true ) . ', ' . var_export( $type, true ) . ' );' );
	}

	/**
	 * An expired WCPOS token: expired, filed under token_expired (the POS's API02002).
	 */
	public function test_expired_token(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$author = $this->user( 'author' );
		$token  = $this->wcpos_token(
			array(
				'user_id' => $author,
				'iat'     => time() - 7200,
				'exp'     => time() - 3600,
			)
		);
		$this->assertSame( 401, $this->terminal( '/wp-json/wcpos/v1/auth/sessions', $token )['status'] );

		$event = $this->my_event();
		$this->assertSame( 'token', $event['source'] );
		$this->assertSame( 'wcpos', $event['issuer'] );
		// The POS's gate answers its generic code; the expiry is read from the token.
		$this->assertSame( 'woocommerce_pos_rest_unauthorized', $event['server_code'] );
		$this->assertSame( 'expired', $event['cause'] );
		$this->assertSame( 'token_expired', $event['code'] );
		$this->assertSame( $author, $event['user_id'] );
		$this->assertSame( 'access', $event['token']['type'] );
		$this->assertSame( 32, strlen( $event['token']['fingerprint'] ) );
		$this->assertNotContains( $token, array_map( 'strval', array_values( (array) $event['details'] ) ), 'no raw token' );
	}

	/**
	 * A token signed before the WCPOS secret was rotated: secret_changed, naming the secret.
	 */
	public function test_token_secret_change(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$token = $this->wcpos_token(
			array(
				'user_id' => $this->user( 'author' ),
				'iat'     => time() - 60,
			)
		);
		$this->run_in_site( 'update_option( "woocommerce_pos_secret_key", wp_generate_password( 64, false ) );' );
		$this->terminal( '/wp-json/wcpos/v1/auth/sessions', $token );

		$event = $this->my_event();
		$this->assertSame( 'woocommerce_pos_rest_unauthorized', $event['server_code'] );
		$this->assertSame( 'secret_changed', $event['cause'] );
		$this->assertSame( 'token_invalid', $event['code'] );
		$this->assertStringContainsString( 'woocommerce_pos_secret_key', $event['explanation'] );
	}

	/**
	 * A token altered after signing, with no secret change to explain it: corrupted.
	 */
	public function test_tampered_token(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$token = $this->wcpos_token( array( 'user_id' => $this->user( 'author' ) ) );
		list( $head, $body, $signature ) = explode( '.', $token );
		$claims                          = json_decode( base64_decode( strtr( $body, '-_', '+/' ) ), true );
		$claims['data']['user']['id']    = $this->user( 'admin' ); // An attempt to become the admin.
		$forged                          = $head . '.' . rtrim( strtr( base64_encode( wp_json_encode( $claims ) ), '+/', '-_' ), '=' ) . '.' . $signature;
		$this->terminal( '/wp-json/wcpos/v1/auth/sessions', $forged );

		$event = $this->my_event();
		$this->assertSame( 'corrupted', $event['cause'] );
		$this->assertStringContainsString( 'altered', $event['explanation'] );
	}

	/**
	 * A token issued by another WordPress site: wrong_site.
	 */
	public function test_token_from_another_site(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$token = $this->wcpos_token(
			array(
				'user_id' => $this->user( 'author' ),
				'iss'     => 'https://other-shop.example',
			)
		);
		$this->terminal( '/wp-json/wcpos/v1/auth/sessions', $token );

		$event = $this->my_event();
		$this->assertSame( 'woocommerce_pos_rest_unauthorized', $event['server_code'] );
		$this->assertSame( 'wrong_site', $event['cause'] );
		$this->assertSame( 'token_wrong_site', $event['code'] );
		$this->assertSame( 'https://other-shop.example', $event['token']['iss'] );
		$this->assertStringContainsString( 'https://other-shop.example', $event['explanation'] );
	}

	/**
	 * A token revoked in the issuer: revoked.
	 */
	public function test_revoked_token(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$jti   = wp_generate_uuid4();
		$token = $this->wcpos_token(
			array(
				'user_id' => $this->user( 'author' ),
				'jti'     => $jti,
			)
		);
		$this->run_in_site( 'fixture_wcpos_blacklist( ' . var_export( $jti, true ) . ' );' );
		$this->terminal( '/wp-json/wcpos/v1/auth/sessions', $token );

		$event = $this->my_event();
		$this->assertSame( 'woocommerce_pos_rest_unauthorized', $event['server_code'] );
		$this->assertSame( 'revoked', $event['cause'] );
		$this->assertSame( 'token_revoked', $event['code'] );
		$this->assertSame( $jti, $event['token']['jti'] );
	}

	/**
	 * A token of a user who no longer exists: unknown_user.
	 */
	public function test_token_of_deleted_user(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$this->fixture_jwt_secret( 'events-token-test-secret-0123456789abcdef0123456789abcdef' );
		$token = (string) $this->in_site( 'return fixture_jwt_auth_mint( array( "user_id" => 987654321 ) );' );
		$this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $token, array( 'headers' => array( $this->agent_header() ) ) );

		$event = $this->my_event();
		$this->assertSame( 'unknown_user', $event['cause'] );
		$this->assertSame( 'token_user_unknown', $event['code'] );
		$this->assertStringContainsString( '987654321', $event['explanation'] );
	}

	/**
	 * A JWT Auth token after the user's password changed: password_changed. The site's
	 * revoke-on-password-change policy (on by default) refuses it first, and says so.
	 */
	public function test_token_after_password_change(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$this->fixture_jwt_secret( 'events-token-test-secret-0123456789abcdef0123456789abcdef' );
		$login  = 'pos-' . wp_generate_password( 6, false );
		$id     = wp_create_user( $login, 'password', $login . '@example.com' );
		$issued = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => http_build_query( array( 'username' => $login, 'password' => 'password' ) ) ) );
		$token  = (string) ( $issued['json']['data']['token'] ?? '' );
		$this->assertNotSame( '', $token, $issued['body'] );
		$this->run_in_site( 'wp_update_user( array( "ID" => ' . (int) $id . ', "user_pass" => "changed-' . wp_generate_password( 8, false ) . '" ) );' );
		$this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $token, array( 'headers' => array( $this->agent_header() ) ) );

		$event = $this->my_event();
		$this->assertSame( 'auth_sentinel_token_revoked', $event['server_code'] );
		$this->assertSame( 'jwt-auth', $event['issuer'] );
		$this->assertSame( 'password_changed', $event['cause'] );
		$this->assertSame( 'token_obsolete', $event['code'] );
		$this->assertSame( $id, $event['user_id'] );
		$this->assertStringContainsString( 'password was changed (the site’s revocation policy)', $event['explanation'] );
		wp_delete_user( $id );
	}

	/**
	 * The JWT secret changed in wp-config.php: tokens issued before are secret_changed.
	 */
	public function test_jwt_secret_change(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'first-secret-0123456789abcdef0123456789abcdef0123456789' );
		$this->http( 'GET', '/' ); // The site learns this secret.
		$token = (string) $this->in_site( 'return fixture_jwt_auth_wp_rest_api_mint( array( "user_id" => ' . $this->user( 'author' ) . ', "iat" => time() - 60 ) );' );
		$this->fixture_jwt_secret( 'second-secret-0123456789abcdef0123456789abcdef012345678' );
		$answer = $this->terminal( '/wp-json/wp/v2/users/me', $token );
		$this->assertSame( 403, $answer['status'] );

		$event = $this->my_event();
		$this->assertSame( 'jwt_auth_invalid_token', $event['server_code'] );
		$this->assertSame( 'jwt-auth-wp-rest-api', $event['issuer'] );
		$this->assertSame( 'secret_changed', $event['cause'] );
		$this->assertStringContainsString( 'JWT_AUTH_SECRET_KEY', $event['explanation'] );
	}

	/**
	 * The server drops the Authorization header before PHP: header_stripped.
	 */
	public function test_stripped_authorization_header(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'events-token-test-secret-0123456789abcdef0123456789abcdef' );
		$token = (string) $this->in_site( 'return fixture_jwt_auth_wp_rest_api_mint( array( "user_id" => ' . $this->user( 'author' ) . ' ) );' );
		$answer = $this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $token, array( 'headers' => array( $this->agent_header(), 'X-Fixture-Strip-Authorization: drop' ) ) );
		$this->assertSame( 'jwt_auth_no_auth_header', $answer['json']['code'] );

		$event = $this->my_event();
		$this->assertSame( 'header_stripped', $event['cause'] );
		$this->assertSame( 'authorization_header_missing', $event['code'] );
	}

	/**
	 * A WCPOS token rejected by the JWT plugin that validates first: plugin_conflict.
	 */
	public function test_two_token_plugins_conflict(): void {
		$this->enable_fixtures( array( 'fixture-wcpos', 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'events-token-test-secret-0123456789abcdef0123456789abcdef' );
		$token  = $this->wcpos_token( array( 'user_id' => $this->user( 'author' ) ) );
		$answer = $this->terminal( '/wp-json/wp/v2/users/me', $token );
		$this->assertSame( 'jwt_auth_invalid_token', $answer['json']['code'] );

		$event = $this->my_event();
		$this->assertSame( 'plugin_conflict', $event['cause'] );
		$this->assertSame( 'plugin_conflict', $event['code'] );
		$this->assertStringContainsString( 'WooCommerce POS', $event['explanation'] );
		$this->assertStringContainsString( 'JWT Authentication for WP REST API', $event['explanation'] );
	}

	/**
	 * Garbage, truncated and huge tokens are corrupted; the site answers as it would anyway.
	 */
	public function test_garbage_tokens_are_corrupted(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$valid = $this->wcpos_token( array( 'user_id' => $this->user( 'author' ) ) );
		$cases = array(
			'garbage'   => 'not-a-token',
			'truncated' => substr( $valid, 0, (int) ( strlen( $valid ) * 0.6 ) ),
			'non-json'  => 'bm90LWpzb24.bm90LWpzb24.c2ln',
			'huge'      => str_repeat( 'A', 64 * 1024 ),
		);
		foreach ( $cases as $case => $token ) {
			$answer = $this->terminal( '/wp-json/wcpos/v1/auth/sessions', $token );
			$this->assertLessThan( 500, $answer['status'], $case );
		}
		$events = $this->my_events();
		$this->assertCount( 4, $events );
		foreach ( $events as $event ) {
			$this->assertSame( 'corrupted', $event['cause'], $event['explanation'] );
			$this->assertSame( 'token_invalid', $event['code'] );
		}
	}

	/**
	 * A storm: 50 terminals retrying 20 times each in parallel leave one row per terminal,
	 * and no count is lost.
	 */
	public function test_storm_is_aggregated(): void {
		$terminals = 50;
		$retries   = 20;
		$multi     = curl_multi_init();
		$handles   = array();
		$hours     = array( intdiv( time(), HOUR_IN_SECONDS ) => true );
		for ( $retry = 0; $retry < $retries; $retry++ ) {
			for ( $t = 0; $t < $terminals; $t++ ) {
				$curl = curl_init( AUTH_SENTINEL_TEST_URL . '/wp-json/wp/v2/users/me' );
				curl_setopt_array(
					$curl,
					array(
						CURLOPT_RETURNTRANSFER => true,
						CURLOPT_HTTPHEADER     => array( $this->agent_header() . ' terminal-' . $t, 'Authorization: Bearer stale-token-of-terminal-' . $t ),
					)
				);
				$handles[] = $curl;
			}
		}
		// Eight at a time, like terminals retrying at once.
		$done = 0;
		foreach ( array_chunk( $handles, 8 ) as $batch ) {
			foreach ( $batch as $curl ) {
				curl_multi_add_handle( $multi, $curl );
			}
			do {
				curl_multi_exec( $multi, $running );
				curl_multi_select( $multi, 1 );
			} while ( $running > 0 );
			foreach ( $batch as $curl ) {
				$done += 401 === curl_getinfo( $curl, CURLINFO_RESPONSE_CODE ) ? 1 : 0;
				curl_multi_remove_handle( $multi, $curl );
			}
		}
		curl_multi_close( $multi );
		$hours[ intdiv( time(), HOUR_IN_SECONDS ) ] = true;
		$this->assertSame( $terminals * $retries, $done );

		global $wpdb;
		$table = $wpdb->prefix . 'auth_sentinel_events';
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT COUNT(*) AS rows_written, SUM(count) AS failures FROM {$table} WHERE user_agent LIKE %s", $wpdb->esc_like( $this->agent ) . '%' ), ARRAY_A );
		$this->assertSame( $terminals * $retries, (int) $row['failures'], 'every failure counted' );
		$this->assertLessThanOrEqual( $terminals * count( $hours ), (int) $row['rows_written'], 'one row per terminal (per hour)' );
		$this->assertGreaterThanOrEqual( $terminals, (int) $row['rows_written'] );
	}
}
