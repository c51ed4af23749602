<?php
/**
 * REST routes of the audit log's background exports.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Rest\Controller;
use AuthSentinel\Rest\Dates;

defined( 'ABSPATH' ) || exit;

/**
 * `POST /audit/exports` starts an export of the audit log with the listing's filters (201, the
 * job); `GET /audit/exports/{id}` writes its next rows for at most a few seconds and answers
 * where it is; `GET|POST /audit/exports/{id}/file` downloads the finished file (409 before);
 * `DELETE /audit/exports/{id}` drops it. A user sees only the jobs they started (404 for
 * others'). See ExportJobs.
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
	 * The listing's controller, whose filters an export takes.
	 *
	 * @var AuditController
	 */
	private $listing;

	/**
	 * Creates the controller.
	 *
	 * @param ExportJobs      $jobs    The jobs.
	 * @param AuditController $listing The listing's controller.
	 */
	public function __construct( ExportJobs $jobs, AuditController $listing ) {
		parent::__construct( 'audit/exports' );
		$this->jobs    = $jobs;
		$this->listing = $listing;
	}

	/**
	 * Registers the routes.
	 *
	 * @return void
	 */
	public function register_routes() {
		$id = array(
			'id' => array(
				'description' => __( 'The export’s id.', 'auth-sentinel' ),
				'type'        => 'string',
				'pattern'     => '^[0-9a-f]{16}$',
			),
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => array_diff_key( $this->listing->get_collection_params(), array_flip( array( 'page', 'per_page', 'format', 'context' ) ) ),
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
		$filters = $this->listing->request_filters( $request );
		if ( is_wp_error( $filters ) ) {
			return $filters;
		}
		$job = $this->jobs->start( $filters, get_current_user_id() );
		if ( null === $job ) {
			return new \WP_Error( 'auth_sentinel_export_unwritable', __( 'The export cannot be written: the uploads folder is not writable.', 'auth-sentinel' ), array( 'status' => 500 ) );
		}
		$job      = $this->jobs->advance( $job, min( 2.0, ExportJobs::step_seconds() ) );
		$response = $this->prepare_item_for_response( $job, $request );
		$response->set_status( 201 );
		$response->header( 'Location', rest_url( $this->namespace . '/' . $this->rest_base . '/' . $job['id'] ) );
		return $response;
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
		return $this->prepare_item_for_response( $this->jobs->advance( $job ), $request );
	}

	/**
	 * Drops an export and its file.
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
		if ( null === $job ) {
			return new \WP_Error( 'auth_sentinel_export_not_found', __( 'No export of yours has this id (exports are kept for a day).', 'auth-sentinel' ), array( 'status' => 404 ) );
		}
		return $job;
	}

	/**
	 * Shapes a job for the response.
	 *
	 * @param array<string, mixed> $job     The job.
	 * @param \WP_REST_Request     $request The request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $job, $request ) {
		$progress = ExportJobs::progress( $job );
		$rows     = (int) $job['rows'];
		return rest_ensure_response(
			array(
				'id'       => (string) $job['id'],
				'state'    => (string) $job['state'],
				'rows'     => $rows,
				'estimate' => 'complete' === $job['state'] ? $rows : ( isset( $job['total'] ) ? (int) $job['total'] : ( $progress > 0 ? max( $rows, (int) round( $rows / $progress ) ) : null ) ),
				'progress' => round( $progress, 4 ),
				'created'  => Dates::iso( gmdate( 'Y-m-d H:i:s', (int) $job['created'] ) ),
				'expires'  => Dates::iso( gmdate( 'Y-m-d H:i:s', (int) $job['created'] + ExportJobs::KEEP ) ),
				'filename' => 'complete' === $job['state'] ? ExportJobs::filename( $job ) : null,
				'size'     => 'complete' === $job['state'] ? (int) $job['bytes'] : null,
			)
		);
	}

	/**
	 * Describes an export.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'auth-sentinel-audit-export',
			'type'       => 'object',
			'properties' => array(
				'id'       => array(
					'description' => __( 'The export’s id.', 'auth-sentinel' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'state'    => array(
					'description' => __( 'running: rows are being written; complete: the file can be downloaded; failed: it could not be written.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => array( 'running', 'complete', 'failed' ),
					'readonly'    => true,
				),
				'rows'     => array(
					'description' => __( 'Rows written so far.', 'auth-sentinel' ),
					'type'        => 'integer',
					'readonly'    => true,
				),
				'estimate' => array(
					'description' => __( 'Rows the file will have: exact for a selective filter and when complete, else estimated from the share of the log read.', 'auth-sentinel' ),
					'type'        => array( 'integer', 'null' ),
					'readonly'    => true,
				),
				'progress' => array(
					'description' => __( 'How much of the log is read, from 0 to 1.', 'auth-sentinel' ),
					'type'        => 'number',
					'readonly'    => true,
				),
				'created'  => array(
					'description' => __( 'When the export started (UTC).', 'auth-sentinel' ),
					'type'        => 'string',
					'format'      => 'date-time',
					'readonly'    => true,
				),
				'expires'  => array(
					'description' => __( 'When the export and its file are deleted (UTC).', 'auth-sentinel' ),
					'type'        => 'string',
					'format'      => 'date-time',
					'readonly'    => true,
				),
				'filename' => array(
					'description' => __( 'The file’s name, with the period of its rows; null until complete.', 'auth-sentinel' ),
					'type'        => array( 'string', 'null' ),
					'readonly'    => true,
				),
				'size'     => array(
					'description' => __( 'The file’s size in bytes; null until complete.', 'auth-sentinel' ),
					'type'        => array( 'integer', 'null' ),
					'readonly'    => true,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
