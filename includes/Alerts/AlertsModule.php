<?php
/**
 * Wires alerts by email and webhook.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

use AuthSentinel\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Wires alerts by email and webhook.
 *
 * @since 0.2.0
 */
class AlertsModule {

	/**
	 * The plugin, for the other domains' objects.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * Keeps the plugin; builds nothing until a hook needs it.
	 *
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Hooks the module.
	 *
	 * @return void
	 */
	public function register(): void {
	}
}
