<?php
/**
 * Wires the endpoint a signed-out app calls to learn why its token failed.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Apps;

use AuthSentinel\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the endpoint a signed-out app calls to learn why its token failed.
 *
 * @since 0.2.0
 */
class AppsModule {

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
