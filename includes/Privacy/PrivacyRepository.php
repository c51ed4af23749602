<?php
/**
 * The privacy tools' reads and writes of the plugin's tables.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Privacy;

use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

// The table names are the plugin's own; every value goes through a placeholder, and the only
// interpolated lists are integers read back from the same tables. Privacy requests are rare
// and must see the rows as they are: nothing to cache.
// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare, WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber

/**
 * The only place the privacy exporter and eraser touch `$wpdb`.
 *
 * Plain SQL that MariaDB, MySQL and SQLite all run: no JSON functions (details are edited in PHP,
 * a row at a time), no DELETE … LIMIT (rows are selected by id, then deleted by id).
 *
 * @since 0.1.0
 */
class PrivacyRepository {

	/**
	 * Returns a page of failures that concern a person, oldest first.
	 *
	 * @param int      $user_id The person's account; 0 when they have none.
	 * @param string[] $likes   LIKE patterns finding a typed login in `details`.
	 * @param int      $limit   Rows at most.
	 * @param int      $offset  Rows to skip.
	 * @return array<int, array<string, mixed>>
	 */
	public function events_page( int $user_id, array $likes, int $limit, int $offset ): array {
		global $wpdb;
		list( $where, $args ) = $this->events_where( $user_id, $likes );
		if ( '' === $where ) {
			return array();
		}
		$args[] = $limit;
		$args[] = $offset;
		$rows   = $wpdb->get_results( $wpdb->prepare( 'SELECT * FROM ' . Schema::events_table() . " WHERE {$where} ORDER BY id ASC LIMIT %d OFFSET %d", $args ), ARRAY_A );
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Returns failures that may concern a person, by id above a cursor (an eraser's scan).
	 *
	 * @param int      $user_id The person's account; 0 when they have none.
	 * @param string[] $likes   LIKE patterns finding a typed login in `details`.
	 * @param int      $after   Only ids above this.
	 * @param int      $limit   Rows at most.
	 * @return array<int, array<string, mixed>>
	 */
	public function events_after( int $user_id, array $likes, int $after, int $limit ): array {
		global $wpdb;
		list( $where, $args ) = $this->events_where( $user_id, $likes );
		if ( '' === $where ) {
			return array();
		}
		array_unshift( $args, $after );
		$args[] = $limit;
		$rows   = $wpdb->get_results( $wpdb->prepare( 'SELECT id, hour, user_id, ip, details FROM ' . Schema::events_table() . " WHERE id > %d AND ({$where}) ORDER BY id ASC LIMIT %d", $args ), ARRAY_A );
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Counts the failures that may concern a person (the login matches are candidates).
	 *
	 * @param int      $user_id The person's account; 0 when they have none.
	 * @param string[] $likes   LIKE patterns finding a typed login in `details`.
	 * @return int
	 */
	public function events_count( int $user_id, array $likes ): int {
		global $wpdb;
		list( $where, $args ) = $this->events_where( $user_id, $likes );
		if ( '' === $where ) {
			return 0;
		}
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::events_table() . " WHERE {$where}", $args ) );
	}

	/**
	 * Rewrites one failure.
	 *
	 * @param int                  $id   The row.
	 * @param array<string, mixed> $data Column => value (strings and integers).
	 * @return bool
	 */
	public function update_event( int $id, array $data ): bool {
		global $wpdb;
		return false !== $wpdb->update( Schema::events_table(), $data, array( 'id' => $id ), $this->formats( $data ), array( '%d' ) );
	}

	/**
	 * Returns a page of audit rows where a user is the one concerned or the one who acted, oldest first.
	 *
	 * @param int $user_id The user.
	 * @param int $limit   Rows at most.
	 * @param int $offset  Rows to skip.
	 * @return array<int, array<string, mixed>>
	 */
	public function audit_page( int $user_id, int $limit, int $offset ): array {
		global $wpdb;
		$rows = $wpdb->get_results(
			$wpdb->prepare( 'SELECT * FROM ' . Schema::audit_table() . ' WHERE target_user_id = %d OR actor_id = %d ORDER BY id ASC LIMIT %d OFFSET %d', $user_id, $user_id, $limit, $offset ),
			ARRAY_A
		);
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Counts the audit rows where a user is the one concerned or the one who acted.
	 *
	 * @param int $user_id The user.
	 * @return int
	 */
	public function audit_count( int $user_id ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::audit_table() . ' WHERE target_user_id = %d OR actor_id = %d', $user_id, $user_id ) );
	}

