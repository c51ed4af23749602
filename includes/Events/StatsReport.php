<?php
/**
 * The figures of the failures summary: which table answers, and the answer.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Catalog\CatalogEntries;
use AuthSentinel\Rest\Dates;

defined( 'ABSPATH' ) || exit;

/**
 * Assembles the answer of `GET /auth-sentinel/v1/events/stats` (StatsController, which parses
 * and checks the request): failures per hour or day by cause, read from the rollup (Rollup)
 * when the filters are one of its slices and from the failures table (EventsStatsRepository)
 * otherwise, a search counted from its matches or from the newest hours only (as
 * EventsProbeRepository tells); the most affected users, apps and catalog entries; and the
 * secret changes as markers and the spike that followed the latest change (ChangeMarkers).
 *
 * @since 0.1.0
 */
class StatsReport {

	/**
	 * The failures table.
	 *
	 * @var EventsStatsRepository
	 */
	private $events;

	/**
	 * The probe of a search's statistics.
	 *
	 * @var EventsProbeRepository
	 */
	private $probe;

	/**
	 * The error catalog.
	 *
	 * @var CatalogEntries
	 */
	private $catalog;

	/**
	 * The secrets' changes (markers) and the failures after the latest (spike).
	 *
	 * @var ChangeMarkers
	 */
	private $changes;

	/**
	 * The statistics' rollup.
	 *
	 * @var Rollup
	 */
	private $rollup;

	/**
	 * Creates the report.
	 *
	 * @param EventsStatsRepository $events  The failures table.
	 * @param EventsProbeRepository $probe   The probe of a search's statistics.
	 * @param CatalogEntries        $catalog The error catalog.
	 * @param ChangeMarkers         $changes The secrets' changes and the spike after the latest.
	 * @param Rollup                $rollup  The statistics' rollup.
	 */
	public function __construct( EventsStatsRepository $events, EventsProbeRepository $probe, CatalogEntries $catalog, ChangeMarkers $changes, Rollup $rollup ) {
		$this->events  = $events;
		$this->probe   = $probe;
		$this->catalog = $catalog;
		$this->changes = $changes;
		$this->rollup  = $rollup;
	}

	/**
	 * Returns the filters the rollup answers for (RollupRepository::slice_of()): none for every
	 * failure of a range of hours, one of cause, source or code, or two of them; null when the
	 * filters ask for more (a user, a search, all three at once: the failures table answers). A
	 * search resolved to its matches is a filter too, even when it matched nothing (no ids).
	 *
	 * @param array<string, mixed> $filters The filters.
	 * @return array<string, string>|null
	 */
	private static function slice( array $filters ): ?array {
		$slice = array();
		foreach ( $filters as $key => $value ) {
			if ( 'ids' === $key ) {
				return null;
			}
			if ( 'since_hour' === $key || 'until_hour' === $key || null === $value || '' === $value || array() === $value || 0 === $value ) {
				continue;
			}
			if ( ! in_array( $key, RollupRepository::SLICES, true ) ) {
				return null;
			}
			$slice[ $key ] = (string) $value;
		}
		return null !== RollupRepository::slice_of( $slice ) ? $slice : null;
	}

