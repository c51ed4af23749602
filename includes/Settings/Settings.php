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
	const OPTION = \AuthSentinel\Hooks::SETTINGS_OPTION;

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
		// Proxies whose forwarded headers are believed (addresses or CIDR ranges, one per line).
		'trusted_proxies'           => '',
		// Bounded storage: new failure rows a client network (IPv4 /24, IPv6 /64) may add per
		// hour, and all networks together; past them, failures fold into one row per hour,
		// cause and kind that still counts every one.
		'failure_cap_network'       => 100,
		'failure_cap_hour'          => 1000,
		// Log forwarding (docs/logging.md): a JSON-lines file and RFC 5424 syslog, each with a
		// time budget per request; repeats of a failure as count updates every few minutes.
		'log_file_enabled'          => false,
		'log_file_max_kb'           => 10240,
		'log_file_keep'             => 5,
		'log_syslog_enabled'        => false,
		'log_syslog_transport'      => 'udp',
		'log_syslog_host'           => '127.0.0.1',
		'log_syslog_port'           => 514,
		'log_syslog_socket'         => '/dev/log',
		'log_syslog_facility'       => 'authpriv',
		'log_timeout_ms'            => 200,
		'log_repeat_minutes'        => 5,
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
	 * Returns the readable name of each setting, for the audit trail and error messages.
	 *
	 * @return array<string, string>
	 */
	public static function labels(): array {
		return array(
			'events_retention_days'     => __( 'failure retention', 'auth-sentinel' ),
			'audit_retention_days'      => __( 'audit retention', 'auth-sentinel' ),
			'anonymize_ip'              => __( 'IP anonymisation', 'auth-sentinel' ),
			'revoke_on_password_change' => __( 'revocation on password change', 'auth-sentinel' ),
			'revoke_on_email_change'    => __( 'revocation on email change', 'auth-sentinel' ),
			'revoke_on_role_change'     => __( 'revocation on role change', 'auth-sentinel' ),
			'session_limits'            => __( 'session limits', 'auth-sentinel' ),
			'alerts_email'              => __( 'email alerts', 'auth-sentinel' ),
			'alert_emails'              => __( 'alert recipients', 'auth-sentinel' ),
			'alert_on'                  => __( 'alert triggers', 'auth-sentinel' ),
			'alert_spike_threshold'     => __( 'failure spike threshold', 'auth-sentinel' ),
			'alert_webhook_url'         => __( 'webhook URL', 'auth-sentinel' ),
			'alert_webhook_secret'      => __( 'webhook secret', 'auth-sentinel' ),
			'trusted_proxies'           => __( 'trusted proxies', 'auth-sentinel' ),
			'failure_cap_network'       => __( 'new failure rows per network and hour', 'auth-sentinel' ),
			'failure_cap_hour'          => __( 'new failure rows per hour', 'auth-sentinel' ),
			'log_file_enabled'          => __( 'log file', 'auth-sentinel' ),
			'log_file_max_kb'           => __( 'log file size before rotation', 'auth-sentinel' ),
			'log_file_keep'             => __( 'rotated log files kept', 'auth-sentinel' ),
			'log_syslog_enabled'        => __( 'syslog forwarding', 'auth-sentinel' ),
			'log_syslog_transport'      => __( 'syslog transport', 'auth-sentinel' ),
			'log_syslog_host'           => __( 'syslog host', 'auth-sentinel' ),
			'log_syslog_port'           => __( 'syslog port', 'auth-sentinel' ),
			'log_syslog_socket'         => __( 'syslog socket', 'auth-sentinel' ),
			'log_syslog_facility'       => __( 'syslog facility', 'auth-sentinel' ),
			'log_timeout_ms'            => __( 'log destination time budget', 'auth-sentinel' ),
			'log_repeat_minutes'        => __( 'minutes between count updates', 'auth-sentinel' ),
		);
	}

	/**
	 * Splits a comma-separated list of email addresses.
	 *
	 * Blank entries (a trailing comma) are dropped.
	 *
	 * @param string $list The addresses, separated by commas (semicolons are accepted too).
	 * @return array{0: string[], 1: string[]} The valid addresses, and the entries that are not addresses.
	 */
	public static function split_emails( string $list ): array {
		$valid = array();
		$bad   = array();
		foreach ( explode( ',', str_replace( ';', ',', $list ) ) as $entry ) {
			$entry = trim( $entry );
			if ( '' === $entry ) {
				continue;
			}
			if ( is_email( $entry ) ) {
				$valid[] = $entry;
			} else {
				$bad[] = $entry;
			}
		}
		return array( $valid, $bad );
	}

	/**
	 * Tells whether a webhook address is acceptable: empty (no webhook), or an http or https URL
	 * with a host.
	 *
	 * Deliberately looser than wp_http_validate_url(), which refuses local and private hosts
	 * (a webhook receiver on the same network is legitimate); the request itself is sent with
	 * the HTTP API, so WP_HTTP_BLOCK_EXTERNAL and the usual filters still apply.
	 *
	 * @param string $url The address.
	 * @return bool
	 */
	public static function is_webhook_url( string $url ): bool {
		if ( '' === $url ) {
			return true;
		}
		if ( strlen( $url ) > 2048 || preg_match( '/[\s\x00-\x1F\x7F]/', $url ) ) {
			return false;
		}
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
			return false;
		}
		if ( ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
			return false;
		}
		// A host name or an address: letters, digits, dots, hyphens; IPv6 in brackets.
		return (bool) preg_match( '/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])$/i', $parts['host'] );
	}

	/**
	 * Returns a webhook address as it may be shown in the audit trail: scheme and host only, since
	 * the path or query of a webhook URL is often its credential (Slack, Teams, Discord).
	 *
	 * @param string $url The address.
	 * @return string
	 */
	public static function redact_url( string $url ): string {
		if ( '' === $url ) {
			return '';
		}
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) ) {
			return '…';
		}
		$rest = ( isset( $parts['path'] ) && '/' !== $parts['path'] ) || isset( $parts['query'] ) ? '/…' : '';
		return ( $parts['scheme'] ?? 'http' ) . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' ) . $rest;
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
