<?php
/**
 * REST route of "revoke everyone": POST /sessions/revoke-all.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Rest\Controller;
use AuthSentinel\Rest\Dates;
use AuthSentinel\Rest\Permissions;

defined( 'ABSPATH' ) || exit;

/**
 * `POST /sessions/revoke-all`: everyone's credentials end but the caller's current session,
 * after the caller enters their own password again (`Reauthentication`, locked after too many
 * wrong ones). On a network, a network administrator revokes one site's members or the whole
 * network, a site administrator their own site's members, what was created there.
 *
 * @since 0.1.0
 */
class RevokeAllController extends Controller {

	/**
	 * The revoker.
	 *
	 * @var Revoker
	 */
	private $revoker;

	/**
	 * The password re-entry.
	 *
	 * @var Reauthentication
	 */
	private $reauth;

	/**
	 * Creates the controller.
	 *
	 * @param Revoker          $revoker The revoker.
	 * @param Reauthentication $reauth  The password re-entry.
	 */
	public function __construct( Revoker $revoker, Reauthentication $reauth ) {
		parent::__construct( 'sessions' );
		$this->revoker = $revoker;
		$this->reauth  = $reauth;
	}

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes() {
		register_rest_route(
			$this->namespace,
			'/sessions/revoke-all',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'revoke_all' ),
					'permission_callback' => array( $this, 'revoke_all_permissions_check' ),
					'args'                => array(
						'password'              => array(
							'description' => __( 'Your own password, to confirm.', 'auth-sentinel' ),
							'type'        => 'string',
							'required'    => true,
							'minLength'   => 1,
							'maxLength'   => 4096,
						),
						'application_passwords' => array(
							'description' => __( 'Also revoke everyone’s application passwords.', 'auth-sentinel' ),
							'type'        => 'boolean',
							'default'     => true,
						),
						'site'                  => array(
							'description' => __( 'On a network: only the members of this site (network administrators; 0 or absent is every user of the network). A site administrator always revokes only their own site’s members.', 'auth-sentinel' ),
							'type'        => 'integer',
							'minimum'     => 0,
							'default'     => 0,
						),
					),
				),
			)
		);
	}

	/**
	 * Checks the caller may revoke.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return true|\WP_Error
	 */
	public function revoke_all_permissions_check( $request ) {
		return Permissions::check();
	}

	/**
	 * Revokes everyone's credentials but the caller's current session, after checking the
	 * caller's password.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function revoke_all( $request ) {
		$user   = wp_get_current_user();
		$reauth = $this->reauth;
		$wait   = $reauth->locked_for( (int) $user->ID );
		if ( $wait > 0 ) {
			$error = new \WP_Error( 'auth_sentinel_too_many_attempts', __( 'Too many wrong passwords. Nothing was revoked. Try again later.', 'auth-sentinel' ), array( 'status' => 429 ) );
			$error->add_data( array( 'retry_after' => $wait ), 'auth_sentinel_too_many_attempts' );
			return $error;
		}
		if ( ! $reauth->check( $user, (string) $request['password'] ) ) {
			return new \WP_Error( 'auth_sentinel_incorrect_password', __( 'The password you entered is not your password. Nothing was revoked.', 'auth-sentinel' ), array( 'status' => 403 ) );
		}
		// On a network: a network administrator revokes one site's members with `site`, else the
		// whole network; a site administrator their own site's members, what was created there.
		$site = is_multisite() ? ( is_super_admin() ? (int) $request['site'] : get_current_blog_id() ) : 0;
		try {
			$done = $this->revoker->revoke_all( $user->ID, (bool) $request['application_passwords'], $site, is_super_admin() );
		} catch ( \RuntimeException $e ) {
			return SessionsController::failed( $e );
		}
		$answer = array(
			'revoked'    => $done['revoked'],
			'not_before' => Dates::iso( gmdate( 'Y-m-d H:i:s', $done['not_before'] ) ),
			'scope'      => ! is_multisite() ? 'site' : ( $site > 0 ? 'site_members' : 'network' ),
		);
		return rest_ensure_response( $answer );
	}
}
