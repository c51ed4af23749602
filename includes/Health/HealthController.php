<?php
/**
 * REST routes of the Site Health checks.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Rest\Controller;

defined( 'ABSPATH' ) || exit;

/**
 * Answers `GET /auth-sentinel/v1/health/authorization-header` (the asynchronous Site Health
 * test, for users with the plugin's capability) and `GET /auth-sentinel/v1/health/authorization-probe`
 * (public: says only whether the request's Authorization header reached PHP).
 *
 * @since 0.1.0
 */
class HealthController extends Controller {

	/**
	 * The Authorization header check.
	 *
	 * @var AuthorizationCheck
	 */
	private $check;

	/**
	 * Creates the controller.
	 *
	 * @param AuthorizationCheck $check The Authorization header check.
	 */
	public function __construct( AuthorizationCheck $check ) {
		parent::__construct( 'health' );
		$this->check = $check;
	}

	/**
	 * Registers the routes.
	 *
	 * @return void
	 */
	public function register_routes() {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/authorization-header',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/authorization-probe',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'probe' ),
					// Public by design: the loopback carries no credential, and the answer is one boolean.
					'permission_callback' => '__return_true',
					'args'                => array(),
				),
			)
		);
	}

	/**
	 * Runs the Authorization header test and answers with its Site Health result.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		return rest_ensure_response( $this->check->run() );
	}

	/**
	 * Says whether this request's Authorization header reached PHP.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public function probe( $request ) {
		$response = rest_ensure_response( AuthorizationCheck::probe_answer() );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * Describes the Site Health result.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = array(
				'$schema'    => 'http://json-schema.org/draft-04/schema#',
				'title'      => 'auth-sentinel-site-health-result',
				'type'       => 'object',
				'properties' => array(
					'label'       => array( 'type' => 'string' ),
					'status'      => array(
						'type' => 'string',
						'enum' => Result::STATUSES,
					),
					'badge'       => array(
						'type'       => 'object',
						'properties' => array(
							'label' => array( 'type' => 'string' ),
							'color' => array( 'type' => 'string' ),
						),
					),
					'description' => array( 'type' => 'string' ),
					'actions'     => array( 'type' => 'string' ),
					'test'        => array( 'type' => 'string' ),
				),
			);
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
