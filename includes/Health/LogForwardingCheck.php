<?php
/**
 * Site Health: whether the log destinations take what is sent to them.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Logging\LogConfig;
use AuthSentinel\Logging\LogSpool;

defined( 'ABSPATH' ) || exit;

/**
 * Tells the administrator when a log destination failed lately: how many sends failed, how
 * many lines wait for a retry and how many were dropped, and the last error.
 *
 * @since 0.1.0
 */
class LogForwardingCheck {

	/**
	 * How long a failure is worth telling, in seconds.
	 */
	const RECENT = DAY_IN_SECONDS;

	/**
	 * Runs the check.
	 *
	 * @return array<string, mixed> A Site Health result.
	 */
	public function run(): array {
		$test   = 'auth_sentinel_log_forwarding';
		$config = LogConfig::get();
		$names  = array(
			'file'   => __( 'JSON-lines file', 'auth-sentinel' ),
			'syslog' => __( 'syslog', 'auth-sentinel' ),
		);
		$on     = array_keys( array_filter( array_intersect_key( $config, $names ) ) );
		if ( ! $on ) {
			return Result::make( $test, 'good', __( 'Auth Sentinel forwards no logs', 'auth-sentinel' ), array( __( 'Failures and the audit trail stay in the site’s database. Settings → Log forwarding sends them to a file or to syslog as well.', 'auth-sentinel' ) ), 'settings', __( 'Open the settings', 'auth-sentinel' ) );
		}
		$stats  = LogSpool::stats();
		$sizes  = LogSpool::sizes();
		$lines  = array();
		$status = 'good';
		foreach ( $on as $name ) {
			$mine    = $stats[ $name ] ?? array();
			$recent  = time() - (int) ( $mine['last_error_at'] ?? 0 ) < self::RECENT;
			$waiting = (int) ( $sizes[ $name ] ?? 0 );
			$dropped = (int) ( $mine['dropped'] ?? 0 );
			if ( ! $recent && ! $waiting && ! $dropped ) {
				continue;
			}
			$status  = $waiting || $recent ? 'recommended' : $status;
			$status  = $dropped ? 'critical' : $status;
			$lines[] = sprintf(
				/* translators: 1: a destination, 2: a number of failed sends, 3: lines waiting, 4: lines dropped, 5: an error message, 6: a date. */
				__( '%1$s: %2$d failed sends, %3$d lines waiting for a retry, %4$d lines dropped. Last error: “%5$s” (%6$s).', 'auth-sentinel' ),
				esc_html( $names[ $name ] ),
				(int) ( $mine['failed'] ?? 0 ),
				$waiting,
				$dropped,
				esc_html( (string) ( $mine['last_error'] ?? '' ) ),
				esc_html( isset( $mine['last_error_at'] ) ? (string) wp_date( (string) get_option( 'date_format' ) . ' ' . (string) get_option( 'time_format' ), (int) $mine['last_error_at'] ) : '—' )
			);
		}
		if ( 'good' === $status ) {
			return Result::make( $test, 'good', __( 'Auth Sentinel’s log destinations take every line', 'auth-sentinel' ), array( __( 'No send to a log destination failed in the last day, and no line waits for a retry.', 'auth-sentinel' ) ), 'settings', __( 'Open the settings', 'auth-sentinel' ) );
		}
		$lines[] = __( 'Sign-ins went on as usual. Lines a destination could not take are kept (up to 1,000 per destination, the oldest dropped first) and sent again within a minute; run “wp auth-sentinel log test” to check a destination.', 'auth-sentinel' );
		return Result::make( $test, $status, __( 'A log destination of Auth Sentinel failed', 'auth-sentinel' ), $lines, 'settings', __( 'Open the settings', 'auth-sentinel' ) );
	}
}
