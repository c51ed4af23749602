<?php
/**
 * What the plugin loads on a request where nothing fails.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once __DIR__ . '/EventsTrait.php';

use AuthSentinel\Hooks;

/**
 * The hook table builds a listener only when its hook fires and its guard lets it through: on a
 * successful request the plugin reads its own credentials and compares the secrets, and loads
 * nothing else. The list is exact, so that it cannot grow without this test saying so.
 */
class RequestFootprintTest extends TestCase {

	use EventsTrait;

	/**
	 * What every request loads: the plugin's bootstrap, the hook table, its guards (which look
	 * for a token without the request reader), and the digest of the secrets, compared from
	 * memory. Not the container: it is made when a hook first needs an object.
	 */
	const EVERY_REQUEST = array(
		'plugin.php',
		'includes/autoload.php',
		'includes/Plugin.php',
		'includes/Hooks.php',
		'includes/Guards.php',
		'includes/Secrets/QuickDigest.php',
	);

	/**
	 * A request signed in by cookie also checks the plugin's capability (the admin bar, the
	 * menu) and core builds its session storage, the plugin's observed copy of core's.
	 */
	const SIGNED_IN = array(
		'includes/Capabilities.php',
		'includes/Sessions/SessionTokens.php',
	);

	/**
	 * A wp-admin page adds the container (and its factories) and the admin side: the menu, the notice of a secrets change (and the
	 * recorded state it reads), the suggested privacy policy text (core wants it on every
	 * admin_init), and on the profile screen the link to the user's sessions.
	 */
	const ADMIN_PAGE = array(
		'includes/Container.php',
		'includes/Wiring.php',
		'includes/Admin/AdminPages.php',
		'includes/Privacy/PolicyText.php',
		'includes/Secrets/ChangeNotice.php',
		'includes/Secrets/SecretsState.php',
		'includes/Settings/Settings.php',
		'includes/Sessions/UserLinks.php',
		'includes/Sessions/SessionIndex.php',
		'includes/Sessions/Inventory.php',
		'includes/Sessions/GuardedWrites.php',
	);

	/**
	 * What a failed request loads besides EVERY_REQUEST, whatever failed: the container and its factories, the capture, the
	 * recorder and the failures table (with the catalog's filing index, not the catalog's JSON),
	 * the request's client and the settings, and the alerts' one check at shutdown (is a spike
	 * check due this minute: no, the gate is shut). The failure's write asks whether its table is
	 * being rebuilt (RebuildMarks, read from the autoloaded options); the faults' class is loaded
	 * only when a write fails.
	 */
	const EVERY_FAILURE = array(
		'includes/Container.php',
		'includes/Wiring.php',
		'includes/Events/Capture.php',
		'includes/Events/Recorder.php',
		'includes/Events/EventsRepository.php',
		'includes/Events/Failure.php',
		'includes/Catalog/Catalog.php',
		'includes/Catalog/catalog-index.php',
		'includes/Http/Credentials.php',
		'includes/Http/Request.php',
		'includes/Http/ClientAddress.php',
		'includes/Http/Text.php',
		'includes/Settings/Settings.php',
		'includes/Database/BoundedQuery.php',
		'includes/Database/RebuildMarks.php',
		'includes/Database/Schema.php',
		'includes/Alerts/Alerts.php',
		'includes/Alerts/AlertClaims.php',
		'includes/Alerts/AlertRules.php',
		'includes/Database/SharedCache.php',
	);

	/**
	 * A wrong application password adds its failure's builder and the fingerprints; the index
	 * of ended credentials is not read when none ended lately.
	 */
	const WRONG_APP_PASSWORD = array(
		'includes/Events/PasswordFailures.php',
		'includes/Secrets/Fingerprinter.php',
		'includes/Sessions/EndedCredentials.php',
	);

	/**
	 * A garbage Bearer token adds the token gate (which, for a value that is no token and signed
	 * nobody in, builds neither the revocations nor the token list) and the token's diagnosis,
	 * without the cause decision a well-formed token needs.
	 */
	const GARBAGE_BEARER = array(
		'includes/Secrets/Fingerprinter.php',
		'includes/Sessions/TokenGate.php',
		'includes/Events/TokenInspector.php',
		'includes/Events/RestFailures.php',
		'includes/Events/Issuers.php',
		'includes/Events/TokenDiagnosis.php',
	);

