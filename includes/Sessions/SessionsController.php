<?php
/**
 * REST routes of sessions: list, read one, revoke one.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Events\ClientName;
use AuthSentinel\Rest\Controller;
use AuthSentinel\Rest\Dates;
use AuthSentinel\Rest\Permissions;

defined( 'ABSPATH' ) || exit;

/**
 * `GET /sessions` and `GET|DELETE /sessions/{id}`, and how a session is shaped (`SessionSchema`
 * declares it); on a network, `SessionAccess` says who may see or revoke whose sessions.
 * `UserSessionsController` adds `GET|DELETE /users/{id}/sessions`; "revoke everyone" is
 * `RevokeAllController`'s.
 *
 * @since 0.1.0
 */
class SessionsController extends Controller {

	/**
	 * The listing of the index.
	 *
	 * @var SessionListing
	 */
	private $listing;

	/**
	 * The revoker.
	 *
	 * @var Revoker
	 */
	protected $revoker;

	/**
	 * The fingerprints (of the caller's own credentials).
	 *
	 * @var CredentialFingerprints
	 */
	private $fingerprints;

	/**
	 * Creates the controller.
	 *
	 * @param SessionListing         $listing      The listing of the index.
	 * @param Revoker                $revoker      The revoker.
	 * @param CredentialFingerprints $fingerprints The fingerprints.
	 */
	public function __construct( SessionListing $listing, Revoker $revoker, CredentialFingerprints $fingerprints ) {
		parent::__construct( 'sessions' );
		$this->listing      = $listing;
		$this->revoker      = $revoker;
		$this->fingerprints = $fingerprints;
	}

