<?php
/**
 * Finishes a test network (run by install-site.php in a fresh process, WordPress loaded as a
 * network): network-activates the plugin and the fixture issuers, makes /site2/ with its own
 * administrator "siteadmin" (password "password").
 *
 * Usage: php install-network.php <site dir> <url>
 *
 * @package AuthSentinel
 */

if ( 'cli' !== PHP_SAPI || $argc < 3 ) {
	exit( 1 );
}
$_SERVER['HTTP_HOST']   = (string) parse_url( $argv[2], PHP_URL_HOST ) . ':' . (string) parse_url( $argv[2], PHP_URL_PORT ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
$_SERVER['SERVER_NAME'] = 'localhost';
$_SERVER['REQUEST_URI'] = '/';
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// Single-site activation happened before the network existed: make it network-wide.
deactivate_plugins( 'auth-sentinel/plugin.php', true );
$auth_sentinel_result = activate_plugin( 'auth-sentinel/plugin.php', '', true );
if ( is_wp_error( $auth_sentinel_result ) ) {
	fwrite( STDERR, $auth_sentinel_result->get_error_message() . "\n" ); // phpcs:ignore
	exit( 1 );
}
foreach ( array_keys( get_plugins() ) as $auth_sentinel_plugin ) {
	if ( 0 === strpos( $auth_sentinel_plugin, 'fixture-' ) && is_plugin_active( $auth_sentinel_plugin ) ) {
		deactivate_plugins( $auth_sentinel_plugin, true );
		activate_plugin( $auth_sentinel_plugin, '', true );
	}
}

$auth_sentinel_admin = wp_create_user( 'siteadmin', 'password', 'siteadmin@example.com' );
$auth_sentinel_blog  = wpmu_create_blog( (string) get_network()->domain, '/site2/', 'Site 2', 1 );
if ( is_wp_error( $auth_sentinel_blog ) || is_wp_error( $auth_sentinel_admin ) ) {
	fwrite( STDERR, "could not make site 2\n" ); // phpcs:ignore
	exit( 1 );
}
add_user_to_blog( $auth_sentinel_blog, $auth_sentinel_admin, 'administrator' );
add_user_to_blog( $auth_sentinel_blog, (int) get_user_by( 'login', 'subscriber' )->ID, 'subscriber' );
switch_to_blog( $auth_sentinel_blog );
\AuthSentinel\Plugin::activate_site(); // Made before is_plugin_active_for_network() could see the activation.
restore_current_blog();
