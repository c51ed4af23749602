<?php
/**
 * The listing of the audit log and its search.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Database\BoundedCount;
use AuthSentinel\Database\Engine;
use AuthSentinel\Database\FullText;
use AuthSentinel\Database\IndexedSearch;
use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the audit table for its listing (`GET /audit`): the filters as a WHERE clause, a page
 * of rows, a search answered by index (each way in by its own), and the names of the users the
 * rows name. AuditRepository writes the table; AuditExportRepository walks it for an export.
 *
 * @since 0.1.0
 */
class AuditQueryRepository {

	/**
	 * Up to how many matches a search or an export looks up by id in one query (see find()).
	 */
	const FEW = 10000;

	/**
	 * Lists rows matching filters, newest first (by time, then id).
	 *
	 * A free-text search reads the whole table whatever one does (LIKE '%…%'); counting its
	 * matches and reading its page would read it twice. So a search first collects the ids
	 * of its matches, up to FEW: when there are no more, that one pass gives both the total and
	 * the page; only a broad search (whose page comes quickly) counts separately.
	 *
	 * @param array<string, mixed> $filters  See where().
	 * @param int                  $page     1-based page.
	 * @param int                  $per_page Rows per page.
	 * @return array{rows: array<int, array<string, mixed>>, total: int, more: bool} `total` counts up to BoundedCount::LIMIT; `more` says there are more.
	 */
	public function find( array $filters, int $page, int $per_page ): array {
		global $wpdb;
		$table                = Schema::audit_table();
		list( $where, $args ) = $this->where( $filters );
		$offset               = max( 0, ( $page - 1 ) * $per_page );

		$broad = false;
		// A search among the few rows of other filters (a user's, the last hour's): those rows,
		// each tested, in the generic read below.
		if ( isset( $filters['search'] ) && '' !== $filters['search'] && ! $this->few_besides_search( $filters ) ) {
			$broad = $this->matches_most( $filters );
			$ids   = $broad ? array() : $this->ids( $filters, self::FEW + 1, true );
			if ( ! $broad && count( $ids ) <= self::FEW ) {
				return array(
					'rows'  => $this->rows( array_slice( $ids, $offset, $per_page ), true ),
					'total' => count( $ids ),
					'more'  => false,
				);
			}
			$broad = true; // More than FEW: walking the time index meets them quickly, counting would not.
		}

		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders -- Own table; the WHERE is built from placeholders.
		return BoundedCount::page( $wpdb->prepare( "{$table} WHERE {$where}", $args ), 'ORDER BY at DESC, id DESC', $per_page, $offset, $broad );
	}

	/**
	 * Names the audit table for a read by the listing's indexes only (see
	 * EventsQueryRepository::by_listing_indexes()).
	 *
	 * @return string
	 */
	private static function by_listing_indexes(): string {
		return Schema::audit_table() . ( Engine::mysql() ? ' FORCE INDEX (at, action_at, target_at, actor_at)' : '' );
	}

	/**
	 * Tells whether the filters besides a search (an action, an actor, a user, a time) leave at
	 * most BoundedCount::PROBE rows, counted from their index: then those rows, each tested for
	 * the search, are the exact answer, cheaper than the full-text index, which would list every
	 * row of the table that holds the search's words (see
	 * EventsQueryRepository::few_besides_search()).
	 *
	 * @param array<string, mixed> $filters See where(), with a search.
	 * @return bool
	 */
	private function few_besides_search( array $filters ): bool {
		global $wpdb;
		// As where() reads them: an actor of 0 is the system, a user of 0 is none.
		$others = array_filter(
			array_intersect_key( $filters, array_flip( array( 'action', 'actor', 'user', 'since', 'until' ) ) ),
			static function ( $value, string $key ): bool {
				return null !== $value && '' !== $value && ( 'user' !== $key || ! empty( $value ) );
			},
			ARRAY_FILTER_USE_BOTH
		);
		if ( array() === $others ) {
			return false; // No other filter: the whole table.
		}
		list( $where, $args ) = $this->where( $others );
		$table                = self::by_listing_indexes();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders -- Own table; placeholders.
		return BoundedCount::at_most( $wpdb->prepare( "{$table} WHERE {$where}", $args ), BoundedCount::PROBE );
	}

