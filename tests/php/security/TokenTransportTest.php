<?php
/**
 * Bypass 1: a revoked token must be refused in every form an issuer accepts it.
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
 * Before the fix, the gate only looked at `Authorization: Bearer`: the same revoked token sent
 * bare, as `?authorization=`, as `?JWT=`, or only through REDIRECT_HTTP_AUTHORIZATION (with an
 * empty HTTP_AUTHORIZATION beside it) still signed its user in.
 */
class TokenTransportTest extends TestCase {

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
	 * WCPOS reads the header (Bearer or bare), REDIRECT_HTTP_AUTHORIZATION and `?authorization=`.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function wcpos_forms(): array {
		return array(
			'Bearer header'                   => array( 'bearer' ),
			'bare header'                     => array( 'bare' ),
			'?authorization=<token>'          => array( 'query-authorization' ),
			'?authorization=Bearer <token>'   => array( 'query-bearer' ),
			'REDIRECT_HTTP_AUTHORIZATION'     => array( 'redirect' ),
			'REDIRECT_ with an empty HTTP_AU' => array( 'redirect-empty' ),
		);
	}

	/**
	 * A WCPOS access token minted before "revoke every credential of this user" is refused in
	 * every form, and each refusal is recorded as revoked by the administrator.
	 *
	 * @dataProvider wcpos_forms
	 * @param string $form How the token travels.
	 */
	public function test_a_revoked_wcpos_token_is_refused_in_every_form( string $form ): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		list( $user_id ) = $this->make_user();
		$tokens          = $this->in_site( 'return fixture_wcpos_issue( ' . $user_id . ' );' );
		$this->assertSame( 200, $this->send_token( $form, '/wp-json/wp/v2/users/me', $tokens['access_token'] )['status'], 'the token works before' );

		$this->revoke_user_as_admin( $user_id );

		$after = $this->send_token( $form, '/wp-json/wp/v2/users/me', $tokens['access_token'] );
		$this->assertSame( 401, $after['status'], $form . ': ' . $after['body'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] );
		$event = $this->my_event();
		$this->assertSame( 'revoked', $event['cause'], $event['explanation'] );
		$this->assertSame( $this->user( 'admin' ), (int) $event['details']['revoked_by'] );
	}

	/**
	 * Simple JWT Login reads the header with or without Bearer and the `JWT` parameter.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function simple_jwt_login_forms(): array {
		return array(
			'Bearer header' => array( 'bearer' ),
			'bare header'   => array( 'bare' ),
			'?JWT=<token>'  => array( 'query-jwt' ),
		);
	}

	/**
	 * A Simple JWT Login token issued before the revocation is refused in every form.
	 *
	 * @dataProvider simple_jwt_login_forms
	 * @param string $form How the token travels.
	 */
	public function test_a_revoked_simple_jwt_login_token_is_refused_in_every_form( string $form ): void {
		$this->enable_fixtures( array( 'fixture-simple-jwt-login' ) );
		list( $user_id ) = $this->make_user();
		$token           = (string) $this->in_site( 'return fixture_simple_jwt_login_mint( array( "id" => ' . $user_id . ' ) );' );
		$this->assertSame( 200, $this->send_token( $form, '/wp-json/wp/v2/users/me', $token )['status'], 'the token works before' );

		sleep( 1 ); // The not-before is "issued at or before": keep the seconds apart for clarity.
		$this->revoke_user_as_admin( $user_id );

		$after = $this->send_token( $form, '/wp-json/wp/v2/users/me', $token );
		$this->assertSame( 401, $after['status'], $form . ': ' . $after['body'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] ?? '', $after['body'] );
		$events = $this->events_in_process();
		$this->assertCount( 1, $events, (string) wp_json_encode( $events ) );
		$this->assertSame( 'revoked', $events[0]['cause'], $events[0]['explanation'] );
		$this->assertSame( $this->user( 'admin' ), (int) $events[0]['details']['revoked_by'] );
	}

	/**
	 * JWT Authentication for WP REST API lets a site read the token from another header
	 * (filter jwt_auth_authorization_header): the gate reads it there too.
	 */
	public function test_a_token_in_a_renamed_header_is_judged(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth' ) );
		$this->fixture_jwt_secret( 'transport-secret-0123456789abcdef0123456789abcdef' );
		$this->write_mu_plugin( "add_filter( 'jwt_auth_authorization_header', static function () { return 'HTTP_X_APP_TOKEN'; } );" );
		list( $user_id ) = $this->make_user();
		$token           = (string) $this->in_site( 'return fixture_jwt_auth_mint( array( "user_id" => ' . $user_id . ' ) );' );
		$send            = function () use ( $token ) {
			return $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( $this->agent_header(), 'X-App-Token: Bearer ' . $token ) ) );
		};
		$this->assertSame( 200, $send()['status'], 'the token works before' );

		sleep( 1 );
		$this->revoke_user_as_admin( $user_id );

		$after = $send();
		$this->assertSame( 401, $after['status'], $after['body'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] );
	}

	/**
	 * A must-use plugin written for one test, removed at the end of it.
	 *
	 * @param string $code PHP statements.
	 * @return void
	 */
	private function write_mu_plugin( string $code ): void {
		$file = AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/security-test-header.php';
		file_put_contents( $file, "<?php\n" . $code . "\n" );
		$this->on_teardown(
			static function () use ( $file ) {
				if ( is_file( $file ) ) {
					unlink( $file );
				}
			}
		);
	}
}
