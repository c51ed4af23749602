<?php
/**
 * The secrets watch sees every change of the keys, salts, token secrets and site address once.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

/**
 * Changes made the ways they happen on real sites: wp-config.php edited, an option rotated
 * by a plugin, a value changed straight in the database.
 */
class SecretsWatchTest extends TestCase {

	/**
	 * Editing a key in wp-config.php is recorded once, by the first request that follows.
	 */
	public function test_constant_salt_change_is_recorded_once(): void {
		$report = $this->secrets_report();
		$before = $this->last_change_id();
		$other  = $this->secret( $report, 'SECURE_AUTH_KEY' )['changed_at'];

		$this->edit_salts( array( 'AUTH_KEY' => wp_generate_password( 64, true, true ) ) );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->assertSame( 200, $this->http( 'GET', '/' )['status'] );
		}

		$report = $this->secrets_report();
		$this->assertCount( 1, $this->changes_since( $report, $before ), 'one change, not one per request' );
		$this->assertSame( array( 'AUTH_KEY' ), $report['history'][0]['changed'] );
		$this->assertSame( 'request', $report['history'][0]['trigger'], 'seen by the first request, not the screen' );
		$this->assertNotNull( $this->secret( $report, 'AUTH_KEY' )['changed_at'] );
		$this->assertSame( $other, $this->secret( $report, 'SECURE_AUTH_KEY' )['changed_at'], 'the other keys did not change' );
	}

	/**
	 * A cookie key change counts the sessions it ended and warns administrators in wp-admin.
	 */
	public function test_cookie_key_change_counts_sessions_and_shows_a_notice(): void {
		$this->sign_in( 'editor' );
		$this->sign_in( 'author' );

		$this->edit_salts(
			array(
				'LOGGED_IN_SALT' => wp_generate_password( 64, true, true ),
				'AUTH_SALT'      => wp_generate_password( 64, true, true ),
			)
		);
		$admin  = $this->sign_in( 'admin' ); // The change is seen here; the admin signs in with the new keys.
		$latest = $this->secrets_report()['history'][0];
		$this->assertEqualsCanonicalizing( array( 'AUTH_SALT', 'LOGGED_IN_SALT' ), $latest['changed'] );
		$this->assertGreaterThanOrEqual( 2, $latest['sessions'] );
		$this->assertGreaterThanOrEqual( 2, $latest['users'] );

		$page = $this->http( 'GET', '/wp-admin/', array( 'cookies' => $admin ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'WordPress keys and salts changed', $page['body'] );
		$this->assertStringContainsString( 'AUTH_SALT', $page['body'] );
		$this->assertStringContainsString( 'Every signed-in user was signed out', $page['body'] );

		// The editor cannot manage the plugin and is not told.
		$editor = $this->sign_in( 'editor' );
		$this->assertStringNotContainsString( 'WordPress keys and salts changed', $this->http( 'GET', '/wp-admin/', array( 'cookies' => $editor ) )['body'] );

		// Dismissing hides it for this administrator.
		$this->assertSame( 1, preg_match( '/href="([^"]*action=auth_sentinel_dismiss_change[^"]*)"/', $page['body'], $link ) );
		$this->http( 'GET', str_replace( AUTH_SENTINEL_TEST_URL, '', html_entity_decode( $link[1] ) ), array( 'cookies' => $admin ) );
		$this->assertStringNotContainsString( 'WordPress keys and salts changed', $this->http( 'GET', '/wp-admin/', array( 'cookies' => $admin ) )['body'] );
	}

	/**
	 * A salt kept in the database: learnt when it appears, recorded when a plugin rotates it
	 * through the options API, and when it is changed straight in the database.
	 */
	public function test_option_salt_changes_are_recorded_once_each(): void {
		$before = $this->last_change_id();

		// Without the constant, WordPress uses (and if needed generates) the nonce_salt option.
		$this->edit_salts( array( 'NONCE_SALT' => null ) );
		$this->run_in_site( 'wp_create_nonce( "x" );' );
		$report = $this->secrets_report();
		$this->assertSame( 'generated', $this->secret( $report, 'NONCE_SALT' )['source'] );
		$this->assertSame( 'missing', $this->secret( $report, 'NONCE_SALT' )['strength'], 'not defined in wp-config.php' );
		$this->assertCount( 1, $this->changes_since( $report, $before ), 'the constant removed is one change' );
		$this->assertSame( array( 'NONCE_SALT' ), $report['history'][0]['changed'] );

		// A plugin rotates it through the options API.
		$this->run_in_site( 'update_site_option( "nonce_salt", wp_generate_password( 64, true, true ) );' );
		$report = $this->secrets_report();
		$this->assertCount( 2, $this->changes_since( $report, $before ) );
		$this->assertSame( 'option_update', $report['history'][0]['trigger'] );

		// Someone changes it in the database directly: no hook fires, the next full check sees it.
		$this->run_in_site( 'global $wpdb; $wpdb->update( $wpdb->options, array( "option_value" => wp_generate_password( 64 ) ), array( "option_name" => "nonce_salt" ) );' );
		$report = $this->secrets_report();
		$this->assertCount( 3, $this->changes_since( $report, $before ) );
		$this->assertSame( array( 'NONCE_SALT' ), $report['history'][0]['changed'] );

		// Nothing changed since: nothing more is recorded.
		$this->http( 'GET', '/' );
		$this->assertCount( 3, $this->changes_since( $this->secrets_report(), $before ) );
	}

	/**
	 * A site address built from the request's host (a common wp-config.php pattern for several
	 * domains, a health check calling by IP, Playground's internal and public addresses) is not
	 * a move: the first new address is recorded once, a return to a known one is not, and once
	 * both are known, requests alternating between them cost the plugin no query.
	 */
	public function test_an_address_that_follows_the_request_host_is_not_a_move_each_time(): void {
		$mu = AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/as-test-host-address.php';
		file_put_contents(
			$mu,
			"<?php\n// Test only: the site address follows the request's host, as some wp-config.php files do.\n"
			. "if ( ! empty( \$_SERVER['HTTP_HOST'] ) ) { define( 'WP_HOME', 'http://' . \$_SERVER['HTTP_HOST'] ); define( 'WP_SITEURL', 'http://' . \$_SERVER['HTTP_HOST'] ); }\n"
		);
		try {
			$local  = (string) wp_parse_url( AUTH_SENTINEL_TEST_URL, PHP_URL_HOST ) . ':' . (string) wp_parse_url( AUTH_SENTINEL_TEST_URL, PHP_URL_PORT );
			// Another name of the same server, new to the site on each run (php -S answers any Host).
			$other = 'shop-' . strtolower( wp_generate_password( 8, false ) ) . '.localhost:' . (string) wp_parse_url( AUTH_SENTINEL_TEST_URL, PHP_URL_PORT );
			$visit  = function ( string $host, string $log = '' ): void {
				$headers = array( 'Host: ' . $host );
				if ( '' !== $log ) {
					$headers[] = 'X-Test-Query-Log: ' . $log;
				}
				$this->http( 'GET', '/wp-login.php', array( 'headers' => $headers ) );
			};
			$visit( $local );
			$before = $this->last_change_id();

			$visit( $other ); // A new address: recorded, once.
			$visit( $other );
			$changes = $this->changes_since( $this->secrets_report(), $before );
			$this->assertCount( 1, $changes, 'the first new address is one change' );
			$this->assertEqualsCanonicalizing( array( 'siteurl', 'home' ), $changes[0]['changed'] );

			foreach ( array( $local, $other, $local, $other ) as $i => $host ) {
				$name = 'as-host-flip-' . $i . '-' . wp_generate_password( 6, false );
				$visit( $host, $name );
				$file = sys_get_temp_dir() . '/' . strtolower( $name ) . '.json';
				$log  = json_decode( (string) file_get_contents( $file ), true );
				unlink( $file );
				$this->assertSame( array(), $log['plugin'], "back to a known address ($host): no query of the plugin's" );
				$this->assertSame( 0, $log['writes'], "and nothing written ($host)" );
			}
			$report = $this->secrets_report();
			$this->assertCount( 1, $this->changes_since( $report, $before ), 'going back and forth between known addresses records nothing more' );
		} finally {
			unlink( $mu );
			$this->secrets_report(); // The address as the rest of the suite knows it.
		}
	}

	/**
	 * The quick digest is keyed BLAKE2b since 0.1.0's request-cost work; a digest the earlier
	 * formula (HMAC-SHA256) recorded differs on the first request after the update, whose full
	 * check finds nothing changed and records the new digest: no change reported, and the next
	 * request compares from memory again.
	 */
	public function test_a_digest_of_the_earlier_formula_is_replaced_without_a_change(): void {
		global $wpdb;
		$this->http( 'GET', '/' );
		$before = $this->last_change_id();
		$stored = static function () use ( $wpdb ): string {
			return (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", \AuthSentinel\Secrets\QuickDigest::DIGEST_OPTION ) );
		};
		$old = $this->run_in_site(
			<<<'PHP'
use AuthSentinel\Secrets\QuickDigest;
$all      = wp_load_alloptions();
$key      = (string) $all[ QuickDigest::KEY_OPTION ];
$parts    = explode( '|', (string) $all[ QuickDigest::DIGEST_OPTION ], 3 );
$parts[0] = QuickDigest::fingerprint( $key, 'quick', QuickDigest::material( $all ) );
$parts[2] = QuickDigest::fingerprint( $key, 'quick-address', QuickDigest::address_material() );
update_option( QuickDigest::DIGEST_OPTION, implode( '|', $parts ), true );
echo wp_json_encode( QuickDigest::unchanged() ) . ' ' . implode( '|', $parts );
PHP
		);
		$this->assertStringStartsWith( 'false ', $old, 'the earlier digest differs' );
		$this->assertSame( substr( $old, 6 ), $stored() );

		$this->http( 'GET', '/' );
		$this->assertNotSame( substr( $old, 6 ), $stored(), 'one request recorded the new digest' );
		$this->assertCount( 0, $this->changes_since( $this->secrets_report(), $before ), 'and reported no change' );
		$name = 'as-digest-' . wp_generate_password( 6, false );
		$this->http( 'GET', '/', array( 'headers' => array( 'X-Test-Query-Log: ' . $name ) ) );
		$file = sys_get_temp_dir() . '/' . strtolower( $name ) . '.json';
		$log  = json_decode( (string) file_get_contents( $file ), true );
		unlink( $file );
		$this->assertSame( array(), $log['plugin'], 'the next request compares from memory: no query of the plugin\'s' );
	}

	/**
	 * A token secret appearing is learnt silently; changing it is a change.
	 */
	public function test_token_secret_first_sight_is_not_a_change(): void {
		$this->run_in_site( 'delete_option( "woocommerce_pos_secret_key" );' ); // Other tests may have made one.
		$before = $this->last_change_id();
		$this->run_in_site( 'update_option( "woocommerce_pos_secret_key", wp_generate_password( 64 ) );' );
		$report = $this->secrets_report();
		$this->assertCount( 0, $this->changes_since( $report, $before ), 'a new secret is no alarm' );
		$this->assertSame( 'option', $this->secret( $report, 'woocommerce_pos_secret_key' )['source'] );

		$this->run_in_site( 'update_option( "woocommerce_pos_secret_key", "short" );' );
		$report = $this->secrets_report();
		$this->assertCount( 1, $this->changes_since( $report, $before ) );
		$this->assertSame( array( 'woocommerce_pos_secret_key' ), $report['history'][0]['changed'] );
		$this->assertSame( 'weak', $this->secret( $report, 'woocommerce_pos_secret_key' )['strength'] );
		$this->run_in_site( 'delete_option( "woocommerce_pos_secret_key" );' );
	}

	/**
	 * The default phrase, a duplicated key and a short key are each reported as WordPress treats them.
	 */
	public function test_weak_default_and_duplicate_keys_are_reported(): void {
		$shared = wp_generate_password( 64, true, true );
		$this->edit_salts(
			array(
				'AUTH_KEY'        => 'put your unique phrase here',
				'SECURE_AUTH_KEY' => $shared,
				'LOGGED_IN_KEY'   => $shared,
				'NONCE_KEY'       => 'abc123',
			)
		);
		$this->sign_in( 'admin' ); // Signing in makes WordPress generate the keys it lacks.
		$report = $this->secrets_report();
		$this->assertSame( 'default', $this->secret( $report, 'AUTH_KEY' )['strength'] );
		$this->assertSame( 'generated', $this->secret( $report, 'AUTH_KEY' )['source'], 'WordPress ignores the phrase and generates its own' );
		$this->assertSame( 'duplicate', $this->secret( $report, 'SECURE_AUTH_KEY' )['strength'] );
		$this->assertSame( 'duplicate', $this->secret( $report, 'LOGGED_IN_KEY' )['strength'] );
		$this->assertSame( 'weak', $this->secret( $report, 'NONCE_KEY' )['strength'] );
		$this->assertSame( 'constant', $this->secret( $report, 'NONCE_KEY' )['source'] );
	}

	/**
	 * Only fingerprints are stored: no value of a watched secret is anywhere in the plugin's data.
	 */
	public function test_no_secret_value_is_stored(): void {
		$key = wp_generate_password( 64, false );
		$this->edit_salts( array( 'SECURE_AUTH_SALT' => $key ) );
		$this->http( 'GET', '/' );

		global $wpdb;
		$stored  = implode( "\n", $wpdb->get_col( "SELECT option_value FROM {$wpdb->options} WHERE option_name LIKE 'auth\\_sentinel\\_%'" ) );
		$stored .= implode( "\n", $wpdb->get_col( "SELECT details FROM {$wpdb->prefix}auth_sentinel_audit" ) );
		$this->assertStringContainsString( 'SECURE_AUTH_SALT', $stored, 'the change was recorded' );
		$this->assertStringNotContainsString( $key, $stored );
		$this->assertStringNotContainsString( substr( $key, 0, 16 ), $stored );
		foreach ( array( 'AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_SALT' ) as $name ) {
			$this->assertStringNotContainsString( (string) constant( $name ), $stored );
		}
	}
}