	/**
	 * Returns audit rows of a user that still hold a full address, a user agent, or a client
	 * name in their details (a client the plugin does not recognise is named by its user agent).
	 *
	 * @param int $user_id The user.
	 * @param int $limit   Rows at most.
	 * @return array<int, array{id: string, ip: string, details: string}>
	 */
	public function audit_identifying( int $user_id, int $limit ): array {
		global $wpdb;
		list( $clause, $args ) = self::identifying();
		$clause                = '(' . $clause . ' OR details LIKE %s)';
		$args[]                = '%"client":%';
		$rows                  = $wpdb->get_results(
			$wpdb->prepare( 'SELECT id, ip, details FROM ' . Schema::audit_table() . " WHERE (target_user_id = %d OR actor_id = %d) AND {$clause} ORDER BY id ASC LIMIT %d", array_merge( array( $user_id, $user_id ), $args, array( $limit ) ) ),
			ARRAY_A
		);
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Sets the address, user agent and details of one audit row.
	 *
	 * @param int    $id         The row.
	 * @param string $ip         The address.
	 * @param string $user_agent The user agent.
	 * @param string $details    The details, as JSON.
	 * @return bool
	 */
	public function update_audit( int $id, string $ip, string $user_agent, string $details ): bool {
		global $wpdb;
		return false !== $wpdb->update(
			Schema::audit_table(),
			array(
				'ip'         => $ip,
				'user_agent' => $user_agent,
				'details'    => $details,
			),
			array( 'id' => $id ),
			array( '%s', '%s', '%s' ),
			array( '%d' )
		);
	}

	/**
	 * Returns a page of a user's credentials in the sessions index, oldest first.
	 *
	 * @param int $user_id The user.
	 * @param int $limit   Rows at most.
	 * @param int $offset  Rows to skip.
	 * @return array<int, array<string, mixed>>
	 */
	public function sessions_page( int $user_id, int $limit, int $offset ): array {
		global $wpdb;
		$rows = $wpdb->get_results(
			$wpdb->prepare( 'SELECT * FROM ' . Schema::sessions_table() . ' WHERE user_id = %d ORDER BY id ASC LIMIT %d OFFSET %d', $user_id, $limit, $offset ),
			ARRAY_A
		);
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Counts a user's live credentials in the sessions index (not ended, not expired).
	 *
	 * @param int    $user_id The user.
	 * @param string $now     GMT datetime.
	 * @return int
	 */
	public function sessions_live_count( int $user_id, string $now ): int {
		global $wpdb;
		return (int) $wpdb->get_var(
			$wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::sessions_table() . " WHERE user_id = %d AND status = 'active' AND (expires IS NULL OR expires > %s)", $user_id, $now )
		);
	}

	/**
	 * Deletes a batch of a user's ended (or expired) credentials from the sessions index.
	 *
	 * @param int    $user_id The user.
	 * @param string $now     GMT datetime.
	 * @param int    $limit   Rows at most.
	 * @return int Rows deleted (a full batch means there may be more); -1 when the delete failed.
	 */
	public function delete_ended_sessions( int $user_id, string $now, int $limit ): int {
		global $wpdb;
		$table = Schema::sessions_table();
		$ids   = array_map(
			'intval',
			(array) $wpdb->get_col(
				$wpdb->prepare( "SELECT id FROM {$table} WHERE user_id = %d AND (status <> 'active' OR expires <= %s) ORDER BY id ASC LIMIT %d", $user_id, $now, $limit )
			)
		);
		if ( $ids && false === $wpdb->query( "DELETE FROM {$table} WHERE id IN (" . implode( ',', $ids ) . ')' ) ) {
			return -1;
		}
		return count( $ids );
	}

	/**
	 * Returns a user's credentials in the sessions index that still hold a full address or a user agent.
	 *
	 * @param int $user_id The user.
	 * @param int $limit   Rows at most.
	 * @return array<int, array{id: string, ip: string}>
	 */
	public function sessions_identifying( int $user_id, int $limit ): array {
		global $wpdb;
		list( $clause, $args ) = self::identifying();
		$rows                  = $wpdb->get_results(
			$wpdb->prepare( 'SELECT id, ip FROM ' . Schema::sessions_table() . " WHERE user_id = %d AND {$clause} ORDER BY id ASC LIMIT %d", array_merge( array( $user_id ), $args, array( $limit ) ) ),
			ARRAY_A
		);
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Sets the address and user agent of one credential in the sessions index.
	 *
	 * @param int    $id         The row.
	 * @param string $ip         The address.
	 * @param string $user_agent The user agent.
	 * @return bool
	 */
	public function update_session( int $id, string $ip, string $user_agent ): bool {
		global $wpdb;
		return false !== $wpdb->update(
			Schema::sessions_table(),
			array(
				'ip'         => $ip,
				'user_agent' => $user_agent,
			),
			array( 'id' => $id ),
			array( '%s', '%s' ),
			array( '%d' )
		);
	}

	/**
	 * Builds the WHERE clause of the failures that concern a person: their account's, and the
	 * unknown-user failures whose details may hold a login they typed.
	 *
	 * @param int      $user_id The account; 0 for none.
	 * @param string[] $likes   LIKE patterns on `details`.
	 * @return array{0: string, 1: array<int, mixed>} Empty clause when nothing can match.
	 */
	private function events_where( int $user_id, array $likes ): array {
		$any  = array();
		$args = array();
		if ( $user_id > 0 ) {
			$any[]  = 'user_id = %d';
			$args[] = $user_id;
		}
		if ( $likes ) {
			$any[]  = '(user_id = %d AND (' . implode( ' OR ', array_fill( 0, count( $likes ), 'details LIKE %s' ) ) . '))';
			$args[] = 0;
			$args   = array_merge( $args, array_values( $likes ) );
		}
		return array( implode( ' OR ', $any ), $args );
	}

	/**
	 * Builds the condition "still holds a user agent, or an address that is not already reduced
	 * to its network" (wp_privacy_anonymize_ip() ends IPv4 in .0 and IPv6 in ::).
	 *
	 * @return array{0: string, 1: array<int, string>}
	 */
	private static function identifying(): array {
		return array( "(user_agent <> '' OR (ip <> '' AND ip NOT LIKE %s AND ip NOT LIKE %s))", array( '%.0', '%::' ) );
	}

	/**
	 * Returns the formats of a row's values for $wpdb.
	 *
	 * @param array<string, mixed> $data Column => value.
	 * @return string[]
	 */
	private function formats( array $data ): array {
		$formats = array();
		foreach ( $data as $value ) {
			$formats[] = is_int( $value ) ? '%d' : '%s';
		}
		return $formats;
	}
}
