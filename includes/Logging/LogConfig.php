<?php
/**
 * Where and how the log lines go: the settings, wp-config.php's constant and a filter.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Logging;

use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the log forwarding settings from the autoloaded settings option (no query), lets
 * `AUTH_SENTINEL_LOG_DIR` (wp-config.php) choose the file's directory, and the
 * `auth_sentinel_log_config` filter change anything.
 *
 * @since 0.1.0
 */
final class LogConfig {

	/**
	 * Syslog facilities by name (RFC 5424, section 6.2.1).
	 */
	const FACILITIES = array(
		'kern'     => 0,
		'user'     => 1,
		'daemon'   => 3,
		'auth'     => 4,
		'syslog'   => 5,
		'authpriv' => 10,
		'local0'   => 16,
		'local1'   => 17,
		'local2'   => 18,
		'local3'   => 19,
		'local4'   => 20,
		'local5'   => 21,
		'local6'   => 22,
		'local7'   => 23,
	);

	/**
	 * The transports syslog can use.
	 */
	const TRANSPORTS = array( 'udp', 'tcp', 'unix' );

	/**
	 * The file's name in its directory; rotated files add .1, .2, …
	 */
	const FILE_NAME = 'auth-sentinel.jsonl';

	/**
	 * Returns the configuration.
	 *
	 * @return array<string, mixed>
	 */
	public static function get(): array {
		$settings = Settings::all();
		$config   = array(
			'file'      => (bool) $settings['log_file_enabled'],
			'dir'       => self::directory(),
			'max_bytes' => max( 16, (int) $settings['log_file_max_kb'] ) * 1024,
			'keep'      => max( 1, (int) $settings['log_file_keep'] ),
			'syslog'    => (bool) $settings['log_syslog_enabled'],
			'transport' => (string) $settings['log_syslog_transport'],
			'host'      => (string) $settings['log_syslog_host'],
			'port'      => (int) $settings['log_syslog_port'],
			'socket'    => (string) $settings['log_syslog_socket'],
			'facility'  => self::FACILITIES[ (string) $settings['log_syslog_facility'] ] ?? self::FACILITIES['authpriv'],
			'timeout'   => max( 10, (int) $settings['log_timeout_ms'] ) / 1000,
			'repeat'    => max( 1, (int) $settings['log_repeat_minutes'] ) * MINUTE_IN_SECONDS,
		);
		/**
		 * Filters the log forwarding configuration (file, dir, max_bytes, keep, syslog,
		 * transport, host, port, socket, facility, timeout in seconds, repeat in seconds). The
		 * switches `file` and `syslog` can turn a destination off here, not on: the hook table's
		 * guard reads the settings alone.
		 *
		 * @since 0.1.0
		 *
		 * @param array<string, mixed> $config The configuration.
		 */
		$filtered = apply_filters( 'auth_sentinel_log_config', $config );
		return is_array( $filtered ) ? array_merge( $config, $filtered ) : $config;
	}

	/**
	 * Tells whether any destination is on (from the autoloaded settings: no query).
	 *
	 * @return bool
	 */
	public static function enabled(): bool {
		$config = self::get();
		return $config['file'] || $config['syslog'];
	}

	/**
	 * The directory of the JSON-lines file: `AUTH_SENTINEL_LOG_DIR` when defined (outside the
	 * web root, recommended), otherwise `auth-sentinel-logs` in the uploads folder, which the
	 * plugin closes to the web with an .htaccess and an index.php.
	 *
	 * @return string
	 */
	public static function directory(): string {
		if ( defined( 'AUTH_SENTINEL_LOG_DIR' ) && '' !== (string) AUTH_SENTINEL_LOG_DIR ) {
			return untrailingslashit( (string) AUTH_SENTINEL_LOG_DIR );
		}
		$uploads = wp_get_upload_dir();
		return untrailingslashit( (string) $uploads['basedir'] ) . '/auth-sentinel-logs';
	}

	/**
	 * Tells whether the directory is the default one under uploads (served by the web server).
	 *
	 * @return bool
	 */
	public static function in_uploads(): bool {
		return ! ( defined( 'AUTH_SENTINEL_LOG_DIR' ) && '' !== (string) AUTH_SENTINEL_LOG_DIR );
	}
}
