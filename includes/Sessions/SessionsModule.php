<?php
/**
 * Wires the sessions inventory, revocation, token enforcement and policies.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the sessions domain's objects and hooks them.
 *
 * @since 0.2.0
 */
class SessionsModule {

	/**
	 * The hourly upkeep: index the sessions made while the plugin was off, forget the ended.
	 */
	const CRON_HOOK = 'auth_sentinel_sessions_upkeep';

	/**
	 * The plugin.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * Keeps the plugin.
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

	/**
	 * Indexes the sessions that exist at activation.
	 *
	 * @return void
	 */
	public function activate(): void {
	}

	/**
	 * Makes sure the upkeep is scheduled.
	 *
	 * @return void
	 */
	public static function schedule(): void {
		if ( ! wp_next_scheduled( self::CRON_HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'hourly', self::CRON_HOOK );
		}
	}
}
