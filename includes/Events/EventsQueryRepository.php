<?php
/**
 * The failures' filters as SQL, and a search's matches found by index.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Database\BoundedCount;
use AuthSentinel\Database\Engine;
use AuthSentinel\Database\FullText;
use AuthSentinel\Database\IndexedSearch;
use AuthSentinel\Database\Schema;
use AuthSentinel\Vocabulary\Cause;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the WHERE clause of every read of the failures table from the filters the routes take
 * (cause, code, source, user, times, a search), and answers a search by indexes: each way in
 * (its words in the full-text index, the start of an address, the users, app codes and causes it
 * names) asked alone and merged by id, a search that most rows match recognised from the newest
 * rows first (docs/performance.md, "Search by index"). EventsListRepository,
 * EventsStatsRepository and EventsProbeRepository run the queries.
 *
 * @since 0.1.0
 */
final class EventsQueryRepository {

	/**
	 * Up to how many matches of a search are collected by id (see EventsListRepository::find()).
	 */
	const FEW = BoundedCount::LIMIT;

	/**
	 * Replaces a search among filters by the ids of its matches when there are at most FEW, so
	 * that the statistics of a search read those rows by id instead of testing every row.
	 *
	 * @param array<string, mixed> $filters Filters as in EventsListRepository::find().
	 * @return array<string, mixed>
	 */
	public static function resolve( array $filters ): array {
		if ( ! isset( $filters['search'] ) || '' === $filters['search'] || isset( $filters['ids'] ) ) {
			return $filters;
		}
		$found = self::matches( $filters, self::FEW + 1 );
		if ( count( $found ) <= self::FEW ) {
			$filters['ids'] = array_map( 'intval', array_column( $found, 'id' ) );
			unset( $filters['search'] );
		}
		return $filters;
	}

	/**
	 * Tells whether a search is known to match more than FEW rows from the newest rows alone
	 * (BoundedCount::beyond()), before the full-text index is asked: a word found in a sixth of the
	 * rows or more would have it list them all.
	 *
	 * @param array<string, mixed> $filters Filters with a search.
	 * @return bool
	 */
	public static function matches_most( array $filters ): bool {
		global $wpdb;
		if ( ! empty( $filters['codes'] ) || null === FullText::query( 'events', (string) $filters['search'] ) ) {
			return false; // The full-text index is not asked: each way in is a range of an index.
		}
		if ( self::held_by_days( $filters ) ) {
			return true;
		}
		$others = $filters;
		unset( $others['search'] );
		list( $where, $args ) = self::where( $others );
		list( $any, $values ) = self::search_condition( $filters );
		// The newest rows by the listing's indexes.
		$table = self::by_listing_indexes();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders -- Own table; placeholders.
		return BoundedCount::beyond( $wpdb->prepare( "{$table} WHERE {$where}", $args ), 'last_seen', $wpdb->prepare( $any, $values ), 'ip, user_id, code, cause, ' . implode( ', ', FullText::COLUMNS['events'] ) );
	}

	/**
	 * Names the failures table for a read by the listing's indexes only, never a scan and sort
	 * of the table (which the optimizer may prefer when one filter matches most rows): MariaDB
	 * and MySQL take the hint, SQLite has no such clause.
	 *
	 * @return string
	 */
	private static function by_listing_indexes(): string {
		return Schema::events_table() . ( Engine::mysql() ? ' FORCE INDEX (last_seen, cause_last, code_last, source_last, user_last)' : '' );
	}

	/**
	 * Tells whether the filters besides a search (a user, a cause, a code, a source, a time)
	 * leave at most BoundedCount::PROBE rows, counted from their index: then those rows, each
	 * tested for the search, are the exact answer, cheaper than any index of the search (the
	 * full-text index would list every row of the table that holds its words: 7.5 s at a
	 * million rows for a word of every row and a user with 13 failures).
	 *
	 * @param array<string, mixed> $filters Filters with a search.
	 * @return bool
	 */
	public static function few_besides_search( array $filters ): bool {
		global $wpdb;
		$others = array_intersect_key( $filters, array_flip( array( 'cause', 'code', 'source', 'user', 'since', 'until' ) ) );
		if ( array() === array_filter( $others ) ) {
			return false; // No other filter: the whole table.
		}
		list( $where, $args ) = self::where( $others );
		// One past PROBE entries of an index at most.
		$table = self::by_listing_indexes();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders -- Own table; placeholders.
		return BoundedCount::at_most( $wpdb->prepare( "{$table} WHERE {$where}", $args ), BoundedCount::PROBE );
	}

