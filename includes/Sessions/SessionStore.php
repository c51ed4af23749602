<?php
/**
 * Core's credentials kept in user meta, read and deleted in bulk.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * The one place that deletes a credential meta key for every user at once ("revoke everyone"):
 * going through core's storage one user at a time would take minutes at 100,000 users. Only
 * the rows that existed when the revocation began are deleted and checked (the highest meta id
 * is read first), so a user who signs in meanwhile keeps the new session and does not make the
 * check fail. User-meta caches are dropped after.
 *
 * @since 0.1.0
 */
class SessionStore {

	/**
	 * Deletes a meta key for every user but one, and confirms it.
	 *
	 * @param string $meta_key     The key (session_tokens, WCPOS's sessions…).
	 * @param int    $except_user  The user whose rows stay (the caller).
	 * @return int Rows deleted.
	 * @throws \RuntimeException When a row that existed before is still there.
	 */
	public function delete_everyones( string $meta_key, int $except_user ): int {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- One statement over every user's meta; caches are dropped below.
		$max  = (int) $wpdb->get_var( $wpdb->prepare( "SELECT MAX(umeta_id) FROM {$wpdb->usermeta} WHERE meta_key = %s", $meta_key ) );
		$done = 0 === $max ? 0 : $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key = %s AND user_id <> %d AND umeta_id <= %d", $meta_key, $except_user, $max ) );
		self::forget_user_meta_cache();
		$left = 0 === $max ? 0 : (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key = %s AND user_id <> %d AND umeta_id <= %d", $meta_key, $except_user, $max ) );
		// phpcs:enable
		if ( false === $done || $left > 0 ) {
			throw new \RuntimeException( 'Stored credentials could not be deleted.' );
		}
		return (int) $done;
	}

	/**
	 * Returns the users who have a meta key.
	 *
	 * @param string $meta_key The key.
	 * @return int[]
	 */
	public function owners( string $meta_key ): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Who holds a credential, for a bulk revocation; nothing to cache.
		return array_map( 'intval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT user_id FROM {$wpdb->usermeta} WHERE meta_key = %s", $meta_key ) ) );
	}

	/**
	 * Returns a batch of the rows of a meta key, in id order (for indexing what exists).
	 *
	 * @param string $meta_key The key.
	 * @param int    $after    Only ids above this.
	 * @param int    $limit    Rows at most.
	 * @return array<int, array{umeta_id: string, user_id: string}>
	 */
	public function scan( string $meta_key, int $after, int $limit ): array {
		global $wpdb;
		$rows = $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A batched scan; nothing to cache.
			$wpdb->prepare( "SELECT umeta_id, user_id FROM {$wpdb->usermeta} WHERE meta_key = %s AND umeta_id > %d ORDER BY umeta_id LIMIT %d", $meta_key, $after, $limit ),
			ARRAY_A
		);
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Counts core's sign-in sessions alive at a moment, across all users, reading the stored
	 * `session_tokens` rows in batches of 500 (a one-off scan when a cookie key changed: every
	 * one of them was just invalidated). A row that does not unserialise counts as none.
	 *
	 * @param int $now The moment (Unix time).
	 * @return array{sessions: int, users: int}
	 */
	public function count_live( int $now ): array {
		global $wpdb;
		$sessions = 0;
		$users    = 0;
		$after    = 0;
		do {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A one-off scan in batches at a key change.
			$rows = (array) $wpdb->get_results(
				$wpdb->prepare(
					"SELECT umeta_id, meta_value FROM {$wpdb->usermeta} WHERE meta_key = 'session_tokens' AND umeta_id > %d ORDER BY umeta_id LIMIT 500",
					$after
				)
			);
			foreach ( $rows as $row ) {
				$after  = (int) $row->umeta_id;
				$tokens = is_serialized( $row->meta_value ) ? @unserialize( $row->meta_value, array( 'allowed_classes' => false ) ) : null; // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_unserialize,WordPress.PHP.NoSilencedErrors.Discouraged -- Core's own format; a broken row just counts as none.
				$live   = 0;
				foreach ( is_array( $tokens ) ? $tokens : array() as $session ) {
					if ( is_array( $session ) && isset( $session['expiration'] ) && (int) $session['expiration'] >= $now ) {
						++$live;
					}
				}
				$sessions += $live;
				$users    += $live > 0 ? 1 : 0;
			}
			$full = 500 === count( $rows );
		} while ( $full );

		return array(
			'sessions' => $sessions,
			'users'    => $users,
		);
	}

	/**
	 * Drops cached user meta after a statement that changed many users' meta at once.
	 *
	 * @return void
	 */
	private static function forget_user_meta_cache(): void {
		if ( function_exists( 'wp_cache_supports' ) && wp_cache_supports( 'flush_group' ) ) {
			wp_cache_flush_group( 'user_meta' );
			return;
		}
		wp_cache_flush();
	}
}
