<?php
/**
 * Bypass 3: revoking one token refuses every spelling of it an issuer still accepts.
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
 * Before the fix a single-token revoke was keyed on the raw string: flipping the unused low
 * bits of the signature's last character, or adding characters the issuer strips
 * (sanitize_text_field: tags, percent-encoded octets, whitespace), gave a token the issuer still
 * accepted with another fingerprint.
 */
class TokenVariantsTest extends TestCase {

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
	 * Spellings of one token that php-jwt and the issuers' cleaning still accept.
	 *
	 * @param string $token The token.
	 * @return array<string, string>
	 */
	private function variants( string $token ): array {
		$parts    = explode( '.', $token );
		$alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		$last     = substr( $parts[2], -1 );
		$index    = strpos( $alphabet, $last );
		// A 32-byte HMAC is 43 base64url characters: the last one carries 4 bits and 2 unused ones.
		$flipped = substr( $parts[2], 0, -1 ) . $alphabet[ $index ^ 1 ];
		return array(
			'low bits of the last character' => $parts[0] . '.' . $parts[1] . '.' . $flipped,
			'a tag appended'                 => $token . '<b></b>',
			'a percent octet appended'       => $token . '%41',
		);
	}

	/**
	 * A JWT Authentication for WP REST API token revoked from the Sessions list stays refused
	 * in every spelling the plugin accepts; a new token of the same user still works.
	 */
	public function test_every_spelling_of_a_revoked_token_is_refused(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'variants-secret-0123456789abcdef0123456789abcdef' );
		list( $user_id ) = $this->make_user();
		$token           = (string) $this->in_site( 'return fixture_jwt_auth_wp_rest_api_mint( array( "user_id" => ' . $user_id . ' ) );' );
		$me              = '/wp-json/wp/v2/users/me';
		foreach ( $this->variants( $token ) as $case => $variant ) {
			$this->assertSame( 200, $this->send_token( 'bearer', $me, $variant )['status'], "the issuer accepts the spelling with $case" );
		}

		$rows = array_values(
			array_filter(
				$this->http( 'GET', '/wp-json/auth-sentinel/v1/users/' . $user_id . '/sessions?type=token', array( 'as' => 'admin' ) )['json'],
				static function ( $row ) {
					return 'token' === $row['type'];
				}
			)
		);
		$this->assertCount( 1, $rows, 'the spellings are one token in the inventory' );
		$deleted = $this->http( 'DELETE', '/wp-json/auth-sentinel/v1/sessions/' . $rows[0]['id'], array( 'as' => 'admin' ) );
		$this->assertSame( 200, $deleted['status'], $deleted['body'] );

		foreach ( array( 'the token' => $token ) + $this->variants( $token ) as $case => $variant ) {
			$after = $this->send_token( 'bearer', $me, $variant );
			$this->assertSame( 401, $after['status'], "$case: " . $after['body'] );
			$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] );
		}
		sleep( 1 );
		$fresh = (string) $this->in_site( 'return fixture_jwt_auth_wp_rest_api_mint( array( "user_id" => ' . $user_id . ' ) );' );
		$this->assertSame( 200, $this->send_token( 'bearer', $me, $fresh )['status'], 'another token of the user still works' );
	}

	/**
	 * A token the plugin cannot read, presented for a user who has revoked tokens, does not
	 * sign that user in unchecked.
	 */
	public function test_an_unreadable_token_of_a_user_with_revocations_is_refused(): void {
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		list( $user_id ) = $this->make_user();
		$tokens          = $this->in_site( 'return fixture_wcpos_issue( ' . $user_id . ' );' );
		$this->assertSame( 200, $this->send_token( 'bearer', '/wp-json/wp/v2/users/me', $tokens['access_token'] )['status'] );

		// The user has a deny entry: one of their sessions was revoked.
		$second = $this->in_site( 'return fixture_wcpos_issue( ' . $user_id . ' );' );
		$rows   = $this->http( 'GET', '/wp-json/auth-sentinel/v1/users/' . $user_id . '/sessions?type=wcpos', array( 'as' => 'admin' ) )['json'];
		$this->assertCount( 2, $rows );
		$this->assertSame( 200, $this->http( 'DELETE', '/wp-json/auth-sentinel/v1/sessions/' . $rows[0]['id'], array( 'as' => 'admin' ) )['status'] );
		unset( $second );

		// Simulate an issuer that reads more than this plugin can: a mu-plugin signs the user in
		// for a token whose payload is not JSON.
		$file = AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/security-test-unreadable.php';
		file_put_contents( $file, "<?php\nadd_filter( 'determine_current_user', static function ( \$id ) { return isset( \$_SERVER['HTTP_AUTHORIZATION'] ) && false !== strpos( \$_SERVER['HTTP_AUTHORIZATION'], 'unreadable' ) ? $user_id : \$id; }, 15 );\n" );
		$this->on_teardown(
			static function () use ( $file ) {
				unlink( $file );
			}
		);
		$after = $this->send_token( 'bearer', '/wp-json/wp/v2/users/me', 'unreadable.bm90LWpzb24.c2ln' );
		$this->assertSame( 401, $after['status'], $after['body'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] );
	}
}