	/**
	 * Returns the plugin files a request loaded (from the query-log must-use plugin).
	 *
	 * @param string $path    The path.
	 * @param array  $options For http().
	 * @param int    $status  The status the request must get.
	 * @return string[]
	 */
	private function files_of( string $path, array $options, int $status = 200 ): array {
		$files = $this->log_of( $path, $options, $status )['files'];
		sort( $files );
		return $files;
	}

	/**
	 * Returns the query log of a request (warmed up once first: core's first-visit bookkeeping).
	 *
	 * @param string $path    The path.
	 * @param array  $options For http().
	 * @param int    $status  The status expected.
	 * @param string $method  The method (a GET is warmed up first).
	 * @return array{files: string[], callbacks: int, hooked: string[]}
	 */
	private function log_of( string $path, array $options, int $status, string $method = 'GET' ): array {
		if ( 'GET' === $method ) {
			$this->http( 'GET', $path, $options );
		}
		$name                 = 'as-footprint-' . wp_generate_password( 6, false );
		$options['headers'][] = 'X-Test-Query-Log: ' . $name;
		$this->assertSame( $status, $this->http( $method, $path, $options )['status'], $path );
		$file = sys_get_temp_dir() . '/' . strtolower( $name ) . '.json';
		$log  = json_decode( (string) file_get_contents( $file ), true );
		unlink( $file );
		return $log;
	}

	/**
	 * A REST request for another plugin's route hooks the table's rows and the REST rows, and
	 * not the plumbing of the plugin's own routes, which it cannot reach (each hooked callback
	 * costs every request its place in WordPress's hooks); a request for one of the plugin's
	 * routes hooks that plumbing too. (54 callbacks on every REST request before the plumbing
	 * waited for the routes and Site Health's and the privacy tools' rows for theirs; 41 before
	 * the rows of sign-in cookies, of writes, of some routes and of the activation waited for them.)
	 */
	public function test_a_rest_request_hooks_the_own_routes_plumbing_only_for_the_own_routes(): void {
		// The table, the REST rows, and the hook that adds them when it first fires.
		$every = count( Hooks::TABLE ) + count( Hooks::REST_TABLE ) + 1;
		$this->assertSame( 22, $every, 'A row more on every REST request: does every request need it?' );
		$this->assertSame( $every, $this->log_of( '/wp-json/wp/v2/posts', array(), 200 )['callbacks'], 'another route' );
		// The plugin's route registers its routes and builds its controllers, which hooks the
		// plugin's own actions too, and its permission check the capability's map.
		$own = $this->log_of( '/wp-json/auth-sentinel/v1/events', array(), 401 );
		$this->assertSame( $every + 1 + count( Hooks::OWN_ROUTES_TABLE ) + count( Hooks::PLUGIN_TABLE ) + count( Hooks::CAPABILITY_TABLE ), $own['callbacks'], 'the plugin\'s route, refused' );
		$this->assertContains( 'map_meta_cap', $own['hooked'] );
	}