	/**
	 * Summarises the failures of a range, checked by the controller (since before until, within
	 * its bounds).
	 *
	 * @param string               $interval `hour` or `day`.
	 * @param int                  $since    Start (Unix).
	 * @param int                  $until    End (Unix).
	 * @param array<string, mixed> $filters  The request's filters (EventsController::filters()).
	 * @return array<string, mixed> The answer, as StatsController::get_item_schema() describes it.
	 */
	public function answer( string $interval, int $since, int $until, array $filters ): array {
		$step = 'day' === $interval ? DAY_IN_SECONDS : HOUR_IN_SECONDS;
		unset( $filters['since'], $filters['until'] );
		$filters['since_hour'] = intdiv( $since, HOUR_IN_SECONDS );
		$filters['until_hour'] = intdiv( $until, HOUR_IN_SECONDS );
		// A search over a range whose rows (by the other filters) are fewer than the probe reads:
		// those rows, each tested, are the exact answer. A search that most failures match: only
		// the newest hours holding up to NEWEST_ROWS rows are counted, each row tested, in one read
		// (asking the full-text index would list every match first); the answer says from when
		// when that is not the whole range. Another search: its matches by index, when few, and
		// then their figures in one read of those rows (at most FEW); when more, the newest hours
		// again (testing each row of the range took seconds at a million rows for a word of 2 %).
		$ids = array();
		if ( isset( $filters['search'] ) && '' !== $filters['search'] ) {
			$ids = $this->probe->newest_ids( $filters );
			if ( count( $ids ) < EventsProbeRepository::PROBE_ROWS ) {
				$filters['ids'] = $this->probe->matching( $ids, $filters );
				unset( $filters['search'] );
			}
		}
		$counted = $this->probe->by_newest_rows( $filters, $ids ) ? $this->probe->newest_from( $filters['since_hour'], $filters['until_hour'], EventsProbeRepository::NEWEST_ROWS ) : null;
		$filters = null === $counted ? EventsQueryRepository::resolve( $filters ) : $filters;
		if ( null === $counted && isset( $filters['search'] ) && '' !== $filters['search'] ) {
			$counted = $this->probe->newest_from( $filters['since_hour'], $filters['until_hour'], EventsProbeRepository::NEWEST_ROWS );
		}
		$newest = null;
		if ( null !== $counted ) {
			$newest = $this->events->summary( array( 'since_hour' => $counted ) + $filters, RollupBuilder::DAY_TOP );
		} elseif ( isset( $filters['ids'] ) ) {
			$newest = $this->events->summary( $filters, RollupBuilder::DAY_TOP );
		}

		// Buckets start at the site's local midnight (days) or on the hour.
		$offset  = (int) ( (float) get_option( 'gmt_offset' ) * HOUR_IN_SECONDS );
		$first   = $since - ( ( $since + $offset ) % $step + $step ) % $step;
		$buckets = array();
		for ( $start = $first; $start <= $until; $start += $step ) {
			$buckets[ $start ] = array();
		}
		// Unfiltered, the statistics come from the rollup (a few hundred rows whatever the range);
		// filtered, or while the rollup is being computed, from the failures table.
		$by_day = 'day' === $interval && 0 === $offset % HOUR_IN_SECONDS;
		$slice  = self::slice( $filters );
		$rolled = null !== $slice ? $this->rollup->stats( $filters['since_hour'], $filters['until_hour'], 2.0, $by_day ? 24 : 1, intdiv( $offset, HOUR_IN_SECONDS ), $slice ) : null;
		$totals = array();
		if ( null !== $rolled || null !== $newest ) {
			$rows = null !== $rolled ? $rolled['per_hour'] : $newest['per_hour'];
		} else {
			$rows = $this->events->per_hour( $filters );
		}
		foreach ( $rows as $row ) {
			$at    = $row['hour'] * HOUR_IN_SECONDS;
			$start = $at - ( ( $at + $offset ) % $step + $step ) % $step;
			if ( isset( $buckets[ $start ] ) ) {
				$buckets[ $start ][ $row['cause'] ] = ( $buckets[ $start ][ $row['cause'] ] ?? 0 ) + $row['failures'];
			}
			$totals[ $row['cause'] ] = ( $totals[ $row['cause'] ] ?? 0 ) + $row['failures'];
		}
		$out = array();
		foreach ( $buckets as $start => $counts ) {
			$out[] = array(
				'start'  => Dates::iso( $start ),
				'counts' => (object) $counts,
			);
		}

		if ( null !== $rolled ) {
			$summary = array(
				'failures' => $rolled['failures'],
				'users'    => $rolled['users'],
			);
		} elseif ( null !== $newest ) {
			$summary = array(
				'failures' => $newest['failures'],
				'users'    => count( $newest['user_ids'] ),
			);
		} else {
			$summary = $this->events->totals( $filters );
		}
		$markers = $this->changes->markers( $since, $until );
		$tops    = array();
		foreach ( array( 'user_id', 'user_agent', 'code' ) as $column ) {
			if ( null !== $rolled || null !== $newest ) {
				$tops[ $column ] = null !== $rolled ? $rolled['top'][ $column ] : $newest['top'][ $column ];
				continue;
			}
			$tops[ $column ] = $this->events->top( $column, $filters, 'user_agent' === $column ? 50 : 5 );
		}
		$from   = null !== $counted ? max( $since, $counted * HOUR_IN_SECONDS ) : $since;
		$latest = end( $markers );
		// Counting only the newest hours, the spike after a change is counted only when the change
		// falls in them.
		$spike = null !== $counted && ( ! $latest || (int) strtotime( (string) $latest['at'] ) < $from ) ? null : $this->changes->spike( $markers, $filters, null !== $rolled ? $slice : null );

		return array(
			'interval'      => $interval,
			'since'         => Dates::iso( $since ),
			'until'         => Dates::iso( $until ),
			'buckets'       => $out,
			'markers'       => $markers,
			'totals'        => (object) $totals,
			'total'         => $summary['failures'],
			'users'         => $summary['users'],
			'users_exact'   => null === $rolled || $rolled['users_exact'],
			'top_users'     => $this->top_users( $tops['user_id'] ),
			'top_clients'   => $this->top_clients( $tops['user_agent'] ),
			'top_codes'     => $this->top_codes( $tops['code'] ),
			'spike'         => $spike,
			'complete'      => $from === $since,
			'counted_since' => Dates::iso( $from ),
		);
	}

