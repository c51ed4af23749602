<?php
/**
 * Statistics of failures over any range from a few hundred rows.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Database\JobLock;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Answers the statistics of a range of hours from the rollup: the per-hour sums by cause of
 * the closed hours, the busiest users, apps and codes and the distinct users from the closed
 * days' buckets (and the closed hours' at the range's edges), and the hours not yet closed
 * straight from the failures table. Buckets missing are computed on the way, within a time
 * budget; past it the caller asks the failures table itself, and the scheduled upkeep
 * finishes the work.
 *
 * An hour is closed five minutes after its end: a failure is always written in the hour it
 * happened, and five minutes outlasts any write.
 *
 * @since 0.1.0
 */
class Rollup {

	/**
	 * Seconds after an hour's end before its bucket is computed.
	 */
	const GRACE = 300;

	/**
	 * Scheduled upkeep hook (computes missing buckets in batches).
	 */
	const HOOK = \AuthSentinel\Hooks::ROLLUP;

	/**
	 * The rollup table.
	 *
	 * @var RollupRepository
	 */
	private $rollup;

	/**
	 * The failures table.
	 *
	 * @var EventsStatsRepository
	 */
	private $events;

	/**
	 * Computes the missing buckets.
	 *
	 * @var RollupBuilder
	 */
	private $builder;

	/**
	 * Creates the service.
	 *
	 * @param RollupRepository      $rollup  The rollup table.
	 * @param EventsStatsRepository $events  The failures table.
	 * @param RollupBuilder         $builder Computes the missing buckets.
	 */
	public function __construct( RollupRepository $rollup, EventsStatsRepository $events, RollupBuilder $builder ) {
		$this->rollup  = $rollup;
		$this->events  = $events;
		$this->builder = $builder;
	}

	/**
	 * Returns the last closed hour.
	 *
	 * @param int|null $now Unix time (now by default).
	 * @return int
	 */
	public static function last_closed( ?int $now = null ): int {
		return intdiv( ( $now ?? time() ) - self::GRACE, HOUR_IN_SECONDS ) - 1;
	}

