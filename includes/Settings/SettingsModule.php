<?php
/**
 * Wires the settings route.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Settings;

use AuthSentinel\Plugin;
use AuthSentinel\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the settings route.
 *
 * @since 0.1.0
 */
class SettingsModule {

	/**
	 * Creates the module; the settings need no other domain, so the plugin is not kept.
	 *
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		unset( $plugin );
	}

	/**
	 * Hooks the module.
	 *
	 * @return void
	 */
	public function register(): void {
		add_action(
			'rest_api_init',
			static function () {
				if ( Routes::needed() ) {
					( new SettingsController() )->register_routes();
				}
			}
		);
	}
}