	/**
	 * Tells, without reading a failure, that more than FEW rows match a search of one word: the
	 * rollup's days count the rows whose user agent holds each of their most common words, in
	 * all and by cause and by source (RollupRepository::word_rows(), a lower bound of the rows
	 * the search matches). Only with no filter but the time and one cause or one source (the
	 * words are not kept by code, user, or cause and source together), over the UTC days wholly
	 * inside it (an hour of margin at each end).
	 *
	 * @param array<string, mixed> $filters Filters with a search.
	 * @return bool
	 */
	private static function held_by_days( array $filters ): bool {
		$words = FullText::index_words( 'events', (string) $filters['search'] );
		if ( 1 !== count( $words ) || ! preg_match( '/^[a-z0-9_]{3,84}$/', $words[0] ) || ! empty( $filters['code'] ) || ! empty( $filters['user'] ) || ( ! empty( $filters['cause'] ) && ! empty( $filters['source'] ) ) ) {
			return false;
		}
		$filter = array();
		foreach ( array( 'cause', 'source' ) as $column ) {
			if ( ! empty( $filters[ $column ] ) ) {
				$filter[ $column ] = (string) $filters[ $column ];
			}
		}
		$day    = 24 * HOUR_IN_SECONDS;
		$since  = isset( $filters['since'] ) ? (int) strtotime( $filters['since'] . ' UTC' ) + HOUR_IN_SECONDS : 0;
		$until  = isset( $filters['until'] ) ? (int) strtotime( $filters['until'] . ' UTC' ) - HOUR_IN_SECONDS : time();
		$oldest = ( new EventsStatsRepository() )->oldest_hour(); // The first entry of the hour index.
		if ( null === $oldest ) {
			return false;
		}
		// Not the oldest row's day, nor any before: pruning by age may have taken part of it since
		// the day was summed (the clean-up drops those days' sums too, the command line's since
		// this version).
		$first = max( (int) ceil( $since / $day ) * 24, ( intdiv( $oldest, 24 ) + 1 ) * 24 );
		$last  = ( intdiv( $until + 1, $day ) - 1 ) * 24; // The last day that ends by then.
		return $first <= $last && ( new RollupRepository() )->word_rows( $words[0], $first, $last, $filter ) > self::FEW;
	}

	/**
	 * Collects the rows a search matches, with their sort keys, each way in by its own index
	 * (see branches() and IndexedSearch).
	 *
	 * @param array<string, mixed> $filters Filters as in EventsListRepository::find(), with a search.
	 * @param int                  $limit   How many at most.
	 * @param string               $orderby The sort key read with each id (one of ORDERS): with the
	 *                                      default, every way in reads its index alone.
	 * @return array<int, array<string, mixed>> Ids and sort keys.
	 */
	public static function matches( array $filters, int $limit, string $orderby = 'last_seen' ): array {
		global $wpdb;
		$others = $filters;
		unset( $others['search'] );
		list( $where, $args ) = self::where( $others );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders -- Own table; placeholders.
		return IndexedSearch::collect( $wpdb->prepare( Schema::events_table() . " WHERE {$where}", $args ), self::branches( $filters ), in_array( $orderby, EventsListRepository::ORDERS, true ) ? $orderby : 'last_seen', $limit );
	}

	/**
	 * Builds the condition a row meets when it matches a search, tested row by row: the search
	 * with the users and app codes it names, without the other filters.
	 *
	 * @param array<string, mixed> $filters Filters with a search.
	 * @return array{0: string, 1: array<int, mixed>}
	 */
	public static function search_condition( array $filters ): array {
		return self::where( array( 'search' => $filters['search'] ) + array_intersect_key( $filters, array_flip( array( 'codes', 'user_ids' ) ) ) );
	}

