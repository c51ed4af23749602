<?php
/**
 * Wires the endpoint a signed-out app calls to learn why its token failed.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Apps;

use AuthSentinel\Events\Issuers;
use AuthSentinel\Plugin;
use AuthSentinel\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the endpoint a signed-out app calls to learn why its token failed.
 *
 * A token sent as `Authorization: Bearer` also reaches the token plugins, and some of them
 * answer every REST request with their own error before any route runs (JWT Authentication
 * from rest_pre_dispatch, Simple JWT Login from rest_authentication_errors). On this one
 * public route, which authenticates nobody, ignores who the current user is and serves nothing
 * private, such token errors (Auth Sentinel's own revocation included) are set aside so the app
 * gets its answer; errors of any other kind are left alone.
 *
 * @since 0.1.0
 */
class AppsModule {

	/**
	 * The full route of the endpoint.
	 */
	const ROUTE = '/auth-sentinel/v1/token-status';

	/**
	 * The priority of the filters that set token errors aside: after every token check.
	 */
	const PRIORITY = 10000;

	/**
	 * The plugin, for the other domains' objects.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * Keeps the plugin; builds nothing until a hook needs it.
	 *
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Hooks the module.
	 *
	 * @return void
	 */
	public function register(): void {
		add_action(
			'rest_api_init',
			function () {
				if ( ! Routes::needed() ) {
					return;
				}
				( new TokenStatusController( $this->plugin ) )->register_routes();
				if ( self::ROUTE === self::requested_route() ) {
					// After every token check, Auth Sentinel's own revocation gate (1000) included.
					add_filter( 'rest_authentication_errors', array( $this, 'set_aside_token_error' ), self::PRIORITY );
					add_filter( 'rest_pre_dispatch', array( $this, 'set_aside_dispatch_error' ), self::PRIORITY, 3 );
				}
			}
		);
	}

	/**
	 * Sets aside a token plugin's authentication error on the token-status route.
	 *
	 * @param mixed $result The authentication result so far.
	 * @return mixed
	 */
	public function set_aside_token_error( $result ) {
		return self::is_token_error( $result ) && self::ROUTE === self::requested_route() ? null : $result;
	}

	/**
	 * Sets aside a token plugin's early answer on the token-status route.
	 *
	 * @param mixed            $result  The early answer, null to dispatch.
	 * @param \WP_REST_Server  $server  The server.
	 * @param \WP_REST_Request $request The request.
	 * @return mixed
	 */
	public function set_aside_dispatch_error( $result, $server = null, $request = null ) {
		if ( ! self::is_token_error( $result ) || ! $request instanceof \WP_REST_Request ) {
			return $result;
		}
		return self::ROUTE === untrailingslashit( $request->get_route() ) ? null : $result;
	}

	/**
	 * Tells whether a result is an error of a known token plugin (or of Auth Sentinel's own
	 * token revocation).
	 *
	 * @param mixed $result A filter's value.
	 * @return bool
	 */
	private static function is_token_error( $result ): bool {
		return $result instanceof \WP_Error && '' !== ( new Issuers() )->from_code( (string) $result->get_error_code() );
	}

	/**
	 * Returns the REST route of this request, '' when not a REST request.
	 *
	 * @return string
	 */
	private static function requested_route(): string {
		global $wp;
		$route = isset( $wp->query_vars['rest_route'] ) && is_string( $wp->query_vars['rest_route'] ) ? $wp->query_vars['rest_route'] : '';
		return '' === $route ? '' : untrailingslashit( '/' . ltrim( $route, '/' ) );
	}
}
