<?php
/**
 * Wires alerts by email and webhook.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

use AuthSentinel\Plugin;
use AuthSentinel\Secrets\SecretsWatch;

defined( 'ABSPATH' ) || exit;

/**
 * Wires alerts by email and webhook: listens for secret changes, recorded failures and the
 * revocation of every session, and leaves the rest to Alerts, built on first use.
 *
 * @since 0.1.0
 */
class AlertsModule {

	/**
	 * The plugin, for the other domains' objects.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * The alerts, built when something worth one happens.
	 *
	 * @var Alerts|null
	 */
	private $alerts;

	/**
	 * Keeps the plugin; builds nothing until a hook needs it.
	 *
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Returns the alerts, building them the first time.
	 *
	 * @return Alerts
	 */
	public function alerts(): Alerts {
		if ( null === $this->alerts ) {
			$this->alerts = new Alerts( $this->plugin );
		}
		return $this->alerts;
	}

	/**
	 * Hooks the module. Every listener is a few operations until something happened.
	 *
	 * @return void
	 */
	public function register(): void {
		// The secrets watch announces a change once, whichever way it records it.
		add_action(
			'auth_sentinel_secrets_changed',
			function ( $change ) {
				$this->alerts()->secrets_changed( is_array( $change ) ? $change : array() );
			}
		);
		add_action(
			'auth_sentinel_audited',
			function ( $action, $details = array() ) {
				if ( SecretsWatch::ACTION === $action ) {
					$this->alerts()->secrets_changed( is_array( $details ) ? $details : array() );
				} elseif ( 'all_sessions_revoked' === $action ) {
					$this->alerts()->all_sessions_revoked( is_array( $details ) ? $details : array() );
				}
			},
			10,
			2
		);
		add_action(
			'auth_sentinel_failure_recorded',
			function () {
				$this->alerts()->failure_recorded();
			},
			10,
			0
		);
		add_action(
			Alerts::RECHECK_HOOK,
			function ( $hour = 0 ) {
				$this->alerts()->recheck( $hour );
			}
		);
	}
}
