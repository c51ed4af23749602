<?php
/**
 * Who may see or revoke whose sessions, on a network.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * The network's rules of the sessions routes, on top of the plugin's capability: a site
 * administrator sees and revokes only their own site's members, what was created on their site,
 * and never a network administrator's sessions; a network administrator sees every site, or one.
 * On a single site every rule lets everything through.
 *
 * @since 0.1.0
 */
final class SessionAccess {

	/**
	 * Tells whether the caller is a site administrator of a network (not a network administrator).
	 *
	 * @return bool
	 */
	public static function site_administrator(): bool {
		return is_multisite() && ! is_super_admin();
	}

	/**
	 * Refuses a session of another site, or of someone the caller may not touch, to a site
	 * administrator of a network.
	 *
	 * @param array<string, mixed> $row The session's index row.
	 * @return true|\WP_Error
	 */
	public static function may_touch_row( array $row ) {
		if ( self::site_administrator() && get_current_blog_id() !== (int) $row['site_id'] ) {
			return new \WP_Error( 'auth_sentinel_forbidden', __( 'This session was created on another site of the network: only a network administrator can see or revoke it.', 'auth-sentinel' ), array( 'status' => 403 ) );
		}
		return self::may_touch( (int) $row['user_id'] );
	}

	/**
	 * Refuses to touch a super admin's credentials on behalf of a site administrator.
	 *
	 * @param int $user_id The credential's owner.
	 * @return true|\WP_Error
	 */
	public static function may_touch( int $user_id ) {
		if ( is_multisite() && is_super_admin( $user_id ) && ! is_super_admin() ) {
			return new \WP_Error( 'auth_sentinel_forbidden', __( 'Only a network administrator can revoke a network administrator’s sessions.', 'auth-sentinel' ), array( 'status' => 403 ) );
		}
		if ( is_multisite() && ! is_super_admin() && ! is_user_member_of_blog( $user_id, get_current_blog_id() ) ) {
			return new \WP_Error( 'auth_sentinel_forbidden', __( 'This user is not a member of this site.', 'auth-sentinel' ), array( 'status' => 403 ) );
		}
		return true;
	}

	/**
	 * Returns the site whose members a request may see: on a network, a site administrator sees
	 * only their own site's users; a network administrator all, or one site with `site`.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return int 0 for every user.
	 */
	public static function site_scope( $request ): int {
		if ( ! is_multisite() ) {
			return 0;
		}
		return is_super_admin() ? (int) $request['site'] : get_current_blog_id();
	}

	/**
	 * Returns the network administrators' user ids.
	 *
	 * @return int[]
	 */
	public static function super_admin_ids(): array {
		$ids = array();
		foreach ( get_super_admins() as $login ) {
			$user = get_user_by( 'login', $login );
			if ( $user ) {
				$ids[] = (int) $user->ID;
			}
		}
		return $ids;
	}
}