	/**
	 * Computes the missing buckets of a range of hours, oldest first, within a time budget.
	 *
	 * @param int   $first  First hour.
	 * @param int   $last   Last hour (clipped to the last closed one).
	 * @param float $budget Seconds to spend at most.
	 * @return bool Whether every bucket of the range is done.
	 */
	public function fill( int $first, int $last, float $budget ): bool {
		$started = microtime( true );
		$closed  = self::last_closed();
		$last    = min( $last, $closed );
		// Nothing before the oldest failure: those hours sum to nothing without a bucket.
		$oldest = $first <= $last ? $this->events->oldest_hour() : null;
		if ( null === $oldest ) {
			return true;
		}
		$first = max( $first, $oldest );
		if ( $first > $last ) {
			return true;
		}
		$done = $this->rollup->done( $first - $first % 24, $last );
		for ( $day = $first - $first % 24; $day <= $last; $day += 24 ) {
			$day_last  = min( $day + 23, $closed );
			$whole_day = $day + 23 <= $closed;
			$missing   = $whole_day && ! isset( $done['days'][ $day ] );
			for ( $hour = $day; $hour <= $day_last && ! $missing; $hour++ ) {
				$missing = ! isset( $done['hours'][ $hour ] );
			}
			if ( ! $missing ) {
				continue;
			}
			if ( microtime( true ) - $started > $budget || ! $this->builder->compute( $day, $day_last, $whole_day ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Sums the failures of a range of hours, or null when its buckets could not all be
	 * computed within the budget (ask the failures table instead).
	 *
	 * @param int                   $first  First hour.
	 * @param int                   $last   Last hour.
	 * @param float                 $budget Seconds to spend computing missing buckets.
	 * @param int                   $step   1 for hourly sums by cause; 24 for sums by the site's local day.
	 * @param int                   $offset With 24: the site's offset from UTC in whole hours.
	 * @param array<string, string> $filter One or two filters the rollup slices by (RollupRepository::slice_of()), e.g. `cause => expired`; none for every failure.
	 * @param bool                  $lists  False: the sums and users only (the spike after a secret change), the busiest lists left empty and the hours not yet over counted in SQL instead of read.
	 * @return array{per_hour: array<int, array{hour: int, cause: string, failures: int}>, failures: int, users: int, users_exact: bool, sketch: UserSketch, top: array<string, array<int, array{key: string, failures: int}>>}|null
	 *         `per_hour` rows are hours, or with a step of 24 the local days' first hours (the hours not yet over are hours).
	 *         Null too for filters the rollup does not slice by.
	 */
	public function stats( int $first, int $last, float $budget = 2.0, int $step = 1, int $offset = 0, array $filter = array(), bool $lists = true ): ?array {
		$slice = RollupRepository::slice_of( $filter );
		if ( null === $slice ) {
			return null;
		}
		$closed = self::last_closed();
		if ( ! $this->fill( $first, $last, $budget ) ) {
			self::schedule();
			return null;
		}
		$rolled_last = min( $last, $closed );
		$per_hour    = array();
		$groups      = array(
			'user'  => array(),
			'agent' => array(),
			'code'  => array(),
		);
		$failures    = 0;
		$sketch      = new UserSketch();
		$edges       = array(); // A slice's hours at the edges of its days: their busiest from the failures table.

		if ( $first <= $rolled_last ) {
			foreach ( $this->rollup->causes( $first, $rolled_last, 24 === $step ? 24 : 1, $offset, $slice ) as $row ) {
				$per_hour[] = $row;
				$failures  += $row['failures'];
			}
			// The whole days inside the range from their own buckets, the hours at its edges
			// from theirs.
			$first_day = $first + ( 24 - $first % 24 ) % 24;
			$last_day  = $rolled_last - $rolled_last % 24;
			if ( $rolled_last - $last_day < 23 ) {
				$last_day -= 24;
			}
			$spans = $first_day <= $last_day
				? array( array( 24, $first_day, $last_day ), array( 1, $first, $first_day - 1 ), array( 1, $last_day + 24, $rolled_last ) )
				: array( array( 1, $first, $rolled_last ) );
			foreach ( $spans as list( $span, $from, $to ) ) {
				foreach ( $this->rollup->sketches( $span, $from, $to, $slice ) as $stored ) {
					$sketch->merge( UserSketch::decode( $stored ) );
				}
				if ( ! $lists ) {
					continue;
				}
				if ( '' !== $slice && 1 === $span ) {
					// A slice keeps no busiest per hour (a few hundred rows an hour per slice).
					if ( $from <= $to ) {
						$edges[] = array( $from, $to );
					}
					continue;
				}
				foreach ( array_keys( $groups ) as $dim ) {
					foreach ( $this->rollup->top_sums( $span, $dim, $from, $to, RollupBuilder::DAY_TOP, $slice ) as $key => $n ) {
						$groups[ $dim ][ $key ] = ( $groups[ $dim ][ $key ] ?? 0 ) + $n;
					}
				}
			}
		}
		foreach ( $edges as list( $from, $to ) ) {
			// One read of the edge hours' rows for the three lists.
			$edge = $this->events->summary(
				$filter + array(
					'since_hour' => $from,
					'until_hour' => $to,
				),
				RollupBuilder::DAY_TOP
			);
			foreach ( RollupRepository::DIMENSIONS as $dim => $column ) {
				foreach ( $edge['top'][ $column ] as $group ) {
					$groups[ $dim ][ $group['key'] ] = ( $groups[ $dim ][ $group['key'] ] ?? 0 ) + $group['failures'];
				}
			}
		}

		// The hours not closed yet, from the failures table (a few thousand rows at most: the
		// caps bound each hour).
		$open = max( $first, $rolled_last + 1 );
		if ( $open <= $last ) {
			$filters = $filter + array(
				'since_hour' => $open,
				'until_hour' => $last,
			);
			// One read of their rows (the caps keep them to a few thousand); without the lists,
			// their sums by cause and their users counted by the database instead.
			$open_hours = $lists ? $this->events->summary( $filters, RollupBuilder::DAY_TOP ) : array(
				'per_hour' => $this->events->per_hour( $filters ),
				'top'      => array(),
				'user_ids' => $this->events->user_ids( $filters ),
			);
			foreach ( $open_hours['per_hour'] as $row ) {
				$per_hour[] = $row;
				$failures  += $row['failures'];
			}
			foreach ( RollupRepository::DIMENSIONS as $dim => $column ) {
				foreach ( $open_hours['top'][ $column ] ?? array() as $group ) {
					$groups[ $dim ][ $group['key'] ] = ( $groups[ $dim ][ $group['key'] ] ?? 0 ) + $group['failures'];
				}
			}
			foreach ( $open_hours['user_ids'] as $user_id ) {
				$sketch->add( $user_id );
			}
		}

		$top = array();
		foreach ( RollupRepository::DIMENSIONS as $dim => $column ) {
			$top[ $column ] = EventsStatsRepository::biggest( $groups[ $dim ], RollupBuilder::DAY_TOP );
		}
		return array(
			'per_hour'    => $per_hour,
			'failures'    => $failures,
			'users'       => $sketch->count(),
			'users_exact' => $sketch->exact(),
			'sketch'      => $sketch,
			'top'         => $top,
		);
	}

	/**
	 * The scheduled upkeep: computes the buckets of the kept period, oldest first, 20 seconds
	 * at a time, and schedules itself again until none is missing.
	 *
	 * @return bool Whether every bucket is done.
	 */
	public function upkeep(): bool {
		// One node at a time (two would compute the same buckets: the same rows, twice the work).
		return (bool) JobLock::run(
			'rollup',
			5 * MINUTE_IN_SECONDS,
			function (): bool {
				$days = max( 1, (int) Settings::get( 'events_retention_days' ) );
				$done = $this->fill( intdiv( time() - $days * DAY_IN_SECONDS, HOUR_IN_SECONDS ), self::last_closed(), 20.0 );
				if ( ! $done ) {
					self::schedule();
				}
				return $done;
			}
		);
	}

	/**
	 * Schedules the upkeep in a minute, unless it runs within two anyway.
	 *
	 * @return void
	 */
	public static function schedule(): void {
		$next = wp_next_scheduled( self::HOOK );
		if ( ! $next || $next > time() + 2 * MINUTE_IN_SECONDS ) {
			wp_schedule_single_event( time() + MINUTE_IN_SECONDS, self::HOOK );
		}
	}
}
