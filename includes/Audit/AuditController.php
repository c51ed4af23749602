<?php
/**
 * REST route listing and exporting the audit log.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Rest\Controller;
use AuthSentinel\Rest\Dates;
use AuthSentinel\Vocabulary\AuditAction;

defined( 'ABSPATH' ) || exit;

/**
 * Answers `GET /auth-sentinel/v1/audit`: the audit log, newest first, filtered and paged, or
 * with `format=csv` the whole filtered log as a streamed CSV download. The row's schema and
 * the listing's parameters are `AuditSchema`'s.
 *
 * @since 0.1.0
 */
class AuditController extends Controller {

	/**
	 * The audit table.
	 *
	 * @var AuditExportRepository
	 */
	private $audit;

	/**
	 * Creates the controller.
	 *
	 * @param AuditExportRepository $audit The audit table.
	 */
	public function __construct( AuditExportRepository $audit ) {
		parent::__construct( 'audit' );
		$this->audit = $audit;
	}

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes() {
		$this->register_collection_route();
		// The export as a form POST: the browser downloads the file with the nonce in the body,
		// not in a URL that history, logs and the Referer header would keep.
		$args = array_diff_key( $this->get_collection_params(), array_flip( array( 'page', 'per_page', 'format' ) ) );
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/export',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'export' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => $args,
				),
			)
		);
	}

	/**
	 * Answers the whole filtered log as a CSV download.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function export( $request ) {
		$request->set_param( 'format', 'csv' );
		return $this->get_items( $request );
	}

	/**
	 * Lists audit rows, or starts the CSV export.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$filters = $this->request_filters( $request );
		if ( is_wp_error( $filters ) ) {
			return $filters;
		}
		if ( 'csv' === $request['format'] ) {
			return new AuditCsv( $this->audit, $filters );
		}

		$per_page = (int) $request['per_page'];
		$result   = $this->audit->find( $filters, (int) $request['page'], $per_page );
		$users    = $this->users( $result['rows'] );

		$items = array();
		foreach ( $result['rows'] as $row ) {
			$row['users'] = $users;
			$items[]      = $this->prepare_response_for_collection( $this->prepare_item_for_response( $row, $request ) );
		}
		return self::paging_headers( rest_ensure_response( $items ), $result, $per_page );
	}

	/**
	 * Turns a request's filters into repository filters, or a 400 when its period ends before
	 * it starts (the listing, the streamed export and the background export take the same).
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return array<string, mixed>|\WP_Error
	 */
	public function request_filters( $request ) {
		$filters = $this->filters( $request );
		if ( isset( $filters['since'], $filters['until'] ) && $filters['since'] > $filters['until'] ) {
			return new \WP_Error(
				'rest_invalid_param',
				__( 'Invalid parameter(s): until', 'auth-sentinel' ),
				array(
					'status' => 400,
					'params' => array( 'until' => __( 'The end of the period is before its start.', 'auth-sentinel' ) ),
				)
			);
		}
		return $filters;
	}

	/**
	 * Turns a request's parameters into repository filters.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return array<string, mixed>
	 */
	private function filters( $request ): array {
		$filters = array(
			'action' => (string) $request['action'],
			'actor'  => null === $request['actor'] ? null : (int) $request['actor'],
			'user'   => (int) $request['user'],
			'since'  => $request['since'] ? gmdate( 'Y-m-d H:i:s', (int) strtotime( (string) $request['since'] ) ) : null,
			'until'  => $request['until'] ? gmdate( 'Y-m-d H:i:s', (int) strtotime( (string) $request['until'] ) ) : null,
		);
		$search  = trim( (string) $request['search'] );
		if ( '' !== $search ) {
			$filters['search'] = $search;
			// Names and action labels are looked up by index, not scanned for.
			$filters['user_ids'] = get_users(
				array(
					'search'         => '*' . $search . '*',
					'search_columns' => array( 'user_login', 'user_email', 'display_name' ),
					'fields'         => 'ID',
					'number'         => 100,
				)
			);
			$filters['actions']  = array();
			foreach ( AuditAction::labels() as $action => $label ) {
				if ( false !== mb_stripos( $label, $search ) || false !== stripos( $action, $search ) ) {
					$filters['actions'][] = $action;
				}
			}
		}
		return $filters;
	}

	/**
	 * Looks up the users of a page of rows at once.
	 *
	 * @param array<int, array<string, mixed>> $rows The rows.
	 * @return array<int, array{login: string, name: string}>
	 */
	private function users( array $rows ): array {
		$ids = array();
		foreach ( $rows as $row ) {
			$ids[] = (int) $row['actor_id'];
			$ids[] = (int) $row['target_user_id'];
		}
		return $this->audit->users( $ids );
	}

	/**
	 * Shapes one audit row for the response.
	 *
	 * @param array<string, mixed> $row     The row, with `users` (id => login and name) when the caller looked them up.
	 * @param \WP_REST_Request     $request The request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $row, $request ) {
		$users = isset( $row['users'] ) && is_array( $row['users'] ) ? $row['users'] : $this->users( array( $row ) );
		unset( $row['users'] );
		$details   = json_decode( (string) $row['details'], true );
		$details   = is_array( $details ) ? $details : array();
		$actor_id  = (int) $row['actor_id'];
		$target_id = (int) $row['target_user_id'];
		$logins    = array();
		foreach ( $users as $id => $user ) {
			$logins[ $id ] = $user['login'];
		}

		return rest_ensure_response(
			array(
				'id'             => (int) $row['id'],
				'at'             => Dates::iso( (string) $row['at'] ),
				'action'         => (string) $row['action'],
				'action_label'   => AuditSummary::label( (string) $row['action'] ),
				'actor_id'       => $actor_id,
				'actor'          => self::user( $actor_id, $users ),
				'target_user_id' => $target_id,
				'target'         => self::user( $target_id, $users ),
				'ip'             => (string) $row['ip'],
				'user_agent'     => (string) $row['user_agent'],
				'details'        => (object) $details,
				'summary'        => AuditSummary::of( array( 'details' => $details ) + $row, $logins ),
			)
		);
	}

	/**
	 * Describes a user of a row, null for none or a deleted one.
	 *
	 * @param int                                            $id    The user id.
	 * @param array<int, array{login: string, name: string}> $users Users by id.
	 * @return array{id: int, login: string, name: string}|null
	 */
	private static function user( int $id, array $users ): ?array {
		if ( $id <= 0 || ! isset( $users[ $id ] ) ) {
			return null;
		}
		return array(
			'id'    => $id,
			'login' => $users[ $id ]['login'],
			'name'  => $users[ $id ]['name'],
		);
	}

	/**
	 * Declares the query parameters (AuditSchema).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function get_collection_params() {
		return AuditSchema::collection_params( parent::get_collection_params() );
	}

	/**
	 * Describes one audit row (AuditSchema).
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = AuditSchema::item();
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
