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

// The activation and deactivation hooks are hooked where WordPress activates or deactivates a
// plugin (Hooks::register_lifecycle()).

\AuthSentinel\Plugin::boot();
