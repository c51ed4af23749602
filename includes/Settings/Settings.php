<?php
/**
 * The plugin's settings, in one autoloaded option.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the settings with their defaults; one autoloaded option, so reading costs no query.
 *
 * @since 0.1.0
 */
class Settings {

	/**
	 * The option holding the settings.
	 */
	const OPTION = 'auth_sentinel_settings';

	/**
	 * Default values.
	 */
	const DEFAULTS = array(
		'events_retention_days'     => 90,
		'audit_retention_days'      => 365,
		'anonymize_ip'              => false,
		// Revocation policies: end a user's sessions and tokens when these change.
		'revoke_on_password_change' => true,
		'revoke_on_email_change'    => true,
		'revoke_on_role_change'     => false,
		// Role => most concurrent cookie sessions (absent or 0: no limit); the oldest go first.
		'session_limits'            => array(),
		// Alerts: by email (empty list = the site's admin email) and an optional signed webhook.
		'alerts_email'              => true,
		'alert_emails'              => '',
		'alert_on'                  => array( 'secrets_changed', 'failure_spike', 'all_sessions_revoked' ),
		'alert_spike_threshold'     => 100,
		'alert_webhook_url'         => '',
		'alert_webhook_secret'      => '',
	);

	/**
	 * Returns every setting, defaults filled in.
	 *
	 * @return array<string, mixed>
	 */
	public static function all(): array {
		// From the autoloaded options: a missing option must not cost a query on every failure.
		$all    = wp_load_alloptions();
		$stored = isset( $all[ self::OPTION ] ) ? maybe_unserialize( $all[ self::OPTION ] ) : array();
		return array_merge( self::DEFAULTS, is_array( $stored ) ? array_intersect_key( $stored, self::DEFAULTS ) : array() );
	}

	/**
	 * Returns one setting.
	 *
	 * @param string $name Setting name.
	 * @return mixed
	 */
	public static function get( string $name ) {
		$all = self::all();
		return $all[ $name ] ?? null;
	}

	/**
	 * Stores settings (only known names are kept).
	 *
	 * @param array<string, mixed> $values New values.
	 * @return void
	 */
	public static function update( array $values ): void {
		update_option( self::OPTION, array_intersect_key( array_merge( self::all(), $values ), self::DEFAULTS ), true );
	}
}
