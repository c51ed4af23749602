<?php
/**
 * Writes the audit rows of sign-ins and settings changes.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Audits a successful sign-in (with how it was made) and a change of the settings (which names
 * changed and from what to what; the webhook secret only by name, its URL redacted).
 *
 * @since 0.1.0
 */
class AuditListener {

	/**
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * Creates the listener.
	 *
	 * @param Auditor $auditor Writes the audit trail.
	 */
	public function __construct( Auditor $auditor ) {
		$this->auditor = $auditor;
	}

	/**
	 * Audits a successful sign-in (wp_login).
	 *
	 * @param mixed $login The login.
	 * @param mixed $user  The user.
	 * @return void
	 */
	public function signed_in( $login, $user = null ): void {
		unset( $login );
		if ( ! $user instanceof \WP_User || $user->ID <= 0 ) {
			return;
		}
		$this->auditor->record( 'sign_in', array( 'method' => self::sign_in_method() ), (int) $user->ID, (int) $user->ID );
	}

	/**
	 * Tells how the current sign-in was made.
	 *
	 * @return string xmlrpc|rest|ajax|login_form|other
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
	 * Audits the first save of the settings (add_option_{option}).
	 *
	 * @param mixed $option The option's name.
	 * @param mixed $value  Its value.
	 * @return void
	 */
	public function settings_added( $option, $value ): void {
		unset( $option );
		$this->settings_changed( array(), $value );
	}

	/**
	 * The settings were updated (updated_option, for the settings' option).
	 *
	 * @param string $option    The option.
	 * @param mixed  $old_value The previous value.
	 * @param mixed  $value     The new value.
	 * @return void
	 */
	public function settings_updated( $option, $old_value, $value ): void {
		unset( $option );
		$this->settings_changed( $old_value, $value );
	}

	/**
	 * Audits a change of the settings: which changed, from what to what.
	 *
	 * @param mixed $old_value The previous value.
	 * @param mixed $value     The new value.
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
				continue; // Named, never shown.
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
		$this->auditor->record(
			'settings_changed',
			array(
				'changed' => $changed,
				'values'  => $values,
			)
		);
	}
}
