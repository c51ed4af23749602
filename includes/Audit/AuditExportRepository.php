<?php
/**
 * The audit log's reads for an export.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Database\BoundedQuery;
use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the audit table for an export (the streamed CSV, the background jobs, the command line):
 * the listing's filters and search, and the table walked down in windows of ids.
 *
 * @since 0.1.0
 */
class AuditExportRepository extends AuditQueryRepository {

	/**
	 * Returns the rows matching filters within a window of ids, newest first.
	 *
	 * An export with many rows walks the table down in windows of ids and, inside a window, in
	 * keyset batches (each starts below the last id of the previous one). Every query is bounded
	 * by the primary key on both sides and reads at most one window: the whole export reads the
	 * table once, and batch N costs what batch 1 does.
	 *
	 * @param array<string, mixed> $filters See where().
	 * @param int                  $below   Only ids below this.
	 * @param int                  $from    Only ids at or above this (the window's floor).
	 * @param int                  $limit   Rows at most.
	 * @return array<int, array<string, mixed>>
	 */
	public function batch( array $filters, int $below, int $from, int $limit ): array {
		global $wpdb;
		// The filters as conditions no index can answer: the primary key's range is then the only
		// way in, for SQLite too (which would otherwise read every row of, say, one user per batch).
		list( $where, $args ) = $this->where( $filters, false );
		$table                = Schema::audit_table();
		array_push( $args, $below, $from, $limit );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders,WordPress.DB.DirectDatabaseQuery -- Own table; placeholders.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE {$where} AND id < %d AND id >= %d ORDER BY id DESC LIMIT %d", $args ), ARRAY_A );
		return (array) $rows;
	}

	/**
	 * Returns what an export writes of the rows within a window of ids, newest first: batch()
	 * with only the columns the file has, read straight from the connection when it is mysqli.
	 *
	 * Through wpdb, every row read is kept as an object (last_result), then copied into an array:
	 * at a million rows, a third of the export's time. On mysqli the rows are read unbuffered
	 * (MYSQLI_USE_RESULT: the server sends them as they are fetched, no second copy in the
	 * client) into arrays at once; the statement is the same. Anything else (SQLite, another
	 * drop-in) goes through wpdb.
	 *
	 * @param array<string, mixed> $filters See where().
	 * @param int                  $below   Only ids below this.
	 * @param int                  $from    Only ids at or above this.
	 * @param int                  $limit   Rows at most.
	 * @return array<int, array<string, mixed>>
	 */
	public function export_batch( array $filters, int $below, int $from, int $limit ): array {
		global $wpdb;
		list( $where, $args ) = $this->where( $filters, false );
		$table                = Schema::audit_table();
		array_push( $args, $below, $from, $limit );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQLPlaceholders -- Own table; placeholders.
		$sql = (string) $wpdb->prepare( "SELECT id, at, action, actor_id, target_user_id, ip, user_agent, details FROM {$table} WHERE {$where} AND id < %d AND id >= %d ORDER BY id DESC LIMIT %d", $args );
		if ( 'none' !== BoundedQuery::mode() && isset( $wpdb->dbh ) && $wpdb->dbh instanceof \mysqli ) {
			// prepare() hides each % of a LIKE behind a placeholder that query() puts back: so must this.
			$sent = method_exists( $wpdb, 'remove_placeholder_escape' ) ? (string) $wpdb->remove_placeholder_escape( $sql ) : $sql;
			// phpcs:ignore WordPress.DB.RestrictedFunctions.mysql_mysqli_query -- Read unbuffered, see above; prepared just now.
			$result = mysqli_query( $wpdb->dbh, $sent, MYSQLI_USE_RESULT );
			if ( $result instanceof \mysqli_result ) {
				$rows = $result->fetch_all( MYSQLI_ASSOC );
				$result->free();
				return $rows;
			}
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared above.
		return (array) $wpdb->get_results( $sql, ARRAY_A );
	}

	/**
	 * Returns the highest id below a bound, whatever the filters (an export's next window
	 * starts there, so gaps left by pruning cost nothing).
	 *
	 * @param int $below Only ids below this; 0 for no bound.
	 * @return int 0 when there is none.
	 */
	public function max_id( int $below = 0 ): int {
		global $wpdb;
		$table = Schema::audit_table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table; read by the primary key.
		return (int) ( $below > 0
			? $wpdb->get_var( $wpdb->prepare( "SELECT MAX(id) FROM {$table} WHERE id < %d", $below ) )
			: $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ) );
		// phpcs:enable
	}

	/**
	 * Returns the login of every user when there are at most a number of them (most sites), so
	 * that an export looks up no user batch by batch.
	 *
	 * @param int $most Up to how many users.
	 * @return array<int, string>|null Logins by id; null when there are more users.
	 */
	public function all_logins( int $most ): ?array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Core's table; one bounded read.
		$rows = (array) $wpdb->get_results( $wpdb->prepare( "SELECT ID, user_login FROM {$wpdb->users} LIMIT %d", $most + 1 ), ARRAY_A );
		if ( count( $rows ) > $most ) {
			return null;
		}
		$out = array();
		foreach ( $rows as $row ) {
			$out[ (int) $row['ID'] ] = (string) $row['user_login'];
		}
		$wpdb->flush();
		return $out;
	}
}