	/**
	 * The rows of the sign-in cookies wait for a request that carries one, the rows of writes for
	 * the write (a session's for core's session storage, a user's for a user saved, a role's and
	 * an application password's for their meta written), the probe's and Simple JWT Login's for
	 * their routes, the activation's for wp-admin; each is there when its hook fires.
	 */
	public function test_the_rows_of_cookies_writes_and_routes_wait_for_them(): void {
		$hooks_of = static function ( array ...$tables ): array {
			return array_values( array_unique( array_column( array_merge( ...$tables ), 0 ) ) );
		};
		$waiting  = $hooks_of( Hooks::COOKIE_TABLE, Hooks::SESSION_TABLE, Hooks::USER_TABLE, Hooks::USER_META_TABLE );
		$app      = $this->log_of( '/wp-json/wp/v2/users/me', array( 'as' => 'admin' ), 200 )['hooked'];
		$this->assertSame( array(), array_values( array_intersect( $waiting, $app ) ), 'an application password\'s successful request' );
		$this->assertSame( 1, count( array_keys( $app, 'rest_api_init', true ) ), 'neither the probe\'s row nor the routes\' on another route' );
		$this->assertSame( 1, count( array_keys( $app, 'rest_pre_dispatch', true ) ), 'nor Simple JWT Login\'s' );

		$this->assertSame( array(), array_values( preg_grep( '/^(de)?activate_/', $app ) ), 'nor the activation\'s' );

		$jar    = $this->sign_in( 'editor' );
		$cookie = $this->log_of( '/', array( 'cookies' => $jar ), 200 )['hooked'];
		$this->assertSame( array(), array_values( array_diff( $hooks_of( Hooks::COOKIE_TABLE, Hooks::SESSION_TABLE ), $cookie ) ), 'a request with a sign-in cookie' );
		$this->assertSame( array(), array_values( array_intersect( $hooks_of( Hooks::USER_TABLE, Hooks::USER_META_TABLE ), $cookie ) ), 'and no write' );
		$plugin = plugin_basename( AUTH_SENTINEL_FILE );
		$this->assertSame( array( 'activate_' . $plugin, 'deactivate_' . $plugin ), array_values( preg_grep( '/^(de)?activate_/', $this->log_of( '/wp-admin/profile.php', array( 'cookies' => $jar ), 200 )['hooked'] ) ), 'wp-admin, where plugins are activated' );

		$path  = '/wp-json/wp/v2/users/' . $this->user( 'subscriber' );
		$saved = $this->log_of( $path, array( 'as' => 'admin', 'body' => 'description=' . wp_generate_password( 8, false ) ), 200, 'POST' )['hooked'];
		$this->assertSame( array(), array_values( array_diff( $hooks_of( Hooks::USER_TABLE ), $saved ) ), 'a user saved' );
		$this->assertSame( array(), array_values( array_intersect( $hooks_of( Hooks::USER_META_TABLE ), $saved ) ), 'with neither roles nor application passwords written' );
		$made = $this->log_of( $path . '/application-passwords', array( 'as' => 'admin', 'body' => 'name=Footprint' ), 201, 'POST' )['hooked'];
		$this->assertSame( array(), array_values( array_diff( $hooks_of( Hooks::USER_META_TABLE ), $made ) ), 'an application password written' );
		foreach ( \WP_Application_Passwords::get_user_application_passwords( $this->user( 'subscriber' ) ) as $item ) {
			if ( 'Footprint' === $item['name'] ) {
				\WP_Application_Passwords::delete_application_password( $this->user( 'subscriber' ), $item['uuid'] );
			}
		}

		$this->assertSame( 2, count( array_keys( $this->log_of( '/wp-json/simple-jwt-login/v1/no-such-route', array(), 404 )['hooked'], 'rest_pre_dispatch', true ) ), 'a route of Simple JWT Login' );
	}

	/**
	 * The capability's map is hooked where the plugin's capability is asked for (its routes, its
	 * screens) and not on a request for another plugin's route or a page, where `map_meta_cap` is
	 * applied on every capability check (17 times for this user's GET /wp/v2/users/me, each
	 * calling the row's closure). Its screens and routes still answer an administrator.
	 */
	public function test_the_capability_map_is_hooked_only_where_the_capability_is_asked(): void {
		$this->assertNotContains( 'map_meta_cap', $this->log_of( '/wp-json/wp/v2/users/me', array( 'as' => 'admin' ), 200 )['hooked'], 'another route, an administrator' );
		$this->assertNotContains( 'map_meta_cap', $this->log_of( '/', array(), 200 )['hooked'], 'the front page' );
		$this->assertContains( 'map_meta_cap', $this->log_of( '/wp-json/auth-sentinel/v1/events', array( 'as' => 'admin' ), 200 )['hooked'], 'the plugin\'s route, allowed' );
		$this->assertSame( 403, $this->http( 'GET', '/wp-json/auth-sentinel/v1/events', array( 'as' => 'editor' ) )['status'], 'an editor, refused' );
		$jar = $this->sign_in( 'admin' );
		$this->assertContains( 'map_meta_cap', $this->log_of( '/wp-admin/admin.php?page=auth-sentinel-errors', array( 'cookies' => $jar ), 200 )['hooked'], 'the plugin\'s screen' );
	}

