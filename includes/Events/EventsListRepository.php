<?php
/**
 * The listing of recorded failures.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Database\BoundedCount;
use AuthSentinel\Database\IndexedSearch;
use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the failures table for its listing (`GET /events`, `wp auth-sentinel events`, Site
 * Health's checks): a page of rows matching filters, in the order asked, a search's few matches
 * found by index and read by id (EventsQueryRepository builds the WHERE clause and finds the
 * matches). EventsRepository records the failures; a failing request never loads this class.
 *
 * @since 0.1.0
 */
class EventsListRepository {

	/**
	 * Columns a listing may be ordered by.
	 */
	const ORDERS = array( 'last_seen', 'first_seen', 'count' );

	/**
	 * Lists failures matching filters, newest first by default.
	 *
	 * @param array<string, mixed> $filters  cause, code, source, user, since, until (GMT datetimes), user_ids and codes (from a search), search.
	 * @param int                  $page     1-based page.
	 * @param int                  $per_page Rows per page.
	 * @param string               $orderby  last_seen|first_seen|count.
	 * @param string               $order    asc|desc.
	 * @return array{rows: array<int, array<string, mixed>>, total: int, more: bool} `total` counts up to BoundedCount::LIMIT; `more` says there are more.
	 */
	public function find( array $filters, int $page, int $per_page, string $orderby = 'last_seen', string $order = 'desc' ): array {
		global $wpdb;
		$table   = Schema::events_table();
		$orderby = in_array( $orderby, self::ORDERS, true ) ? $orderby : 'last_seen';
		$order   = 'asc' === strtolower( $order ) ? 'ASC' : 'DESC';
		$offset  = max( 0, ( $page - 1 ) * $per_page );

		$broad = false;
		// A search among the few rows of other filters (a user's, the last hour's): those rows,
		// each tested, in the generic read below.
		if ( isset( $filters['search'] ) && '' !== $filters['search'] && ! isset( $filters['ids'] ) && ! EventsQueryRepository::few_besides_search( $filters ) ) {
			$broad = EventsQueryRepository::matches_most( $filters );
			$found = $broad ? array() : EventsQueryRepository::matches( $filters, EventsQueryRepository::FEW + 1, $orderby );
			if ( ! $broad && count( $found ) <= EventsQueryRepository::FEW ) {
				// Few matches: their ids and sort keys came by index; one page of rows by id.
				return array(
					'rows'  => $this->by_ids( IndexedSearch::page( $found, $orderby, $order, $offset, $per_page ) ),
					'total' => count( $found ),
					'more'  => false,
				);
			}
			// More than FEW match: so many that walking the listing's index meets them quickly;
			// counting them would not, and is known to pass the bound already.
			$broad = true;
		}

		list( $where, $args ) = EventsQueryRepository::where( $filters );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders -- Own table; the WHERE is built from placeholders.
		return BoundedCount::page( $wpdb->prepare( "{$table} WHERE {$where}", $args ), "ORDER BY {$orderby} {$order}, id {$order}", $per_page, $offset, $broad );
	}

	/**
	 * Returns rows by id, in the order of the ids given.
	 *
	 * @param int[] $ids The ids.
	 * @return array<int, array<string, mixed>>
	 */
	private function by_ids( array $ids ): array {
		global $wpdb;
		if ( ! $ids ) {
			return array();
		}
		$rows = (array) $wpdb->get_results( 'SELECT * FROM ' . Schema::events_table() . ' WHERE id IN (' . implode( ',', array_map( 'intval', $ids ) ) . ')', ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table; integers.
		return IndexedSearch::in_order( $rows, $ids );
	}
}
