<?php
/**
 * Bypasses 4 and 6: revocation and scope on a real subdirectory network.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests\Security;

use AuthSentinel\Tests\NetworkTrait;
use AuthSentinel\Tests\TestCase;

require_once dirname( __DIR__ ) . '/NetworkTrait.php';

/**
 * Runs on a network of its own (bin/test-site.sh with MULTISITE=1): "admin" is the network
 * administrator, "siteadmin" the administrator of /site2/ only, "subscriber" a member of both,
 * "editor" and "author" members of the main site only.
 *
 * Before the fix: the fingerprint key was per site, so a session created on /site2/ and revoked
 * from the main site matched nothing (the row said revoked, the cookie kept working); the
 * site-wide not-before was per site, so a network "revoke everyone" did not refuse tokens on
 * other sites; a network administrator's "revoke everyone" while viewing site 2 ended every
 * session of the network; `format=csv&site=2` exported the main site's audit; a site
 * administrator saw and revoked members' sessions created on other sites; network
 * deactivation cleared the schedules of one site; a site administrator's webhook could reach
 * the network's internal hosts.
 */
class NetworkRevocationTest extends TestCase {

	use NetworkTrait;

	const SITE = 'network';
	const PORT = 8886;

	/**
	 * A JWT secret for the fixture issuer on the network.
	 */
	const JWT_SECRET = 'network-secret-0123456789abcdef0123456789abcdef';

	/**
	 * Builds the network once for the class, with JWT Authentication for WP REST API on site 2.
	 *
	 * @return void
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		self::network_up();
		$dir = dirname( __DIR__, 3 ) . '/.cache/' . self::network_site();
		// The network's own constants are in extra-config.php already: add to them.
		$config = is_readable( $dir . '/extra-config.php' ) ? rtrim( (string) file_get_contents( $dir . '/extra-config.php' ) ) . "\n" : "<?php\n";
		file_put_contents( $dir . '/extra-config.php', $config . "define( 'JWT_AUTH_SECRET_KEY', '" . self::JWT_SECRET . "' );\n" );
		self::in_network( 'switch_to_blog( 2 ); update_option( "auth_sentinel_fixture_issuers", array( "fixture-jwt-auth-wp-rest-api" ), true ); echo "ok";' );
	}

	/**
	 * Stops the network.
	 *
	 * @return void
	 */
	public static function tearDownAfterClass(): void {
		self::network_down();
		parent::tearDownAfterClass();
	}

	/**
	 * Calls a plugin route as a signed-in user.
	 *
	 * @param string $method HTTP method.
	 * @param string $route  Route under auth-sentinel/v1 with its query.
	 * @param array  $who    [jar, nonce].
	 * @param string $site   '' or '/site2'.
	 * @param array  $body   A JSON body.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function api( string $method, string $route, array $who, string $site = '', array $body = array() ): array {
		$more = array( 'headers' => array( 'X-WP-Nonce: ' . $who[1], 'Content-Type: application/json' ) );
		if ( $body ) {
			$more['body'] = wp_json_encode( $body );
		}
		return $this->net( $method, $site . '/wp-json/auth-sentinel/v1' . $route, $who[0], $more );
	}

	/**
	 * Whether a browser is still signed in on a site.
	 *
	 * @param string $jar  Cookie jar.
	 * @param string $site '' or '/site2'.
	 * @return bool
	 */
	private function signed_in( string $jar, string $site = '' ): bool {
		return 200 === $this->net( 'GET', $site . '/wp-admin/profile.php', $jar )['status'];
	}

	/**
	 * Mints a token as JWT Authentication for WP REST API would on site 2.
	 *
	 * @param int $user_id The user.
	 * @param int $iat     Issued at.
	 * @return string
	 */
	private function site2_token( int $user_id, int $iat ): string {
		$b64    = static function ( string $raw ): string {
			return rtrim( strtr( base64_encode( $raw ), '+/', '-_' ), '=' );
		};
		$header = $b64( (string) wp_json_encode( array( 'typ' => 'JWT', 'alg' => 'HS256' ) ) );
		$claims = $b64(
			(string) wp_json_encode(
				array(
					'iss'  => self::$url . '/site2',
					'iat'  => $iat,
					'nbf'  => $iat,
					'exp'  => $iat + DAY_IN_SECONDS,
					'data' => array( 'user' => array( 'id' => $user_id ) ),
				),
				JSON_UNESCAPED_SLASHES
			)
		);
		return $header . '.' . $claims . '.' . $b64( hash_hmac( 'sha256', $header . '.' . $claims, self::JWT_SECRET, true ) );
	}

