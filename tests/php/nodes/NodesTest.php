<?php
/**
 * Two web nodes, one database, with and without a persistent object cache.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Alerts\AlertClaims;
use AuthSentinel\Database\AtomicOption;
use AuthSentinel\Database\Schema;
use AuthSentinel\Settings\Settings;

require_once dirname( __DIR__ ) . '/EventsTrait.php';
require_once dirname( __DIR__ ) . '/FixtureTrait.php';
require_once dirname( __DIR__ ) . '/ParallelTrait.php';

/**
 * The site of `NODES=2 bin/test-site.sh up` (and again with `REDIS=1`): two PHP servers serving
 * one directory and one database, the requests carrying the site's Host to either. This process
 * is a third node (it loads the site's object cache too). Run by bin/test.sh's `nodes` check:
 *
 *   PORT=8911 PORT2=8912 NODES=2 SITE_NAME=nodes bash bin/test-site.sh up
 *   AUTH_SENTINEL_SITE_DIR=$PWD/.cache/nodes AUTH_SENTINEL_SITE_URL=http://localhost:8911 \
 *     AUTH_SENTINEL_NODE2_URL=http://localhost:8912 phpunit -c tests/php/phpunit.xml.dist --testsuite nodes
 */
class NodesTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;
	use ParallelTrait;

	/**
	 * The requests of the adversarial storm (AUTH_SENTINEL_NODES_STORM overrides it).
	 */
	const STORM = 1300;

	/**
	 * The test's must-use plugin: lets a request read the nonce salt or change an option
	 * through WordPress on the node it reaches.
	 */
	const MU_PLUGIN = '/wp-content/mu-plugins/test-nodes.php';

	/**
	 * The settings before the test.
	 *
	 * @var array<string, mixed>
	 */
	private $settings = array();

	/**
	 * Skips without a second node; keeps the settings.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		if ( '' === AUTH_SENTINEL_TEST_NODE2_URL ) {
			$this->markTestSkipped( 'No second node: see the class comment.' );
		}
		parent::setUp();
		$this->settings = Settings::all();
		file_put_contents(
			AUTH_SENTINEL_TEST_SITE . self::MU_PLUGIN,
			"<?php\n// Written by tests/php/nodes/NodesTest.php.\nadd_action( 'plugins_loaded', static function () {\n" .
			"\tif ( ! empty( \$_SERVER['HTTP_X_TEST_READ_NONCE_SALT'] ) ) { wp_salt( 'nonce' ); }\n" .
			"\tif ( ! empty( \$_SERVER['HTTP_X_TEST_UPDATE'] ) ) {\n" .
			"\t\tlist( \$kind, \$name, \$value ) = explode( '|', wp_unslash( \$_SERVER['HTTP_X_TEST_UPDATE'] ), 3 );\n" .
			"\t\t'site' === \$kind ? update_site_option( \$name, \$value ) : update_option( \$name, \$value );\n" .
			"\t}\n}, 0 );\n"
		);
	}

	/**
	 * Puts the settings and the site back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		if ( is_file( AUTH_SENTINEL_TEST_SITE . self::MU_PLUGIN ) ) {
			unlink( AUTH_SENTINEL_TEST_SITE . self::MU_PLUGIN );
		}
		if ( $this->settings ) {
			Settings::update( $this->settings );
		}
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * Whether the site runs with the persistent object cache (REDIS=1).
	 *
	 * @return bool
	 */
	private static function redis(): bool {
		return (bool) wp_using_ext_object_cache();
	}

	/**
	 * The newest row's id of a table.
	 *
	 * @param string $table Table.
	 * @return int
	 */
	private function last_id( string $table ): int {
		global $wpdb;
		return (int) $wpdb->get_var( "SELECT COALESCE(MAX(id), 0) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * Every failure of the last two hours, as the statistics count them.
	 *
	 * @return int
	 */
	private function counted(): int {
		$stats = $this->rest( 'GET', '/auth-sentinel/v1/events/stats', array( 'since' => gmdate( 'c', time() - 2 * HOUR_IN_SECONDS ) ), $this->user( 'admin' ) );
		$this->assertSame( 200, $stats->get_status() );
		return (int) $stats->get_data()['total'];
	}

	/**
	 * The audit rows of an action after an id.
	 *
	 * @param string $action The action.
	 * @param int    $after  The id.
	 * @return array<int, array<string, mixed>> Details, newest first.
	 */
	private function audited( string $action, int $after ): array {
		global $wpdb;
		$rows = $wpdb->get_col( $wpdb->prepare( "SELECT details FROM {$wpdb->prefix}auth_sentinel_audit WHERE id > %d AND action = %s ORDER BY id DESC", $after, $action ) );
		return array_map(
			static function ( $details ) {
				return json_decode( $details, true );
			},
			$rows
		);
	}

	/**
	 * Many distinct credentials from 200 addresses in ten networks, split across both nodes in
	 * parallel: rows stop at the caps, every failure is counted once.
	 */
	public function test_an_adversarial_storm_across_two_nodes(): void {
		Settings::update(
			array(
				'trusted_proxies'     => '127.0.0.1',
				'failure_cap_network' => Settings::DEFAULTS['failure_cap_network'],
				'failure_cap_hour'    => Settings::DEFAULTS['failure_cap_hour'],
			)
		);
		$storm    = (int) ( getenv( 'AUTH_SENTINEL_NODES_STORM' ) ?: self::STORM );
		$tag      = strtolower( wp_generate_password( 6, false ) );
		$table    = Schema::events_table();
		$before   = $this->counted();
		$first    = $this->last_id( $table );
		$block    = wp_rand( 0, 199 );
		$requests = array();
		for ( $i = 0; $i < $storm; $i++ ) {
			$address = sprintf( '100.%d.%d.%d', 64 + intdiv( $block, 4 ), ( $block % 4 ) * 10 + $i % 10, 1 + intdiv( $i, 10 ) % 20 );
			$headers = array( 'X-Forwarded-For: ' . $address, 'User-Agent: nodes-storm-' . $tag . '-' . $i );
			switch ( $i % 3 ) {
				case 0:
					$headers[] = 'Authorization: Bearer ' . rtrim( strtr( base64_encode( '{"alg":"HS256"}' ), '+/', '-_' ), '=' ) . '.' . rtrim( strtr( base64_encode( '{"i":' . $i . '}' ), '+/', '-_' ), '=' ) . '.sig' . $i;
					break;
				case 1:
					$headers[] = 'Cookie: ' . LOGGED_IN_COOKIE . '=storm' . $i . '|' . ( time() + 3600 ) . '|tok' . $i . '|hmac' . $i;
					break;
				default:
					$headers[] = 'Authorization: Basic ' . base64_encode( 'subscriber:storm-password-' . $i );
			}
			$requests[] = array( '/wp-json/wp/v2/users/me', $headers, 'GET', null, 1 + $i % 2 );
		}
		$folded   = function () use ( $table ) {
			global $wpdb;
			return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(count), 0) FROM {$table} WHERE overflow = 1 AND hour >= %d", intdiv( time(), HOUR_IN_SECONDS ) - 2 ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		};
		$was      = $folded();
		$started  = microtime( true );
		$statuses = $this->parallel( $requests );
		$seconds  = microtime( true ) - $started;

		$this->assertNotContains( 500, $statuses );
		$this->assertNotContains( 0, $statuses, 'every request was answered' );
		global $wpdb;
		$rows      = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE id > %d", $first ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$overflows = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE id > %d AND overflow = 1", $first ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$hours     = intdiv( (int) ( $started + $seconds ), HOUR_IN_SECONDS ) - intdiv( (int) $started, HOUR_IN_SECONDS ) + 1;
		$cap       = 10 * Settings::DEFAULTS['failure_cap_network'] * $hours;
		fwrite( STDERR, sprintf( "\nnodes (%s): adversarial storm across 2 nodes: %d requests in %.1f s, %d new rows (%d overflow), %d folded\n", self::redis() ? 'Redis' : 'no object cache', $storm, $seconds, $rows, $overflows, $folded() - $was ) );
		$this->assertLessThanOrEqual( $cap + 20 * $hours, $rows, 'rows stop at the caps, whichever node wrote them' );
		$this->assertSame( max( 0, $storm - ( $rows - $overflows ) ), $folded() - $was, 'past the caps, every failure folds into an overflow row' );
		$this->assertSame( $before + $storm, $this->counted(), 'every failure is counted once' );
	}

	/**
	 * 200 terminals retrying one stale token each, every retry on the other node: 200 rows,
	 * each counting both tries.
	 */
	public function test_a_legitimate_storm_across_two_nodes(): void {
		global $wpdb;
		$table     = Schema::events_table();
		$this_hour = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE hour = %d AND overflow = 0", intdiv( time(), HOUR_IN_SECONDS ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		Settings::update(
			array(
				'trusted_proxies'     => '127.0.0.1',
				'failure_cap_network' => Settings::DEFAULTS['failure_cap_network'],
				'failure_cap_hour'    => $this_hour + Settings::DEFAULTS['failure_cap_hour'],
			)
		);
		if ( HOUR_IN_SECONDS - time() % HOUR_IN_SECONDS < 30 ) {
			sleep( HOUR_IN_SECONDS - time() % HOUR_IN_SECONDS + 1 ); // One hour, one row per terminal.
		}
		$tag      = strtolower( wp_generate_password( 6, false ) );
		$before   = $this->counted();
		$first    = $this->last_id( $table );
		$octet    = wp_rand( 1, 250 ); // Each terminal in a /24 of its own (the caps are per network and hour).
		$requests = array();
		for ( $retry = 0; $retry < 2; $retry++ ) {
			for ( $t = 0; $t < 200; $t++ ) {
				$requests[] = array(
					'/wp-json/wp/v2/users/me',
					array( 'X-Forwarded-For: ' . sprintf( '198.%d.%d.%d', 18 + intdiv( $t, 100 ), $t % 100, $octet ), 'User-Agent: pos-' . $tag, 'Authorization: Bearer stale-token-of-terminal-' . $tag . $t ),
					'GET',
					null,
					1 + ( $t + $retry ) % 2, // The retry goes to the other node.
				);
			}
		}
		$this->assertNotContains( 500, $this->parallel( $requests ) );
		$rows = $wpdb->get_row( $wpdb->prepare( "SELECT COUNT(*) AS n, COUNT(DISTINCT ip) AS terminals, SUM(overflow) AS folded, MIN(count) AS least, MAX(count) AS most FROM {$table} WHERE id > %d", $first ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertSame( 200, (int) $rows['terminals'], 'every terminal has its row' );
		$this->assertSame( 200, (int) $rows['n'], 'one row per terminal, though its tries reached both nodes' );
		$this->assertSame( 0, (int) $rows['folded'] );
		$this->assertSame( array( 2, 2 ), array( (int) $rows['least'], (int) $rows['most'] ), 'each row counts both tries' );
		$this->assertSame( $before + 400, $this->counted() );
	}

	/**
	 * Revoking a user's credentials on node 1 refuses the very next request on node 2 (its
	 * application password and a bearer token), and "revoke everyone" likewise.
	 */
	public function test_a_revocation_on_one_node_refuses_the_next_request_on_the_other(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'nodes-test-secret-0123456789abcdef0123456789abcdef' );
		$login   = 'nodes-' . strtolower( wp_generate_password( 8, false ) );
		$user_id = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => 'password',
				'user_email' => $login . '@example.com',
				'role'       => 'editor',
			)
		);
		$this->assertIsInt( $user_id );
		list( $app ) = \WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'nodes' ) );
		$basic       = array( 'Authorization: Basic ' . base64_encode( $login . ':' . $app ) );
		$issue       = function () use ( $login ) {
			$issued = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => http_build_query( array( 'username' => $login, 'password' => 'password' ) ) ) );
			$this->assertSame( 200, $issued['status'], $issued['body'] );
			return array( 'Authorization: Bearer ' . $issued['json']['token'] );
		};
		$bearer = $issue();

		foreach ( array( 1, 2, 2 ) as $node ) { // Each node has served them (and cached what it reads).
			$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $basic, 'node' => $node ) )['status'] );
			$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $bearer, 'node' => $node ) )['status'] );
		}
		$revoked = $this->http( 'DELETE', '/wp-json/auth-sentinel/v1/users/' . $user_id . '/sessions', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $revoked['status'], $revoked['body'] );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $basic, 'node' => 2 ) )['status'], 'the application password, on the other node' );
		$refused = $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $bearer, 'node' => 2 ) );
		$this->assertSame( 401, $refused['status'], 'the token, on the other node' );
		$this->assertSame( 'auth_sentinel_token_revoked', $refused['json']['code'] );

		// Everyone: POST /sessions/revoke-all on node 1 (a not-before time for the whole site).
		sleep( 1 );
		$bearer = $issue();
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $bearer, 'node' => 2 ) )['status'] );
		$all = $this->revoke_everyone();
		$this->assertSame( 200, $all['status'], $all['body'] );
		$refused = $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $bearer, 'node' => 2 ) );
		$this->assertSame( 401, $refused['status'], 'a token issued before, on the other node' );
		$this->assertSame( 'auth_sentinel_token_revoked', $refused['json']['code'] );
		wp_delete_user( $user_id );
	}

	/**
	 * With the object cache, WordPress keeps every autoloaded option in one cached array
	 * (`alloptions`) that update_option() reads and writes back whole: a node that updates
	 * another autoloaded option while node 1 revokes everyone may write back the array it read
	 * before the revocation. The revocation must still hold on every node.
	 */
	public function test_revoke_everyone_survives_a_concurrent_write_of_the_cached_options(): void {
		if ( ! self::redis() ) {
			$this->markTestSkipped( 'Only with a persistent object cache (REDIS=1): without one each request loads its own options.' );
		}
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'nodes-test-secret-0123456789abcdef0123456789abcdef' );
		add_option( 'auth_sentinel_test_busy', '0', '', true );
		sleep( 1 ); // A token issued after any earlier revocation of this suite.
		$issued = $this->http( 'POST', '/wp-json/jwt-auth/v1/token', array( 'body' => http_build_query( array( 'username' => 'author', 'password' => 'password' ) ) ) );
		$this->assertSame( 200, $issued['status'], $issued['body'] );
		$bearer = array( 'Authorization: Bearer ' . $issued['json']['token'] );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $bearer, 'node' => 2 ) )['status'] );

		// Node 2 updates an autoloaded option slowly: between reading the cached options and
		// writing them back it waits three seconds (a busy node), while node 1 revokes everyone.
		file_put_contents(
			AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/test-nodes-busy.php',
			"<?php\n// Written by NodesTest.\nif ( ! empty( \$_SERVER['HTTP_X_TEST_BUSY'] ) ) {\n\tadd_action( 'init', static function () {\n" .
			"\t\t\$calls = 0;\n\t\tadd_filter( 'alloptions', static function ( \$all ) use ( &\$calls ) { if ( 2 === ++\$calls ) { sleep( 3 ); } return \$all; } );\n" .
			"\t\tupdate_option( 'auth_sentinel_test_busy', (string) microtime( true ) );\n\t}, 99 );\n}\n"
		);
		try {
			$multi = curl_multi_init();
			$busy  = curl_init( AUTH_SENTINEL_TEST_URL . '/' );
			curl_setopt_array(
				$busy,
				array(
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_HTTPHEADER     => array( 'X-Test-Busy: 1' ),
					CURLOPT_CONNECT_TO     => self::connect_to( 2 ),
				)
			);
			curl_multi_add_handle( $multi, $busy );
			$started = microtime( true );
			do {
				curl_multi_exec( $multi, $running );
				curl_multi_select( $multi, 0.05 );
			} while ( microtime( true ) - $started < 0.5 );
			$all = $this->revoke_everyone();
			$this->assertLessThan( 3.0, microtime( true ) - $started, 'revoked while node 2 was busy' );
			do {
				curl_multi_exec( $multi, $running );
				curl_multi_select( $multi, 0.05 );
			} while ( $running > 0 );
			$this->assertSame( 200, (int) curl_getinfo( $busy, CURLINFO_RESPONSE_CODE ) );
			curl_multi_remove_handle( $multi, $busy );
			curl_close( $busy );
			curl_multi_close( $multi );
		} finally {
			unlink( AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/test-nodes-busy.php' );
			delete_option( 'auth_sentinel_test_busy' );
		}
		$this->assertSame( 200, $all['status'], $all['body'] );
		foreach ( array( 2, 1 ) as $node ) {
			$refused = $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $bearer, 'node' => $node ) );
			$this->assertSame( 401, $refused['status'], "a token issued before, on node $node" );
			$this->assertSame( 'auth_sentinel_token_revoked', $refused['json']['code'] );
		}
	}

	/**
	 * With the object cache, a cached `alloptions` array older than the secrets' known state
	 * (written back by a node that read it before a change, see above) makes every node's quick
	 * check differ and run the full check on every request; the first full check that finds
	 * the stored state unchanged lets the nodes load the options again, and the next requests
	 * make no query of the plugin's.
	 */
	public function test_a_stale_cached_secrets_state_is_mended_once(): void {
		if ( ! self::redis() ) {
			$this->markTestSkipped( 'Only with a persistent object cache (REDIS=1).' );
		}
		$this->edit_salts( array( 'NONCE_SALT' => null ) );
		$this->run_in_site( 'wp_salt( "nonce" );' );
		$this->parallel( array( array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 1 ), array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 2 ) ) );
		$this->secrets_report();
		global $wpdb;
		$mark = $this->last_id( $wpdb->prefix . 'auth_sentinel_audit' );

		// The cached options hold a state whose NONCE_SALT fingerprint is an older one.
		$all   = wp_cache_get( 'alloptions', 'options', true );
		$this->assertIsArray( $all );
		$state = maybe_unserialize( $all[ \AuthSentinel\Secrets\SecretsState::OPTION ] );
		$state['items']['NONCE_SALT']['fp'] = str_repeat( '0', 32 );
		$all[ \AuthSentinel\Secrets\SecretsState::OPTION ] = maybe_serialize( $state );
		wp_cache_set( 'alloptions', $all, 'options' );

		$reads = array();
		for ( $i = 0; $i < 4; $i++ ) {
			$name = 'as-nodes-stale-' . $i;
			$this->http( 'GET', '/', array( 'headers' => array( 'X-Test-Read-Nonce-Salt: 1', 'X-Test-Query-Log: ' . $name ), 'node' => 1 + $i % 2 ) );
			$log = json_decode( (string) file_get_contents( sys_get_temp_dir() . '/' . $name . '.json' ), true );
			unlink( sys_get_temp_dir() . '/' . $name . '.json' );
			$reads[] = count( $log['plugin'] );
		}
		$this->assertGreaterThan( 0, $reads[0], 'the first request runs the full check' );
		$this->assertSame( array( 0, 0 ), array_slice( $reads, 2 ), 'later requests on both nodes make no query of the plugin: ' . wp_json_encode( $reads ) );
		$this->assertCount( 0, $this->audited( 'secrets_changed', $mark ), 'not a change' );
	}

	/**
	 * With the object cache, a cached `alloptions` array that holds an older schema version
	 * (written back by a node that read it before an upgrade) would send every request of every
	 * node to the upgrade's lock; the first one takes the lock, which drops the cached options
	 * (AtomicOption), finds the table's version current, and the nodes load the options again.
	 */
	public function test_a_stale_cached_schema_version_is_mended_once(): void {
		if ( ! self::redis() ) {
			$this->markTestSkipped( 'Only with a persistent object cache (REDIS=1).' );
		}
		$all = wp_cache_get( 'alloptions', 'options', true );
		$this->assertIsArray( $all );
		$all[ Schema::OPTION ] = (string) ( Schema::VERSION - 1 );
		wp_cache_set( 'alloptions', $all, 'options' );

		$queries = array();
		for ( $i = 0; $i < 4; $i++ ) {
			$name = 'as-nodes-schema-' . $i;
			$this->http( 'GET', '/', array( 'headers' => array( 'X-Test-Query-Log: ' . $name ), 'node' => 1 + $i % 2 ) );
			$log = json_decode( (string) file_get_contents( sys_get_temp_dir() . '/' . $name . '.json' ), true );
			unlink( sys_get_temp_dir() . '/' . $name . '.json' );
			$queries[] = count( $log['plugin'] );
		}
		$this->assertGreaterThan( 0, $queries[0], 'the first request finds the version behind' );
		$this->assertSame( array( 0, 0 ), array_slice( $queries, 2 ), 'later requests on both nodes make no query of the plugin: ' . wp_json_encode( $queries ) );
		wp_cache_flush_runtime();
		$this->assertSame( (string) Schema::VERSION, (string) get_option( Schema::OPTION ), 'the cached options hold the current version again' );
	}

	/**
	 * A salt kept in the database, rotated through WordPress on node 1 while both nodes serve
	 * requests that read it, and a token secret likewise: each change is recorded once.
	 */
	public function test_a_secret_change_is_recorded_once_across_nodes(): void {
		$this->edit_salts( array( 'NONCE_SALT' => null ) );
		$this->run_in_site( 'wp_salt( "nonce" );' );
		$this->parallel( array( array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 1 ), array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 2 ) ) );
		$this->secrets_report(); // Learnt: the constant's removal is recorded by now.
		global $wpdb;
		$mark = $this->last_id( $wpdb->prefix . 'auth_sentinel_audit' );

		$cases = array(
			'NONCE_SALT'                 => 'site|nonce_salt|' . wp_generate_password( 64, false ),
			'woocommerce_pos_secret_key' => 'option|woocommerce_pos_secret_key|' . wp_generate_password( 64, false ),
		);
		foreach ( $cases as $name => $update ) {
			$requests = array( array( '/', array( 'X-Test-Update: ' . $update ), 'GET', null, 1 ) );
			for ( $i = 0; $i < 24; $i++ ) {
				$requests[] = array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 1 + $i % 2 );
			}
			$this->assertNotContains( 500, $this->parallel( $requests ) );
			$this->parallel( array( array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 1 ), array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 2 ) ) );
			$changes = array_values(
				array_filter(
					$this->audited( 'secrets_changed', $mark ),
					static function ( $change ) use ( $name ) {
						return in_array( $name, (array) $change['changed'], true );
					}
				)
			);
			if ( 'woocommerce_pos_secret_key' === $name && ! $changes && ! $this->audited( 'secrets_changed', $mark ) ) {
				continue; // First sight of the token secret is learnt, not a change: checked below.
			}
			$this->assertCount( 1, $changes, "$name: one change recorded, though both nodes saw it" );
			$mark = $this->last_id( $wpdb->prefix . 'auth_sentinel_audit' );
		}
		// A second rotation of the token secret (the first may have been its first sight).
		$requests = array( array( '/', array( 'X-Test-Update: option|woocommerce_pos_secret_key|' . wp_generate_password( 64, false ) ), 'GET', null, 2 ) );
		for ( $i = 0; $i < 24; $i++ ) {
			$requests[] = array( '/', array(), 'GET', null, 1 + $i % 2 );
		}
		$this->parallel( $requests );
		$this->assertCount( 1, $this->audited( 'secrets_changed', $mark ), 'the token secret: one change recorded' );
		$this->assertSame( array( 'woocommerce_pos_secret_key' ), $this->audited( 'secrets_changed', $mark )[0]['changed'] );
		$this->assertContains( $this->audited( 'secrets_changed', $mark )[0]['trigger'], array( 'option_update', 'request' ), 'found by the node that changed it, or by the other one first' );
	}

	/**
	 * A salt kept in the database changed through WordPress by another process of the site
	 * whose own watch is off (so that only the nodes can notice): the quick check of the next
	 * request on node 2 that reads the salt sees it — through the object cache, which the update
	 * refreshed, or the table — and it is recorded once, by a request.
	 */
	public function test_the_quick_check_on_node_2_sees_a_salt_changed_elsewhere(): void {
		$this->edit_salts( array( 'NONCE_SALT' => null ) );
		$this->run_in_site( 'wp_salt( "nonce" );' );
		$this->parallel( array( array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 1 ), array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 2 ) ) );
		$this->secrets_report();
		global $wpdb;
		$mark = $this->last_id( $wpdb->prefix . 'auth_sentinel_audit' );
		$this->run_in_site( 'foreach ( array( "add_site_option", "update_site_option", "added_option", "updated_option", "shutdown" ) as $hook ) { remove_all_actions( $hook ); } update_site_option( "nonce_salt", wp_generate_password( 64, false ) );' );
		$this->assertCount( 0, $this->audited( 'secrets_changed', $mark ), 'the process that changed it did not look' );

		$this->http( 'GET', '/', array( 'headers' => array( 'X-Test-Read-Nonce-Salt: 1' ), 'node' => 2 ) );
		$changes = $this->audited( 'secrets_changed', $mark );
		$this->assertCount( 1, $changes, 'seen by the next request on node 2' );
		$this->assertSame( array( 'NONCE_SALT' ), $changes[0]['changed'] );
		$this->assertSame( 'request', $changes[0]['trigger'] );
		$this->parallel( array( array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 1 ), array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 2 ) ) );
		$this->assertCount( 1, $this->audited( 'secrets_changed', $mark ), 'and not again' );
	}

	/**
	 * A salt changed straight in the database (no WordPress API): without a persistent cache
	 * the next request that reads it sees it; with one, the nodes keep serving the cached value
	 * until the cache is flushed, and then it is recorded once.
	 */
	public function test_a_direct_database_change_is_seen_when_the_cache_is(): void {
		$this->edit_salts( array( 'NONCE_SALT' => null ) );
		$this->run_in_site( 'wp_salt( "nonce" );' );
		$this->parallel( array( array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 1 ), array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 2 ) ) );
		$this->secrets_report();
		global $wpdb;
		$mark = $this->last_id( $wpdb->prefix . 'auth_sentinel_audit' );
		$wpdb->update( $wpdb->options, array( 'option_value' => wp_generate_password( 64, false ) ), array( 'option_name' => 'nonce_salt' ) );

		$read = array();
		for ( $i = 0; $i < 8; $i++ ) {
			$read[] = array( '/', array( 'X-Test-Read-Nonce-Salt: 1' ), 'GET', null, 1 + $i % 2 );
		}
		$this->parallel( $read );
		if ( self::redis() ) {
			$this->assertCount( 0, $this->audited( 'secrets_changed', $mark ), 'with the object cache, the nodes still read the cached salt' );
			wp_cache_flush(); // As `wp cache flush` does.
			$this->parallel( $read );
		}
		$changes = $this->audited( 'secrets_changed', $mark );
		$this->assertCount( 1, $changes, 'recorded once' );
		$this->assertSame( array( 'NONCE_SALT' ), $changes[0]['changed'] );
	}

	/**
	 * A failure spike that both nodes see sends one email, and a second check on either node
	 * within the hour sends none.
	 */
	public function test_one_alert_for_a_spike_both_nodes_see(): void {
		if ( HOUR_IN_SECONDS - time() % HOUR_IN_SECONDS < 120 ) {
			sleep( HOUR_IN_SECONDS - time() % HOUR_IN_SECONDS + 1 );
		}
		global $wpdb;
		$hour     = intdiv( time(), HOUR_IN_SECONDS );
		$failures = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COALESCE(SUM(count), 0) FROM ' . Schema::events_table() . ' WHERE hour = %d', $hour ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name = %s", $wpdb->esc_like( AlertClaims::CLAIM_PREFIX ) . '%', AlertClaims::GATE_OPTION ) );
		Settings::update(
			array(
				'alerts_email'          => true,
				'alert_emails'          => 'nodes@example.com',
				'alert_on'              => array( 'failure_spike' ),
				'alert_spike_threshold' => $failures + 40,
				'alert_webhook_url'     => '',
			)
		);
		$mail = AUTH_SENTINEL_TEST_SITE . '/mail.log';
		clearstatcache();
		$offset = is_file( $mail ) ? (int) filesize( $mail ) : 0;
		$this->app_password( 'author' ); // WordPress tries Basic credentials once some application password exists.
		$failing = array( 'User-Agent: nodes-spike', 'Authorization: Basic ' . base64_encode( 'author:wxyz wxyz wxyz wxyz wxyz wxyz' ) );
		$burst   = function ( int $count ) use ( $failing ) {
			$requests = array();
			for ( $i = 0; $i < $count; $i++ ) {
				$requests[] = array( '/wp-json/wp/v2/users/me', $failing, 'GET', null, 1 + $i % 2 );
			}
			$this->assertSame( array( 401 ), array_values( array_unique( $this->parallel( $requests ) ) ) );
		};
		$open_gates = static function () use ( $hour ) { // As if a minute passed, on both kinds of store.
			global $wpdb;
			$wpdb->update( $wpdb->options, array( 'option_value' => '0' ), array( 'option_name' => AlertClaims::GATE_OPTION ) );
			wp_cache_delete( 'alloptions', 'options' );
			wp_cache_delete( 'gate_' . intdiv( time(), 60 ), AlertClaims::CACHE_GROUP );
			wp_cache_delete( 'done_' . $hour, AlertClaims::CACHE_GROUP );
		};
		$mails = static function () use ( $mail, $offset ) {
			clearstatcache();
			$added = is_file( $mail ) ? (string) file_get_contents( $mail, false, null, $offset ) : '';
			return array_values( array_filter( array_map( 'json_decode', array_filter( explode( "\n", $added ), 'strlen' ) ) ) );
		};

		$burst( 60 );
		$open_gates();
		$burst( 16 ); // Past the threshold: a check on one node or the other sends.
		for ( $i = 0; $i < 30 && count( $mails() ) < 1; $i++ ) {
			usleep( 100000 );
		}
		$this->assertCount( 1, $mails(), 'one email for the spike' );
		$open_gates(); // The checks run again on both nodes: the hour's claim is taken.
		$burst( 16 );
		usleep( 500000 );
		$this->assertCount( 1, $mails(), 'still one email for the hour' );
		$this->assertStringContainsString( 'failed sign-ins in one hour', $mails()[0]->subject );
	}

	/**
	 * /token-status's per-client limit counts the requests of both nodes together.
	 */
	public function test_rate_limits_are_shared_by_the_nodes(): void {
		global $wpdb;
		if ( time() % 60 > 45 ) {
			sleep( 61 - time() % 60 ); // One window.
		}
		Settings::update( array( 'trusted_proxies' => '127.0.0.1' ) );
		$wpdb->query( 'DELETE FROM ' . Schema::counters_table() ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		wp_cache_flush_group( 'auth_sentinel_rate' );
		$address  = sprintf( '203.0.113.%d', wp_rand( 1, 254 ) );
		$requests = array();
		for ( $i = 0; $i < 40; $i++ ) {
			$requests[] = array( '/wp-json/auth-sentinel/v1/token-status', array( 'X-Forwarded-For: ' . $address ), 'POST', 'token=x.y.z', 1 + $i % 2 );
		}
		$statuses = array_count_values( $this->parallel( $requests ) );
		$this->assertSame( 10, $statuses[429] ?? 0, '30 a minute per client, whichever node answers: ' . wp_json_encode( $statuses ) );
	}

	/**
	 * An object cache that each node keeps for itself (APCu, a local Memcached) is persistent
	 * but not shared: counted there, each node would allow a client its own 30 a minute. A site
	 * says so with the `auth_sentinel_shared_object_cache` filter, and the limits count in the
	 * database. Here every request starts from an empty cache group, as on a node of its own.
	 */
	public function test_a_cache_that_is_not_shared_is_not_used_for_the_limits(): void {
		if ( ! self::redis() ) {
			$this->markTestSkipped( 'Only with a persistent object cache (REDIS=1).' );
		}
		global $wpdb;
		if ( time() % 60 > 45 ) {
			sleep( 61 - time() % 60 );
		}
		$mu = AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/test-nodes-local-cache.php';
		file_put_contents(
			$mu,
			"<?php\n// Written by NodesTest: each request sees the rate limits' cache group empty, as a node with a cache of its own would.\n" .
			"add_action( 'plugins_loaded', static function () { wp_cache_flush_group( 'auth_sentinel_rate' ); } );\n" .
			"add_filter( 'auth_sentinel_shared_object_cache', '__return_false' );\n"
		);
		try {
			Settings::update( array( 'trusted_proxies' => '127.0.0.1' ) );
			$wpdb->query( 'DELETE FROM ' . Schema::counters_table() ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
			$address  = sprintf( '203.0.113.%d', wp_rand( 1, 254 ) );
			$requests = array();
			for ( $i = 0; $i < 40; $i++ ) {
				$requests[] = array( '/wp-json/auth-sentinel/v1/token-status', array( 'X-Forwarded-For: ' . $address ), 'POST', 'token=x.y.z', 1 + $i % 2 );
			}
			$statuses = array_count_values( $this->parallel( $requests ) );
		} finally {
			unlink( $mu );
		}
		$this->assertSame( 10, $statuses[429] ?? 0, 'counted in the database: ' . wp_json_encode( $statuses ) );
	}

	/**
	 * Two nodes running the due jobs at the same moment (as `wp cron event run --due-now` on
	 * each would): the retention and the sessions' upkeep run on one of them only, and the work
	 * is done.
	 */
	public function test_two_nodes_running_the_due_jobs_do_the_work_once(): void {
		global $wpdb;
		$table = Schema::events_table();
		$old   = gmdate( 'Y-m-d H:i:s', time() - 400 * DAY_IN_SECONDS );
		$hour  = intdiv( time() - 400 * DAY_IN_SECONDS, HOUR_IN_SECONDS );
		$tag   = strtolower( wp_generate_password( 6, false ) );
		for ( $i = 0; $i < 3000; $i += 500 ) {
			$values = array();
			for ( $j = $i; $j < $i + 500; $j++ ) {
				$values[] = $wpdb->prepare( "(%s, %d, %s, %s, 1, 'test', 'test', 'test', 'unknown', %s, '{}')", md5( $tag . $j ), $hour, $old, $old, 'old-' . $tag );
			}
			$wpdb->query( "INSERT INTO {$table} (agg_key, hour, first_seen, last_seen, count, source, server_code, code, cause, user_agent, details) VALUES " . implode( ',', $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared
		}
		$old_rows = function () use ( $wpdb, $table, $tag ) {
			return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE user_agent = %s", 'old-' . $tag ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		};
		$this->assertSame( 3000, $old_rows() );

		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( 'auth_sentinel_lock_' ) . '%' ) ); // Earlier runs' rests.
		wp_cache_flush();
		// Each process waits for the same instant, then counts the retention's scans as it runs the jobs.
		$at     = microtime( true ) + 1.5;
		$script = sprintf(
			'define( "DOING_CRON", true ); // As wp cron event run and wp-cron.php define it.
			$auth_sentinel_scans = array( "events" => 0, "audit" => 0, "sessions" => 0 );
			add_filter( "query", static function ( $q ) use ( &$auth_sentinel_scans ) {
				foreach ( array( "events" => "auth_sentinel_events WHERE last_seen <", "audit" => "auth_sentinel_audit WHERE at <", "sessions" => "auth_sentinel_sessions WHERE" ) as $job => $scan ) {
					if ( preg_match( "/^\\s*(SELECT|DELETE)/", $q ) && false !== strpos( $q, $scan ) ) { ++$auth_sentinel_scans[ $job ]; }
				}
				return $q;
			} );
			time_sleep_until( %F );
			foreach ( array( "auth_sentinel_prune", "auth_sentinel_sessions_upkeep", "auth_sentinel_check_secrets" ) as $hook ) { do_action( $hook ); } // As wp cron event run does.
			echo "scans=", wp_json_encode( $auth_sentinel_scans ), "\n";',
			$at
		);
		$file = tempnam( sys_get_temp_dir(), 'as-cron' ) . '.php';
		file_put_contents( $file, "<?php\n" . $script );
		$runs = array();
		foreach ( array( 1, 2 ) as $node ) {
			$runs[ $node ] = proc_open(
				array( PHP_BINARY, dirname( __DIR__, 2 ) . '/bin/wp-run.php', AUTH_SENTINEL_TEST_SITE, AUTH_SENTINEL_TEST_URL, $file ),
				array(
					1 => array( 'pipe', 'w' ),
					2 => array( 'pipe', 'w' ),
				),
				$pipes
			);
			$runs[ $node ] = array( $runs[ $node ], $pipes );
		}
		$scans = array();
		foreach ( $runs as $node => list( $process, $pipes ) ) {
			$out = stream_get_contents( $pipes[1] ) . stream_get_contents( $pipes[2] );
			proc_close( $process );
			$this->assertSame( 1, preg_match( '/scans=(\{.*\})/', $out, $m ), $out );
			$scans[ $node ] = json_decode( $m[1], true );
		}
		unlink( $file );
		foreach ( array( 'events', 'audit', 'sessions' ) as $job ) {
			$by = array( $scans[1][ $job ], $scans[2][ $job ] );
			sort( $by );
			$this->assertSame( 0, $by[0], "$job: one node found the job taken: " . wp_json_encode( $scans ) );
			$this->assertGreaterThan( 0, $by[1], "$job: the other did it" );
		}
		$this->assertSame( 0, $old_rows(), 'the old rows are gone' );
	}

	/**
	 * Runs the same PHP in two processes of the site (two nodes) that start at the same instant.
	 *
	 * @param string $code PHP without the opening tag; what it prints is returned, per process.
	 * @return string[]
	 */
	private function at_once_on_two_nodes( string $code ): array {
		$file = tempnam( sys_get_temp_dir(), 'as-nodes' ) . '.php';
		file_put_contents( $file, "<?php\n" . sprintf( 'time_sleep_until( %F );', microtime( true ) + 1.5 ) . "\n" . $code );
		$runs = array();
		foreach ( array( 1, 2 ) as $node ) {
			$process       = proc_open(
				array( PHP_BINARY, dirname( __DIR__, 2 ) . '/bin/wp-run.php', AUTH_SENTINEL_TEST_SITE, AUTH_SENTINEL_TEST_URL, $file ),
				array(
					1 => array( 'pipe', 'w' ),
					2 => array( 'pipe', 'w' ),
				),
				$pipes
			);
			$runs[ $node ] = array( $process, $pipes );
		}
		$out = array();
		foreach ( $runs as $node => list( $process, $pipes ) ) {
			$out[ $node ] = stream_get_contents( $pipes[1] ) . stream_get_contents( $pipes[2] );
			proc_close( $process );
		}
		unlink( $file );
		return $out;
	}

	/**
	 * The rate limits' counters in the database (no object cache): two nodes counting one
	 * counter at once each get their own count, 1 to 800 once each.
	 */
	public function test_database_counters_give_each_hit_its_own_count(): void {
		$name = 'nodes-' . strtolower( wp_generate_password( 8, false ) );
		$out  = $this->at_once_on_two_nodes(
			'$counts = array();
			for ( $i = 0; $i < 400; $i++ ) { $counts[] = AuthSentinel\Database\Counters::hit( ' . var_export( $name, true ) . ', ' . ( intdiv( time(), 60 ) + 100000 ) . ' ); } // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export
			echo "counts=", wp_json_encode( $counts ), "\n";'
		);
		$counts = array();
		foreach ( $out as $printed ) {
			$this->assertSame( 1, preg_match( '/counts=(\[.*\])/', $printed, $m ), $printed );
			$counts = array_merge( $counts, json_decode( $m[1], true ) );
		}
		global $wpdb;
		$wpdb->delete( Schema::counters_table(), array( 'name' => $name ) );
		sort( $counts );
		$this->assertSame( range( 1, 800 ), $counts, 'no count given twice, none skipped' );
	}

	/**
	 * An upgrade that died left its lock behind; two nodes that find it at once do not both
	 * take it over and upgrade the tables together.
	 */
	public function test_a_dead_upgrade_is_taken_over_by_one_node(): void {
		global $wpdb;
		$version = (int) get_option( Schema::OPTION );
		// The lock of an upgrade that died 20 minutes ago (under its name before and after JobLock).
		$wpdb->replace(
			$wpdb->options,
			array(
				'option_name'  => 'auth_sentinel_db_upgrading',
				'option_value' => (string) ( time() - 20 * MINUTE_IN_SECONDS ),
				'autoload'     => 'no',
			)
		);
		$wpdb->replace(
			$wpdb->options,
			array(
				'option_name'  => 'auth_sentinel_lock_schema_upgrade',
				'option_value' => sprintf( '%010d:dead', time() - 10 * MINUTE_IN_SECONDS ),
				'autoload'     => 'no',
			)
		);
		$wpdb->update( $wpdb->options, array( 'option_value' => (string) ( $version - 1 ) ), array( 'option_name' => Schema::OPTION ) );
		wp_cache_flush();
		// Two processes of the site (two nodes) load WordPress at the same instant: the upgrade
		// runs at init, so the must-use plugin waits for that instant and logs dbDelta() calls.
		$mu  = AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/test-nodes-at-once.php';
		$log = tempnam( sys_get_temp_dir(), 'as-upgrade' );
		file_put_contents(
			$mu,
			"<?php\n// Written by NodesTest.\nif ( getenv( 'AUTH_SENTINEL_TEST_AT' ) ) {\n\ttime_sleep_until( (float) getenv( 'AUTH_SENTINEL_TEST_AT' ) );\n" .
			"\tadd_filter( 'dbdelta_queries', static function ( \$q ) { file_put_contents( getenv( 'AUTH_SENTINEL_TEST_LOG' ), getmypid() . \"\\n\", FILE_APPEND ); return \$q; } );\n" .
			// A slow read of the lock (a busy database) widens a check-then-write's window to 0.3 s.
			"\tadd_filter( 'option_auth_sentinel_db_upgrading', static function ( \$v ) { usleep( 300000 ); return \$v; } );\n}\n"
		);
		$script = tempnam( sys_get_temp_dir(), 'as-nodes' ) . '.php';
		file_put_contents( $script, "<?php\n" );
		try {
			$env = array_merge(
				getenv(),
				array(
					'AUTH_SENTINEL_TEST_AT'  => sprintf( '%F', microtime( true ) + 1.5 ),
					'AUTH_SENTINEL_TEST_LOG' => $log,
				)
			);
			$runs = array();
			foreach ( array( 1, 2 ) as $node ) {
				$runs[ $node ] = proc_open( array( PHP_BINARY, dirname( __DIR__, 2 ) . '/bin/wp-run.php', AUTH_SENTINEL_TEST_SITE, AUTH_SENTINEL_TEST_URL, $script ), array(), $pipes, null, $env );
			}
			foreach ( $runs as $process ) {
				proc_close( $process );
			}
		} finally {
			unlink( $mu );
			unlink( $script );
			$wpdb->update( $wpdb->options, array( 'option_value' => (string) $version ), array( 'option_name' => Schema::OPTION ) );
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name IN (%s, %s)", 'auth_sentinel_db_upgrading', 'auth_sentinel_lock_schema_upgrade' ) );
			wp_cache_flush();
		}
		$upgraders = array_unique( array_filter( explode( "\n", (string) file_get_contents( $log ) ) ) );
		unlink( $log );
		$this->assertCount( 1, $upgraders, 'one process upgraded the tables' );
	}

	/**
	 * Behind HyperDB or LudicrousDB, a read for a compare-and-swap (and the revocation time read
	 * when the object cache lost it) must see the primary, not a replica that may lag: AtomicOption
	 * asks the database class to send this request's reads to the primaries.
	 */
	public function test_atomic_reads_go_to_the_primary_behind_a_replica_router(): void {
		global $wpdb;
		$original = $wpdb;
		$routers  = array(
			'HyperDB'     => new class( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST ) extends \wpdb {
				/**
				 * Calls of the routing method.
				 *
				 * @var int
				 */
				public $primary = 0;
				/**
				 * HyperDB's method.
				 */
				public function send_reads_to_masters() {
					++$this->primary;
				}
			},
			'LudicrousDB' => new class( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST ) extends \wpdb {
				/**
				 * Calls of the routing method.
				 *
				 * @var int
				 */
				public $primary = 0;
				/**
				 * LudicrousDB's method (send_reads_to_masters() is its deprecated name).
				 */
				public function send_reads_to_primaries() {
					++$this->primary;
				}
				/**
				 * The deprecated name.
				 */
				public function send_reads_to_masters() {
					throw new \LogicException( 'deprecated' );
				}
			},
		);
		try {
			foreach ( $routers as $name => $router ) {
				$router->set_prefix( $original->base_prefix );
				$wpdb = $router; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
				$this->assertSame( (string) $original->get_var( "SELECT option_value FROM {$original->options} WHERE option_name = 'siteurl'" ), AtomicOption::read( 'siteurl' ) );
				$this->assertSame( 1, $router->primary, "$name: the read went to the primary" );
			}
		} finally {
			$wpdb = $original; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
		}
	}

	/**
	 * A write made by one guarded statement (insert-if-absent, compare-and-swap) is what every
	 * node reads next through the options API, with or without the object cache.
	 */
	public function test_atomic_option_writes_are_seen_by_the_other_nodes(): void {
		$name = 'auth_sentinel_test_atomic_' . strtolower( wp_generate_password( 6, false ) );
		$read = function () use ( $name ) {
			return trim( $this->run_in_site( 'echo wp_json_encode( get_option( ' . var_export( $name, true ) . ' ) );' ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export
		};
		$this->assertSame( 'false', $read(), 'absent: another node remembers that (notoptions)' );
		$this->assertTrue( AtomicOption::insert( $name, 'first', false ) );
		$this->assertSame( '"first"', $read(), 'inserted: seen by another node' );
		$this->assertTrue( AtomicOption::swap( $name, 'first', 'second' ) );
		$this->assertSame( '"second"', $read(), 'swapped: seen by another node' );
		$this->assertTrue( AtomicOption::raise( $name, 'third' ) );
		$this->assertSame( '"third"', $read(), 'raised: seen by another node' );
		delete_option( $name );
	}

	/**
	 * The fingerprint key is made on first use; two nodes making it at once must end with one
	 * key, the one both used (WordPress's add_option() is an upsert: the later one overwrites).
	 * Last in the class: it replaces the site's key for a moment.
	 */
	public function test_two_nodes_making_the_fingerprint_key_agree_on_one(): void {
		global $wpdb;
		$name = \AuthSentinel\Secrets\Fingerprinter::OPTION;
		$kept = $wpdb->get_row( $wpdb->prepare( "SELECT option_value, autoload FROM {$wpdb->options} WHERE option_name = %s", $name ), ARRAY_A );
		$this->assertNotNull( $kept );
		$mu = AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/test-nodes-slow-add.php';
		// A slow add (a busy database): both nodes find no key before either stores one.
		file_put_contents( $mu, "<?php\n// Written by NodesTest.\nadd_action( 'add_option', static function ( \$option ) { if ( " . var_export( $name, true ) . " === \$option ) { usleep( 300000 ); } } );\n" ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export
		$wpdb->delete( $wpdb->options, array( 'option_name' => $name ) );
		wp_cache_flush();
		try {
			$out = $this->at_once_on_two_nodes( 'echo "fp=", AuthSentinel\Plugin::get( AuthSentinel\Secrets\Fingerprinter::class )->fingerprint( "nodes", "same" ), "\n";' );
			$stored = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
		} finally {
			unlink( $mu );
			$wpdb->replace(
				$wpdb->options,
				array(
					'option_name'  => $name,
					'option_value' => $kept['option_value'],
					'autoload'     => $kept['autoload'],
				)
			);
			wp_cache_flush();
		}
		$this->assertNotNull( $stored, 'a key was stored' );
		$prints = array();
		foreach ( $out as $printed ) {
			$this->assertSame( 1, preg_match( '/fp=(\S+)/', $printed, $m ), $printed );
			$prints[] = $m[1];
		}
		$this->assertSame( $prints[0], $prints[1], 'both nodes fingerprinted with the same key' );
	}

	/**
	 * Revokes everyone's sessions on node 1 as the administrator (POST /sessions/revoke-all,
	 * application passwords kept: the other tests sign in with theirs).
	 *
	 * @return array<string, mixed> The response.
	 */
	private function revoke_everyone(): array {
		$jar   = $this->sign_in( 'admin' );
		$nonce = $this->http( 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', array( 'cookies' => $jar ) )['body'];
		return $this->http(
			'POST',
			'/wp-json/auth-sentinel/v1/sessions/revoke-all',
			array(
				'cookies' => $jar,
				'headers' => array( 'X-WP-Nonce: ' . $nonce, 'Content-Type: application/json' ),
				'body'    => wp_json_encode(
					array(
						'password'              => 'password',
						'application_passwords' => false,
					)
				),
			)
		);
	}
}
