<?php
/**
 * How the statistics of a search read the failures table.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

/**
 * The probe of a search's statistics (StatsReport): reads of the failures table that tell
 * whether a search is counted from the newest rows of its range, each tested, rather than from
 * its matches by index (by_newest_rows(): a sample of the newest rows, by the hour index), which
 * rows those are (newest_ids(), matching()) and from which hour the newest rows are counted
 * (newest_from()). EventsStatsRepository::summary() then counts them.
 *
 * @since 0.1.0
 */
class EventsProbeRepository {

	/**
	 * Rows of the newest hours that the statistics of a search matching most failures read at
	 * most (StatsReport: only those hours are counted, and the answer says so).
	 */
	const NEWEST_ROWS = 10000;

	/**
	 * Rows read to tell whether a search matches most failures (by_newest_rows()).
	 */
	const PROBE_ROWS = 2000;

	/**
	 * Of the PROBE_ROWS rows, one in this many (by position) is read and tested first; the
	 * others only when that sample is ambiguous (see by_newest_rows()).
	 */
	const PROBE_SAMPLE = 8;

	/**
	 * A sample matching at a rate this far or farther from one half decides alone (see
	 * by_newest_rows()): five standard deviations of a sample of 250 of 2,000 rows at a rate of
	 * one half.
	 */
	const PROBE_MARGIN = 0.15;

	/**
	 * A sample matching at this rate or more, in a range holding enough rows for more than
	 * EventsQueryRepository::FEW of them to match at that rate, is counted from the newest rows
	 * too (see by_newest_rows()): one row in 25.
	 */
	const MANY_RATE = 0.04;

	/**
	 * Tells whether the statistics of a search are best counted from the newest rows of a range
	 * of hours, each row tested (newest_from(), EventsStatsRepository::summary()), rather than by
	 * listing its matches by index: when at least half of the range's newest PROBE_ROWS rows (by
	 * the hour index) match it, or when the range holds fewer rows than that (StatsReport reads
	 * and tests them all instead, newest_ids() and matching(): the exact answer). Asked before
	 * the full-text index, which would list every match of a word that most rows hold (seconds at
	 * a million rows) only to find more than EventsQueryRepository::FEW.
	 *
	 * Those rows' ids come from the hour index alone; then one in PROBE_SAMPLE of them, spread
	 * evenly by position, is read and tested: a row read is a lookup of the table's own row, and
	 * at a million rows most of those are not in memory. When the sample matches at a rate within
	 * PROBE_MARGIN of one half, the other rows are read and tested too and all of them decide,
	 * as when every row was read first; a search that few (or most) rows match is told from the
	 * sample alone.
	 *
	 * A sample matching at MANY_RATE or more (but under one half) also counts the newest rows
	 * when the range, unfiltered but for its hours, holds enough rows for more than
	 * EventsQueryRepository::FEW of them to match at the sample's rate (asked of the hour index
	 * alone): the full-text index would have listed its matches and looked up each one's row to
	 * test its hour (4.2 s at a million rows for a word of a fifth of them) only to find more
	 * than FEW.
	 *
	 * @param array<string, mixed> $filters Filters with a search and a range of hours.
	 * @param int[]|null           $ids     newest_ids() of the filters, when already read.
	 * @return bool
	 */
	public function by_newest_rows( array $filters, ?array $ids = null ): bool {
		if ( ! isset( $filters['search'] ) || '' === $filters['search'] || isset( $filters['ids'] ) ) {
			return false;
		}
		$others = $filters;
		unset( $others['search'] );
		$ids = $ids ?? $this->newest_ids( $filters );
		if ( count( $ids ) < self::PROBE_ROWS ) {
			return true;
		}
		$sample = array();
		$rest   = array();
		foreach ( $ids as $i => $id ) {
			if ( 0 === $i % self::PROBE_SAMPLE ) {
				$sample[] = $id;
			} else {
				$rest[] = $id;
			}
		}
		$search                 = EventsQueryRepository::search_condition( $filters );
		list( $tested, $found ) = $this->tested( $sample, $search );
		if ( 0 === $tested || abs( $found / $tested - 0.5 ) < self::PROBE_MARGIN ) {
			list( $more, $also ) = $this->tested( $rest, $search );
			$tested             += $more;
			$found              += $also;
		}
		return 2 * $found >= $tested || $this->holds_many( $others, $found / $tested );
	}

