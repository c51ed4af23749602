<?php
/**
 * Wires the wp auth-sentinel commands.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the wp auth-sentinel commands.
 *
 * @since 0.2.0
 */
class CliModule {

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
