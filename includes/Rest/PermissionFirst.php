<?php
/**
 * The plugin's routes check who asks before what they ask.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * WordPress validates a request's arguments before its permission callback, so a route with a
 * required argument answered an anonymous caller or an editor `400 rest_missing_callback_param`
 * (and told them which arguments it takes). For the plugin's routes, an argument error is
 * replaced by the permission callback's own refusal (401 anonymous, 403 others) when it refuses.
 *
 * @since 0.1.0
 */
class PermissionFirst {

	/**
	 * Asks the permission callback first when the arguments were refused.
	 *
	 * @param mixed                $response Null, or an early answer (an argument error).
	 * @param array<string, mixed> $handler  The route's handler.
	 * @param \WP_REST_Request     $request  The request.
	 * @return mixed
	 */
	public function before( $response, $handler, $request ) {
		if ( ! is_wp_error( $response ) || ! $request instanceof \WP_REST_Request || 0 !== strpos( $request->get_route(), '/auth-sentinel/v1/' ) ) {
			return $response;
		}
		if ( ! in_array( $response->get_error_code(), array( 'rest_missing_callback_param', 'rest_invalid_param' ), true ) || empty( $handler['permission_callback'] ) ) {
			return $response;
		}
		$allowed = call_user_func( $handler['permission_callback'], $request );
		if ( true === $allowed ) {
			return $response;
		}
		return is_wp_error( $allowed ) ? $allowed : new \WP_Error( 'rest_forbidden', __( 'Sorry, you are not allowed to do that.', 'auth-sentinel' ), array( 'status' => rest_authorization_required_code() ) );
	}
}