	/**
	 * Returns the ids of the newest PROBE_ROWS rows of a range that pass the filters but the
	 * search (by the hour index): fewer when the range holds fewer.
	 *
	 * @param array<string, mixed> $filters Filters with a range of hours.
	 * @return int[]
	 */
	public function newest_ids( array $filters ): array {
		global $wpdb;
		unset( $filters['search'] );
		list( $where, $args ) = EventsQueryRepository::where( $filters );
		$table                = Schema::events_table();
		$rows                 = self::PROBE_ROWS;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders,WordPress.DB.DirectDatabaseQuery -- Own table; placeholders; $rows is a constant.
		return array_map( 'intval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$table} WHERE {$where} ORDER BY hour DESC LIMIT {$rows}", $args ) ) );
	}

	/**
	 * Returns those of some failures' ids whose rows match a search, in one read of them.
	 *
	 * @param int[]                $ids     The ids (a few thousand at most).
	 * @param array<string, mixed> $filters Filters with a search (and the users and codes it names).
	 * @return int[]
	 */
	public function matching( array $ids, array $filters ): array {
		global $wpdb;
		if ( ! $ids ) {
			return array();
		}
		list( $any, $values ) = EventsQueryRepository::search_condition( $filters );
		$table                = Schema::events_table();
		$in                   = implode( ',', array_map( 'intval', $ids ) );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders,WordPress.DB.DirectDatabaseQuery -- Own table; placeholders; integers.
		return array_map( 'intval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$table} WHERE id IN ({$in}) AND {$any}", $values ) ) );
	}

	/**
	 * Tells whether a range of hours holds enough rows for more than EventsQueryRepository::FEW
	 * to match at a rate (by_newest_rows()), from the hour index alone: never with another
	 * filter (the index would not answer alone) nor at a rate under MANY_RATE, so that the index
	 * is read for FEW / MANY_RATE rows at most.
	 *
	 * @param array<string, mixed> $others The filters but the search: a range of hours.
	 * @param float                $rate   The sample's rate of matches.
	 * @return bool
	 */
	private function holds_many( array $others, float $rate ): bool {
		global $wpdb;
		if ( $rate < self::MANY_RATE || array_diff( array_keys( array_filter( $others ) ), array( 'since_hour', 'until_hour', 'user_ids', 'codes' ) ) ) {
			return false;
		}
		$rows  = (int) ceil( EventsQueryRepository::FEW / $rate );
		$table = Schema::events_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table; placeholders; $rows is an integer.
		return null !== $wpdb->get_var( $wpdb->prepare( "SELECT hour FROM {$table} WHERE hour >= %d AND hour <= %d ORDER BY hour DESC LIMIT 1 OFFSET {$rows}", $others['since_hour'], $others['until_hour'] ) );
	}

	/**
	 * Reads failures by id and tests each for a search (by_newest_rows()).
	 *
	 * @param int[]                                  $ids    The ids.
	 * @param array{0: string, 1: array<int, mixed>} $search The search's condition and its values.
	 * @return array{0: int, 1: int} Rows read (a row deleted meanwhile is not), rows matching.
	 */
	private function tested( array $ids, array $search ): array {
		global $wpdb;
		if ( ! $ids ) {
			return array( 0, 0 );
		}
		list( $any, $values ) = $search;
		$table                = Schema::events_table();
		$in                   = implode( ',', array_map( 'intval', $ids ) );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders,WordPress.DB.DirectDatabaseQuery -- Own table; placeholders; integers.
		$probe = $wpdb->get_row( $wpdb->prepare( "SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN {$any} THEN 1 ELSE 0 END), 0) AS found FROM {$table} WHERE id IN ({$in})", $values ), ARRAY_A );
		return is_array( $probe ) ? array( (int) $probe['n'], (int) $probe['found'] ) : array( 0, 0 );
	}

	/**
	 * Returns the first of the newest whole hours of a range that hold at most a number of
	 * failures' rows (counted from the hour index alone, every row of those hours whatever it
	 * matches): the range's first hour when it holds no more.
	 *
	 * @param int $first First hour.
	 * @param int $last  Last hour.
	 * @param int $rows  Rows at most.
	 * @return int
	 */
	public function newest_from( int $first, int $last, int $rows ): int {
		global $wpdb;
		$table = Schema::events_table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, placeholders.
		$hour = $wpdb->get_var( $wpdb->prepare( "SELECT hour FROM {$table} WHERE hour >= %d AND hour <= %d ORDER BY hour DESC LIMIT 1 OFFSET %d", $first, $last, $rows ) );
		return null === $hour ? $first : min( $last, (int) $hour + 1 );
	}
}
