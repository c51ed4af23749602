<?php
/**
 * Tells whether an hour's failures are a spike.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

use AuthSentinel\Events\EventsStatsRepository;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Reads an hour's failures by cause (one indexed query) and compares the total with
 * `alert_spike_threshold`. Past it, the spike gate closes for the rest of the hour (the alert
 * goes out now, or another request already sent it). Below it, a gated check that finds the
 * total at a tenth of the threshold or more schedules a one-off re-check a minute later, so
 * that a storm that stops inside the minute is still caught.
 *
 * @since 0.1.0
 */
class SpikeCheck {

	/**
	 * The failures table.
	 *
	 * @var EventsStatsRepository
	 */
	private $events;

	/**
	 * The spike gate.
	 *
	 * @var AlertClaims
	 */
	private $claims;

	/**
	 * Creates the check.
	 *
	 * @param EventsStatsRepository $events The failures table's statistics.
	 * @param AlertClaims           $claims The spike gate.
	 */
	public function __construct( EventsStatsRepository $events, AlertClaims $claims ) {
		$this->events = $events;
		$this->claims = $claims;
	}

	/**
	 * Checks one hour.
	 *
	 * @param int  $hour  The hour (Unix time / 3600).
	 * @param bool $gated Whether this is a request's gated check (it may schedule a re-check).
	 * @return array<string, mixed>|null The facts of the spike (at, hour, failures, threshold,
	 *                                   causes), or null when there is none.
	 */
	public function check( int $hour, bool $gated ): ?array {
		$threshold = (int) Settings::get( 'alert_spike_threshold' );
		$causes    = array();
		foreach ( $this->events->per_hour(
			array(
				'since_hour' => $hour,
				'until_hour' => $hour,
			)
		) as $row ) {
			$causes[ $row['cause'] ] = ( $causes[ $row['cause'] ] ?? 0 ) + $row['failures'];
		}
		$failures = (int) array_sum( $causes );

		if ( $failures > $threshold ) {
			$this->claims->close_gate_for_hour( $hour ); // Sent now or by someone else: nothing more to check this hour.
			return array(
				'at'        => time(),
				'hour'      => $hour,
				'failures'  => $failures,
				'threshold' => $threshold,
				'causes'    => $causes,
			);
		}
		$args = array( $hour );
		if ( $gated && $failures * 10 >= $threshold && ! wp_next_scheduled( Alerts::RECHECK_HOOK, $args ) ) {
			wp_schedule_single_event( time() + 60, Alerts::RECHECK_HOOK, $args );
		}
		return null;
	}
}
