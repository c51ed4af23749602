<?php
/**
 * A search answered by indexes, one way in at a time.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Collects the rows a search matches when each way in (its words in a full-text index, the
 * start of an address, the users or causes it names…) has an index of its own: an OR of them in
 * one query would have the database read every row, so each is asked alone, for the ids and the
 * listing's sort key only, and the answers are merged by id. Used by the failures, the audit
 * log and the sessions.
 *
 * @since 0.1.0
 */
final class IndexedSearch {

	/**
	 * Returns the ids and sort keys of the rows matching any way in, at most a number: when
	 * there are more, which ones come back is arbitrary and only their count matters.
	 *
	 * @param string                                             $from_where A prepared `{table} WHERE …` of the other filters.
	 * @param array<int, array{0: string, 1: array<int, mixed>}> $ways      Conditions and their values, each answered by an index.
	 * @param string                                             $key        The sort key read with each id (a column name).
	 * @param int                                                $limit      How many at most.
	 * @return array<int, array<string, mixed>> Rows of `id` and the key, by id.
	 */
	public static function collect( string $from_where, array $ways, string $key, int $limit ): array {
		global $wpdb;
		$found = array();
		foreach ( $ways as $way ) {
			$condition = $way[1] ? $wpdb->prepare( $way[0], $way[1] ) : $way[0]; // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Built with placeholders by the repositories.
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared above and by the caller; $key is a column name of the caller's.
			foreach ( (array) $wpdb->get_results( "SELECT id, {$key} FROM {$from_where} AND {$condition} LIMIT " . (int) $limit, ARRAY_A ) as $row ) {
				$found[ (int) $row['id'] ] = $row;
			}
			if ( count( $found ) >= $limit ) {
				break;
			}
		}
		$wpdb->flush(); // Its copy of up to $limit rows is not needed any more.
		return array_slice( array_values( $found ), 0, $limit );
	}

	/**
	 * Returns the ids of one page of collected matches, sorted by their key (numbers as numbers,
	 * times as text) then id, as the listing would.
	 *
	 * @param array<int, array<string, mixed>> $found    What collect() returned.
	 * @param string                           $key      The sort key.
	 * @param string                           $order    ASC or DESC.
	 * @param int                              $offset   Rows before the page.
	 * @param int                              $per_page Rows per page.
	 * @return int[]
	 */
	public static function page( array $found, string $key, string $order, int $offset, int $per_page ): array {
		usort(
			$found,
			static function ( array $a, array $b ) use ( $key, $order ): int {
				$x   = $a[ $key ];
				$y   = $b[ $key ];
				$cmp = is_numeric( $x ) && is_numeric( $y ) ? (int) $x <=> (int) $y : strcmp( (string) $x, (string) $y );
				$cmp = 0 === $cmp ? (int) $a['id'] <=> (int) $b['id'] : $cmp;
				return 'ASC' === $order ? $cmp : -$cmp;
			}
		);
		return array_map( 'intval', array_column( array_slice( $found, $offset, $per_page ), 'id' ) );
	}

	/**
	 * Puts rows read by id in the order of the ids (a row missing meanwhile is left out).
	 *
	 * @param array<int, array<string, mixed>> $rows The rows.
	 * @param int[]                            $ids  The ids, in order.
	 * @return array<int, array<string, mixed>>
	 */
	public static function in_order( array $rows, array $ids ): array {
		$by  = array_column( $rows, null, 'id' );
		$out = array();
		foreach ( $ids as $id ) {
			if ( isset( $by[ $id ] ) ) {
				$out[] = $by[ $id ];
			}
		}
		return $out;
	}
}