	/**
	 * Builds a WHERE clause from filters.
	 *
	 * @param array<string, mixed> $filters The filters.
	 * @return array{0: string, 1: array<int, mixed>}
	 */
	public static function where( array $filters ): array {
		global $wpdb;
		// Always one placeholder, since prepare() objects to a query without any; a constant one,
		// so that it steers no index choice (`id > 0` made the optimizer scan the primary key).
		$where = array( '1 = %d' );
		$args  = array( 1 );
		foreach ( array( 'cause', 'code', 'source' ) as $column ) {
			if ( isset( $filters[ $column ] ) && '' !== $filters[ $column ] ) {
				$where[] = "{$column} = %s";
				$args[]  = (string) $filters[ $column ];
			}
		}
		if ( ! empty( $filters['user'] ) ) {
			$where[] = 'user_id = %d';
			$args[]  = (int) $filters['user'];
		}
		foreach ( array(
			'since'      => 'last_seen >= %s',
			'until'      => 'last_seen <= %s',
			'since_hour' => 'hour >= %d',
			'until_hour' => 'hour <= %d',
		) as $key => $clause ) {
			if ( isset( $filters[ $key ] ) ) {
				$where[] = $clause;
				$args[]  = $filters[ $key ];
			}
		}
		if ( isset( $filters['ids'] ) ) {
			// A search resolved to its matches (resolve_search()).
			$where[] = $filters['ids'] ? 'id IN (' . implode( ',', array_map( 'intval', (array) $filters['ids'] ) ) . ')' : '0 = 1';
		} elseif ( isset( $filters['search'] ) && '' !== $filters['search'] ) {
			$any = array();
			foreach ( self::branches( $filters, false ) as $branch ) {
				$any[] = $branch[0];
				array_push( $args, ...$branch[1] );
			}
			$where[] = '(' . implode( ' OR ', $any ) . ')';
		}
		return array( implode( ' AND ', $where ), $args );
	}

	/**
	 * Returns the ways a search reaches failures, each a condition that one index answers: its
	 * words by the full-text index (where there is none, `LIKE '%…%'` on each text column, which
	 * reads every row), the start of an address by `ip`, the users it names (login, email, name)
	 * by `user_last`, app codes by `code_last` and causes by `cause_last`. A search that names
	 * catalog entries (an app code such as API02003) is answered by those alone.
	 *
	 * Tested row by row (a listing walking its index, statistics), the words are matched by
	 * FullText::walk() instead: asking the full-text index inside an OR would have it list every
	 * match first.
	 *
	 * @param array<string, mixed> $filters Filters with a search, user_ids and codes.
	 * @param bool                 $indexed True: each condition for its own query, by index; false: for a row-by-row test.
	 * @return array<int, array{0: string, 1: array<int, mixed>}> Conditions and their values.
	 */
	public static function branches( array $filters, bool $indexed = true ): array {
		global $wpdb;
		$search   = (string) $filters['search'];
		$branches = array();
		if ( empty( $filters['codes'] ) ) {
			$words = FullText::way( 'events', $search, $indexed );
			if ( null !== $words ) {
				$branches[] = $words;
			}
			$branches[] = array( 'ip LIKE %s', array( $wpdb->esc_like( $search ) . '%' ) );
		}
		$lists = array(
			'user_id' => array_slice( array_map( 'intval', (array) ( $filters['user_ids'] ?? array() ) ), 0, 200 ),
			'code'    => array_slice( array_map( 'strval', (array) ( $filters['codes'] ?? array() ) ), 0, 50 ),
			'cause'   => array(),
		);
		foreach ( Cause::labels() as $cause => $label ) {
			if ( false !== mb_stripos( $label, $search ) || false !== stripos( $cause, $search ) ) {
				$lists['cause'][] = $cause;
			}
		}
		foreach ( $lists as $column => $values ) {
			if ( $values ) {
				$branches[] = array( "{$column} IN (" . implode( ', ', array_fill( 0, count( $values ), 'user_id' === $column ? '%d' : '%s' ) ) . ')', $values );
			}
		}
		return $branches;
	}
}