	/**
	 * Anonymous pages and REST requests, a signed-in wp-admin page and an application password
	 * load exactly the files listed above.
	 */
	public function test_a_successful_request_loads_only_the_bootstrap_and_the_guards(): void {
		$every = self::EVERY_REQUEST;
		sort( $every );
		$signed = array_merge( self::EVERY_REQUEST, self::SIGNED_IN );
		sort( $signed );
		$admin = array_merge( $signed, self::ADMIN_PAGE );
		sort( $admin );
		$jar = $this->sign_in( 'editor' );

		$this->assertSame( $every, $this->files_of( '/', array() ), 'the front page' );
		$this->assertSame( $every, $this->files_of( '/wp-json/wp/v2/posts', array() ), 'an anonymous REST request' );
		$this->assertSame( $admin, $this->files_of( '/wp-admin/profile.php', array( 'cookies' => $jar ) ), 'a signed-in wp-admin page' );
		$this->assertSame( $every, $this->files_of( '/wp-json/wp/v2/users/me', array( 'as' => 'editor' ) ), 'an application password (its use is written once a day, as core does)' );
		fwrite( STDERR, sprintf( "\nplugin files on a successful request: %d anonymous, %d signed in, %d on a wp-admin page (of %d)\n", count( $every ), count( $signed ), count( $admin ), count( glob( dirname( __DIR__, 2 ) . '/includes/*/*.php' ) ) + count( glob( dirname( __DIR__, 2 ) . '/includes/*.php' ) ) + 1 ) );
	}

	/**
	 * A wrong application password and a garbage Bearer token load exactly the files listed
	 * above: each failure builds its own diagnosis only (not the cookies', the nonces' or the
	 * secrets'), files itself by the catalog's index, and alerting builds nothing more than its
	 * check while no spike check is due. Red before the failure path was trimmed: 49 and 51 files.
	 */
	public function test_a_failed_request_loads_only_what_its_diagnosis_needs(): void {
		$gate  = get_option( \AuthSentinel\Alerts\AlertClaims::GATE_OPTION, null );
		$ended = get_option( \AuthSentinel\Sessions\EndedCredentials::APP_PASSWORD_ENDED, null );
		// The usual state: this minute's spike check was made, no application password ended lately.
		update_option( \AuthSentinel\Alerts\AlertClaims::GATE_OPTION, (string) ( intdiv( time(), 60 ) + 10 ), true );
		update_option( \AuthSentinel\Sessions\EndedCredentials::APP_PASSWORD_ENDED, time() - 60 * DAY_IN_SECONDS, true );
		try {
			$wrong = array_merge( self::EVERY_REQUEST, self::EVERY_FAILURE, self::WRONG_APP_PASSWORD );
			sort( $wrong );
			$bearer = array_merge( self::EVERY_REQUEST, self::EVERY_FAILURE, self::GARBAGE_BEARER );
			sort( $bearer );

			$this->assertSame( $wrong, $this->files_of( '/wp-json/wp/v2/users/me', array( 'headers' => array( 'Authorization: Basic ' . base64_encode( 'editor:aaaa bbbb cccc dddd eeee ffff' ) ) ), 401 ), 'a wrong application password' );
			$this->assertSame( $bearer, $this->files_of( '/wp-json/wp/v2/users/me', array( 'headers' => array( 'Authorization: Bearer garbage.not-a.token' ) ), 401 ), 'a garbage Bearer token' );
			$this->assertSame( \AuthSentinel\Sessions\Inventory::KEEP_ENDED_DAYS, \AuthSentinel\Sessions\EndedCredentials::KEEP_DAYS, 'the ended rows are looked up for as long as they are kept' );
			fwrite( STDERR, sprintf( "\nplugin files on a failed request: %d (wrong application password), %d (garbage Bearer token)\n", count( $wrong ), count( $bearer ) ) );
		} finally {
			$kept = array(
				\AuthSentinel\Alerts\AlertClaims::GATE_OPTION          => $gate,
				\AuthSentinel\Sessions\EndedCredentials::APP_PASSWORD_ENDED => $ended,
			);
			foreach ( $kept as $option => $value ) {
				if ( null === $value ) {
					delete_option( $option );
				} else {
					update_option( $option, $value, true );
				}
			}
		}
	}
}
