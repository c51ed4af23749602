<?php
/**
 * Wires Site Health tests, the Site Health info section and the dashboard widget.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Wires Site Health tests, the Site Health info section and the dashboard widget.
 *
 * @since 0.2.0
 */
class HealthModule {

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
