<?php
/**
 * Wires the audit trail: what is recorded, the REST route, pruning.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the audit trail: what is recorded, the REST route, pruning.
 *
 * @since 0.2.0
 */
class AuditModule {

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
