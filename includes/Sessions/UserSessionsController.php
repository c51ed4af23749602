<?php
/**
 * REST routes of one user's credentials: users/{id|me}/sessions.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Rest\Dates;
use AuthSentinel\Rest\Permissions;

defined( 'ABSPATH' ) || exit;

/**
 * `GET` lists one user's credentials, `DELETE` revokes them all, as core's application
 * passwords controller does for a user's passwords: the user is named by id, or `me` for the
 * caller. The listing, its fields and its permissions are the sessions controller's.
 *
 * @since 0.1.0
 */
class UserSessionsController extends SessionsController {

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes() {
		register_rest_route(
			$this->namespace,
			'/users/(?P<user_id>\d+|me)/sessions',
			array(
				'args'   => array(
					'user_id' => array(
						'description'       => __( 'The user id, or "me" for the caller.', 'auth-sentinel' ),
						'type'              => 'string',
						'validate_callback' => static function ( $value ) {
							return 'me' === $value || ( is_string( $value ) && 1 === preg_match( '/^[1-9][0-9]{0,19}$/', $value ) )
								? true
								: new \WP_Error( 'rest_invalid_param', __( 'Name the user by id, or "me".', 'auth-sentinel' ), array( 'status' => 400 ) );
						},
					),
				),
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_user_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => array_diff_key( $this->get_collection_params(), array( 'user' => true ) ),
				),
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_user_items' ),
					'permission_callback' => array( $this, 'delete_user_permissions_check' ),
					'args'                => array(
						'application_passwords' => array(
							'description' => __( 'Also revoke the user’s application passwords.', 'auth-sentinel' ),
							'type'        => 'boolean',
							'default'     => true,
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Returns the user the request's path names: by id, or `me` for the caller (0 when signed
	 * out, or when the path names nobody). Read from the path itself: a `user_id` sent in the
	 * query or the body would otherwise win over it.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return int
	 */
	private static function user_of( $request ): int {
		$user = $request->get_url_params()['user_id'] ?? '';
		if ( 'me' === $user ) {
			return get_current_user_id();
		}
		return is_string( $user ) && ctype_digit( $user ) ? (int) $user : 0;
	}

	/**
	 * Checks the caller may revoke this user's credentials: never a super admin's, unless a super admin.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return true|\WP_Error
	 */
	public function delete_user_permissions_check( $request ) {
		$allowed = Permissions::check();
		if ( true !== $allowed ) {
			return $allowed;
		}
		return SessionAccess::may_touch( self::user_of( $request ) );
	}

	/**
	 * Lists one user's sessions.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_user_items( $request ) {
		$user_id = self::user_of( $request );
		if ( ! get_userdata( $user_id ) ) {
			return self::no_user();
		}
		$request->set_param( 'user', $user_id );
		return $this->get_items( $request );
	}

	/**
	 * Revokes every credential of one user.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function delete_user_items( $request ) {
		$user_id = self::user_of( $request );
		if ( ! get_userdata( $user_id ) ) {
			return self::no_user();
		}
		try {
			$done = $this->revoker->revoke_user(
				$user_id,
				get_current_user_id(),
				'admin',
				array(
					'application_passwords' => (bool) $request['application_passwords'],
					// A site administrator ends only what was created on their site.
					'site'                  => SessionAccess::site_administrator() ? get_current_blog_id() : 0,
				)
			);
		} catch ( \RuntimeException $e ) {
			return self::failed( $e );
		}
		return rest_ensure_response(
			array(
				'revoked'    => $done['revoked'],
				'not_before' => Dates::iso( gmdate( 'Y-m-d H:i:s', $done['not_before'] ) ),
			)
		);
	}
}
