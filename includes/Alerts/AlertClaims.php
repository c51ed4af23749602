<?php
/**
 * The atomic bookkeeping of alerts: who sends, and when the spike check may run.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

use AuthSentinel\Database\AtomicOption;
use AuthSentinel\Database\SharedCache;

defined( 'ABSPATH' ) || exit;

/**
 * The only place of the alerts domain that writes state. Two small records in the options
 * table, each changed by one guarded statement (Database\\AtomicOption) so that concurrent
 * requests cannot both win:
 *
 * - a claim per kind of alert: the hour of the last alert sent, zero-padded; a request sends
 *   only if its INSERT IGNORE or its `UPDATE … WHERE option_value < hour` changed the row;
 * - the spike gate: the first minute at which the failure total may be read again. Autoloaded,
 *   so that reading it costs no query; moved forward by a compare-and-swap on the value seen.
 *   With a persistent object cache shared by every node (Database\SharedCache) the gate lives
 *   in the cache instead (wp_cache_add is atomic there) and the option is never touched.
 *
 * @since 0.1.0
 */
class AlertClaims {

	/**
	 * Prefix of the per-kind claim options (the kind follows).
	 */
	const CLAIM_PREFIX = 'auth_sentinel_alert_sent_';

	/**
	 * The spike gate option: the first minute (Unix time / 60) of the next allowed check.
	 */
	const GATE_OPTION = 'auth_sentinel_alert_spike_gate';

	/**
	 * The object cache group, used only with a persistent object cache.
	 */
	const CACHE_GROUP = 'auth_sentinel_alerts';

	/**
	 * Claims the right to send one kind of alert for an hour; true for exactly one caller.
	 *
	 * @param string $kind The alert kind.
	 * @param int    $hour The hour (Unix time / 3600) the alert is about.
	 * @return bool
	 */
	public function claim( string $kind, int $hour ): bool {
		$name     = self::CLAIM_PREFIX . $kind;
		$value    = self::pad( $hour );
		$inserted = AtomicOption::insert( $name, $value, false );
		// Zero-padded, so that comparing the strings compares the hours (MySQL and SQLite alike).
		return true === $inserted || ( false === $inserted && AtomicOption::raise( $name, $value ) );
	}

	/**
	 * Opens the spike gate for this request if no check ran this minute; true for one request
	 * a minute at most. Costs no query while the gate is closed.
	 *
	 * @param int $now Unix time.
	 * @return bool
	 */
	public function open_gate( int $now ): bool {
		$minute = intdiv( $now, 60 );
		$hour   = intdiv( $now, HOUR_IN_SECONDS );
		if ( SharedCache::available() ) {
			if ( wp_cache_get( 'done_' . $hour, self::CACHE_GROUP ) ) {
				return false;
			}
			return wp_cache_add( 'gate_' . $minute, 1, self::CACHE_GROUP, 120 );
		}

		$all  = wp_load_alloptions(); // Loaded already: no query.
		$seen = isset( $all[ self::GATE_OPTION ] ) ? (string) $all[ self::GATE_OPTION ] : null;
		if ( null !== $seen && (int) $seen > $minute ) {
			return false;
		}

		// A compare-and-swap on the value this request saw.
		$next = (string) ( $minute + 1 );
		return null === $seen
			? true === AtomicOption::insert( self::GATE_OPTION, $next, true )
			: AtomicOption::swap( self::GATE_OPTION, $seen, $next );
	}

	/**
	 * Closes the spike gate until the next hour: the hour's alert went out, nothing more to check.
	 *
	 * @param int $hour The current hour (Unix time / 3600).
	 * @return void
	 */
	public function close_gate_for_hour( int $hour ): void {
		if ( SharedCache::available() ) {
			wp_cache_set( 'done_' . $hour, 1, self::CACHE_GROUP, HOUR_IN_SECONDS );
			return;
		}
		AtomicOption::put( self::GATE_OPTION, (string) ( ( $hour + 1 ) * 60 ) ); // Moves the gate forward only.
	}

	/**
	 * Pads an hour number so that string order is number order.
	 *
	 * @param int $hour The hour.
	 * @return string
	 */
	private static function pad( int $hour ): string {
		return sprintf( '%010d', max( 0, $hour ) );
	}
}