	/**
	 * The id of a user of the network.
	 *
	 * @param string $login The login.
	 * @return int
	 */
	private function network_user( string $login ): int {
		return (int) trim( self::in_network( 'echo (int) get_user_by( "login", ' . var_export( $login, true ) . ' )->ID;' ) );
	}

	/**
	 * A session made on site 2, revoked by the network administrator from the main site, stops
	 * working; a session the row does not stand for is an error, not a success.
	 */
	public function test_a_session_made_on_another_site_is_revoked_from_the_network_admin(): void {
		$this->assertSame( 'http://localhost:' . self::network_port(), self::$url, 'the network is up' );
		$member = $this->session( 'subscriber', '/site2' );
		$this->assertTrue( $this->signed_in( $member[0], '/site2' ) );
		$super = $this->session( 'admin' );

		$rows = $this->api( 'GET', '/users/' . $this->network_user( 'subscriber' ) . '/sessions?type=cookie', $super )['json'];
		$this->assertNotEmpty( $rows, 'the network administrator sees it' );
		foreach ( $rows as $row ) {
			$done = $this->api( 'DELETE', '/sessions/' . $row['id'], $super );
			$this->assertSame( 200, $done['status'], $done['body'] );
		}
		$this->assertFalse( $this->signed_in( $member[0], '/site2' ), 'the browser on site 2 is signed out' );
	}

	/**
	 * A network administrator's "revoke everyone" without a site refuses tokens on every site;
	 * with `site` it ends only that site's members' sessions.
	 */
	public function test_revoke_everyone_has_the_scope_it_says(): void {
		$subscriber = $this->network_user( 'subscriber' );
		$token      = $this->site2_token( $subscriber, time() - 5 );
		$me         = function () use ( $token ) {
			return $this->net( 'GET', '/site2/wp-json/wp/v2/users/me', '', array( 'headers' => array( 'Authorization: Bearer ' . $token ) ) );
		};
		$this->assertSame( 200, $me()['status'], 'the token works on site 2 before' );

		// Site 2 only: its members go, the main site's do not.
		$editor = $this->session( 'editor' );
		$member = $this->session( 'subscriber', '/site2' );
		$super  = $this->session( 'admin' );
		$scoped = $this->api( 'POST', '/sessions/revoke-all?site=2', $super, '', array( 'password' => 'password', 'application_passwords' => false ) );
		$this->assertSame( 200, $scoped['status'], $scoped['body'] );
		$this->assertSame( 'site_members', $scoped['json']['scope'] );
		$this->assertFalse( $this->signed_in( $member[0], '/site2' ), 'site 2’s member is signed out' );
		$this->assertTrue( $this->signed_in( $editor[0] ), 'a member of the main site only is not' );
		$this->assertTrue( $this->signed_in( $super[0] ), 'nor the network administrator' );

		// The whole network.
		sleep( 1 );
		$fresh = $this->site2_token( $subscriber, time() );
		$this->assertSame( 200, $this->net( 'GET', '/site2/wp-json/wp/v2/users/me', '', array( 'headers' => array( 'Authorization: Bearer ' . $fresh ) ) )['status'] );
		$network = $this->api( 'POST', '/sessions/revoke-all', $super, '', array( 'password' => 'password', 'application_passwords' => false ) );
		$this->assertSame( 200, $network['status'], $network['body'] );
		$this->assertSame( 'network', $network['json']['scope'] );
		$this->assertFalse( $this->signed_in( $editor[0] ), 'everyone is signed out' );
		$after = $this->net( 'GET', '/site2/wp-json/wp/v2/users/me', '', array( 'headers' => array( 'Authorization: Bearer ' . $fresh ) ) );
		$this->assertSame( 401, $after['status'], 'a token issued on site 2 before it is refused: ' . $after['body'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] );
	}

