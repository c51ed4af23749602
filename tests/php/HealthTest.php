<?php
/**
 * The Site Health tests and the Site Health Info section tell the truth about the site.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

// phpcs:disable WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL,WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound,WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- Tests read the site's own tables and files, and fire core's hooks as WordPress does.

use AuthSentinel\Database\Schema;
use AuthSentinel\Plugin;
use AuthSentinel\Settings\Settings;

require_once __DIR__ . '/EventsTrait.php';
require_once __DIR__ . '/FixtureTrait.php';
require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
require_once ABSPATH . 'wp-admin/includes/class-wp-debug-data.php';

/**
 * Each test put in the state it reports (default key, recent change, spike, conflict, stripped
 * header) the way it happens on a real site, then run as Site Health runs it.
 */
class HealthTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;

	/**
	 * The settings before a test changed them.
	 *
	 * @var array<string, mixed>|null
	 */
	private $saved_settings;

	/**
	 * Filters a test added in this process, to remove: [ hook, callback ].
	 *
	 * @var array<int, array{0: string, 1: callable}>
	 */
	private $filters = array();

	/**
	 * Puts the settings, filters and fixtures back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		foreach ( $this->filters as list( $hook, $callback ) ) {
			remove_filter( $hook, $callback );
		}
		$this->filters = array();
		if ( null !== $this->saved_settings ) {
			update_option( Settings::OPTION, $this->saved_settings, true );
			$this->saved_settings = null;
		}
		$this->restore_fixtures();
		parent::tearDown();
		$this->settle_salts();
	}

	/**
	 * Adds a filter in this process for the test only.
	 *
	 * @param string   $hook     The hook.
	 * @param callable $callback The callback.
	 * @param int      $args     Accepted arguments.
	 * @return void
	 */
	private function filter( string $hook, callable $callback, int $args = 1 ): void {
		add_filter( $hook, $callback, 10, $args );
		$this->filters[] = array( $hook, $callback );
	}

	/**
	 * Returns the Site Health tests as WordPress gathers them.
	 *
	 * @return array{direct: array, async: array}
	 */
	private function site_health_tests(): array {
		return \WP_Site_Health::get_tests();
	}

	/**
	 * Runs one direct test as Site Health does (through its registered callback).
	 *
	 * @param string $id Test id.
	 * @return array<string, mixed> The result.
	 */
	private function run_direct( string $id ): array {
		$tests = $this->site_health_tests();
		$this->assertArrayHasKey( $id, $tests['direct'] );
		$result = call_user_func( $tests['direct'][ $id ]['test'] );
		$this->assert_result_shape( $result, $id );
		return $result;
	}

	/**
	 * Returns the object behind a test's callback, to run it as of another time.
	 *
	 * @param string $id   Test id.
	 * @param string $kind direct|async.
	 * @return object
	 */
	private function checker( string $id, string $kind = 'direct' ): object {
		$test     = $this->site_health_tests()[ $kind ][ $id ];
		$callback = 'async' === $kind ? $test['async_direct_test'] : $test['test'];
		return $callback[0];
	}

	/**
	 * Asserts a result has what Site Health shows: label, status, badge, description, action.
	 *
	 * @param mixed  $result The result.
	 * @param string $id     The test id.
	 * @return void
	 */
	private function assert_result_shape( $result, string $id ): void {
		$this->assertIsArray( $result );
		$this->assertSame( $id, $result['test'] );
		$this->assertContains( $result['status'], array( 'good', 'recommended', 'critical' ) );
		$this->assertNotSame( '', trim( $result['label'] ) );
		$this->assertSame( wp_strip_all_tags( $result['label'] ), $result['label'], 'the label is plain text' );
		$this->assertStringStartsWith( '<p>', $result['description'] );
		$this->assertSame( 'blue', $result['badge']['color'] );
		$this->assertMatchesRegularExpression( '#<a href="' . preg_quote( admin_url( 'admin.php?page=auth-sentinel' ), '#' ) . '[^"]*">[^<]+</a>#', $result['actions'] );
	}

	/**
	 * Saves the settings so tearDown() can put them back, then changes some.
	 *
	 * @param array<string, mixed> $values New values.
	 * @return void
	 */
	private function set_settings( array $values ): void {
		if ( null === $this->saved_settings ) {
			$this->saved_settings = (array) get_option( Settings::OPTION, array() );
		}
		Settings::update( $values );
	}

	/**
	 * Every value of the keys and salts in the site's wp-config now (from the salts file).
	 *
	 * @return string[]
	 */
	private function salt_values(): array {
		preg_match_all( "/^define\\( '[A-Z_]+', '([^']*)' \\);/m", (string) file_get_contents( $this->salts_file() ), $matches );
		return array_filter(
			$matches[1],
			static function ( $value ) {
				return strlen( $value ) >= 8;
			}
		);
	}

	/**
	 * Asserts no secret value appears in a text.
	 *
	 * @param string   $text  The text.
	 * @param string[] $extra More values that must not appear.
	 * @return void
	 */
	private function assert_no_secret_values( string $text, array $extra = array() ): void {
		foreach ( array_merge( $this->salt_values(), $extra ) as $value ) {
			$this->assertStringNotContainsString( $value, $text );
			$this->assertStringNotContainsString( esc_html( $value ), $text );
		}
	}

	/**
	 * Sums the failures per cause recorded for hours since a given one, straight from the table.
	 *
	 * @param int $since_hour First hour (Unix time / 3600).
	 * @return array<string, int> Cause => failures, most first.
	 */
	private function causes_since_hour( int $since_hour ): array {
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT cause, SUM(count) AS n FROM ' . Schema::events_table() . ' WHERE hour >= %d GROUP BY cause ORDER BY n DESC', $since_hour ), ARRAY_A );
		$out  = array();
		foreach ( $rows as $row ) {
			$out[ $row['cause'] ] = (int) $row['n'];
		}
		return $out;
	}

	/**
	 * Counts the header_stripped failures of the last 7 days, straight from the table.
	 *
	 * @return int
	 */
	private function stripped_this_week(): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COALESCE(SUM(count), 0) FROM ' . Schema::events_table() . " WHERE cause = 'header_stripped' AND last_seen >= %s", gmdate( 'Y-m-d H:i:s', time() - WEEK_IN_SECONDS ) ) );
	}

	/**
	 * Fails a sign-in through wp-login.php with this test's user agent.
	 *
	 * @param string $login The login tried.
	 * @return void
	 */
	private function failed_login( string $login ): void {
		$response = $this->http(
			'POST',
			'/wp-login.php',
			array(
				'headers' => array( $this->agent_header() ),
				'body'    => http_build_query(
					array(
						'log' => $login,
						'pwd' => 'not-the-password',
					)
				),
			)
		);
		$this->assertSame( 200, $response['status'], 'the login form shows the error' );
	}

	/**
	 * Site Health lists the four direct tests and the asynchronous one, with labels; the
	 * asynchronous one points at the plugin's REST route and can also run from cron.
	 */
	public function test_tests_are_registered(): void {
		$tests = $this->site_health_tests();
		foreach ( array( 'auth_sentinel_keys_and_salts', 'auth_sentinel_secret_change', 'auth_sentinel_token_conflict', 'auth_sentinel_failure_spike' ) as $id ) {
			$this->assertArrayHasKey( $id, $tests['direct'] );
			$this->assertNotSame( '', $tests['direct'][ $id ]['label'] );
			$this->assertIsCallable( $tests['direct'][ $id ]['test'] );
		}
		$async = $tests['async']['auth_sentinel_authorization_header'];
		$this->assertTrue( $async['has_rest'] );
		$this->assertSame( rest_url( 'auth-sentinel/v1/health/authorization-header' ), $async['test'] );
		$this->assertIsCallable( $async['async_direct_test'] );

		// The real Site Health screen hands the direct results to its script.
		$page = $this->http( 'GET', '/wp-admin/site-health.php', array( 'cookies' => $this->sign_in( 'admin' ) ) );
		$this->assertSame( 200, $page['status'] );
		foreach ( array( 'auth_sentinel_keys_and_salts', 'auth_sentinel_secret_change', 'auth_sentinel_token_conflict', 'auth_sentinel_failure_spike' ) as $id ) {
			$this->assertStringContainsString( '"test":"' . $id . '"', $page['body'] );
		}
		$this->assertStringContainsString( 'auth-sentinel\\/v1\\/health\\/authorization-header', $page['body'], 'the async test is queued for the script' );
	}

	/**
	 * With the keys of a fresh install, the keys test is good.
	 */
	public function test_keys_and_salts_good(): void {
		$result = $this->run_direct( 'auth_sentinel_keys_and_salts' );
		$this->assertSame( 'good', $result['status'], $result['description'] );
		$this->assertStringContainsString( 'page=auth-sentinel-secrets', $result['actions'] );
	}

	/**
	 * The default phrase and a key shared by two constants are critical, named, never shown.
	 */
	public function test_keys_and_salts_default_and_duplicate_are_critical(): void {
		$shared = wp_generate_password( 64, false );
		$this->edit_salts(
			array(
				'AUTH_KEY'        => 'put your unique phrase here',
				'SECURE_AUTH_KEY' => $shared,
				'LOGGED_IN_KEY'   => $shared,
			)
		);
		$this->http( 'GET', '/' ); // The site sees its new keys.

		$result = $this->run_direct( 'auth_sentinel_keys_and_salts' );
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'unsafe', $result['label'] );
		$this->assertMatchesRegularExpression( '#<li><code>AUTH_KEY</code>: still the sample phrase#', $result['description'] );
		$this->assertMatchesRegularExpression( '#<li><code>SECURE_AUTH_KEY</code>, <code>LOGGED_IN_KEY</code>: the same value as another key#', $result['description'] );
		$this->assertStringNotContainsString( 'NONCE_KEY', $result['description'], 'a good key is not listed' );
		$this->assertStringContainsString( 'api.wordpress.org/secret-key', $result['description'] );
		$this->assert_no_secret_values( $result['description'] . $result['label'], array( 'put your unique phrase here', $shared ) );
	}

	/**
	 * A short key is weak: recommended, not critical.
	 */
	public function test_keys_and_salts_weak_is_recommended(): void {
		$this->edit_salts( array( 'NONCE_KEY' => 'abc123' ) );
		$this->http( 'GET', '/' );

		$result = $this->run_direct( 'auth_sentinel_keys_and_salts' );
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'weak', $result['label'] );
		$this->assertStringContainsString( '<code>NONCE_KEY</code>: too short', $result['description'] );
		$this->assertStringNotContainsString( 'abc123', $result['description'] );
	}

	/**
	 * A key changed in wp-config.php is a recent change: named, dated, its effect said; a week
	 * later it no longer is.
	 */
	public function test_recent_secret_change(): void {
		$this->edit_salts( array( 'AUTH_KEY' => wp_generate_password( 64, false ) ) );
		$this->http( 'GET', '/' );
		$seen = time();

		$result = $this->run_direct( 'auth_sentinel_secret_change' );
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'AUTH_KEY', $result['label'] );
		$this->assertMatchesRegularExpression( '#<li><code>AUTH_KEY</code> — ' . preg_quote( wp_date( 'Y-m-d', $seen ), '#' ) . ' \d\d:\d\d \(\d+ (seconds?|secs?|mins?) ago\)</li>#', $result['description'] );
		$this->assertMatchesRegularExpression( '/Every signed-in user was signed out \(\d+ sessions? of \d+ users? ended at the latest change\)/', $result['description'] );
		$this->assertStringContainsString( 'page=auth-sentinel-secrets', $result['actions'] );
		$this->assert_no_secret_values( $result['description'] );

		$later = $this->checker( 'auth_sentinel_secret_change' )->secret_change( $seen + 8 * DAY_IN_SECONDS );
		$this->assertSame( 'good', $later['status'], 'a change is recent for 7 days' );
		$this->assertSame( 'recommended', $this->checker( 'auth_sentinel_secret_change' )->secret_change( $seen + 6 * DAY_IN_SECONDS )['status'] );
	}

	/**
	 * A token secret rotated by its plugin: app tokens were signed out.
	 */
	public function test_recent_token_secret_change_says_app_tokens_were_signed_out(): void {
		$this->run_in_site( 'update_option( "woocommerce_pos_secret_key", wp_generate_password( 64, false ) );' ); // Learnt, or changed.
		$this->http( 'GET', '/wp-json/auth-sentinel/v1/secrets', array( 'as' => 'admin' ) );
		$this->run_in_site( 'update_option( "woocommerce_pos_secret_key", wp_generate_password( 64, false ) );' );
		try {
			$result = $this->run_direct( 'auth_sentinel_secret_change' );
			$this->assertSame( 'recommended', $result['status'] );
			$this->assertStringContainsString( '<code>woocommerce_pos_secret_key</code> — ', $result['description'] );
			$this->assertMatchesRegularExpression( '/App tokens signed with [^<]*woocommerce_pos_secret_key[^<]* stopped working/', $result['description'] );
			$this->assertStringNotContainsString( (string) $this->stored_option( 'woocommerce_pos_secret_key' ), $result['description'] );
		} finally {
			$this->run_in_site( 'delete_option( "woocommerce_pos_secret_key" );' );
		}
	}

	/**
	 * Failures over the alert threshold in the current and previous hour are a critical spike
	 * naming the top cause; under it, good.
	 */
	public function test_failure_spike(): void {
		if ( time() % HOUR_IN_SECONDS > HOUR_IN_SECONDS - 30 ) {
			sleep( 31 ); // Not across the turn of an hour: the window moves then.
		}
		$hour     = intdiv( time(), HOUR_IN_SECONDS );
		$baseline = array_sum( $this->causes_since_hour( $hour - 1 ) );
		$this->set_settings( array( 'alert_spike_threshold' => $baseline + 3 ) );

		$calm = $this->run_direct( 'auth_sentinel_failure_spike' );
		$this->assertSame( 'good', $calm['status'], $calm['description'] );
		$this->assertStringContainsString( 'the alert threshold is ' . number_format_i18n( $baseline + 3 ) . ' an hour', $calm['description'] );

		for ( $i = 0; $i < 4; $i++ ) {
			$this->failed_login( 'editor' );
		}
		$this->assertSame( 4, (int) $this->my_event()['count'], 'four failures recorded' );

		$causes = $this->causes_since_hour( $hour - 1 );
		$spike  = $this->run_direct( 'auth_sentinel_failure_spike' );
		$this->assertSame( 'critical', $spike['status'] );
		$this->assertSame( $baseline + 4, array_sum( $causes ) );
		$this->assertStringContainsString( ': ' . number_format_i18n( $baseline + 4 ) . ' in the last hour', $spike['label'] );
		$top    = array_keys( $causes, max( $causes ), true );
		$labels = array(
			'bad_credentials' => 'Wrong password',
			'unknown_user'    => 'Unknown user',
			'expired'         => 'Expired',
			'revoked'         => 'Revoked',
			'secret_changed'  => 'Secret changed',
			'corrupted'       => 'Corrupted',
			'wrong_site'      => 'Wrong site',
			'header_stripped' => 'Header stripped',
			'plugin_conflict' => 'Plugin conflict',
			'unknown'         => 'Unknown cause',
		);
		$named  = false;
		foreach ( $top as $cause ) {
			$named = $named || false !== strpos( $spike['description'], 'The most frequent cause is “' . $labels[ $cause ] . '” (' . number_format_i18n( $causes[ $cause ] ) . ')' );
		}
		$this->assertTrue( $named, 'names the top cause: ' . $spike['description'] );
		$this->assertStringContainsString( 'page=auth-sentinel-errors', $spike['actions'] );

		// Raised above what happened, the threshold is not crossed.
		$this->set_settings( array( 'alert_spike_threshold' => $baseline + 4 ) );
		$this->assertSame( 'good', $this->run_direct( 'auth_sentinel_failure_spike' )['status'], 'critical only when over the threshold' );
	}

	/**
	 * A WCPOS token refused by JWT Authentication for WP REST API is a conflict: critical,
	 * naming both plugins; a week later, with no token plugin active here, good.
	 */
	public function test_token_conflict_from_recorded_failures(): void {
		$this->enable_fixtures( array( 'fixture-wcpos', 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'health-test-secret-0123456789abcdef0123456789abcdef0123' );
		$token = (string) $this->in_site( 'return fixture_wcpos_mint( array( "user_id" => ' . $this->user( 'author' ) . ' ) );' );
		$this->bearer( 'GET', '/wp-json/wp/v2/users/me', $token, array( 'headers' => array( $this->agent_header() ) ) );
		$this->assertSame( 'plugin_conflict', $this->my_event()['cause'] );

		$result = $this->run_direct( 'auth_sentinel_token_conflict' );
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'WooCommerce POS', $result['label'] );
		$this->assertStringContainsString( 'JWT Authentication for WP REST API', $result['label'] );
		$this->assertStringContainsString( 'tokens issued by WooCommerce POS refused by JWT Authentication for WP REST API', $result['description'] );
		$this->assertMatchesRegularExpression( '/\d+ requests? in the last 7 days failed/', $result['description'] );
		$this->assertStringContainsString( 'cause=plugin_conflict', $result['actions'] );

		$later = $this->checker( 'auth_sentinel_token_conflict' )->token_conflict( time() + 8 * DAY_IN_SECONDS );
		$this->assertSame( 'good', $later['status'], 'no conflict in that week, no token plugin hooked in this process' );
	}

	/**
	 * Two token plugins validating requests are found by their hooks and named; one is fine.
	 */
	public function test_token_conflict_names_active_token_plugins(): void {
		$run = '
			// The fixtures stand in for the real plugins: recognise their classes.
			add_filter( "auth_sentinel_token_plugins", static function ( $known ) {
				$known["wcpos"]["classes"][]                = "Fixture_WCPOS";
				$known["jwt-auth-wp-rest-api"]["classes"][] = "Fixture_JWT_Auth_WP_REST_API";
				return $known;
			} );
			require_once ABSPATH . "wp-admin/includes/class-wp-site-health.php";
			$test   = WP_Site_Health::get_tests()["direct"]["auth_sentinel_token_conflict"]["test"];
			$result = $test[0]->token_conflict( time() + 8 * DAY_IN_SECONDS );
			$info   = apply_filters( "debug_information", array() );
			return array( $result["status"], $result["label"], $result["description"], $info["auth-sentinel"]["fields"]["token_plugins"]["value"] );';

		$this->enable_fixtures( array( 'fixture-wcpos', 'fixture-jwt-auth-wp-rest-api' ) );
		list( $status, $label, $description, $info ) = $this->in_site( $run );
		$this->assertSame( 'recommended', $status );
		$this->assertSame( 'Several token plugins are active: JWT Authentication for WP REST API, WooCommerce POS', $label );
		$this->assertStringContainsString( 'No conflict was recorded in the last 7 days', $description );
		$this->assertSame( 'JWT Authentication for WP REST API, WooCommerce POS', $info );

		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		list( $status, , $description, $info ) = $this->in_site( $run );
		$this->assertSame( 'good', $status );
		$this->assertStringContainsString( 'One token plugin validates app tokens on this site (WooCommerce POS)', $description );
		$this->assertSame( 'WooCommerce POS', $info );

		$this->enable_fixtures( array() );
		list( $status, , $description, $info ) = $this->in_site( $run );
		$this->assertSame( 'good', $status );
		$this->assertStringContainsString( 'No known token plugin is active', $description );
		$this->assertSame( 'None', $info );
	}

	/**
	 * The probe route says whether the Authorization header reached PHP, and never its value;
	 * a token plugin that refuses unknown Bearer tokens does not get in its way, and the probe
	 * is not recorded as a failure.
	 */
	public function test_authorization_probe_over_http(): void {
		$path   = '/wp-json/auth-sentinel/v1/health/authorization-probe';
		$secret = 'probe-' . wp_generate_password( 24, false );

		$sent = $this->bearer( 'GET', $path, $secret );
		$this->assertSame( 200, $sent['status'] );
		$this->assertSame(
			array(
				'received' => true,
				'via'      => 'HTTP_AUTHORIZATION',
			),
			$sent['json']
		);
		$this->assertStringNotContainsString( $secret, $sent['body'] );

		$this->assertFalse( $this->http( 'GET', $path )['json']['received'], 'no header sent' );
		$this->assertFalse( $this->bearer( 'GET', $path, $secret, array( 'headers' => array( 'X-Fixture-Strip-Authorization: drop' ) ) )['json']['received'], 'stripped by the server' );
		$moved = $this->bearer( 'GET', $path, $secret, array( 'headers' => array( 'X-Fixture-Strip-Authorization: redirect' ) ) )['json'];
		$this->assertSame( array( true, 'REDIRECT_HTTP_AUTHORIZATION' ), array( $moved['received'], $moved['via'] ) );
		$this->assertTrue( $this->bearer( 'GET', '/?rest_route=/auth-sentinel/v1/health/authorization-probe', $secret )['json']['received'], 'plain permalinks too' );

		// JWT Authentication for WP REST API refuses any Bearer token it cannot verify, on every route.
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'health-test-secret-0123456789abcdef0123456789abcdef0123' );
		$this->assertSame( 403, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', 'auth-sentinel-probe' )['status'], 'the fixture does refuse it elsewhere' );
		$probe = $this->bearer( 'GET', $path, 'auth-sentinel-probe', array( 'headers' => array( $this->agent_header() ) ) );
		$this->assertSame( 200, $probe['status'], $probe['body'] );
		$this->assertTrue( $probe['json']['received'] );
		$this->assertSame( array(), $this->my_events(), 'the probe is not a failure' );
	}

	/**
	 * The asynchronous test over HTTP, as the Site Health screen calls it: the loopback gets its
	 * header through on this server; only administrators may run it.
	 */
	public function test_async_test_over_http(): void {
		$route    = '/wp-json/auth-sentinel/v1/health/authorization-header';
		$response = $this->http( 'GET', $route . '?_locale=user', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $response['status'], $response['body'] );
		$result = $response['json'];
		$this->assert_result_shape( $result, 'auth_sentinel_authorization_header' );
		$evidence = $this->stripped_this_week();
		if ( 0 === $evidence ) {
			$this->assertSame( 'good', $result['status'], $result['description'] );
			$this->assertSame( 'The Authorization header reaches WordPress', $result['label'] );
		} else {
			$this->assertSame( 'recommended', $result['status'], $result['description'] );
			$this->assertSame( 'The Authorization header reaches WordPress, but some requests lost it', $result['label'] );
			$this->assertStringContainsString( number_format_i18n( $evidence ) . ' failed request', $result['description'] );
		}

		$this->assertSame( 403, $this->http( 'GET', $route, array( 'as' => 'editor' ) )['status'] );
		$this->assertSame( 401, $this->http( 'GET', $route )['status'] );
	}

	/**
	 * A server that drops the header (the test server does it when the loopback asks) makes
	 * the test critical, with the fix for Apache and nginx.
	 */
	public function test_async_test_critical_when_the_server_strips_the_header(): void {
		$this->filter(
			'http_request_args',
			static function ( $args, $url ) {
				if ( false !== strpos( (string) $url, 'authorization-probe' ) ) {
					$args['headers']['X-Fixture-Strip-Authorization'] = 'drop';
				}
				return $args;
			},
			2
		);
		$response = $this->rest( 'GET', '/auth-sentinel/v1/health/authorization-header', array(), $this->user( 'admin' ) );
		$this->assertSame( 200, $response->get_status() );
		$result = $response->get_data();
		$this->assert_result_shape( $result, 'auth_sentinel_authorization_header' );
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'removes the Authorization header', $result['label'] );
		$this->assertStringContainsString( 'RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]', $result['description'] );
		$this->assertStringContainsString( 'CGIPassAuth On', $result['description'] );
		$this->assertStringContainsString( 'cause=header_stripped', $result['actions'] );

		// The same server passing the header on under the rewrite rule's name is fine.
		foreach ( $this->filters as list( $hook, $callback ) ) {
			remove_filter( $hook, $callback );
		}
		$check  = $this->checker( 'auth_sentinel_authorization_header', 'async' );
		$moved  = wp_remote_get(
			rest_url( 'auth-sentinel/v1/health/authorization-probe' ),
			array(
				'headers' => array(
					'Authorization'                 => 'Bearer auth-sentinel-probe',
					'X-Fixture-Strip-Authorization' => 'redirect',
				),
			)
		);
		$result = $check->evaluate( $moved, 0 );
		$this->assertSame( 'good', $result['status'] );
		$this->assertStringContainsString( 'REDIRECT_HTTP_AUTHORIZATION', $result['description'] );
	}

	/**
	 * Recorded stripped headers are evidence: named even when the probe gets through.
	 */
	public function test_recorded_stripped_headers_are_evidence(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$this->fixture_jwt_secret( 'health-test-secret-0123456789abcdef0123456789abcdef0123' );
		$token = (string) $this->in_site( 'return fixture_jwt_auth_wp_rest_api_mint( array( "user_id" => ' . $this->user( 'author' ) . ' ) );' );
		$this->bearer( 'POST', '/wp-json/jwt-auth/v1/token/validate', $token, array( 'headers' => array( $this->agent_header(), 'X-Fixture-Strip-Authorization: drop' ) ) );
		$this->assertSame( 'header_stripped', $this->my_event()['cause'] );
		$evidence = $this->stripped_this_week();
		$this->assertGreaterThan( 0, $evidence );

		$result = $this->rest( 'GET', '/auth-sentinel/v1/health/authorization-header', array(), $this->user( 'admin' ) )->get_data();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'some requests lost it', $result['label'] );
		$this->assertStringContainsString( 'recorded ' . number_format_i18n( $evidence ) . ' failed request', $result['description'] );
		$this->assertStringContainsString( 'cause=header_stripped', $result['actions'] );
	}

	/**
	 * When the loopback itself fails, the test says it could not check, and why; a token plugin
	 * answering the probe first still tells whether the header arrived.
	 */
	public function test_probe_answers_read_honestly(): void {
		$check = $this->checker( 'auth_sentinel_authorization_header', 'async' );

		$this->filter(
			'pre_http_request',
			static function ( $preempt, $args, $url ) {
				return false !== strpos( (string) $url, 'authorization-probe' ) ? new \WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect to localhost' ) : $preempt;
			},
			3
		);
		$failed = $check->run();
		$this->assertSame( 'recommended', $failed['status'] );
		$this->assertSame( 'Auth Sentinel could not check the Authorization header', $failed['label'] );
		$this->assertStringContainsString( 'cURL error 7: Failed to connect to localhost', $failed['description'] );

		$answer = static function ( int $status, string $body ): array {
			return array(
				'response' => array(
					'code'    => $status,
					'message' => '',
				),
				'body'     => $body,
				'headers'  => array(),
			);
		};
		$this->assertSame( 'critical', $check->evaluate( $answer( 403, '{"code":"jwt_auth_no_auth_header","message":"Authorization header not found."}' ), 0 )['status'] );
		$this->assertSame( 'good', $check->evaluate( $answer( 403, '{"code":"jwt_auth_invalid_token","message":"Wrong number of segments"}' ), 0 )['status'] );
		$this->assertSame( 'critical', $check->evaluate( $answer( 200, '{"received":false,"via":null}' ), 0 )['status'] );
		$this->assertSame( 'good', $check->evaluate( $answer( 200, '{"received":true,"via":"HTTP_AUTHORIZATION"}' ), 0 )['status'] );
		$this->assertSame( 'recommended', $check->evaluate( $answer( 200, '{"received":true,"via":"HTTP_AUTHORIZATION"}' ), 2 )['status'] );
		$broken = $check->evaluate( $answer( 500, '<html>Internal Server Error</html>' ), 0 );
		$this->assertSame( 'recommended', $broken['status'] );
		$this->assertStringContainsString( 'HTTP status 500', $broken['description'] );
		$this->assertSame( 'recommended', $check->evaluate( $answer( 200, '<html>a cached page</html>' ), 0 )['status'], 'not our answer' );
	}

	/**
	 * The Info section: versions, table sizes, retention, anonymisation, sessions, each secret's
	 * strength and change (private), token plugins; no secret value anywhere; the copied text
	 * leaves the private fields out.
	 */
	public function test_debug_information(): void {
		global $wpdb;
		$this->set_settings(
			array(
				'events_retention_days' => 30,
				'audit_retention_days'  => 400,
				'anonymize_ip'          => true,
			)
		);
		$info = apply_filters( 'debug_information', array() );
		$this->assertArrayHasKey( 'auth-sentinel', $info );
		$section = $info['auth-sentinel'];
		$fields  = $section['fields'];
		$this->assertSame( 'Auth Sentinel', $section['label'] );

		$this->assertSame( AUTH_SENTINEL_VERSION, $fields['version']['value'] );
		$this->assertSame( (string) Schema::VERSION, $fields['db_version']['value'] );
		$tables = array(
			'rows_events'   => Schema::events_table(),
			'rows_audit'    => Schema::audit_table(),
			'rows_sessions' => Schema::sessions_table(),
		);
		foreach ( $tables as $key => $table ) {
			$this->assertSame( number_format_i18n( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ) ), $fields[ $key ]['value'], $key );
		}
		$this->assertSame( '30 days', $fields['events_retention']['value'] );
		$this->assertSame( '400 days', $fields['audit_retention']['value'] );
		$this->assertSame( 'Yes', $fields['anonymize_ip']['value'] );
		$this->assertSame( 'true', $fields['anonymize_ip']['debug'] );
		$this->assertSame( (string) Plugin::get( \AuthSentinel\Sessions\Inventory::class )->count_active(), $fields['active_sessions']['debug'] );
		$this->assertSame( 'None', $fields['token_plugins']['value'] );

		foreach ( array( 'auth_key', 'nonce_salt', 'siteurl', 'home' ) as $name ) {
			$this->assertArrayHasKey( 'secret_' . $name, $fields );
			$this->assertTrue( $fields[ 'secret_' . $name ]['private'], $name . ' is private' );
			$this->assertMatchesRegularExpression( '/^(OK|Weak|Default phrase|Duplicate|Missing), (last changed \d{4}-\d\d-\d\d \d\d:\d\d|no change recorded)$/', $fields[ 'secret_' . $name ]['value'] );
		}
		$this->assertStringStartsWith( 'OK, ', $fields['secret_auth_key']['value'] );

		$all = wp_json_encode( $section );
		$this->assert_no_secret_values( $all );
		$key = (string) get_option( \AuthSentinel\Secrets\Fingerprinter::OPTION );
		$this->assertGreaterThan( 16, strlen( $key ) );
		$this->assertStringNotContainsString( $key, $all );

		$copied = \WP_Debug_Data::format( $info, 'debug' );
		$this->assertStringContainsString( '### auth-sentinel ###', $copied );
		$this->assertStringContainsString( 'version: ' . AUTH_SENTINEL_VERSION, $copied );
		$this->assertStringContainsString( 'active_sessions: ', $copied );
		$this->assertStringNotContainsString( 'secret_auth_key', $copied, 'private fields are not copied' );

		// The Info tab of the real Site Health screen shows the section.
		$page = $this->http( 'GET', '/wp-admin/site-health.php?tab=debug', array( 'cookies' => $this->sign_in( 'admin' ) ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'health-check-accordion-block-auth-sentinel', $page['body'] );
		$this->assertStringContainsString( 'Recorded failures (rows)', $page['body'] );
	}
}
