<?php
/**
 * Wires the audit trail: what is recorded, the REST route, pruning.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Events\EventsModule;
use AuthSentinel\Plugin;
use AuthSentinel\Rest\Routes;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the audit trail: what is recorded, the REST route, pruning.
 *
 * Records sign-ins and settings changes itself; the other actions are written by the domains
 * that perform them, through the plugin's Auditor.
 *
 * @since 0.1.0
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
		add_action( 'wp_login', array( $this, 'signed_in' ), 10, 2 );
		add_action(
			'add_option_' . Settings::OPTION,
			function ( $option, $value ) {
				$this->settings_changed( array(), $value );
			},
			10,
			2
		);
		add_action(
			'update_option_' . Settings::OPTION,
			function ( $old_value, $value ) {
				$this->settings_changed( $old_value, $value );
			},
			10,
			2
		);
		add_action( EventsModule::PRUNE_HOOK, array( $this, 'prune' ) );
		add_action(
			'rest_api_init',
			function () {
				if ( Routes::needed() ) {
					( new AuditController( $this->plugin->auditor()->repository() ) )->register_routes();
					add_filter( 'rest_pre_serve_request', array( AuditCsv::class, 'serve' ), 10, 3 );
				}
			}
		);
	}

	/**
	 * Records a sign-in (core's `wp_login`: the login form, or any code calling wp_signon()).
	 *
	 * @param string        $login The login.
	 * @param \WP_User|null $user  The user.
	 * @return void
	 */
	public function signed_in( $login, $user = null ): void {
		unset( $login );
		if ( ! $user instanceof \WP_User || $user->ID <= 0 ) {
			return;
		}
		$this->plugin->auditor()->record( 'sign_in', array( 'method' => self::sign_in_method() ), (int) $user->ID, (int) $user->ID );
	}

	/**
	 * Tells which door a sign-in came through.
	 *
	 * @return string login_form, xmlrpc, rest, ajax or other.
	 */
	private static function sign_in_method(): string {
		if ( defined( 'XMLRPC_REQUEST' ) && XMLRPC_REQUEST ) {
			return 'xmlrpc';
		}
		if ( defined( 'REST_REQUEST' ) && REST_REQUEST ) {
			return 'rest';
		}
		if ( wp_doing_ajax() ) {
			return 'ajax';
		}
		if ( did_action( 'login_init' ) ) {
			return 'login_form';
		}
		return 'other';
	}

	/**
	 * Records which settings changed, and with whose hand.
	 *
	 * Values are kept as {from, to} except the webhook secret's (never recorded) and the
	 * webhook address's (scheme and host only: its path is often its credential).
	 *
	 * @param mixed $old_value The stored value before.
	 * @param mixed $value     The stored value after.
	 * @return void
	 */
	public function settings_changed( $old_value, $value ): void {
		$old     = array_merge( Settings::DEFAULTS, is_array( $old_value ) ? array_intersect_key( $old_value, Settings::DEFAULTS ) : array() );
		$new     = array_merge( Settings::DEFAULTS, is_array( $value ) ? array_intersect_key( $value, Settings::DEFAULTS ) : array() );
		$changed = array();
		$values  = array();
		foreach ( array_keys( Settings::DEFAULTS ) as $key ) {
			if ( $old[ $key ] === $new[ $key ] ) {
				continue;
			}
			$changed[] = $key;
			if ( 'alert_webhook_secret' === $key ) {
				continue;
			}
			$from           = 'session_limits' === $key ? (object) $old[ $key ] : $old[ $key ];
			$to             = 'session_limits' === $key ? (object) $new[ $key ] : $new[ $key ];
			$values[ $key ] = 'alert_webhook_url' === $key
				? array(
					'from' => Settings::redact_url( (string) $from ),
					'to'   => Settings::redact_url( (string) $to ),
				)
				: array(
					'from' => $from,
					'to'   => $to,
				);
		}
		if ( ! $changed ) {
			return;
		}
		$this->plugin->auditor()->record(
			'settings_changed',
			array(
				'changed' => $changed,
				'values'  => $values,
			)
		);
	}

	/**
	 * Deletes audit rows older than the retention setting; when a large backlog takes longer
	 * than one run may, runs the pruning hook once more a minute later (the same hook, so that
	 * deactivation and uninstall clear it with the daily one).
	 *
	 * @return int Rows deleted.
	 */
	public function prune(): int {
		$days   = max( 1, (int) Settings::get( 'audit_retention_days' ) );
		$result = $this->plugin->auditor()->repository()->prune( gmdate( 'Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS ) );
		if ( ! $result['done'] ) {
			wp_schedule_single_event( time() + MINUTE_IN_SECONDS, EventsModule::PRUNE_HOOK );
		}
		return $result['deleted'];
	}
}
