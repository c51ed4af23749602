<?php
/**
 * The listing of the sessions index: a page of credentials across users, with its filters and
 * search.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Database\BoundedQuery;
use AuthSentinel\Database\BoundedCount;
use AuthSentinel\Database\Engine;
use AuthSentinel\Database\FullText;
use AuthSentinel\Database\IndexedSearch;
use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

// The table name is the plugin's own; every clause is built from whitelisted column names and
// placeholders that prepare() fills. The index is read for admin screens: nothing to cache.
// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare

/**
 * What the Sessions screen, its REST routes and the command line read of the index (written by
 * SessionIndex): one row by id, a page of credentials with its filters and search (each way in
 * by its own index), and the count of the live ones. Off the path of a signed-in request.
 *
 * @since 0.1.0
 */
class SessionListing {

	/**
	 * Returns one row by id.
	 *
	 * @param int $id The row id.
	 * @return array<string, mixed>|null
	 */
	public function find( int $id ): ?array {
		global $wpdb;
		$row = BoundedQuery::read( Schema::sessions_table(), 'get_row', $wpdb->prepare( 'SELECT * FROM ' . Schema::sessions_table() . ' WHERE id = %d', $id ) );
		return is_array( $row ) ? $row : null;
	}

	/**
	 * Lists credentials, newest use first.
	 *
	 * @param array<string, mixed> $args user, type, status (active|ended|all), search, orderby, order, page, per_page.
	 * @return array{rows: array<int, array<string, mixed>>, total: int, more: bool} `total` counts up to BoundedCount::LIMIT; `more` says there are more.
	 */
	public function query( array $args ): array {
		global $wpdb;
		$orderby  = in_array( $args['orderby'] ?? '', array( 'created', 'expires', 'last_seen' ), true ) ? $args['orderby'] : 'last_seen';
		$order    = 'asc' === strtolower( (string) ( $args['order'] ?? 'desc' ) ) ? 'ASC' : 'DESC';
		$per_page = max( 1, min( 100, (int) ( $args['per_page'] ?? 20 ) ) );
		$offset   = ( max( 1, (int) ( $args['page'] ?? 1 ) ) - 1 ) * $per_page;
		$table    = Schema::sessions_table();

		$search = trim( (string) ( $args['search'] ?? '' ) );
		// A search among a user's few credentials: those, each tested, in the generic read below,
		// rather than the full-text index listing every credential of the table holding the word.
		$few = '' !== $search && ! empty( $args['user'] ) && $this->few_besides_search( $args );
		if ( '' !== $search && ! $few ) {
			// Each way in by its own index, merged by id; when few match, one page by id.
			list( $where, $params ) = $this->where( array( 'search' => '' ) + $args );
			$found                  = IndexedSearch::collect( $wpdb->prepare( "{$table} WHERE {$where}", $params ), $this->search_ways( $search, true ), $orderby, BoundedCount::LIMIT + 1 );
			if ( count( $found ) <= BoundedCount::LIMIT ) {
				$ids  = IndexedSearch::page( $found, $orderby, $order, $offset, $per_page );
				$rows = $ids ? BoundedQuery::read( Schema::sessions_table(), 'get_results', "SELECT * FROM {$table} WHERE id IN (" . implode( ',', $ids ) . ')' ) : array();
				$page = IndexedSearch::in_order( is_array( $rows ) ? $rows : array(), $ids );
				return array(
					'rows'  => $page,
					'total' => count( $found ),
					'more'  => false,
				);
			}
		}

		list( $where, $params ) = $this->where( $args );
		// Ended credentials are a quarter of the rows, mostly the least recent: walking the time
		// index for them (the optimizer's choice for a small LIMIT) read 200,000 rows for a page
		// at 250,000 sessions; the range of `list_expires` and a sort of its entries is 60 ms.
		$from = 'ended' === ( $args['status'] ?? 'active' ) && Engine::mysql() ? "{$table} FORCE INDEX (list_expires, user_status, site_user)" : $table;
		// The page's ids first, then its rows: with the filters the list_* indexes cover, the ids
		// come from the index alone, so a deep page skips its offset without reading those rows.
		$sql  = "SELECT s.* FROM {$table} s JOIN (SELECT id FROM {$from} WHERE {$where} ORDER BY {$orderby} {$order}, id {$order} LIMIT %d OFFSET %d) p ON p.id = s.id ORDER BY s.{$orderby} {$order}, s.id {$order}";
		$rows = BoundedQuery::read( Schema::sessions_table(), 'get_results', $wpdb->prepare( $sql, array_merge( $params, array( $per_page, $offset ) ) ) );
		// A search with more than LIMIT matches (known above) is not counted again.
		$count = '' !== $search && ! $few ? BoundedCount::result( BoundedCount::LIMIT + 1 ) : BoundedCount::result( (int) BoundedQuery::read( Schema::sessions_table(), 'get_var', BoundedCount::sql( $wpdb->prepare( "{$from} WHERE {$where}", $params ), "ORDER BY {$orderby} {$order}, id {$order}" ) ) );
		return array(
			'rows'  => is_array( $rows ) ? $rows : array(),
			'total' => $count['total'],
			'more'  => $count['more'],
		);
	}

