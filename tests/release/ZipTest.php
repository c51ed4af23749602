<?php
/**
 * The release zip, installed on a clean WordPress as an administrator would.
 *
 * @package AuthSentinel
 */

use AuthSentinel\Tests\Curl;
use PHPUnit\Framework\TestCase;

require_once dirname( __DIR__ ) . '/lib/Curl.php';

/**
 * Checks auth-sentinel.zip (npm run plugin-zip) against an allow-list, then uploads it through
 * Plugins > Add New > Upload on a clean site (bin/test-site.sh with the plugin left out),
 * activates it, opens every screen and every GET route of auth-sentinel/v1, deactivates and
 * deletes it, and checks its tables, options and user meta are gone and PHP logged nothing.
 *
 * Environment (bin/test.sh zip sets it): AUTH_SENTINEL_ZIP (the zip), AUTH_SENTINEL_ZIP_SITE_DIR
 * and AUTH_SENTINEL_ZIP_SITE_URL (the site), AUTH_SENTINEL_ZIP_DB (its MariaDB database).
 * The tests run in order, each on what the one before left.
 */
class ZipTest extends TestCase {

	/**
	 * What may be in the zip, below its auth-sentinel/ folder: the runtime files only.
	 */
	const ALLOWED = array(
		'#^plugin\.php$#',
		'#^uninstall\.php$#',
		'#^readme\.txt$#',
		'#^LICENSE$#',
		'#^includes/[A-Za-z]+\.php$#',
		'#^includes/[A-Z][A-Za-z]+/[A-Z][A-Za-z]+\.php$#',
		'#^includes/Catalog/catalog\.json$#',
		'#^includes/Catalog/catalog-index\.php$#',
		'#^build/[a-z-]+\.(js|css|asset\.php)$#',
		'#^languages/auth-sentinel\.pot$#',
	);

	/**
	 * What must be in it.
	 */
	const REQUIRED = array( 'plugin.php', 'uninstall.php', 'readme.txt', 'LICENSE', 'includes/autoload.php', 'includes/Plugin.php', 'includes/Catalog/catalog.json', 'includes/Catalog/catalog-index.php', 'languages/auth-sentinel.pot' );

	/**
	 * PHP complaints that are known and not the release's to fix, each with why.
	 */
	const KNOWN = array(
		// The Plugins screens ask WordPress.org for updates and translations: the test site is
		// offline, and core warns of that (about the machine, not the plugin).
		'/could not establish a secure connection to WordPress\.org/',
	);

	/**
	 * The cookie jar of the administrator.
	 *
	 * @var string
	 */
	private static $jar = '';

