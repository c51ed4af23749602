<?php
/**
 * REST routes of the audit log's background exports.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Rest\Controller;

defined( 'ABSPATH' ) || exit;

/**
 * `POST /audit/exports` starts an export of the audit log with the listing's filters, or a
 * relative `period` (201, the job); `GET /audit/exports` lists the caller's exports of the
 * site, with the filters as they were chosen, so that the screen finds its export again after a
 * reload; `GET /audit/exports/{id}` writes its next rows for at most a few seconds and answers
 * where it is; `GET|POST /audit/exports/{id}/file` downloads the finished file (409 before);
 * `DELETE /audit/exports/{id}` cancels a running export or drops a finished one, with its
 * file. A user sees only the jobs they started on the site asked about (404 for others').
 * See ExportJobs and ExportSteps; an export's parameters and fields are ExportSchema's.
 *
 * @since 0.2.0
 */
class ExportsController extends Controller {

	/**
	 * The jobs.
	 *
	 * @var ExportJobs
	 */
	private $jobs;

	/**
	 * The jobs' steps, which write their rows.
	 *
	 * @var ExportSteps
	 */
	private $steps;

	/**
	 * The listing's controller, whose filters an export takes.
	 *
	 * @var AuditController
	 */
	private $listing;

	/**
	 * Creates the controller.
	 *
	 * @param ExportJobs      $jobs    The jobs.
	 * @param ExportSteps     $steps   The jobs' steps.
	 * @param AuditController $listing The listing's controller.
	 */
	public function __construct( ExportJobs $jobs, ExportSteps $steps, AuditController $listing ) {
		parent::__construct( 'audit/exports' );
		$this->jobs    = $jobs;
		$this->steps   = $steps;
		$this->listing = $listing;
	}

	/**
	 * Registers the routes.
	 *
	 * @return void
	 */
	public function register_routes() {
		$id = ExportSchema::id_param();
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => array(),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => ExportSchema::create_params( $this->listing->get_collection_params() ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/(?P<id>[0-9a-f]{16})',
			array(
				'args'   => $id,
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
				),
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// GET for scripts; POST for the screen's form, which sends the nonce in the body, not
		// in an address that history, logs and the Referer header would keep.
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/(?P<id>[0-9a-f]{16})/file',
			array(
				'args' => $id,
				array(
					'methods'             => array( 'GET', 'POST' ),
					'callback'            => array( $this, 'download' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
				),
			)
		);
	}

	/**
	 * Starts an export and writes its first rows for up to 2 seconds (a small one is finished
	 * at once).
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_item( $request ) {
		$chosen = ExportSchema::chosen( $request );
		if ( isset( $chosen['period'] ) ) {
			if ( isset( $chosen['since'] ) ) {
				return new \WP_Error(
					'rest_invalid_param',
					__( 'Invalid parameter(s): period', 'auth-sentinel' ),
					array(
						'status' => 400,
						'params' => array( 'period' => __( 'A period and a start cannot be given together.', 'auth-sentinel' ) ),
					)
				);
			}
			// The period ends when the export starts: its rows are those the screen listed.
			$request->set_param( 'since', gmdate( 'Y-m-d\TH:i:s\Z', time() - ExportSchema::PERIODS[ $chosen['period'] ] ) );
		}
		$filters = $this->listing->request_filters( $request );
		if ( is_wp_error( $filters ) ) {
			return $filters;
		}
		$job = $this->jobs->start( $filters, get_current_user_id(), $chosen );
		if ( null === $job ) {
			return new \WP_Error( 'auth_sentinel_export_unwritable', __( 'The export cannot be written: the uploads folder is not writable.', 'auth-sentinel' ), array( 'status' => 500 ) );
		}
		$job      = $this->steps->advance( $job, min( 2.0, ExportSteps::step_seconds() ) );
		$response = $this->prepare_item_for_response( $job, $request );
		$response->set_status( 201 );
		$response->header( 'Location', rest_url( $this->namespace . '/' . $this->rest_base . '/' . $job['id'] ) );
		return $response;
	}

	/**
	 * Lists the caller's exports of the site, newest first, without writing any row.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$items = array();
		foreach ( $this->jobs->mine( get_current_user_id() ) as $job ) {
			$items[] = $this->prepare_response_for_collection( $this->prepare_item_for_response( $job, $request ) );
		}
		return rest_ensure_response( $items );
	}

	/**
	 * Writes an export's next rows for at most a few seconds and answers where it is.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$job = $this->own( $request );
		if ( is_wp_error( $job ) ) {
			return $job;
		}
		$job = $this->steps->advance( $job );
		if ( 'cancelled' === $job['state'] ) {
			return self::not_found(); // Cancelled while this step wrote.
		}
		return $this->prepare_item_for_response( $job, $request );
	}

	/**
	 * Cancels a running export, or drops a finished one: the job, its file and its next step go.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function delete_item( $request ) {
		$job = $this->own( $request );
		if ( is_wp_error( $job ) ) {
			return $job;
		}
		$previous = $this->prepare_item_for_response( $job, $request )->get_data();
		$this->jobs->delete( $job );
		return rest_ensure_response(
			array(
				'deleted'  => true,
				'previous' => $previous,
			)
		);
	}

	/**
	 * Sends a finished export's file; 409 while it is not finished.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function download( $request ) {
		$job = $this->own( $request );
		if ( is_wp_error( $job ) ) {
			return $job;
		}
		$path = $this->jobs->file( $job );
		if ( null === $path ) {
			return new \WP_Error(
				'auth_sentinel_export_unfinished',
				'failed' === $job['state'] ? __( 'This export failed; start another.', 'auth-sentinel' ) : __( 'This export is not finished yet.', 'auth-sentinel' ),
				array( 'status' => 409 )
			);
		}
		return new ExportDownload( $path, ExportJobs::filename( $job ) );
	}

	/**
	 * Returns the job a request names if it is the current user's, else a 404.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return array<string, mixed>|\WP_Error
	 */
	private function own( $request ) {
		$job = $this->jobs->find( (string) $request['id'], get_current_user_id() );
		return null === $job ? self::not_found() : $job;
	}

	/**
	 * Answers that the caller has no such export.
	 *
	 * @return \WP_Error
	 */
	private static function not_found(): \WP_Error {
		return new \WP_Error( 'auth_sentinel_export_not_found', __( 'No export of yours has this id (exports are kept for a day).', 'auth-sentinel' ), array( 'status' => 404 ) );
	}

	/**
	 * Shapes a job for the response (ExportSchema).
	 *
	 * @param array<string, mixed> $job     The job.
	 * @param \WP_REST_Request     $request The request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $job, $request ) {
		return rest_ensure_response( ExportSchema::fields( $job ) );
	}

	/**
	 * Describes an export (ExportSchema).
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = ExportSchema::item();
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