	/**
	 * Tells whether a search is known to match more than FEW rows from the newest rows alone
	 * (BoundedCount::beyond()), before the full-text index is asked: a word found in a sixth of the
	 * rows or more would have it list them all.
	 *
	 * @param array<string, mixed> $filters See where(), with a search.
	 * @return bool
	 */
	public function matches_most( array $filters ): bool {
		global $wpdb;
		if ( null === FullText::query( 'audit', (string) $filters['search'] ) ) {
			return false; // The full-text index is not asked: each way in is a range of an index.
		}
		$others = $filters;
		unset( $others['search'] );
		list( $where, $args ) = $this->where( $others );
		list( $any, $values ) = $this->where( array( 'search' => $filters['search'] ) + array_intersect_key( $filters, array_flip( array( 'actions', 'user_ids' ) ) ) );
		// The newest rows by the listing's indexes.
		$table = self::by_listing_indexes();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders -- Own table; placeholders.
		return BoundedCount::beyond( $wpdb->prepare( "{$table} WHERE {$where}", $args ), 'at', $wpdb->prepare( $any, $values ), 'ip, target_user_id, actor_id, action, ' . implode( ', ', FullText::COLUMNS['audit'] ) );
	}

	/**
	 * Returns the ids of the rows matching filters, newest first, at most a number.
	 *
	 * The query has no ORDER BY, so that the database reads the matches the cheapest way (an
	 * index, or one sequential pass) rather than walking the time index row by row; the ids
	 * are sorted here. Meant for a number of matches that fits in memory: when there are more
	 * than the limit, which ones come back is arbitrary and only their count matters.
	 *
	 * @param array<string, mixed> $filters See where().
	 * @param int                  $limit   How many at most.
	 * @param bool                 $by_time Newest by time then id (the listing's order); false: by id (the export's).
	 * @return int[]
	 */
	public function ids( array $filters, int $limit, bool $by_time ): array {
		global $wpdb;
		// Each way a search reaches rows by its own index (an OR of them would read them all).
		$ways = isset( $filters['search'] ) && '' !== $filters['search'] ? $this->search_branches( $filters ) : array( array( '1 = 1', array() ) );
		unset( $filters['search'] );
		list( $where, $args ) = $this->where( $filters );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders -- Own table; placeholders.
		$found = IndexedSearch::collect( $wpdb->prepare( Schema::audit_table() . " WHERE {$where}", $args ), $ways, 'at', $limit );
		usort(
			$found,
			static function ( $a, $b ) use ( $by_time ): int {
				return $by_time && $a['at'] !== $b['at'] ? strcmp( (string) $b['at'], (string) $a['at'] ) : (int) $b['id'] <=> (int) $a['id'];
			}
		);
		return array_map( 'intval', array_column( $found, 'id' ) );
	}

	/**
	 * Returns rows by id, newest first.
	 *
	 * @param int[] $ids     The ids.
	 * @param bool  $by_time Newest by time then id; false: by id.
	 * @return array<int, array<string, mixed>>
	 */
	public function rows( array $ids, bool $by_time ): array {
		global $wpdb;
		$ids = array_map( 'intval', $ids );
		if ( ! $ids ) {
			return array();
		}
		$table = Schema::audit_table();
		$order = $by_time ? 'at DESC, id DESC' : 'id DESC';
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table; integers only.
		return (array) $wpdb->get_results( "SELECT * FROM {$table} WHERE id IN (" . implode( ',', $ids ) . ") ORDER BY {$order}", ARRAY_A );
	}

	/**
	 * Returns the login and display name of users, without loading (or caching) whole user
	 * objects: an export of a million rows must not fill the object cache.
	 *
	 * @param int[] $ids User ids.
	 * @return array<int, array{login: string, name: string}> By id; unknown ids are left out.
	 */
	public function users( array $ids ): array {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		if ( ! $ids ) {
			return array();
		}
		$out = array();
		foreach ( array_chunk( $ids, 500 ) as $chunk ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Integers only.
			$rows = $wpdb->get_results( "SELECT ID, user_login, display_name FROM {$wpdb->users} WHERE ID IN (" . implode( ',', $chunk ) . ')', ARRAY_A );
			foreach ( (array) $rows as $row ) {
				$out[ (int) $row['ID'] ] = array(
					'login' => (string) $row['user_login'],
					'name'  => (string) $row['display_name'],
				);
			}
		}
		return $out;
	}

