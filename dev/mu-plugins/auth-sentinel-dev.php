<?php
/**
 * Plugin Name: Auth Sentinel development tools
 * Description: Loads Auth Sentinel's development-only code (the demo data: wp auth-sentinel demo) from the plugin's dev/ folder, when the plugin is active and has that folder (a checkout, not a release).
 *
 * @package AuthSentinel
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'plugins_loaded',
	static function () {
		if ( defined( 'AUTH_SENTINEL_DIR' ) && is_readable( AUTH_SENTINEL_DIR . '/dev/loader.php' ) ) {
			require_once AUTH_SENTINEL_DIR . '/dev/loader.php';
		}
	},
	0
);