	/**
	 * Registers the routes.
	 *
	 * @return void
	 */
	public function register_routes() {
		$this->register_collection_route();
		register_rest_route(
			$this->namespace,
			'/sessions/(?P<id>\d+)',
			array(
				'args'   => array(
					'id' => array(
						'description' => __( 'The session id.', 'auth-sentinel' ),
						'type'        => 'integer',
						'minimum'     => 1,
					),
				),
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
				),
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'delete_item_permissions_check' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Checks the caller may revoke.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return true|\WP_Error
	 */
	public function delete_item_permissions_check( $request ) {
		return Permissions::check();
	}


	/**
	 * Lists sessions.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$args = array(
			'user'          => (int) $request['user'],
			'site'          => SessionAccess::site_scope( $request ),
			// A site administrator never sees a network administrator's sessions, nor what was
			// created on another site.
			'exclude_users' => is_multisite() && ! is_super_admin() ? SessionAccess::super_admin_ids() : array(),
			'type'          => (string) $request['type'],
			'status'        => (string) $request['status'],
			'search'        => (string) $request['search'],
			'orderby'       => (string) $request['orderby'],
			'order'         => (string) $request['order'],
			'page'          => (int) $request['page'],
			'per_page'      => (int) $request['per_page'],
		);
		if ( SessionAccess::site_administrator() ) {
			$args['created_on'] = get_current_blog_id();
		}
		$result   = $this->listing->query( $args );
		$user_ids = array_unique( array_map( 'intval', wp_list_pluck( $result['rows'], 'user_id' ) ) );
		if ( $user_ids ) {
			cache_users( $user_ids );
		}
		$items = array();
		foreach ( $result['rows'] as $row ) {
			$items[] = $this->prepare_response_for_collection( $this->prepare_item_for_response( $row, $request ) );
		}
		return self::paging_headers( rest_ensure_response( $items ), $result, $args['per_page'] );
	}


	/**
	 * Returns one session.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$row = $this->listing->find( (int) $request['id'] );
		if ( ! $row ) {
			return self::not_found();
		}
		$allowed = SessionAccess::may_touch_row( $row );
		return true === $allowed ? $this->prepare_item_for_response( $row, $request ) : $allowed;
	}

	/**
	 * Revokes one session.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function delete_item( $request ) {
		$row = $this->listing->find( (int) $request['id'] );
		if ( ! $row || 'active' !== $row['status'] ) {
			return self::not_found();
		}
		$allowed = SessionAccess::may_touch_row( $row );
		if ( true !== $allowed ) {
			return $allowed;
		}
		$previous = $this->prepare_item_for_response( $row, $request )->get_data();
		try {
			$this->revoker->revoke( $row, get_current_user_id(), 'admin' );
		} catch ( \RuntimeException $e ) {
			return self::failed( $e );
		}
		return rest_ensure_response(
			array(
				'deleted'  => true,
				'previous' => $previous,
			)
		);
	}

	/**
	 * Shapes one session.
	 *
	 * @param array<string, mixed> $row     The index row.
	 * @param \WP_REST_Request     $request The request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $row, $request ) {
		$user_id = (int) $row['user_id'];
		$user    = get_userdata( $user_id );
		$agent   = (string) $row['user_agent'];
		$client  = '' !== $agent ? ClientName::describe( $agent ) : ( '' !== $row['label'] ? (string) $row['label'] : ClientName::describe( '' ) );
		return rest_ensure_response(
			array(
				'id'           => (int) $row['id'],
				'type'         => (string) $row['type'],
				'user_id'      => $user_id,
				'user'         => $user ? array(
					'id'    => $user_id,
					'login' => $user->user_login,
					'name'  => $user->display_name,
					'roles' => array_values( $user->roles ),
				) : null,
				'created'      => Dates::iso( (string) $row['created'] ),
				'expires'      => null === $row['expires'] ? null : Dates::iso( (string) $row['expires'] ),
				'last_seen'    => null === $row['last_seen'] ? null : Dates::iso( (string) $row['last_seen'] ),
				'ip'           => (string) $row['ip'],
				'user_agent'   => $agent,
				'client'       => $client,
				'label'        => (string) $row['label'],
				'current'      => $this->is_current( $row ),
				'status'       => 'active' === $row['status'] && null !== $row['expires'] && strtotime( $row['expires'] . ' UTC' ) <= time() ? 'ended' : (string) $row['status'],
				'ended_at'     => null === $row['ended_at'] ? null : Dates::iso( (string) $row['ended_at'] ),
				'ended_by'     => (int) $row['ended_by'],
				'ended_reason' => 'active' === $row['status'] && null !== $row['expires'] && strtotime( $row['expires'] . ' UTC' ) <= time() ? 'expired' : (string) $row['ended_reason'],
			)
		);
	}

	/**
	 * Tells whether a row is the caller's own credential of this request.
	 *
	 * @param array<string, mixed> $row The row.
	 * @return bool
	 */
	private function is_current( array $row ): bool {
		if ( get_current_user_id() !== (int) $row['user_id'] ) {
			return false;
		}
		if ( 'cookie' === $row['type'] ) {
			$verifier = CredentialFingerprints::current_verifier();
			return '' !== $verifier && $this->fingerprints->cookie( $verifier ) === $row['fp'];
		}
		if ( 'app_password' === $row['type'] ) {
			$uuid = Revoker::current_app_password();
			return '' !== $uuid && $uuid === $row['ref'];
		}
		return false;
	}

	/**
	 * Declares the query parameters (SessionSchema).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function get_collection_params() {
		return SessionSchema::collection_params( parent::get_collection_params() );
	}

	/**
	 * Describes a session (SessionSchema).
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = SessionSchema::item();
		}
		return $this->add_additional_fields_schema( $this->schema );
	}

	/**
	 * The 404 of an unknown or already-ended session.
	 *
	 * @return \WP_Error
	 */
	private static function not_found(): \WP_Error {
		return new \WP_Error( 'auth_sentinel_session_not_found', __( 'No live session has this id: it may have ended already.', 'auth-sentinel' ), array( 'status' => 404 ) );
	}

	/**
	 * The 404 of an unknown user.
	 *
	 * @return \WP_Error
	 */
	protected static function no_user(): \WP_Error {
		return new \WP_Error( 'auth_sentinel_user_not_found', __( 'No user has this id.', 'auth-sentinel' ), array( 'status' => 404 ) );
	}

	/**
	 * The 500 of a revocation storage did not confirm, with what was and was not ended (every
	 * revoking route answers it).
	 *
	 * @param \RuntimeException $e Why.
	 * @return \WP_Error
	 */
	public static function failed( \RuntimeException $e ): \WP_Error {
		$data = array( 'status' => 500 );
		if ( $e instanceof RevocationFailed ) {
			$data['revoked']     = $e->ended;
			$data['not_revoked'] = $e->left;
		}
		return new \WP_Error( 'auth_sentinel_revoke_failed', __( 'The revocation could not be confirmed in the database; what is listed as not revoked may still work. Try again.', 'auth-sentinel' ), $data );
	}
}
