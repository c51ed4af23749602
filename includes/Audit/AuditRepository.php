<?php
/**
 * Storage of the audit log.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Database\BatchDelete;
use AuthSentinel\Database\BoundedQuery;
use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

/**
 * The only place that writes the audit table: rows are appended, never updated, and pruned by
 * age. It also reads the newest rows of one action; the listing reads through
 * AuditQueryRepository, an export through AuditExportRepository.
 *
 * @since 0.1.0
 */
class AuditRepository {

	/**
	 * Appends one row.
	 *
	 * @param string               $action         What happened, e.g. secrets_changed.
	 * @param array<string, mixed> $details        Non-secret details, stored as JSON.
	 * @param int                  $actor_id       Who did it; 0 for the system.
	 * @param int                  $target_user_id Whose account it concerns; 0 for none.
	 * @param string               $ip             Client address, already anonymised if asked.
	 * @param string               $user_agent     Client user agent.
	 * @return int The new row's id, 0 when the write failed.
	 */
	public function add( string $action, array $details, int $actor_id = 0, int $target_user_id = 0, string $ip = '', string $user_agent = '' ): int {
		$row = array(
			'at'             => gmdate( 'Y-m-d H:i:s' ),
			'action'         => substr( $action, 0, 64 ),
			'actor_id'       => max( 0, $actor_id ),
			'target_user_id' => max( 0, $target_user_id ),
			'ip'             => substr( $ip, 0, 45 ),
			'user_agent'     => mb_substr( $user_agent, 0, 255 ),
			// Unescaped, so that a search for "José" or a path finds it and the export reads well.
			'details'        => (string) wp_json_encode( $details, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ),
		);
		// A fault of the table never holds up or changes the request that is audited.
		return BoundedQuery::run(
			Schema::audit_table(),
			static function () use ( $row ): int {
				global $wpdb;
				$sql = 'INSERT INTO ' . Schema::audit_table() . ' (at, action, actor_id, target_user_id, ip, user_agent, details) VALUES (%s, %s, %d, %d, %s, %s, %s)';
				return 1 === BoundedQuery::exec( $wpdb->prepare( $sql, array_values( $row ) ) ) ? BoundedQuery::insert_id() : 0; // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- The literal above.
			}
		);
	}

	/**
	 * Returns the newest rows of one action.
	 *
	 * @param string $action The action.
	 * @param int    $limit  How many at most.
	 * @return array<int, array{id: int, at: string, actor_id: int, details: array<string, mixed>}>
	 */
	public function latest( string $action, int $limit ): array {
		global $wpdb;
		$table = Schema::audit_table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Own table, read for an admin screen.
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT id, at, actor_id, details FROM {$table} WHERE action = %s ORDER BY at DESC, id DESC LIMIT %d", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Own table name.
				$action,
				$limit
			),
			ARRAY_A
		);
		$out  = array();
		foreach ( (array) $rows as $row ) {
			$details = json_decode( (string) $row['details'], true );
			$out[]   = array(
				'id'       => (int) $row['id'],
				'at'       => (string) $row['at'],
				'actor_id' => (int) $row['actor_id'],
				'details'  => is_array( $details ) ? $details : array(),
			);
		}
		return $out;
	}

	/**
	 * Deletes rows older than a time in batches of ids, so that even a million old rows never
	 * hold a long lock; stops after a time budget.
	 *
	 * @param string $before GMT datetime.
	 * @param int    $batch  Rows per DELETE.
	 * @param float  $budget Seconds to spend at most.
	 * @return array{deleted: int, done: bool} Rows deleted, and whether none older is left.
	 */
	public function prune( string $before, int $batch = 2000, float $budget = 20.0 ): array {
		return BatchDelete::run( Schema::audit_table(), 'at < %s', array( $before ), $batch, $budget, ' ORDER BY at' );
	}

}
