<?php
/**
 * Loads Auth Sentinel's development-only code: the demo data (`wp auth-sentinel demo`).
 *
 * Not part of the plugin: the release zip leaves dev/ out (.distignore). The must-use plugin
 * dev/mu-plugins/auth-sentinel-dev.php requires this file on development sites (wp-env maps it
 * in, bin/test-site.sh installs it); so can any script that has loaded WordPress.
 *
 * @package AuthSentinel
 */

defined( 'ABSPATH' ) || exit;

if ( ! defined( 'AUTH_SENTINEL_DEV_DIR' ) ) {
	define( 'AUTH_SENTINEL_DEV_DIR', __DIR__ );

	// AuthSentinel\Dev\Name is dev/src/Name.php.
	spl_autoload_register(
		static function ( $class_name ) {
			$prefix = 'AuthSentinel\\Dev\\';
			if ( 0 !== strncmp( $class_name, $prefix, strlen( $prefix ) ) ) {
				return;
			}
			$file = __DIR__ . '/src/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
			if ( is_readable( $file ) ) {
				require_once $file;
			}
		}
	);

	// The plugin registers `wp auth-sentinel` when it loads, before this runs.
	if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( '\WP_CLI' ) && class_exists( '\AuthSentinel\Plugin' ) ) {
		\WP_CLI::add_command( 'auth-sentinel demo', new \AuthSentinel\Dev\DemoCommand() );
	}
}
