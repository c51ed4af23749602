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
	 * Tells whether a prepared `FROM … WHERE …` gives at most some rows, reading one past them
	 * at most (from an index alone when the conditions are an index's columns; asked as the row
	 * past them, so that no derived table is written and read again).
	 *
	 * @param string $from_where A prepared `{table} WHERE …` (no LIMIT).
	 * @param int    $rows       How many at most.
	 * @return bool
	 */
	public static function at_most( string $from_where, int $rows ): bool {
		global $wpdb;
		return null === $wpdb->get_var( self::past_sql( $from_where, $rows ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared by the caller.
	}

	/**
	 * Returns the query of at_most(), for callers that run it their way: the id of the row past
	 * some rows, or none.
	 *
	 * @param string $from_where A prepared `{table} WHERE …` (no LIMIT).
	 * @param int    $rows       How many at most.
	 * @return string
	 */
	public static function past_sql( string $from_where, int $rows ): string {
		return 'SELECT id FROM ' . $from_where . ' LIMIT 1 OFFSET ' . (int) $rows;
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
	 * Rows read to tell a search that matches many rows (see beyond()).
	 */
	const PROBE = 2000;

	/**
	 * The newest rows walked at most to find more than LIMIT matches (see beyond()): a search
	 * must match one row in six to be proved that way.
	 */
	const WINDOW = 60000;

	/**
	 * Tells, from the newest rows alone, that more than LIMIT rows match a condition. When the
	 * newest PROBE rows of a listing match at four fifths or more of the rate WINDOW rows need
	 * (the newest rows are no fair sample: the last hour's clients may differ from the month's),
	 * the listing's index is walked, newest first, until LIMIT + 1 rows match, never past its
	 * newest WINDOW rows: a word of every row is proved after LIMIT + 1 rows, one of a sixth of
	 * them after about WINDOW. Each read is a range of the listing's index, whatever the table
	 * holds. A search found to match that many is listed by walking its index (the matches come
	 * quickly), and does not ask the full-text index for every match: InnoDB lists all of a
	 * word's rows before the first, about a microsecond each (150 ms for a word of a fifth of a
	 * million rows, even with a LIMIT).
	 *
	 * @param string $from_where A prepared `{table} WHERE …` of the other filters.
	 * @param string $key        The listing's sort column, newest first (`last_seen`, `at`).
	 * @param string $condition  The prepared condition tested on each row read.
	 * @param string $columns    The columns the condition reads.
	 * @return bool True when more than LIMIT match for sure; false says nothing.
	 */
	public static function beyond( string $from_where, string $key, string $condition, string $columns ): bool {
		global $wpdb;
		$order = "ORDER BY {$key} DESC, id DESC";
		$rows  = self::PROBE;
		$need  = (int) ceil( 0.8 * ( self::LIMIT + 1 ) * $rows / self::WINDOW );
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared by the caller; $key is a column name of the caller's, the numbers constants.
		if ( (int) $wpdb->get_var( "SELECT COUNT(*) FROM (SELECT {$columns} FROM {$from_where} {$order} LIMIT {$rows}) newest_rows WHERE {$condition}" ) < $need ) {
			return false;
		}
		// Where the newest WINDOW rows end, from the index alone (its entries hold the id); the walk
		// stops there: a range of the index down to that time, the rows sharing it cut at that id.
		$edge   = $wpdb->get_row( "SELECT {$key} AS edge_key, id FROM {$from_where} {$order} LIMIT 1 OFFSET " . ( self::WINDOW - 1 ), ARRAY_A );
		$within = is_array( $edge ) ? $wpdb->prepare( " AND {$key} >= %s AND ({$key} > %s OR id >= %d)", $edge['edge_key'], $edge['edge_key'], $edge['id'] ) : '';
		$found  = (int) $wpdb->get_var( "SELECT COUNT(*) FROM (SELECT id FROM {$from_where}{$within} AND {$condition} {$order} LIMIT " . ( self::LIMIT + 1 ) . ') matched_rows' );
		// phpcs:enable
		return $found > self::LIMIT;
	}
}