	/**
	 * Builds a WHERE clause from filters.
	 *
	 * @param array<string, mixed> $filters action (string), actor (int|null: 0 is the system),
	 *                                      user (int), since and until (GMT datetimes), search
	 *                                      (free text) with user_ids and actions it names.
	 * @param bool                 $indexed Whether the database may answer the filters by index;
	 *                                      false wraps each column in COALESCE(), which both
	 *                                      MariaDB and SQLite read as a condition to check row
	 *                                      by row, not a way in.
	 * @return array{0: string, 1: array<int, mixed>}
	 */
	protected function where( array $filters, bool $indexed = true ): array {
		global $wpdb;
		$column = static function ( string $name, string $empty ) use ( $indexed ): string {
			return $indexed ? $name : "COALESCE({$name}, {$empty})";
		};
		// Always one placeholder, since prepare() objects to a query without any; a constant one,
		// so that it steers no index choice (see EventsRepository::where()).
		$where = array( '1 = %d' );
		$args  = array( 1 );
		if ( isset( $filters['action'] ) && '' !== $filters['action'] ) {
			$where[] = $column( 'action', "''" ) . ' = %s';
			$args[]  = (string) $filters['action'];
		}
		if ( isset( $filters['actor'] ) ) {
			$where[] = $column( 'actor_id', '0' ) . ' = %d';
			$args[]  = (int) $filters['actor'];
		}
		if ( ! empty( $filters['user'] ) ) {
			$where[] = $column( 'target_user_id', '0' ) . ' = %d';
			$args[]  = (int) $filters['user'];
		}
		if ( isset( $filters['since'] ) ) {
			$where[] = $column( 'at', "''" ) . ' >= %s';
			$args[]  = (string) $filters['since'];
		}
		if ( isset( $filters['until'] ) ) {
			$where[] = $column( 'at', "''" ) . ' <= %s';
			$args[]  = (string) $filters['until'];
		}
		if ( isset( $filters['search'] ) && '' !== $filters['search'] ) {
			$any = array();
			foreach ( $this->search_branches( $filters, false ) as $branch ) {
				$any[] = $branch[0];
				array_push( $args, ...$branch[1] );
			}
			$where[] = '(' . implode( ' OR ', $any ) . ')';
		}
		return array( implode( ' AND ', $where ), $args );
	}

	/**
	 * Returns the ways a search reaches audit rows, each a condition that one index answers: its
	 * words by the full-text index over the user agent and the details (where there is none,
	 * `LIKE '%…%'`, which reads every row), the start of an address by `ip`, the users it names
	 * (login, email, name) by `target_at` and `actor_at`, the actions whose name or label holds
	 * it by `action_at`.
	 *
	 * Tested row by row (a listing walking its index, an export's batches), the words are
	 * matched by FullText::walk() instead: asking the full-text index inside an OR would have it
	 * list every match first, for each batch.
	 *
	 * @param array<string, mixed> $filters Filters with a search, user_ids and actions.
	 * @param bool                 $indexed True: each condition for its own query, by index; false: for a row-by-row test.
	 * @return array<int, array{0: string, 1: array<int, mixed>}> Conditions and their values.
	 */
	protected function search_branches( array $filters, bool $indexed = true ): array {
		global $wpdb;
		$search   = (string) $filters['search'];
		$branches = array( array( 'ip LIKE %s', array( $wpdb->esc_like( $search ) . '%' ) ) );
		$words    = FullText::way( 'audit', $search, $indexed );
		if ( null !== $words ) {
			$branches[] = $words;
		}
		$users = array_slice( array_map( 'intval', (array) ( $filters['user_ids'] ?? array() ) ), 0, 100 );
		if ( $users ) {
			$in         = implode( ', ', $users );
			$branches[] = array( "target_user_id IN ({$in})", array() );
			$branches[] = array( "actor_id IN ({$in})", array() );
		}
		$actions = array_slice( array_map( 'strval', (array) ( $filters['actions'] ?? array() ) ), 0, 20 );
		if ( $actions ) {
			$branches[] = array( 'action IN (' . implode( ', ', array_fill( 0, count( $actions ), '%s' ) ) . ')', $actions );
		}
		return $branches;
	}
}
