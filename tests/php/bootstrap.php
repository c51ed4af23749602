<?php
/**
 * Loads the test site's WordPress into the PHPUnit process.
 *
 * The site is made by `bin/test-site.sh up`: real WordPress, real MariaDB, the plugin active.
 *
 * @package AuthSentinel
 */

$auth_sentinel_site = getenv( 'AUTH_SENTINEL_SITE_DIR' ) ?: dirname( __DIR__, 2 ) . '/.cache/site';
$auth_sentinel_url  = getenv( 'AUTH_SENTINEL_SITE_URL' ) ?: 'http://localhost:8881';
if ( ! is_readable( $auth_sentinel_site . '/wp-config.php' ) ) {
	fwrite( STDERR, "No test site: run bash bin/test-site.sh up first.\n" );
	exit( 1 );
}
define( 'AUTH_SENTINEL_TEST_SITE', $auth_sentinel_site );
define( 'AUTH_SENTINEL_TEST_URL', $auth_sentinel_url );
// A second web node serving the same site (bin/test-site.sh NODES=2): tests/php/nodes.
define( 'AUTH_SENTINEL_TEST_NODE2_URL', (string) getenv( 'AUTH_SENTINEL_NODE2_URL' ) );

$_SERVER['HTTP_HOST']   = (string) parse_url( $auth_sentinel_url, PHP_URL_HOST ) . ':' . (string) parse_url( $auth_sentinel_url, PHP_URL_PORT );
$_SERVER['SERVER_NAME'] = 'localhost';
$_SERVER['REQUEST_URI'] = '/';

require $auth_sentinel_site . '/wp-load.php';
require __DIR__ . '/TestCase.php';
