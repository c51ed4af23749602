<?php
/**
 * The secrets' changes of the failures summary, and the failures that followed the latest.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Rest\Dates;
use AuthSentinel\Secrets\SecretFacts;

defined( 'ABSPATH' ) || exit;

/**
 * The `markers` and the `spike` of `GET /auth-sentinel/v1/events/stats` (StatsReport): the
 * secret changes in the range, and the failures and users counted from the latest of them on,
 * from the rollup (Rollup) for the whole hours after it when the summary read the rollup, and
 * from the failures table (EventsStatsRepository) otherwise.
 *
 * @since 0.1.0
 */
class ChangeMarkers {

	/**
	 * The failures table.
	 *
	 * @var EventsStatsRepository
	 */
	private $events;

	/**
	 * What is known of the secrets' changes (markers).
	 *
	 * @var SecretFacts
	 */
	private $secrets;

	/**
	 * The statistics' rollup.
	 *
	 * @var Rollup
	 */
	private $rollup;

	/**
	 * Creates the markers.
	 *
	 * @param EventsStatsRepository $events  The failures table.
	 * @param SecretFacts           $secrets The secrets' changes.
	 * @param Rollup                $rollup  The statistics' rollup.
	 */
	public function __construct( EventsStatsRepository $events, SecretFacts $secrets, Rollup $rollup ) {
		$this->events  = $events;
		$this->secrets = $secrets;
		$this->rollup  = $rollup;
	}

	/**
	 * Returns the secret changes in a range, oldest first.
	 *
	 * @param int $since Start (Unix).
	 * @param int $until End (Unix).
	 * @return array<int, array{at: ?string, changed: string[]}>
	 */
	public function markers( int $since, int $until ): array {
		$markers = array();
		foreach ( $this->secrets->history( 200 ) as $change ) {
			$at = (int) strtotime( $change['at'] . ' UTC' );
			if ( $at >= $since && $at <= $until ) {
				$markers[] = array(
					'at'      => Dates::iso( $at ),
					'changed' => array_values( array_map( 'strval', (array) ( $change['details']['changed'] ?? array() ) ) ),
				);
			}
		}
		return array_reverse( $markers );
	}

	/**
	 * Returns the failures since the latest secret change in range, when there were any.
	 *
	 * @param array<int, array{at: ?string, changed: string[]}> $markers Secret changes, oldest first.
	 * @param array<string, mixed>                              $filters The filters.
	 * @param array<string, string>|null                        $slice   The rollup's filter to read the hours after the change with; null: the failures table.
	 * @return array<string, mixed>|null
	 */
	public function spike( array $markers, array $filters, ?array $slice ): ?array {
		$latest = end( $markers );
		if ( ! $latest ) {
			return null;
		}
		$at                    = (int) strtotime( (string) $latest['at'] );
		$filters['since_hour'] = intdiv( $at, HOUR_IN_SECONDS );
		$filters['since']      = gmdate( 'Y-m-d H:i:s', $at );
		$after                 = null;
		if ( null !== $slice ) {
			// The change's own hour from the failures table (from the change on), the hours after
			// it from the rollup.
			$until = (int) $filters['until_hour'];
			$rest  = $filters['since_hour'] < $until ? $this->rollup->stats( $filters['since_hour'] + 1, $until, 2.0, 1, 0, $slice, false ) : null;
			if ( null !== $rest || $filters['since_hour'] >= $until ) {
				$filters['until_hour'] = $filters['since_hour'];
				$first                 = $this->events->totals( $filters );
				$sketch                = null !== $rest ? $rest['sketch'] : new UserSketch();
				foreach ( $this->events->user_ids( $filters ) as $user_id ) {
					$sketch->add( $user_id );
				}
				$after = array(
					'failures'    => $first['failures'] + ( null !== $rest ? $rest['failures'] : 0 ),
					'users'       => $sketch->count(),
					'users_exact' => $sketch->exact(),
				);
			}
		}
		$after = $after ?? $this->events->totals( $filters );
		if ( 0 === $after['failures'] ) {
			return null;
		}
		return array(
			'at'          => $latest['at'],
			'changed'     => $latest['changed'],
			'failures'    => $after['failures'],
			'users'       => $after['users'],
			'users_exact' => $after['users_exact'] ?? true,
		);
	}
}
