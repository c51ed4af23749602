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
 * `POST /audit/exports` starts an export of the audit log with the listing's filters, or a
 * relative `period` (201, the job); `GET /audit/exports` lists the caller's exports of the
 * site, with the filters as they were chosen, so that the screen finds its export again after a
 * reload; `GET /audit/exports/{id}` writes its next rows for at most a few seconds and answers
 * where it is; `GET|POST /audit/exports/{id}/file` downloads the finished file (409 before);
 * `DELETE /audit/exports/{id}` cancels a running export or drops a finished one, with its
 * file. A user sees only the jobs they started on the site asked about (404 for others').
 * See ExportJobs.
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
	 * The relative periods an export takes, in seconds back from when it starts (those of the
	 * screen's time filter, src/admin/components/filters/time-filter.ts).
	 */
	const PERIODS = array(
		'hour'  => HOUR_IN_SECONDS,
		'day'   => DAY_IN_SECONDS,
		'week'  => WEEK_IN_SECONDS,
		'month' => 30 * DAY_IN_SECONDS,
	);

	/**
	 * The parameters that make an export's filters as chosen.
	 */
	const CHOSEN = array( 'action', 'actor', 'user', 'period', 'since', 'until', 'search' );

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
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => array(),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => array_diff_key( $this->listing->get_collection_params(), array_flip( array( 'page', 'per_page', 'format', 'context' ) ) ) + array(
						'period' => array(
							'description' => __( 'Only rows of this long before the export starts: the last hour, 24 hours, 7 days or 30 days (instead of since).', 'auth-sentinel' ),
							'type'        => 'string',
							'enum'        => array_keys( self::PERIODS ),
						),
					),
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
		$chosen = array();
		foreach ( self::CHOSEN as $key ) {
			$value = is_string( $request[ $key ] ) ? trim( $request[ $key ] ) : $request[ $key ];
			if ( null !== $value && '' !== $value ) {
				$chosen[ $key ] = $value;
			}
		}
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
			$request->set_param( 'since', gmdate( 'Y-m-d\TH:i:s\Z', time() - self::PERIODS[ $chosen['period'] ] ) );
		}
		$filters = $this->listing->request_filters( $request );
		if ( is_wp_error( $filters ) ) {
			return $filters;
		}
		$job = $this->jobs->start( $filters, get_current_user_id(), $chosen );
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
		$job = $this->jobs->advance( $job );
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
				'filters'  => (object) ( $job['chosen'] ?? array() ),
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
				'filters'  => array(
					'description' => __( 'The filters the export was started with, as they were given (a relative period as `period`).', 'auth-sentinel' ),
					'type'        => 'object',
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
