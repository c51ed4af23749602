<?php
/**
 * Counts that stop counting.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Counts the rows of a query up to a bound, so that a listing's total costs the same at a
 * million rows as at ten thousand: past the bound, the screens say "more than 10,000" and the
 * filters narrow it.
 *
 * @since 0.1.0
 */
final class BoundedCount {

	/**
	 * Counted exactly up to this many rows.
	 */
	const LIMIT = 10000;

	/**
	 * Counts the rows a prepared `FROM … WHERE …` gives, up to LIMIT.
	 *
	 * @param string $from_where A prepared `{table} WHERE …` (no LIMIT).
	 * @param string $order      The listing's `ORDER BY …`: the count then walks the index the
	 *                           page was just read from (its pages are in memory), not the table.
	 * @return array{total: int, more: bool} The count (at most LIMIT), and whether there are more.
	 */
	public static function count( string $from_where, string $order = '' ): array {
		global $wpdb;
		return self::result( (int) $wpdb->get_var( self::sql( $from_where, $order ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared by the caller.
	}

	/**
	 * Returns the query that counts up to one past LIMIT (for callers that run it their way).
	 *
	 * @param string $from_where A prepared `{table} WHERE …`.
	 * @param string $order      The listing's `ORDER BY …`, or ''.
	 * @return string
	 */
	public static function sql( string $from_where, string $order = '' ): string {
		return 'SELECT COUNT(*) FROM (SELECT id FROM ' . $from_where . ( '' === $order ? '' : ' ' . $order ) . ' LIMIT ' . ( self::LIMIT + 1 ) . ') bounded_rows';
	}

	/**
	 * Reads what sql() counted.
	 *
	 * @param int $count The count, at most LIMIT + 1.
	 * @return array{total: int, more: bool}
	 */
	public static function result( int $count ): array {
		return array(
			'total' => min( $count, self::LIMIT ),
			'more'  => $count > self::LIMIT,
		);
	}

	/**
	 * Reads one page of a listing and its bounded total: the count walks the listing's own index,
	 * and a page past the end is not read. When more than LIMIT are known to match already (a
	 * broad search), the count is not asked.
	 *
	 * @param string $from_where A prepared `{table} WHERE …`.
	 * @param string $order      The listing's `ORDER BY …`.
	 * @param int    $per_page   Rows per page.
	 * @param int    $offset     Rows before the page.
	 * @param bool   $more       Whether more than LIMIT are known to match.
	 * @return array{rows: array<int, array<string, mixed>>, total: int, more: bool}
	 */
	public static function page( string $from_where, string $order, int $per_page, int $offset, bool $more = false ): array {
		global $wpdb;
		$count = $more ? self::result( self::LIMIT + 1 ) : self::count( $from_where, $order );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared by the caller; integers.
		$rows = $count['total'] > $offset || $count['more'] ? $wpdb->get_results( "SELECT * FROM {$from_where} {$order} LIMIT " . (int) $per_page . ' OFFSET ' . (int) $offset, ARRAY_A ) : array();
		return array(
			'rows'  => is_array( $rows ) ? $rows : array(),
			'total' => $count['total'],
			'more'  => $count['more'],
		);
	}

	/**
	 * Rows read to tell a search that matches most rows (see beyond()).
	 */
	const PROBE = 2000;

	/**
	 * Rows read to prove that more than LIMIT match (see beyond()).
	 */
	const WINDOW = 40000;

	/**
	 * Tells, from the newest rows alone, that more than LIMIT rows match a condition: when the
	 * newest PROBE rows of a listing match at least at the rate that WINDOW rows need, the
	 * newest WINDOW rows are counted. Each read is one range of the listing's index, whatever
	 * the table holds. A search found to match that many is listed by walking its index (the
	 * matches come quickly), and does not ask the full-text index for every match (which, for
	 * a word in most rows, costs a second or more at a million rows).
	 *
	 * @param string $from_where A prepared `{table} WHERE …` of the other filters.
	 * @param string $order      The listing's `ORDER BY …`.
	 * @param string $condition  The prepared condition tested on each row read.
	 * @param string $columns    The columns the condition reads.
	 * @return bool True when more than LIMIT match for sure; false says nothing.
	 */
	public static function beyond( string $from_where, string $order, string $condition, string $columns ): bool {
		global $wpdb;
		foreach ( array( self::PROBE, self::WINDOW ) as $rows ) {
			$need = (int) ceil( ( self::LIMIT + 1 ) * $rows / self::WINDOW );
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared by the caller; $rows is one of two constants.
			$found = (int) $wpdb->get_var( "SELECT COUNT(*) FROM (SELECT {$columns} FROM {$from_where} {$order} LIMIT {$rows}) newest_rows WHERE {$condition}" );
			if ( $found < $need ) {
				return false;
			}
		}
		return true;
	}
}