	/**
	 * A site administrator sees and ends only what was created on their site.
	 */
	public function test_a_site_administrator_touches_only_their_sites_sessions(): void {
		$subscriber = $this->network_user( 'subscriber' );
		$on_main    = $this->session( 'subscriber' );
		$on_two     = $this->session( 'subscriber', '/site2' );
		$local      = $this->session( 'siteadmin', '/site2' );
		$super      = $this->session( 'admin' );

		$all   = $this->api( 'GET', '/users/' . $subscriber . '/sessions?type=cookie', $super )['json'];
		$theirs = $this->api( 'GET', '/users/' . $subscriber . '/sessions?type=cookie', $local, '/site2' )['json'];
		$this->assertGreaterThan( count( $theirs ), count( $all ), 'the site administrator does not see the main site’s session' );
		$main_ids = array_diff( array_column( $all, 'id' ), array_column( $theirs, 'id' ) );
		$this->assertSame( 403, $this->api( 'DELETE', '/sessions/' . reset( $main_ids ), $local, '/site2' )['status'], 'nor revoke it' );

		$done = $this->api( 'DELETE', '/users/' . $subscriber . '/sessions?application_passwords=false', $local, '/site2' );
		$this->assertSame( 200, $done['status'], $done['body'] );
		$this->assertFalse( $this->signed_in( $on_two[0], '/site2' ), 'the session made on site 2 ended' );
		$this->assertTrue( $this->signed_in( $on_main[0] ), 'the one made on the main site did not' );
	}

	/**
	 * A network administrator's CSV export with `site=2` is site 2's audit trail.
	 */
	public function test_the_csv_export_of_another_site_is_that_sites(): void {
		$this->session( 'siteadmin', '/site2' ); // A sign-in on site 2: an audit row there.
		$super = $this->session( 'admin' );
		$csv   = $this->api( 'GET', '/audit?format=csv&site=2&action=sign_in', $super );
		$this->assertSame( 200, $csv['status'] );
		$this->assertStringContainsString( 'siteadmin', $csv['body'], 'site 2’s sign-ins' );
		$this->assertStringNotContainsString( ',admin,', $csv['body'], 'not the main site’s' );
	}

	/**
	 * A webhook a site administrator sets may not reach the network's internal hosts; one the
	 * network administrator sets may.
	 */
	public function test_a_site_administrators_webhook_cannot_reach_internal_hosts(): void {
		$url    = 'http://127.0.0.1:9/hook';
		$answer = self::in_network(
			'switch_to_blog( 2 );
			$set = static function ( $login ) {
				wp_set_current_user( get_user_by( "login", $login )->ID );
				$request = new WP_REST_Request( "POST", "/auth-sentinel/v1/settings" );
				$request->set_param( "alert_webhook_url", ' . var_export( $url, true ) . ' );
				$status = rest_do_request( $request )->get_status();
				return $status . ":" . ( \AuthSentinel\Alerts\Webhook::trusted( ' . var_export( $url, true ) . ' ) ? "trusted" : "safe" );
			};
			echo $set( "siteadmin" ), " ", $set( "admin" );'
		);
		$this->assertSame( '200:safe 200:trusted', trim( $answer ) );
	}

	/**
	 * Network deactivation stops every site's schedules.
	 */
	public function test_network_deactivation_clears_every_sites_schedules(): void {
		$answer = self::in_network(
			'require_once ABSPATH . "wp-admin/includes/plugin.php";
			$plugin = "auth-sentinel/plugin.php";
			deactivate_plugins( $plugin, false, true );
			$left = array();
			foreach ( get_sites( array( "fields" => "ids" ) ) as $site ) {
				switch_to_blog( $site );
				$left[] = (int) (bool) wp_next_scheduled( "auth_sentinel_prune" );
				restore_current_blog();
			}
			activate_plugin( $plugin, "", true );
			echo implode( ",", $left );'
		);
		$this->assertSame( '0,0', trim( $answer ), 'no site keeps a schedule' );
	}
}
