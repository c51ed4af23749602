<?php
/**
 * Which alerts are wanted, and where they go.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The rules of the Settings screen: the kinds listed in `alert_on`, a spike threshold above
 * zero, and at least one channel (email recipients, a valid webhook URL). Reads only the
 * autoloaded settings: no query.
 *
 * @since 0.1.0
 */
final class AlertRules {

	/**
	 * The kinds of alert, as `alert_on` lists them.
	 */
	const KINDS = array( 'secrets_changed', 'failure_spike', 'all_sessions_revoked' );

	/**
	 * Tells whether a kind is wanted and has somewhere to go.
	 *
	 * @param string $kind The kind.
	 * @return bool
	 */
	public static function wants( string $kind ): bool {
		$settings = Settings::all();
		if ( ! in_array( $kind, (array) $settings['alert_on'], true ) ) {
			return false;
		}
		if ( 'failure_spike' === $kind && (int) $settings['alert_spike_threshold'] <= 0 ) {
			return false;
		}
		return (bool) self::channels( $settings );
	}

	/**
	 * Returns where alerts go: `email` => recipients, `webhook` => URL.
	 *
	 * @param array<string, mixed> $settings The settings.
	 * @return array<string, mixed>
	 */
	public static function channels( array $settings ): array {
		$channels = array();
		if ( ! empty( $settings['alerts_email'] ) ) {
			$recipients = self::recipients( (string) $settings['alert_emails'] );
			if ( $recipients ) {
				$channels['email'] = $recipients;
			}
		}
		$url = trim( (string) $settings['alert_webhook_url'] );
		if ( '' !== $url && Webhook::valid_url( $url ) ) {
			$channels['webhook'] = $url;
		}
		return $channels;
	}

	/**
	 * Returns the valid addresses of a comma-separated list; the site's admin email when none.
	 *
	 * @param string $list The setting.
	 * @return string[]
	 */
	public static function recipients( string $list ): array {
		$valid     = array();
		$addresses = preg_split( '/[\s,;]+/', $list );
		foreach ( false === $addresses ? array() : $addresses as $address ) {
			$address = sanitize_email( $address );
			if ( '' !== $address && is_email( $address ) ) {
				$valid[] = $address;
			}
		}
		if ( ! $valid ) {
			$admin = (string) get_option( 'admin_email' );
			$valid = is_email( $admin ) ? array( $admin ) : array();
		}
		return array_values( array_unique( $valid ) );
	}
}
