<?php
/**
 * Plugin Name: Test site: no update checks
 * Description: The test site is offline; WordPress's update checks would only log warnings.
 *
 * @package AuthSentinel
 */

foreach ( array( '_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes' ) as $auth_sentinel_check ) {
	remove_action( 'admin_init', $auth_sentinel_check );
}
remove_action( 'admin_init', '_wp_check_for_scheduled_update_checks' );
remove_action( 'wp_version_check', 'wp_version_check' );
remove_action( 'wp_update_plugins', 'wp_update_plugins' );
remove_action( 'wp_update_themes', 'wp_update_themes' );
remove_action( 'wp_maybe_auto_update', 'wp_maybe_auto_update' );
add_filter(
	'pre_http_request',
	static function ( $pre, $args, $url ) {
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		return in_array( $host, array( 'localhost', '127.0.0.1' ), true ) ? $pre : new WP_Error( 'offline', 'The test site is offline.' );
	},
	10,
	3
);
