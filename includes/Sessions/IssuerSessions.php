<?php
/**
 * The refresh credentials token plugins keep for themselves.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * Ends what a token plugin keeps to mint new tokens without a password, so that a revoked user
 * cannot buy a fresh token with it (facts from the plugins' sources, see docs/security.md):
 *
 * - JWT Auth (Useful Team): the `refresh_token` cookie is checked against the user meta
 *   `jwt_auth_refresh_tokens` (per device), with `jwt_auth_refresh_tokens_expires_next`; the
 *   plugin itself leaves them in place on a password change.
 * - Simple JWT Login 4: opaque refresh tokens in its table `{prefix}simple_jwt_login_refresh_tokens`.
 *
 * WCPOS's refresh sessions are credentials of their own in the index (type `wcpos`): Revoker
 * ends them. Every delete is read back; what remains throws.
 *
 * @since 0.1.0
 */
class IssuerSessions {

	/**
	 * JWT Auth's refresh tokens, per device.
	 */
	const JWT_AUTH_REFRESH = 'jwt_auth_refresh_tokens';

	/**
	 * JWT Auth's bookkeeping of the next refresh-token expiry.
	 */
	const JWT_AUTH_REFRESH_NEXT = 'jwt_auth_refresh_tokens_expires_next';

	/**
	 * Simple JWT Login 4's refresh-token table, without the prefix.
	 */
	const SJL_REFRESH_TABLE = 'simple_jwt_login_refresh_tokens';

	/**
	 * Ends one user's refresh credentials.
	 *
	 * @param int $user_id The user.
	 * @return int How many were ended.
	 * @throws \RuntimeException When one is still stored afterwards.
	 */
	public function end_user( int $user_id ): int {
		global $wpdb;
		$ended  = 0;
		$stored = get_user_meta( $user_id, self::JWT_AUTH_REFRESH, true );
		if ( is_array( $stored ) && $stored ) {
			$ended += count( $stored );
		}
		delete_user_meta( $user_id, self::JWT_AUTH_REFRESH );
		delete_user_meta( $user_id, self::JWT_AUTH_REFRESH_NEXT );
		$table = $this->sjl_table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Another plugin's table, named by it; read back past every cache.
		if ( '' !== $table ) {
			$done   = $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE user_id = %d", $user_id ) );
			$ended += is_int( $done ) ? $done : 0;
		}
		$left = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE user_id = %d AND meta_key = %s", $user_id, self::JWT_AUTH_REFRESH ) );
		if ( '' !== $table ) {
			$left += (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE user_id = %d", $user_id ) );
		}
		// phpcs:enable
		wp_cache_delete( $user_id, 'user_meta' );
		if ( $left > 0 ) {
			throw new \RuntimeException( 'A token plugin’s refresh token is still stored.' );
		}
		return $ended;
	}

	/**
	 * Ends every user's refresh credentials but the caller's.
	 *
	 * @param int $keep_user The caller (their own refresh credentials stay).
	 * @return int How many users' or rows were ended.
	 * @throws \RuntimeException When one is still stored afterwards.
	 */
	public function end_all( int $keep_user ): int {
		global $wpdb;
		$table = $this->sjl_table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- One statement over every user's meta; caches are dropped after. Another plugin's table, named by it.
		$done  = $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key IN (%s, %s) AND user_id <> %d", self::JWT_AUTH_REFRESH, self::JWT_AUTH_REFRESH_NEXT, $keep_user ) );
		$ended = is_int( $done ) ? $done : 0;
		if ( '' !== $table ) {
			$done   = $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE user_id <> %d", $keep_user ) );
			$ended += is_int( $done ) ? $done : 0;
		}
		$left = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key = %s AND user_id <> %d", self::JWT_AUTH_REFRESH, $keep_user ) );
		if ( '' !== $table ) {
			$left += (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE user_id <> %d", $keep_user ) );
		}
		// phpcs:enable
		if ( $left > 0 ) {
			throw new \RuntimeException( 'A token plugin’s refresh token is still stored.' );
		}
		return $ended;
	}

	/**
	 * Tells whether Simple JWT Login revoked a token itself (4.x: its table, by sha256; 3.x: user meta).
	 *
	 * @param string $token   The raw token.
	 * @param int    $user_id Its user.
	 * @return bool
	 */
	public function simple_jwt_login_revoked( string $token, int $user_id ): bool {
		global $wpdb;
		$table = $wpdb->prefix . 'simple_jwt_login_revoked_tokens';
		// phpcs:disable WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Another plugin's table, read only while diagnosing.
		$suppress = $wpdb->suppress_errors( true );
		$found    = $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) )
			&& null !== $wpdb->get_var( $wpdb->prepare( "SELECT 1 FROM {$table} WHERE token_hash = %s LIMIT 1", hash( 'sha256', $token ) ) );
		$wpdb->suppress_errors( $suppress );
		// phpcs:enable
		return $found || ( $user_id > 0 && in_array( $token, (array) get_user_meta( $user_id, 'simple_jwt_login_revoked_token', false ), true ) );
	}

	/**
	 * Returns Simple JWT Login's refresh-token table when it exists on this site, '' otherwise.
	 *
	 * @return string
	 */
	private function sjl_table(): string {
		global $wpdb;
		$table = $wpdb->prefix . self::SJL_REFRESH_TABLE;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Whether another plugin's table exists; asked only while revoking.
		$found = $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) );
		return $found === $table ? $table : '';
	}
}
