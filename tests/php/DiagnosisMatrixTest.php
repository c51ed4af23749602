<?php
/**
 * The cause matrix: every issuer × every case an administrator meets, diagnosed by /events and
 * by /token-status alike, and kept in docs/diagnosis.md.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use Firebase\JWT\JWT;

require_once __DIR__ . '/EventsTrait.php';
require_once __DIR__ . '/FixtureTrait.php';

/**
 * For each fixture issuer (tests/fixtures/plugins, faithful to the real plugins) and each case
 * (a–j), produces the failure for real over HTTP, reads the cause the failures list records and
 * the status /token-status answers for the same token, and checks they agree. The table it builds
 * — with what the issuer itself answered — must equal the one in docs/diagnosis.md; run with
 * AUTH_SENTINEL_WRITE_DIAGNOSIS=1 to write it there instead.
 */
class DiagnosisMatrixTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;

	/**
	 * The JWT plugins' secret on the test site.
	 */
	const JWT_SECRET = 'matrix-secret-0123456789abcdef0123456789abcdef01';

	/**
	 * The cases, in the order of the table.
	 */
	const CASES = array(
		'a' => 'garbage',
		'b' => 'tampered',
		'c' => 'expired',
		'd' => 'secret changed',
		'e' => 'user deleted',
		'f' => 'password changed',
		'g' => 'revoked',
		'h' => 'issued for another address',
		'i' => 'header stripped',
		'j' => 'wrong password',
	);

	/**
	 * The issuers, by fixture slug => name in the table.
	 */
	const ISSUERS = array(
		'fixture-jwt-auth-wp-rest-api' => 'JWT Authentication for WP REST API',
		'fixture-jwt-auth'             => 'JWT Auth (Useful Team)',
		'fixture-simple-jwt-login'     => 'Simple JWT Login',
		'fixture-wcpos'                => 'WCPOS',
	);

	/**
	 * Users made by the test.
	 *
	 * @var int[]
	 */
	private $made = array();

	/**
	 * Lifts the status endpoint's rate limit (this test asks it forty times a minute).
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->lift_token_status_limit();
	}

	/**
	 * Puts the site back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		foreach ( $this->made as $user_id ) {
			wp_delete_user( $user_id );
		}
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * Walks the matrix.
	 */
	public function test_the_cause_matrix(): void {
		$rows = array();
		foreach ( array_keys( self::ISSUERS ) as $slug ) {
			$this->enable_fixtures( array( $slug ) );
			// Each issuer starts from its defaults (restore_fixtures() puts back what was there).
			delete_option( 'simple_jwt_login_settings' );
			if ( in_array( $slug, array( 'fixture-jwt-auth-wp-rest-api', 'fixture-jwt-auth' ), true ) ) {
				$this->fixture_jwt_secret( self::JWT_SECRET );
			}
			$this->http( 'GET', '/' ); // The site meets the issuer's secret.
			foreach ( array_keys( self::CASES ) as $case ) {
				$this->agent = '';
				$rows[]      = array_merge( array( $slug, $case ), $this->cell( $slug, $case ) );
			}
			$this->restore_fixtures();
		}

		$table = $this->table( $rows );
		fwrite( STDERR, "\n" . $table . "\n" );
		foreach ( $rows as list( $slug, $case, $issuer, $events, $status ) ) {
			if ( null !== $status ) {
				// No failure recorded is the status endpoint's "valid": the issuer accepted the token.
				$this->assertSame( '—' === $events ? 'valid' : $events, $status, self::ISSUERS[ $slug ] . ", case $case: /events and /token-status agree" );
			}
		}

		$doc = dirname( __DIR__, 2 ) . '/docs/diagnosis.md';
		if ( getenv( 'AUTH_SENTINEL_WRITE_DIAGNOSIS' ) ) {
			$text = (string) file_get_contents( $doc );
			$text = (string) preg_replace( '/<!-- matrix -->.*<!-- \/matrix -->/s', "<!-- matrix -->\n" . $table . "\n<!-- /matrix -->", $text );
			file_put_contents( $doc, $text );
		}
		$this->assertStringContainsString( "<!-- matrix -->\n" . $table . "\n<!-- /matrix -->", (string) file_get_contents( $doc ), 'docs/diagnosis.md holds this matrix' );
	}

	/**
	 * Produces one case for one issuer.
	 *
	 * @param string $slug The fixture.
	 * @param string $case The case letter.
	 * @return array{0: string, 1: string, 2: ?string} What the issuer answered, the cause /events
	 *                                                 recorded ('—' for no failure), the status
	 *                                                 /token-status answered (null: no token).
	 */
	private function cell( string $slug, string $case ): array {
		list( $user_id, $login ) = $this->make_user( 'fixture-wcpos' === $slug ? 'shop' : 'author' );
		if ( 'j' === $case ) {
			$answer = $this->login( $slug, $login, 'not-the-password' );
			return array( self::answered( $answer ), $this->recorded(), null );
		}
		$token   = $this->login( $slug, $login, 'password' )['token'];
		$headers = array();
		switch ( $case ) {
			case 'a':
				$token = 'not-a-jwt';
				break;
			case 'b':
				$parts    = explode( '.', $token );
				$claims   = json_decode( (string) JWT::urlsafeB64Decode( $parts[1] ), true );
				$claims   = self::with_user( $claims, $this->user( 'admin' ) ); // An attempt to become the admin.
				$token    = $parts[0] . '.' . JWT::urlsafeB64Encode( (string) wp_json_encode( $claims ) ) . '.' . $parts[2];
				break;
			case 'c':
				$token = $this->mint( $slug, $token, array( 'iat' => time() - 7200, 'nbf' => time() - 7200, 'exp' => time() - 3600 ) );
				break;
			case 'd':
				$this->use_token( $slug, $token ); // In use before the change.
				sleep( 1 );
				$this->change_secret( $slug );
				break;
			case 'e':
				wp_delete_user( $user_id );
				break;
			case 'f':
				$this->run_in_site( 'wp_set_password( "changed-' . wp_generate_password( 8, false ) . '", ' . $user_id . ' );' );
				break;
			case 'g':
				$this->assertSame( 200, $this->rest( 'DELETE', '/auth-sentinel/v1/users/' . $user_id . '/sessions', array(), $this->user( 'admin' ) )->get_status() );
				break;
			case 'h':
				$token = $this->mint( $slug, $token, array( 'iss' => AUTH_SENTINEL_TEST_URL . '/previous-address' ) );
				break;
			case 'i':
				$headers[] = 'X-Fixture-Strip-Authorization: drop';
				break;
		}
		$answer = $this->use_token( $slug, $token, $headers );
		$status = $this->http(
			'POST',
			'/wp-json/auth-sentinel/v1/token-status',
			'i' === $case
				? array( 'headers' => array( 'Authorization: Bearer ' . $token, 'X-Fixture-Strip-Authorization: drop' ) )
				: array(
					'headers' => array( 'Content-Type: application/json' ),
					'body'    => wp_json_encode( array( 'token' => $token ) ),
				)
		);
		$this->assertSame( 200, $status['status'], $status['body'] );
		return array( self::answered( $answer ), $this->recorded(), (string) $status['json']['status'] );
	}

	/**
	 * Signs in at the issuer's own sign-in route.
	 *
	 * @param string $slug     The fixture.
	 * @param string $login    The login.
	 * @param string $password The password.
	 * @return array{status: int, body: string, json: mixed, token: string}
	 */
	private function login( string $slug, string $login, string $password ): array {
		$routes = array(
			'fixture-jwt-auth-wp-rest-api' => '/wp-json/jwt-auth/v1/token',
			'fixture-jwt-auth'             => '/wp-json/jwt-auth/v1/token',
			'fixture-simple-jwt-login'     => '/wp-json/simple-jwt-login/v1/auth',
			'fixture-wcpos'                => '/wp-json/wcpos/v1/auth/login',
		);
		$answer = $this->http(
			'POST',
			$routes[ $slug ],
			array(
				'headers' => array( $this->agent_header() ),
				'body'    => http_build_query(
					array(
						'username' => $login,
						'password' => $password,
					)
				),
			)
		);
		$json            = is_array( $answer['json'] ) ? $answer['json'] : array();
		$answer['token'] = (string) ( $json['token'] ?? $json['data']['token'] ?? $json['data']['jwt'] ?? $json['access_token'] ?? '' );
		if ( 'password' === $password ) {
			$this->assertNotSame( '', $answer['token'], "$slug signs in: " . $answer['body'] );
		}
		return $answer;
	}

	/**
	 * Sends a token where the issuer checks it (an ordinary route; the POS's own routes for WCPOS).
	 *
	 * @param string   $slug    The fixture.
	 * @param string   $token   The token.
	 * @param string[] $headers More headers.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function use_token( string $slug, string $token, array $headers = array() ): array {
		$path = 'fixture-wcpos' === $slug ? '/wp-json/wcpos/v1/auth/sessions' : '/wp-json/wp/v2/users/me';
		return $this->http( 'GET', $path, array( 'headers' => array_merge( array( $this->agent_header(), 'Authorization: Bearer ' . $token ), $headers ) ) );
	}

	/**
	 * Signs a copy of a genuine token with some claims changed, with the issuer's own key.
	 *
	 * @param string               $slug    The fixture.
	 * @param string               $genuine A token the issuer made.
	 * @param array<string, mixed> $changes Claims to change.
	 * @return string
	 */
	private function mint( string $slug, string $genuine, array $changes ): string {
		$claims = json_decode( (string) JWT::urlsafeB64Decode( explode( '.', $genuine )[1] ), true );
		foreach ( $changes as $name => $value ) {
			if ( 'nbf' !== $name || isset( $claims['nbf'] ) ) {
				$claims[ $name ] = $value;
			}
		}
		return JWT::encode( $claims, $this->secret_of( $slug ), 'HS256' );
	}

	/**
	 * Returns the issuer's signing key as the site holds it now.
	 *
	 * @param string $slug The fixture.
	 * @return string
	 */
	private function secret_of( string $slug ): string {
		if ( 'fixture-wcpos' === $slug ) {
			return (string) $this->stored_option( 'woocommerce_pos_secret_key' );
		}
		if ( 'fixture-simple-jwt-login' === $slug ) {
			$settings = json_decode( (string) $this->stored_option( 'simple_jwt_login_settings' ), true );
			return (string) ( $settings['general']['decryption_key'] ?? '' );
		}
		return self::JWT_SECRET;
	}

	/**
	 * Changes the issuer's signing key, and lets the site see it.
	 *
	 * @param string $slug The fixture.
	 * @return void
	 */
	private function change_secret( string $slug ): void {
		$this->forget_cached_options();
		if ( 'fixture-wcpos' === $slug ) {
			update_option( 'woocommerce_pos_secret_key', wp_generate_password( 64, false ) );
		} elseif ( 'fixture-simple-jwt-login' === $slug ) {
			$settings                              = json_decode( (string) $this->stored_option( 'simple_jwt_login_settings' ), true );
			$settings['general']['decryption_key'] = wp_generate_password( 64, false );
			update_option( 'simple_jwt_login_settings', wp_json_encode( $settings ) );
		} else {
			$this->fixture_jwt_secret( 'matrix-secret-changed-0123456789abcdef0123456789' );
		}
		$this->http( 'GET', '/' );
	}

	/**
	 * Returns the cause of the failure recorded for this cell, '—' when none was.
	 *
	 * @return string
	 */
	private function recorded(): string {
		$events = $this->rest( 'GET', '/auth-sentinel/v1/events', array( 'search' => $this->agent ), $this->user( 'admin' ) )->get_data();
		$causes = array_values( array_unique( array_column( (array) $events, 'cause' ) ) );
		$this->assertLessThanOrEqual( 1, count( $causes ), 'one cause per cell: ' . implode( ', ', $causes ) );
		return $causes ? (string) $causes[0] : '—';
	}

	/**
	 * Sums up what the issuer answered: status and code (Simple JWT Login: its number).
	 *
	 * @param array<string, mixed> $answer The HTTP answer.
	 * @return string
	 */
	private static function answered( array $answer ): string {
		$json = is_array( $answer['json'] ) ? $answer['json'] : array();
		$code = (string) ( $json['code'] ?? '' );
		if ( '' === $code && isset( $json['data']['error_code'] ) ) {
			$code = 'error ' . $json['data']['error_code'];
		}
		if ( '' === $code && isset( $json['error'] ) ) {
			$code = (string) $json['error'];
		}
		return $answer['status'] . ( '' === $code ? '' : ' ' . $code );
	}

	/**
	 * Builds the Markdown table.
	 *
	 * @param array<int, array<int, mixed>> $rows The cells.
	 * @return string
	 */
	private function table( array $rows ): string {
		$lines = array( '| issuer | case | the issuer answers | /events cause | /token-status |', '|---|---|---|---|---|' );
		foreach ( $rows as list( $slug, $case, $issuer, $events, $status ) ) {
			$lines[] = sprintf( '| %s | %s %s | %s | %s | %s |', self::ISSUERS[ $slug ], $case, self::CASES[ $case ], $issuer, $events, $status ?? 'n/a' );
		}
		return implode( "\n", $lines );
	}

	/**
	 * Names another user in a token's claims, wherever the issuer keeps the user.
	 *
	 * @param array<string, mixed> $claims  Claims.
	 * @param int                  $user_id The user.
	 * @return array<string, mixed>
	 */
	private static function with_user( array $claims, int $user_id ): array {
		if ( isset( $claims['data']['user']['id'] ) ) {
			$claims['data']['user']['id'] = $user_id;
		} else {
			$claims['id'] = $user_id;
		}
		return $claims;
	}

	/**
	 * Makes a user whose password is "password".
	 *
	 * @param string $kind author, or shop (a POS user: may open the POS).
	 * @return array{0: int, 1: string}
	 */
	private function make_user( string $kind ): array {
		$login = 'matrix-' . strtolower( wp_generate_password( 8, false ) );
		$id    = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => 'password',
				'user_email' => $login . '@example.org',
				'role'       => 'shop' === $kind ? 'administrator' : 'author',
			)
		);
		$this->assertIsInt( $id );
		$this->made[] = $id;
		return array( $id, $login );
	}
}
