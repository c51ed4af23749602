<?php
/**
 * Who may read the secrets report, and what it says about this site.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

/**
 * The secrets route's permissions and content.
 */
class SecretsRouteTest extends TestCase {

	/**
	 * An administrator reads the report; an editor is refused with 403, a visitor with 401.
	 */
	public function test_permissions_in_process(): void {
		$this->assertSame( 200, $this->rest( 'GET', '/auth-sentinel/v1/secrets', array(), $this->user( 'admin' ) )->get_status() );
		$this->assertSame( 403, $this->rest( 'GET', '/auth-sentinel/v1/secrets', array(), $this->user( 'editor' ) )->get_status() );
		$this->assertSame( 403, $this->rest( 'GET', '/auth-sentinel/v1/secrets', array(), $this->user( 'subscriber' ) )->get_status() );
		$this->assertSame( 401, $this->rest( 'GET', '/auth-sentinel/v1/secrets' )->get_status() );
	}

	/**
	 * The same over real HTTP, authenticated with application passwords.
	 */
	public function test_permissions_over_http(): void {
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/auth-sentinel/v1/secrets', array( 'as' => 'admin' ) )['status'] );
		$editor = $this->http( 'GET', '/wp-json/auth-sentinel/v1/secrets', array( 'as' => 'editor' ) );
		$this->assertSame( 403, $editor['status'] );
		$this->assertSame( 'auth_sentinel_forbidden', $editor['json']['code'] );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json/auth-sentinel/v1/secrets' )['status'] );
	}

	/**
	 * The capability follows manage_options: a role given it gets in, a site can take it away.
	 */
	public function test_capability_maps_to_manage_options(): void {
		$this->assertTrue( user_can( $this->user( 'admin' ), 'manage_auth_sentinel' ) );
		$this->assertFalse( user_can( $this->user( 'editor' ), 'manage_auth_sentinel' ) );
	}

	/**
	 * The report lists the eight keys and salts of wp-config.php and the site address,
	 * with no token secret this site never had.
	 */
	public function test_report_describes_this_site(): void {
		$report = $this->secrets_report();
		$names  = array_column( $report['secrets'], 'name' );
		foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as $name ) {
			$this->assertContains( $name, $names );
			$this->assertSame( 'constant', $this->secret( $report, $name )['source'], $name );
			$this->assertSame( 'ok', $this->secret( $report, $name )['strength'], $name );
		}
		$this->assertContains( 'siteurl', $names );
		$this->assertContains( 'home', $names );
		foreach ( $report['secrets'] as $secret ) {
			if ( 'token' === $secret['group'] && 'missing' === $secret['source'] ) {
				$this->assertNotNull( $secret['changed_at'], $secret['name'] . ' is listed missing only because it went away' );
			}
		}
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $report['since'] );
	}

	/**
	 * The route answers a wrong parameter with a clear 400, not a warning.
	 */
	public function test_rejects_bad_context(): void {
		$response = $this->http( 'GET', '/wp-json/auth-sentinel/v1/secrets?context=nonsense', array( 'as' => 'admin' ) );
		$this->assertSame( 400, $response['status'] );
		$this->assertSame( 'rest_invalid_param', $response['json']['code'] );
	}
}
