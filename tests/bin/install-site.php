<?php
/**
 * Installs the test site: WordPress with the plugin active, an administrator and an editor.
 *
 * Usage: php install-site.php <site dir> <url> [activate: 1|0] [fixtures: 1|0]
 *
 * @package AuthSentinel
 */

if ( 'cli' !== PHP_SAPI || $argc < 3 ) {
	exit( 1 );
}
$auth_sentinel_url      = $argv[2];
$_SERVER['HTTP_HOST']   = (string) parse_url( $auth_sentinel_url, PHP_URL_HOST ) . ':' . (string) parse_url( $auth_sentinel_url, PHP_URL_PORT ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
$_SERVER['SERVER_NAME'] = 'localhost';
define( 'WP_INSTALLING', true ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- Core's own flag.
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

wp_install( 'Auth Sentinel Test', 'admin', 'admin@example.com', true, '', 'password' );
update_option( 'siteurl', $auth_sentinel_url );
update_option( 'home', $auth_sentinel_url );
update_option( 'permalink_structure', '/%postname%/' );
update_option( 'timezone_string', 'UTC' );

foreach ( array( 'editor', 'author', 'subscriber' ) as $auth_sentinel_role ) {
	$auth_sentinel_id = wp_create_user( $auth_sentinel_role, 'password', $auth_sentinel_role . '@example.com' );
	( new WP_User( $auth_sentinel_id ) )->set_role( $auth_sentinel_role );
}

$auth_sentinel_result = ( $argv[3] ?? '1' ) === '1' ? activate_plugin( 'auth-sentinel/plugin.php' ) : null;
if ( is_wp_error( $auth_sentinel_result ) ) {
	fwrite( STDERR, $auth_sentinel_result->get_error_message() . "\n" ); // phpcs:ignore
	exit( 1 );
}
// Fixture token issuers (tests/fixtures/plugins) are active but stay dormant until a test enables them.
if ( ( $argv[4] ?? '1' ) === '1' ) {
	foreach ( array_keys( get_plugins() ) as $auth_sentinel_plugin ) {
		if ( 0 === strpos( $auth_sentinel_plugin, 'fixture-' ) ) {
			activate_plugin( $auth_sentinel_plugin );
		}
	}
}
echo "installed\n";
