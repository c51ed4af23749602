<?php
/**
 * On a real subdirectory network: per-site data, and who may see and revoke what.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once __DIR__ . '/NetworkTrait.php';

/**
 * Runs on a network of its own (bin/test-site.sh with MULTISITE=1): "admin" is the network
 * administrator, "siteadmin" the administrator of /site2/ only, "subscriber" a member of both.
 * The network's site name and port are `network` and 8886, or AUTH_SENTINEL_NETWORK_NAME and
 * AUTH_SENTINEL_NETWORK_PORT (for a second checkout testing at the same time).
 */
class MultisiteTest extends TestCase {

	use NetworkTrait;

	const SITE = 'network';
	const PORT = 8886;

	/**
	 * Builds the network once for the class.
	 *
	 * @return void
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		self::network_up();
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
	 * Calls a plugin route with a signed-in session.
	 *
	 * @param string $method HTTP method.
	 * @param string $route  Route under auth-sentinel/v1, with its query.
	 * @param array  $who    [jar, nonce].
	 * @param string $site   The site's path.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function api( string $method, string $route, array $who, string $site = '' ): array {
		return $this->net( $method, $site . '/wp-json/auth-sentinel/v1' . $route, $who[0], array( 'headers' => array( 'X-WP-Nonce: ' . $who[1] ) ) );
	}

	/**
	 * Each site keeps its own failures; the network administrator reads any site's with site=.
	 */
	public function test_failures_are_per_site_and_the_network_admin_sees_any_site(): void {
		$this->assertSame( 'http://localhost:' . self::network_port(), self::$url, 'the network is up' );
		$agent = 'as-network-' . wp_generate_password( 6, false );
		$this->net(
			'POST',
			'/site2/wp-login.php',
			'',
			array(
				'body'    => 'log=subscriber&pwd=wrong',
				'headers' => array( 'User-Agent: ' . $agent ),
			)
		);

		$super = $this->session( 'admin' );
		$main  = $this->api( 'GET', '/events?search=' . $agent, $super );
		$this->assertSame( 200, $main['status'], $main['body'] );
		$this->assertSame( array(), $main['json'], 'not in the main site’s failures' );
		$two = $this->api( 'GET', '/events?site=2&search=' . $agent, $super );
		$this->assertSame( 200, $two['status'], $two['body'] );
		$this->assertCount( 1, $two['json'], 'in site 2’s, read by the network administrator' );
		$this->assertSame( 'bad_credentials', $two['json'][0]['cause'] );

		$local = $this->session( 'siteadmin', '/site2' );
		$own   = $this->api( 'GET', '/events?search=' . $agent, $local, '/site2' );
		$this->assertCount( 1, $own['json'], 'the site administrator sees their site’s failure' );
		$other = $this->api( 'GET', '/events?site=1', $local, '/site2' );
		$this->assertSame( 403, $other['status'], 'but not another site’s' );
	}

