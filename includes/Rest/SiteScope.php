<?php
/**
 * Lets a network administrator read another site's data through the plugin's routes.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * On a network, every site keeps its own failures and audit trail. A request to one of the
 * plugin's routes with `site=<id>` runs, for a network administrator, as if made on that site
 * (switch_to_blog around the permission check and the callback). Anyone else asking for
 * another site gets 403: a site administrator sees only their own site.
 *
 * @since 0.1.0
 */
class SiteScope {

	/**
	 * How many switches this request made and must undo.
	 *
	 * @var int
	 */
	private $switched = 0;

	/**
	 * Switches to the site asked for.
	 *
	 * @param mixed                $response Null, or an early answer.
	 * @param array<string, mixed> $handler  The route's handler.
	 * @param \WP_REST_Request     $request  The request.
	 * @return mixed
	 */
	public function before( $response, $handler, $request ) {
		unset( $handler );
		if ( null !== $response || ! $request instanceof \WP_REST_Request || 0 !== strpos( $request->get_route(), '/auth-sentinel/v1/' ) ) {
			return $response;
		}
		$site = $request->get_param( 'site' );
		if ( ! is_numeric( $site ) || (int) $site <= 0 || get_current_blog_id() === (int) $site ) {
			return $response;
		}
		if ( ! is_super_admin() ) {
			return new \WP_Error( 'auth_sentinel_forbidden', __( 'Only a network administrator can see another site’s data.', 'auth-sentinel' ), array( 'status' => is_user_logged_in() ? 403 : 401 ) );
		}
		if ( ! get_site( (int) $site ) ) {
			return new \WP_Error(
				'rest_invalid_param',
				__( 'No site has this id.', 'auth-sentinel' ),
				array(
					'status' => 400,
					'params' => array(
						'site' => __(
							'No site has this id.',
							'auth-sentinel'
						),
					),
				)
			);
		}
		switch_to_blog( (int) $site );
		++$this->switched;
		return $response;
	}

	/**
	 * Switches back.
	 *
	 * @param mixed                $response The answer.
	 * @param array<string, mixed> $handler  The route's handler.
	 * @param \WP_REST_Request     $request  The request.
	 * @return mixed
	 */
	public function after( $response, $handler, $request ) {
		unset( $handler, $request );
		if ( $this->switched > 0 ) {
			--$this->switched;
			restore_current_blog();
		}
		return $response;
	}
}
