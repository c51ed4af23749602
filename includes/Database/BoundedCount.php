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
}