	/**
	 * A site administrator lists only their members' sessions and can never revoke a network
	 * administrator's; the network administrator sees everyone's.
	 */
	public function test_site_admin_cannot_touch_a_network_admin(): void {
		$super = $this->session( 'admin' );
		$this->session( 'subscriber', '/site2' );
		$local = $this->session( 'siteadmin', '/site2' );

		$listed = $this->api( 'GET', '/sessions?per_page=100', $local, '/site2' );
		$this->assertSame( 200, $listed['status'], $listed['body'] );
		$logins = array_unique( array_column( array_column( $listed['json'], 'user' ), 'login' ) );
		sort( $logins );
		$this->assertSame( array( 'siteadmin', 'subscriber' ), $logins, 'only the site’s members' );

		$all    = $this->api( 'GET', '/sessions?per_page=100', $super );
		$logins = array_unique( array_column( array_column( $all['json'], 'user' ), 'login' ) );
		$this->assertContains( 'admin', $logins, 'the network administrator sees everyone' );
		$this->assertContains( 'siteadmin', $logins );

		$admin_id = (int) $all['json'][ array_search( 'admin', array_column( array_column( $all['json'], 'user' ), 'login' ), true ) ]['user_id'];
		$refused  = $this->api( 'DELETE', '/users/' . $admin_id . '/sessions', $local, '/site2' );
		$this->assertSame( 403, $refused['status'], 'a site administrator cannot revoke a network administrator' );
		$admin_row = $all['json'][ array_search( $admin_id, array_column( $all['json'], 'user_id' ), true ) ];
		$this->assertSame( 403, $this->api( 'DELETE', '/sessions/' . $admin_row['id'], $local, '/site2' )['status'] );
		$this->assertSame( 200, $this->net( 'GET', '/wp-admin/profile.php', $super[0] )['status'], 'the network administrator is still signed in' );

		// Revoking everyone on site 2 signs out its members, not the network administrator.
		$done = $this->net(
			'POST',
			'/site2/wp-json/auth-sentinel/v1/sessions/revoke-all',
			$local[0],
			array(
				'headers' => array( 'X-WP-Nonce: ' . $local[1], 'Content-Type: application/json' ),
				'body'    => wp_json_encode(
					array(
						'password'              => 'password',
						'application_passwords' => false,
					)
				),
			)
		);
		$this->assertSame( 200, $done['status'], $done['body'] );
		$this->assertSame( 200, $this->net( 'GET', '/wp-admin/profile.php', $super[0] )['status'], 'the network administrator was not signed out' );
		$this->assertSame( 200, $this->net( 'GET', '/site2/wp-admin/profile.php', $local[0] )['status'], 'the caller keeps their session' );
		$left = $this->api( 'GET', '/sessions?per_page=100', $local, '/site2' )['json'];
		$this->assertSame( array( 'siteadmin' ), array_values( array_unique( array_column( array_column( $left, 'user' ), 'login' ) ) ) );
	}

	/**
	 * Two web nodes making the network's fingerprint key at once: each add_site_option()
	 * inserts (the network's meta has no unique key). Here the other node's key is stored while
	 * this request's cache says there is none, as it would be between the two nodes' reads and
	 * writes; both must end with the key stored first, and one row. Fails on the code before
	 * AtomicOption::settle_network(): this node used its own key.
	 */
	public function test_network_key_made_by_two_nodes_at_once(): void {
		$out = json_decode(
			self::in_network(
				'global $wpdb;
			$name    = \AuthSentinel\Secrets\Fingerprinter::OPTION;
			$network = get_current_network_id();
			$saved   = get_site_option( $name );
			$other   = str_repeat( "b", 64 );
			delete_site_option( $name );
			$wpdb->insert( $wpdb->sitemeta, array( "site_id" => $network, "meta_key" => $name, "meta_value" => $other ) );
			wp_cache_set( $network . ":notoptions", array( $name => true ), "site-options" );
			$used = \AuthSentinel\Secrets\Fingerprinter::network_key();
			$rows = $wpdb->get_col( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->sitemeta} WHERE site_id = %d AND meta_key = %s", $network, $name ) );
			delete_site_option( $name );
			add_site_option( $name, $saved );
			echo wp_json_encode( array( "used" => $used, "rows" => $rows, "other" => $other ) );'
			),
			true
		);
		$this->assertIsArray( $out );
		$this->assertSame( $out['other'], $out['used'], 'the key stored first' );
		$this->assertSame( array( $out['other'] ), $out['rows'], 'one row left' );
	}

	/**
	 * The screens live in the Network Admin for the network administrator.
	 */
	public function test_network_admin_screens(): void {
		$super = $this->session( 'admin' );
		$page  = $this->net( 'GET', '/wp-admin/network/admin.php?page=auth-sentinel-sessions', $super[0] );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'window.authSentinel', $page['body'] );
		$this->assertStringContainsString( '"network":true', $page['body'] );
		$this->assertStringContainsString( 'Site 2', $page['body'], 'the site filter lists the sites' );

