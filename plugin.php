<?php
/**
 * Plugin Name:       Auth Sentinel
 * Description:       See every failed credential on the site, diagnosed; be told when keys, salts or token secrets change; list, revoke and audit sessions.
 * Version:           0.1.0
 * Requires at least: 6.5
 * Requires PHP:      7.4
 * Author:            Auth Sentinel contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       auth-sentinel
 * Domain Path:       /languages
 *
 * @package AuthSentinel
 */

defined( 'ABSPATH' ) || exit;

define( 'AUTH_SENTINEL_VERSION', '0.1.0' );
define( 'AUTH_SENTINEL_FILE', __FILE__ );
define( 'AUTH_SENTINEL_DIR', __DIR__ );

require_once __DIR__ . '/includes/autoload.php';

// What register_activation_hook() and register_deactivation_hook() do, with the plugin's name
// worked out once (plugin_basename() resolves symbolic links: 19,000 instructions a call).
$auth_sentinel_basename = plugin_basename( __FILE__ );
add_action( 'activate_' . $auth_sentinel_basename, array( \AuthSentinel\Plugin::class, 'activate' ) );
add_action( 'deactivate_' . $auth_sentinel_basename, array( \AuthSentinel\Plugin::class, 'deactivate' ) );
unset( $auth_sentinel_basename );

\AuthSentinel\Plugin::boot();
