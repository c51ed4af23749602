<?php
/**
 * The permission check shared by every REST route.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Rest;

use AuthSentinel\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * Lets through only users with the plugin's capability: anonymous gets 401, others 403.
 *
 * @since 0.1.0
 */
class Permissions {

	/**
	 * Checks the current user may use the plugin's routes.
	 *
	 * @return true|\WP_Error
	 */
	public static function check() {
		if ( Capabilities::current_user_can() ) {
			return true;
		}
		return new \WP_Error(
			'auth_sentinel_forbidden',
			is_user_logged_in()
				? __( 'Sorry, you are not allowed to see Auth Sentinel data.', 'auth-sentinel' )
				: __( 'You must be signed in to see Auth Sentinel data.', 'auth-sentinel' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}
}
