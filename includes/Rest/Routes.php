<?php
/**
 * Whether the plugin's REST routes are worth registering on this request.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * Saves every other REST request the cost of building the plugin's controllers: a REST request
 * for another namespace cannot reach them. The index, batch requests and any dispatch that is
 * not a REST request of its own (rest_do_request from PHP, preloading in wp-admin, WP-CLI) get
 * them all.
 *
 * @since 0.1.0
 */
final class Routes {

	/**
	 * Tells whether to register the routes now.
	 *
	 * @return bool
	 */
	public static function needed(): bool {
		global $wp;
		$route  = isset( $wp->query_vars['rest_route'] ) && is_string( $wp->query_vars['rest_route'] ) ? '/' . ltrim( $wp->query_vars['rest_route'], '/' ) : '';
		$needed = '' === $route || '/' === $route || 0 === strpos( $route . '/', '/auth-sentinel/' ) || 0 === strpos( $route, '/batch/' );

		/**
		 * Filters whether Auth Sentinel registers its REST routes on this request.
		 *
		 * @since 0.1.0
		 *
		 * @param bool   $needed Whether they are registered.
		 * @param string $route  The REST route requested, '' when not a REST request.
		 */
		return (bool) apply_filters( 'auth_sentinel_register_routes', $needed, $route );
	}
}
