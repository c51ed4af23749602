<?php
/**
 * Helpers of the tests that run on a subdirectory network of their own: bringing it up and
 * down, requests to it, and signing in on one of its sites.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once dirname( __DIR__ ) . '/lib/Curl.php';

/**
 * Use in a TestCase that declares SITE and PORT (the network's site name and port for
 * bin/test-site.sh); call network_up() from setUpBeforeClass() and network_down() from
 * tearDownAfterClass().
 */
trait NetworkTrait {

	/**
	 * The network's URL.
	 *
	 * @var string
	 */
	private static $url = '';

	/**
	 * The network's site name (its folder under .cache): SITE, or AUTH_SENTINEL_NETWORK_NAME
	 * (for a second checkout testing at the same time).
	 *
	 * @return string
	 */
	private static function network_site(): string {
		return (string) ( getenv( 'AUTH_SENTINEL_NETWORK_NAME' ) ? getenv( 'AUTH_SENTINEL_NETWORK_NAME' ) : self::SITE );
	}

	/**
	 * The network's port: PORT, or AUTH_SENTINEL_NETWORK_PORT.
	 *
	 * @return int
	 */
	private static function network_port(): int {
		return (int) ( getenv( 'AUTH_SENTINEL_NETWORK_PORT' ) ? getenv( 'AUTH_SENTINEL_NETWORK_PORT' ) : self::PORT );
	}

	/**
	 * Runs PHP inside one of the network's sites in a fresh process; returns what it printed.
	 *
	 * @param string $code PHP statements.
	 * @param string $site The site's path: '' (the main site) or '/site2'.
	 * @return string
	 */
	private static function in_network( string $code, string $site = '' ): string {
		$file = tempnam( sys_get_temp_dir(), 'as-net' ) . '.php';
		file_put_contents( $file, "<?php\n" . $code ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- Test set-up.
		$output = (string) shell_exec( self::in_network_command( $file, $site ) );
		unlink( $file );
		return $output;
	}

	/**
	 * Returns the command that runs a PHP file inside one of the network's sites (tests/bin/wp-run.php).
	 *
	 * @param string $file The file.
	 * @param string $site The site's path: '' (the main site) or '/site2'.
	 * @return string
	 */
	private static function in_network_command( string $file, string $site = '' ): string {
		return sprintf( 'php %s %s %s %s 2>&1', escapeshellarg( dirname( __DIR__ ) . '/bin/wp-run.php' ), escapeshellarg( dirname( __DIR__, 2 ) . '/.cache/' . self::network_site() ), escapeshellarg( self::$url . ( '' === $site ? '' : $site . '/' ) ), escapeshellarg( $file ) );
	}

	/**
	 * Builds the network (bin/test-site.sh with MULTISITE=1) and keeps its URL.
	 *
	 * @return void
	 */
	private static function network_up(): void {
		self::$url = trim( (string) shell_exec( sprintf( 'MULTISITE=1 SITE_NAME=%s PORT=%d bash %s up 2>/dev/null', self::network_site(), self::network_port(), escapeshellarg( dirname( __DIR__, 2 ) . '/bin/test-site.sh' ) ) ) );
	}

	/**
	 * Stops the network.
	 *
	 * @return void
	 */
	private static function network_down(): void {
		shell_exec( sprintf( 'SITE_NAME=%s PORT=%d bash %s down 2>&1', self::network_site(), self::network_port(), escapeshellarg( dirname( __DIR__, 2 ) . '/bin/test-site.sh' ) ) );
	}

	/**
	 * Sends a request to the network.
	 *
	 * @param string $method HTTP method.
	 * @param string $path   Path on the network.
	 * @param string $jar    Cookie jar ('' for none).
	 * @param array  $more   headers, body.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function net( string $method, string $path, string $jar = '', array $more = array() ): array {
		$curl = array( CURLOPT_HTTPHEADER => $more['headers'] ?? array() );
		if ( isset( $more['body'] ) ) {
			$curl[ CURLOPT_POSTFIELDS ] = $more['body'];
		}
		return Curl::send( self::$url . $path, $method, $curl + Curl::jar( $jar ) );
	}

	/**
	 * Signs in on one site of the network and returns the jar and a REST nonce.
	 *
	 * @param string $login The login.
	 * @param string $site  The site's path: '' or '/site2'.
	 * @return array{0: string, 1: string}
	 */
	private function session( string $login, string $site = '' ): array {
		$jar = tempnam( sys_get_temp_dir(), 'as-net' );
		$this->net( 'GET', $site . '/wp-login.php', $jar );
		$in = $this->net( 'POST', $site . '/wp-login.php', $jar, array( 'body' => http_build_query( array( 'log' => $login, 'pwd' => 'password', 'testcookie' => '1' ) ) ) );
		$this->assertSame( 302, $in['status'], "$login signs in on $site" );
		$nonce = $this->net( 'GET', $site . '/wp-admin/admin-ajax.php?action=rest-nonce', $jar )['body'];
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{10}$/', $nonce, "a REST nonce for $login" );
		return array( $jar, $nonce );
	}
}