	/**
	 * Skips unless bin/test.sh zip prepared the zip and the site.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		foreach ( array( 'AUTH_SENTINEL_ZIP', 'AUTH_SENTINEL_ZIP_SITE_DIR', 'AUTH_SENTINEL_ZIP_SITE_URL', 'AUTH_SENTINEL_ZIP_DB' ) as $name ) {
			if ( '' === (string) getenv( $name ) ) {
				$this->markTestSkipped( "$name is not set: run bash bin/test.sh zip" );
			}
		}
	}

	/**
	 * Sends a request to the site.
	 *
	 * @param string               $method  The method.
	 * @param string               $path    The path (with query).
	 * @param array<string, mixed> $options body (string or array for multipart), headers, nonce (adds X-WP-Nonce), anonymous.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private static function http( string $method, string $path, array $options = array() ): array {
		$headers = array();
		if ( ! empty( $options['nonce'] ) ) {
			$headers[] = 'X-WP-Nonce: ' . self::nonce();
		}
		if ( isset( $options['json'] ) ) {
			$headers[]       = 'Content-Type: application/json';
			$options['body'] = json_encode( $options['json'] );
		}
		$curl = array(
			CURLOPT_HTTPHEADER => $headers,
			CURLOPT_TIMEOUT    => 60,
		);
		if ( isset( $options['body'] ) ) {
			$curl[ CURLOPT_POSTFIELDS ] = $options['body'];
		}
		if ( empty( $options['anonymous'] ) ) {
			$curl += Curl::jar( self::$jar );
		}
		return Curl::send( getenv( 'AUTH_SENTINEL_ZIP_SITE_URL' ) . $path, $method, $curl );
	}

	/**
	 * A REST nonce for the administrator's session.
	 *
	 * @return string
	 */
	private static function nonce(): string {
		static $nonce = null;
		if ( null === $nonce ) {
			$nonce = trim( self::http( 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce' )['body'] );
		}
		return $nonce;
	}

	/**
	 * A query on the site's database.
	 *
	 * @param string $sql The query.
	 * @return array<int, array<string, string>>
	 */
	private static function db( string $sql ): array {
		$db   = new mysqli( 'localhost', 'root', '', (string) getenv( 'AUTH_SENTINEL_ZIP_DB' ), 0, AUTH_SENTINEL_ROOT . '/.cache/mariadb/mysqld.sock' );
		$rows = $db->query( $sql )->fetch_all( MYSQLI_ASSOC );
		$db->close();
		return $rows;
	}

	/**
	 * The plugin's footprint in the database: its tables, options, user meta and cron hooks.
	 *
	 * @return array{tables: string[], options: string[], usermeta: string[], cron: bool}
	 */
	private static function footprint(): array {
		return array(
			'tables'   => array_column( self::db( "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'wp\\_auth\\_sentinel%'" ), 't' ),
			'options'  => array_column( self::db( "SELECT option_name AS o FROM wp_options WHERE option_name LIKE 'auth\\_sentinel%'" ), 'o' ),
			'usermeta' => array_column( self::db( "SELECT DISTINCT meta_key AS k FROM wp_usermeta WHERE meta_key LIKE 'auth\\_sentinel%'" ), 'k' ),
			'cron'     => false !== strpos( (string) ( self::db( "SELECT option_value AS v FROM wp_options WHERE option_name = 'cron'" )[0]['v'] ?? '' ), 'auth_sentinel' ),
		);
	}

	/**
	 * PHP's complaints in the site's logs.
	 *
	 * @return string[]
	 */
	private static function php_complaints(): array {
		$lines = array();
		foreach ( array( 'debug.log', 'php-errors.log', 'wp-content/debug.log' ) as $log ) {
			$file = getenv( 'AUTH_SENTINEL_ZIP_SITE_DIR' ) . '/' . $log;
			if ( is_file( $file ) ) {
				$lines = array_merge( $lines, preg_grep( '/PHP (Warning|Notice|Deprecated|Fatal|Parse)/', (array) file( $file ) ) );
				foreach ( self::KNOWN as $known ) {
					$lines = preg_grep( $known, $lines, PREG_GREP_INVERT );
				}
			}
		}
		return array_values( $lines );
	}

	/**
	 * The zip holds the runtime files and nothing else: no tests, tooling or demo code.
	 */
	public function test_zip_holds_only_runtime_files(): void {
		$zip = new ZipArchive();
		$this->assertTrue( $zip->open( (string) getenv( 'AUTH_SENTINEL_ZIP' ) ) );
		$files = array();
		for ( $i = 0; $i < $zip->numFiles; $i++ ) {
			$name = (string) $zip->getNameIndex( $i );
			if ( '/' !== substr( $name, -1 ) ) {
				$this->assertStringStartsWith( 'auth-sentinel/', $name, 'everything in the plugin\'s folder' );
				$files[] = substr( $name, strlen( 'auth-sentinel/' ) );
			}
		}
		$zip->close();
		foreach ( $files as $file ) {
			$allowed = array_filter( self::ALLOWED, static fn( $pattern ) => 1 === preg_match( $pattern, $file ) );
			$this->assertNotEmpty( $allowed, "$file is not a runtime file" );
		}
		$this->assertSame( array(), array_values( array_diff( self::REQUIRED, $files ) ), 'the zip lacks these' );
		$this->assertSame( array(), preg_grep( '#Demo|^dev/|^tests/|^bin/#', $files ), 'no development code' );
		$this->assertNotEmpty( preg_grep( '#^build/[a-z-]+\.js$#', $files ), 'the built admin app' );
		$this->assertNotEmpty( preg_grep( '#^build/[a-z-]+\.asset\.php$#', $files ), 'its asset files' );
		// Every PHP file of the checkout's includes/ ships (the demo lives in dev/).
		$shipped = array_map( static fn( $f ) => substr( $f, strlen( AUTH_SENTINEL_ROOT ) + 1 ), array_merge( glob( AUTH_SENTINEL_ROOT . '/includes/*.php' ), glob( AUTH_SENTINEL_ROOT . '/includes/*/*.php' ) ) );
		$this->assertSame( array(), array_values( array_diff( $shipped, $files ) ), 'includes/ files missing from the zip' );
	}

	/**
	 * Uploaded through Plugins > Add New > Upload Plugin and activated from the Plugins screen.
	 *
	 * @depends test_zip_holds_only_runtime_files
	 */
	public function test_uploads_and_activates(): void {
		$plugins = getenv( 'AUTH_SENTINEL_ZIP_SITE_DIR' ) . '/wp-content/plugins';
		// The test site links the checkout in as the plugin, and the development tools: not here.
		@unlink( $plugins . '/auth-sentinel' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
		@unlink( getenv( 'AUTH_SENTINEL_ZIP_SITE_DIR' ) . '/wp-content/mu-plugins/auth-sentinel-dev.php' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
		$this->assertFileDoesNotExist( $plugins . '/auth-sentinel' );

		self::$jar = (string) tempnam( sys_get_temp_dir(), 'as-zip' );
		self::http( 'GET', '/wp-login.php' );
		$login = self::http( 'POST', '/wp-login.php', array( 'body' => http_build_query( array( 'log' => 'admin', 'pwd' => 'password', 'testcookie' => '1' ) ) ) );
		$this->assertSame( 302, $login['status'], 'signed in' );

		$form = self::http( 'GET', '/wp-admin/plugin-install.php?tab=upload' )['body'];
		$this->assertSame( 1, preg_match( '/name="_wpnonce" value="([^"]+)"/', $form, $nonce ), 'the upload form' );
		$upload = self::http(
			'POST',
			'/wp-admin/update.php?action=upload-plugin',
			array(
				'body' => array(
					'_wpnonce'         => $nonce[1],
					'install-plugin-submit' => 'Install Now',
					'pluginzip'        => new CURLFile( (string) getenv( 'AUTH_SENTINEL_ZIP' ), 'application/zip', 'auth-sentinel.zip' ),
				),
			)
		);
		$this->assertSame( 200, $upload['status'] );
		$this->assertStringContainsString( 'Plugin installed successfully.', $upload['body'] );
		$this->assertFileExists( $plugins . '/auth-sentinel/plugin.php' );
		$this->assertDirectoryDoesNotExist( $plugins . '/auth-sentinel/dev' );

		$this->assertSame( 1, preg_match( '/href="(plugins\.php\?action=activate&(?:amp;)?plugin=auth-sentinel%2Fplugin\.php[^"]*)"/', $upload['body'], $activate ), 'the "Activate Plugin" link' );
		$activated = self::http( 'GET', '/wp-admin/' . html_entity_decode( $activate[1] ) );
		$this->assertSame( 302, $activated['status'] );
		$this->assertStringContainsString( 'activate=true', $activated['headers']['location'] ?? '', 'activated without an error' );
		$this->assertSame( 'active', self::http( 'GET', '/wp-json/wp/v2/plugins/auth-sentinel/plugin', array( 'nonce' => true ) )['json']['status'] ?? null );
		$this->assertNotEmpty( self::footprint()['tables'], 'activation made the tables' );
	}

	/**
	 * Every screen of the plugin, and the places it adds to WordPress's own, open for the
	 * administrator with the app's script.
	 *
	 * @depends test_uploads_and_activates
	 */
	public function test_every_screen_opens(): void {
		$dashboard = self::http( 'GET', '/wp-admin/' );
		$this->assertSame( 200, $dashboard['status'] );
		preg_match_all( '/admin\.php\?page=(auth-sentinel[a-z-]*)/', $dashboard['body'], $pages );
		$pages = array_values( array_unique( $pages[1] ) );
		$this->assertGreaterThanOrEqual( 6, count( $pages ), 'the menu lists the screens' );
		foreach ( $pages as $page ) {
			$screen = self::http( 'GET', '/wp-admin/admin.php?page=' . $page );
			$this->assertSame( 200, $screen['status'], $page );
			$this->assertStringContainsString( 'id="auth-sentinel-root"', $screen['body'], "$page has the app's root" );
			$this->assertMatchesRegularExpression( '#<script[^>]+src="[^"]*/wp-content/plugins/auth-sentinel/build/[a-z-]+\.js#', $screen['body'], "$page loads the built app" );
		}
		foreach ( array( '/wp-admin/site-health.php', '/wp-admin/site-health.php?tab=debug', '/wp-admin/users.php', '/wp-admin/profile.php', '/wp-admin/plugins.php' ) as $path ) {
			$this->assertSame( 200, self::http( 'GET', $path )['status'], $path );
		}
		foreach ( array( 'js', 'css' ) as $type ) {
			preg_match( '#/wp-content/plugins/auth-sentinel/build/[a-z-]+\.' . $type . '#', self::http( 'GET', '/wp-admin/admin.php?page=auth-sentinel' )['body'], $asset );
			$this->assertSame( 200, self::http( 'GET', $asset[0], array( 'anonymous' => true ) )['status'], "the site serves $asset[0]" );
		}
	}

	/**
	 * Every GET route of auth-sentinel/v1 answers the administrator, an anonymous visitor is refused.
	 *
	 * @depends test_uploads_and_activates
	 */
	public function test_every_get_route_answers(): void {
		// A failed sign-in, so that the routes have a row to show.
		self::http( 'POST', '/wp-login.php', array( 'anonymous' => true, 'body' => http_build_query( array( 'log' => 'admin', 'pwd' => 'not the password' ) ) ) );
		$index = self::http( 'GET', '/wp-json/auth-sentinel/v1', array( 'nonce' => true ) );
		$this->assertSame( 200, $index['status'] );
		$samples = array(
			'id'   => (string) ( self::http( 'GET', '/wp-json/auth-sentinel/v1/sessions', array( 'nonce' => true ) )['json'][0]['id'] ?? '' ),
			'code' => (string) ( self::http( 'GET', '/wp-json/auth-sentinel/v1/catalog', array( 'nonce' => true ) )['json'][0]['code'] ?? '' ),
		);
		// A background export of the audit log, for its routes (a small log: done in its first step).
		$export = self::http( 'POST', '/wp-json/auth-sentinel/v1/audit/exports', array( 'nonce' => true ) );
		$this->assertSame( 201, $export['status'], $export['body'] );
		$this->assertSame( 'complete', $export['json']['state'] ?? null, 'a small log is exported at once' );
		$checked = 0;
		foreach ( $index['json']['routes'] as $route => $spec ) {
			if ( ! in_array( 'GET', $spec['methods'], true ) ) {
				continue;
			}
			$path = preg_replace_callback(
				'/\(\?P<(\w+)>[^)]*\)/',
				function ( $group ) use ( $samples, $route, $export ) {
					$value = false !== strpos( $route, '/users/' ) ? '1' : ( false !== strpos( $route, '/audit/exports/' ) ? (string) $export['json']['id'] : ( $samples[ $group[1] ] ?? '' ) );
					$this->assertNotSame( '', $value, "a value for {$group[1]} in $route" );
					return $value;
				},
				$route
			);
			$answer = self::http( 'GET', '/wp-json' . $path, array( 'nonce' => true ) );
			$this->assertSame( 200, $answer['status'], "GET $path: " . substr( $answer['body'], 0, 300 ) );
			if ( '/file' === substr( $route, -5 ) ) {
				// The export's file: the CSV itself.
				$this->assertStringStartsWith( "\xEF\xBB\xBF", $answer['body'], "GET $path sends the CSV" );
			} else {
				$this->assertNotNull( $answer['json'], "GET $path answers JSON" );
			}
			// The index, and Site Health's loopback probe (the site calls it on itself, with no cookie), are public.
			if ( ! in_array( $route, array( '/auth-sentinel/v1', '/auth-sentinel/v1/health/authorization-probe' ), true ) ) {
				$this->assertSame( 401, self::http( 'GET', '/wp-json' . $path, array( 'anonymous' => true ) )['status'], "GET $path refuses anonymous visitors" );
			}
			++$checked;
		}
		$this->assertGreaterThanOrEqual( 10, $checked, 'the GET routes' );
		$events = self::http( 'GET', '/wp-json/auth-sentinel/v1/events', array( 'nonce' => true ) )['json'];
		$this->assertSame( 'bad_credentials', $events[0]['cause'] ?? null, 'the failed sign-in was recorded and diagnosed' );
		$this->assertSame( array(), self::php_complaints(), 'PHP said nothing' );
	}

	/**
	 * Deactivated, then deleted from the Plugins screen's REST API: uninstall.php removes the
	 * tables, options, user meta and scheduled events.
	 *
	 * @depends test_uploads_and_activates
	 */
	public function test_deactivates_and_uninstalls_without_a_trace(): void {
		$before = self::footprint();
		$this->assertNotEmpty( $before['tables'] );
		$this->assertNotEmpty( $before['options'] );
		$this->assertTrue( $before['cron'], 'scheduled events while active' );

		$off = self::http( 'PUT', '/wp-json/wp/v2/plugins/auth-sentinel/plugin', array( 'nonce' => true, 'json' => array( 'status' => 'inactive' ) ) );
		$this->assertSame( 'inactive', $off['json']['status'] ?? null, substr( $off['body'], 0, 300 ) );
		$this->assertFalse( self::footprint()['cron'], 'deactivation unschedules its events' );
		$this->assertNotEmpty( self::footprint()['tables'], 'deactivation keeps the data' );

		$deleted = self::http( 'DELETE', '/wp-json/wp/v2/plugins/auth-sentinel/plugin', array( 'nonce' => true ) );
		$this->assertSame( 200, $deleted['status'], substr( $deleted['body'], 0, 300 ) );
		$this->assertTrue( $deleted['json']['deleted'] ?? false );
		$this->assertFileDoesNotExist( getenv( 'AUTH_SENTINEL_ZIP_SITE_DIR' ) . '/wp-content/plugins/auth-sentinel' );
		$this->assertSame(
			array(
				'tables'   => array(),
				'options'  => array(),
				'usermeta' => array(),
				'cron'     => false,
			),
			self::footprint(),
			'nothing of the plugin left in the database'
		);
		$this->assertSame( array(), self::php_complaints(), 'PHP said nothing' );
	}
}