		$local = $this->session( 'siteadmin', '/site2' );
		$this->assertNotSame( 200, $this->net( 'GET', '/wp-admin/network/admin.php?page=auth-sentinel', $local[0] )['status'], 'not for a site administrator' );
	}

	/**
	 * Audit exports are per site: each of its site's audit log, with its file in that site's
	 * uploads; the network administrator's export from the Network Admin (`site=2`, as its
	 * screen sends) is site 2's. Anonymous gets 401; site 2's administrator gets 403 for the main
	 * site and for `site=1`, and 404 for any export not theirs, on their site or not; no
	 * export's file is served from another site, nor listed there.
	 */
	public function test_audit_exports_are_per_site_and_their_owners_only(): void {
		$local = $this->session( 'siteadmin', '/site2' ); // A sign-in in site 2's log.
		$super = $this->session( 'admin' ); // One in the main site's.
		$base  = '/wp-json/auth-sentinel/v1/audit/exports';
		$this->assertSame( 401, $this->net( 'POST', $base . '?action=sign_in' )['status'] );
		$this->assertSame( 401, $this->net( 'POST', '/site2' . $base . '?action=sign_in' )['status'] );
		$this->assertSame( 401, $this->net( 'GET', '/site2' . $base )['status'] );

		$finish = function ( array $started, array $who, string $site, string $scope ): array {
			$this->assertSame( 201, $started['status'], $started['body'] );
			$job = $started['json'];
			for ( $polls = 0; 'running' === $job['state'] && $polls < 20; $polls++ ) {
				$job = $this->api( 'GET', '/audit/exports/' . $job['id'] . $scope, $who, $site )['json'];
			}
			$this->assertSame( 'complete', $job['state'] );
			return $job;
		};
		$main   = $finish( $this->api( 'POST', '/audit/exports?action=sign_in', $super ), $super, '', '' );
		$two    = $finish( $this->api( 'POST', '/audit/exports?action=sign_in&site=2', $super ), $super, '', '&site=2' );
		$theirs = $finish( $this->api( 'POST', '/audit/exports?action=sign_in', $local, '/site2' ), $local, '/site2', '' );

		// Each file has its own site's rows: the sign-ins of each site's log.
		$file      = function ( string $id, array $who, string $site, string $scope ): array {
			return $this->net( 'GET', $site . '/wp-json/auth-sentinel/v1/audit/exports/' . $id . '/file' . $scope, $who[0], array( 'headers' => array( 'X-WP-Nonce: ' . $who[1] ) ) );
		};
		$main_file = $file( $main['id'], $super, '', '' );
		$two_file  = $file( $two['id'], $super, '', '?site=2' );
		$this->assertSame( 200, $main_file['status'], $main_file['body'] );
		$this->assertSame( 200, $two_file['status'], $two_file['body'] );
		$this->assertStringContainsString( ',admin,', $main_file['body'] );
		$this->assertStringNotContainsString( ',siteadmin,', $main_file['body'], 'site 2’s sign-ins are not in the main site’s export' );
		$this->assertStringContainsString( ',siteadmin,', $two_file['body'], 'the Network Admin’s export of site 2 has site 2’s rows' );
		$this->assertStringNotContainsString( ',admin,', $two_file['body'] );
		$this->assertSame( $two_file['body'], $file( $theirs['id'], $local, '/site2', '' )['body'], 'the same log as site 2’s administrator exports' );

		// The files are in each site's uploads.
		$uploads = dirname( __DIR__, 2 ) . '/.cache/' . self::network_site() . '/wp-content/uploads';
		$ids     = static function ( string $folder ): array {
			return array_map(
				static function ( string $path ): string {
					return substr( basename( $path ), 0, 16 );
				},
				(array) glob( $folder . '/auth-sentinel-exports/*.csv' )
			);
		};
		$this->assertContains( $main['id'], $ids( $uploads ) );
		$this->assertNotContains( $two['id'], $ids( $uploads ) );
		$this->assertEqualsCanonicalizing( array( $two['id'], $theirs['id'] ), array_intersect( $ids( $uploads . '/sites/2' ), array( $main['id'], $two['id'], $theirs['id'] ) ) );

		// The network administrator: each export on its own site only, and never another
		// user's (site 2's administrator's), even with site=2.
		$this->assertSame( 404, $this->api( 'GET', '/audit/exports/' . $two['id'], $super )['status'], 'not on the main site' );
		$this->assertSame( 404, $file( $two['id'], $super, '', '' )['status'] );
		$this->assertSame( 404, $file( $main['id'], $super, '', '?site=2' )['status'], 'the main site’s file is not served as site 2’s' );
		$this->assertSame( 404, $this->api( 'GET', '/audit/exports/' . $theirs['id'] . '?site=2', $super )['status'] );
		$this->assertSame( 404, $file( $theirs['id'], $super, '', '?site=2' )['status'] );
		$listed = array_column( $this->api( 'GET', '/audit/exports', $super )['json'], 'id' );
		$this->assertContains( $main['id'], $listed );
		$this->assertNotContains( $two['id'], $listed );
		$this->assertSame( array( $two['id'] ), array_column( $this->api( 'GET', '/audit/exports?site=2', $super )['json'], 'id' ) );

		// Site 2's administrator: nothing of the main site, nothing of another user's.
		$this->assertSame( 403, $this->net( 'GET', $base . '/' . $main['id'], $local[0], array( 'headers' => array( 'X-WP-Nonce: ' . $local[1] ) ) )['status'], 'no capability on the main site' );
		$this->assertSame( 403, $file( $main['id'], $local, '', '' )['status'] );
		$this->assertSame( 403, $this->api( 'GET', '/audit/exports/' . $main['id'] . '?site=1', $local, '/site2' )['status'], 'no other site by site=' );
		$this->assertSame( 403, $file( $main['id'], $local, '/site2', '?site=1' )['status'] );
		$this->assertSame( 404, $this->api( 'GET', '/audit/exports/' . $main['id'], $local, '/site2' )['status'], 'another site’s export, by its id' );
		$this->assertSame( 404, $file( $main['id'], $local, '/site2', '' )['status'] );
		$this->assertSame( 404, $this->api( 'GET', '/audit/exports/' . $two['id'], $local, '/site2' )['status'], 'their site’s, but not theirs' );
		$this->assertSame( 404, $file( $two['id'], $local, '/site2', '' )['status'] );
		$this->assertSame( 404, $this->api( 'DELETE', '/audit/exports/' . $two['id'], $local, '/site2' )['status'] );
		$this->assertSame( array( $theirs['id'] ), array_column( $this->api( 'GET', '/audit/exports', $local, '/site2' )['json'], 'id' ) );

		// Cancelled from the Network Admin: site 2's file goes.
		$this->assertSame( 200, $this->api( 'DELETE', '/audit/exports/' . $two['id'] . '?site=2', $super )['status'] );
		$this->assertNotContains( $two['id'], $ids( $uploads . '/sites/2' ) );
		$this->assertContains( $theirs['id'], $ids( $uploads . '/sites/2' ) );
		$this->assertSame( 200, $this->api( 'DELETE', '/audit/exports/' . $theirs['id'], $local, '/site2' )['status'] );
		$this->assertSame( 200, $this->api( 'DELETE', '/audit/exports/' . $main['id'], $super )['status'] );
	}

	/**
	 * An export of another site started from the Network Admin goes on with no one polling it:
	 * that site's WP-Cron is started at once, and its run goes on step after step. Before, it
	 * waited for a visit to that site (the Network Admin's requests run the main site's cron).
	 */
	public function test_a_network_admin_export_of_another_site_goes_on_unpolled(): void {
		$root   = dirname( __DIR__, 2 ) . '/.cache/' . self::network_site();
		$plugin = $root . '/wp-content/mu-plugins/as-test-export-steps.php';
		// One batch (1,000 rows) a step, so that the export cannot end in the request that starts it.
		file_put_contents( $plugin, "<?php\nadd_filter( 'auth_sentinel_export_step_seconds', '__return_zero' );\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- Test set-up.
		// WP-Cron as a site has it by default (the test sites switch it off, for repeatable runs).
		$config = $root . '/wp-config.php';
		$saved  = (string) file_get_contents( $config ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- Test set-up.
		$this->assertStringContainsString( "define( 'DISABLE_WP_CRON', true );", $saved );
		file_put_contents( $config, str_replace( "define( 'DISABLE_WP_CRON', true );", "define( 'DISABLE_WP_CRON', false );", $saved ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- Test set-up.
		list( $host, $socket ) = array_pad( explode( ':', DB_HOST, 2 ), 2, null );
		$db                    = new \mysqli( $host, DB_USER, DB_PASSWORD, 'auth_sentinel_' . str_replace( '-', '_', self::network_site() ), 0, $socket ); // phpcs:ignore WordPress.DB.RestrictedClasses.mysql__mysqli -- The network's own database.
		$table                 = 'wp_2_auth_sentinel_audit';
		$user                  = 434343;
		$this->assertTrue( $db->query( "INSERT INTO {$table} (at, action, actor_id, target_user_id, ip, user_agent, details) VALUES (UTC_TIMESTAMP(), 'session_revoked', 1, {$user}, '', 'UnpolledExport/1.0', '{}')" ) );
		for ( $i = 0; $i < 12; $i++ ) {
			$db->query( "INSERT INTO {$table} (at, action, actor_id, target_user_id, ip, user_agent, details) SELECT at, action, actor_id, target_user_id, ip, user_agent, details FROM {$table} WHERE target_user_id = {$user} LIMIT 2000" );
		}
		$rows = (int) $db->query( "SELECT COUNT(*) FROM {$table} WHERE target_user_id = {$user}" )->fetch_row()[0];
		$this->assertGreaterThan( 3000, $rows, 'more rows than three steps write' );
		$super = $this->session( 'admin' );
		try {
			$started = $this->api( 'POST', '/audit/exports?user=' . $user . '&site=2', $super );
			$this->assertSame( 201, $started['status'], $started['body'] );
			$this->assertSame( 'running', $started['json']['state'] );
			$this->assertLessThan( $rows, $started['json']['rows'] );
			// Only the list is read from now on: it writes no row (GET of the job would).
			$job = $started['json'];
			for ( $waited = 0; 'running' === $job['state'] && $waited < 40; $waited++ ) {
				usleep( 500000 );
				$listed = $this->api( 'GET', '/audit/exports?site=2', $super )['json'];
				$job    = current( wp_list_filter( $listed, array( 'id' => $started['json']['id'] ) ) );
				$this->assertIsArray( $job );
			}
			$this->assertSame( 'complete', $job['state'], 'finished by site 2\'s WP-Cron, unpolled' );
			$this->assertSame( $rows, $job['rows'] );
			$this->assertSame( 200, $this->api( 'DELETE', '/audit/exports/' . $job['id'] . '?site=2', $super )['status'] );
		} finally {
			file_put_contents( $config, $saved ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- Test clean-up.
			unlink( $plugin );
			$db->query( "DELETE FROM {$table} WHERE target_user_id = {$user}" );
			$db->close();
		}
	}

	/**
	 * While one site's job makes the network-wide sessions index's full-text index, another
	 * site's writes to that index fail at once too. Before, the mark lived in the options of
	 * the site whose job built it, and the other sites' writes each waited for the lock.
	 */
	public function test_a_rebuild_of_the_sessions_index_is_seen_by_every_site(): void {
		$other = tempnam( sys_get_temp_dir(), 'as-site2' ) . '.php';
		// Another site's request, in a process of its own: /site2/, as the network routes it.
		file_put_contents( // phpcs:ignore WordPress.WP.AlternativeFunctions -- Test set-up.
			$other,
			'<?php
			$table = \AuthSentinel\Database\Schema::sessions_table();
			$read  = \AuthSentinel\Database\BoundedQuery::read( $table, "get_var", "SELECT COUNT(*) FROM {$table}" );
			$write = \AuthSentinel\Database\BoundedQuery::run( $table, static function () use ( $table ) {
				return \AuthSentinel\Database\BoundedQuery::exec( "UPDATE {$table} SET last_seen = last_seen WHERE id = 0" );
			} );
			echo wp_json_encode( array( "site" => get_current_blog_id(), "read" => null !== $read, "write" => $write ) );'
		);
		$out = json_decode(
			self::in_network(
				'$ask    = static function () { return json_decode( (string) shell_exec( ' . var_export( self::in_network_command( $other, '/site2' ), true ) . ' ), true ); };
				$table  = \AuthSentinel\Database\Schema::sessions_table();
				$during = \AuthSentinel\Database\RebuildMarks::rebuild( $table, $ask );
				echo wp_json_encode( array( "during" => $during, "after" => $ask(), "left" => get_site_option( \AuthSentinel\Database\RebuildMarks::REBUILD_OPTION, null ) ) );'
			),
			true
		);
		unlink( $other );
		$this->assertIsArray( $out );
		$this->assertSame( 2, $out['during']['site'], 'asked from site 2' );
		$this->assertTrue( $out['during']['read'], 'reads go on during the rebuild' );
		$this->assertFalse( $out['during']['write'], 'site 2\'s write refused at once while site 1\'s job rebuilds the index' );
		$this->assertSame( 0, $out['after']['write'], 'written again once the rebuild is over' );
		$this->assertNull( $out['left'], 'no mark left behind' );
	}
}
