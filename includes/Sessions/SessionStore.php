<?php
/**
 * Bulk operations on credentials kept in user meta.
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