	/**
	 * Returns the most affected users.
	 *
	 * @param array<int, array{key: string, failures: int}> $groups Failures by user, biggest first.
	 * @return array<int, array<string, mixed>>
	 */
	private function top_users( array $groups ): array {
		$out    = array();
		$groups = array_slice( $groups, 0, 5 );
		$ids    = array_filter( array_map( 'intval', array_column( $groups, 'key' ) ) );
		if ( $ids ) {
			cache_users( $ids ); // The five in two queries, not two each.
		}
		foreach ( $groups as $group ) {
			$user  = get_userdata( (int) $group['key'] );
			$out[] = array(
				'user_id'      => (int) $group['key'],
				'login'        => $user ? $user->user_login : '',
				'display_name' => $user ? $user->display_name : '',
				'count'        => $group['failures'],
			);
		}
		return $out;
	}

	/**
	 * Returns the most affected client apps, user agents merged by readable name.
	 *
	 * @param array<int, array{key: string, failures: int}> $groups Failures by user agent, biggest first.
	 * @return array<int, array{client: string, count: int}>
	 */
	private function top_clients( array $groups ): array {
		$clients = array();
		$agents  = array();
		foreach ( array_slice( $groups, 0, 50 ) as $group ) {
			$name             = ClientName::describe( $group['key'] );
			$clients[ $name ] = ( $clients[ $name ] ?? 0 ) + $group['failures'];
			// The busiest user agent of each app: what a search for that app's failures looks for.
			$agents[ $name ] = $agents[ $name ] ?? $group['key'];
		}
		arsort( $clients );
		$out = array();
		foreach ( array_slice( $clients, 0, 5, true ) as $name => $count ) {
			$out[] = array(
				'client' => (string) $name,
				'search' => (string) $agents[ $name ],
				'count'  => $count,
			);
		}
		return $out;
	}

	/**
	 * Returns the most frequent catalog entries.
	 *
	 * @param array<int, array{key: string, failures: int}> $groups Failures by catalog code, biggest first.
	 * @return array<int, array{code: string, title: string, count: int}>
	 */
	private function top_codes( array $groups ): array {
		$out = array();
		foreach ( array_slice( $groups, 0, 5 ) as $group ) {
			$entry = $this->catalog->get( $group['key'] );
			$out[] = array(
				'code'  => $group['key'],
				'title' => $entry ? (string) $entry['title'] : $group['key'],
				'count' => $group['failures'],
			);
		}
		return $out;
	}
}