	/**
	 * Returns the ways a search reaches credentials, each answered by one index: the start of
	 * the address (`ip`), of the application's or plugin's name (`label`), of the user's login
	 * or email (core's indexes, then `user_status`), and its words at the start of a word of the
	 * user agent or the name (a full-text index on MariaDB and MySQL; on SQLite each word anywhere
	 * in them, reading every row). Tested row by row (a listing walking its index), the words are
	 * matched by FullText::walk().
	 *
	 * @param string $search  The search.
	 * @param bool   $indexed True: each condition for its own query; false: for a row-by-row test.
	 * @return array<int, array{0: string, 1: array<int, mixed>}> Conditions and their values.
	 */
	private function search_ways( string $search, bool $indexed ): array {
		global $wpdb;
		$prefix = $wpdb->esc_like( $search ) . '%';
		$users  = $wpdb->get_col(
			$wpdb->prepare( "SELECT ID FROM {$wpdb->users} WHERE user_login LIKE %s OR user_email LIKE %s LIMIT 500", $prefix, $prefix )
		);
		$ways   = array(
			array( 'ip LIKE %s', array( $prefix ) ),
			array( 'label LIKE %s', array( $prefix ) ),
		);
		if ( $users ) {
			$ways[] = array( 'user_id IN (' . implode( ', ', array_map( 'intval', $users ) ) . ')', array() );
		}
		$words = FullText::way( 'sessions', $search, $indexed );
		if ( null !== $words ) {
			$ways[] = $words;
		}
		return $ways;
	}

	/**
	 * Counts live credentials (not ended, not expired).
	 *
	 * @return int
	 */
	public function count_active(): int {
		global $wpdb;
		list( $where, $params ) = $this->where( array( 'status' => 'active' ) );
		return (int) BoundedQuery::read( Schema::sessions_table(), 'get_var', $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::sessions_table() . " WHERE {$where}", $params ) );
	}

	/**
	 * Tells whether the filters besides a search leave at most BoundedCount::PROBE credentials,
	 * counted by their index (see Events\EventsQueryRepository::few_besides_search()).
	 *
	 * @param array<string, mixed> $args The filters, with a search.
	 * @return bool
	 */
	private function few_besides_search( array $args ): bool {
		global $wpdb;
		list( $where, $params ) = $this->where( array( 'search' => '' ) + $args );
		// Read as the listing's other reads are: bounded, a fault answering nothing (then the rows,
		// each tested, answer nothing either).
		return null === BoundedQuery::read( Schema::sessions_table(), 'get_var', BoundedCount::past_sql( $wpdb->prepare( Schema::sessions_table() . " WHERE {$where}", $params ), BoundedCount::PROBE ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared -- Own table; placeholders.
	}

	/**
	 * Builds the WHERE clause of a listing.
	 *
	 * @param array<string, mixed> $args The filters.
	 * @return array{0: string, 1: array<int, mixed>}
	 */
	private function where( array $args ): array {
		global $wpdb;
		$status = (string) ( $args['status'] ?? 'active' );
		$now    = gmdate( 'Y-m-d H:i:s' );
		$sql    = array();
		$params = array();
		if ( 'active' === $status ) {
			$sql[]    = "status = 'active' AND (expires IS NULL OR expires > %s)";
			$params[] = $now;
		} elseif ( 'ended' === $status ) {
			// Spelled so that both halves are ranges of one index (list_expires).
			$sql[]    = "(status <> 'active' OR (status = 'active' AND expires <= %s))";
			$params[] = $now;
		}
		if ( ! empty( $args['user'] ) ) {
			$sql[]    = 'user_id = %d';
			$params[] = (int) $args['user'];
		}
		if ( isset( $args['created_on'] ) ) {
			$sql[]    = 'site_id = %d';
			$params[] = (int) $args['created_on'];
		}
		if ( ! empty( $args['exclude_users'] ) ) {
			$sql[] = 'user_id NOT IN (' . implode( ', ', array_map( 'intval', (array) $args['exclude_users'] ) ) . ')';
		}
		if ( ! empty( $args['site'] ) ) {
			// Members of one site of a network: they have a role there.
			$sql[]    = "user_id IN (SELECT user_id FROM {$wpdb->usermeta} WHERE meta_key = %s)";
			$params[] = $wpdb->get_blog_prefix( (int) $args['site'] ) . 'capabilities';
		}
		if ( ! empty( $args['type'] ) && in_array( $args['type'], SessionIndex::TYPES, true ) ) {
			$sql[]    = 'type = %s';
			$params[] = (string) $args['type'];
		}
		$search = trim( (string) ( $args['search'] ?? '' ) );
		if ( '' !== $search ) {
			$or = array();
			foreach ( $this->search_ways( $search, false ) as $way ) {
				$or[] = $way[0];
				array_push( $params, ...$way[1] );
			}
			$sql[] = '(' . implode( ' OR ', $or ) . ')';
		}
		if ( ! $sql ) {
			$sql[]    = '1 = %d'; // Keeps prepare() happy without steering the index choice.
			$params[] = 1;
		}
		return array( implode( ' AND ', $sql ), $params );
	}
}
