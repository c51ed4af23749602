<?php
/**
 * REST routes of the error catalog.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Catalog;

use AuthSentinel\Rest\Controller;

defined( 'ABSPATH' ) || exit;

/**
 * Answers `GET /auth-sentinel/v1/catalog` (every entry, or those matching `search`) and
 * `GET /auth-sentinel/v1/catalog/{code}`, where the code may also be an app alias such as
 * API02003 or a server code such as jwt_auth_invalid_token.
 *
 * @since 0.1.0
 */
class CatalogController extends Controller {

	/**
	 * The catalog.
	 *
	 * @var CatalogEntries
	 */
	private $catalog;

	/**
	 * Creates the controller.
	 *
	 * @param CatalogEntries $catalog The catalog.
	 */
	public function __construct( CatalogEntries $catalog ) {
		parent::__construct( 'catalog' );
		$this->catalog = $catalog;
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
			'/' . $this->rest_base . '/(?P<code>[A-Za-z0-9_:.-]+)',
			array(
				'args'   => array(
					'code' => array(
						'description' => __( 'An entry code (token_invalid), an app code (API02003) or a server error code (jwt_auth_invalid_token).', 'auth-sentinel' ),
						'type'        => 'string',
					),
				),
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array(
						'context' => $this->get_context_param( array( 'default' => 'view' ) ),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Answers with the entries, filtered by `search` and paged.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$entries  = $this->catalog->search( (string) $request['search'] );
		$total    = count( $entries );
		$per_page = max( 1, (int) $request['per_page'] );
		$page     = max( 1, (int) $request['page'] );
		$pages    = (int) ceil( $total / $per_page );
		if ( $total > 0 && $page > $pages ) {
			return new \WP_Error( 'rest_invalid_page_number', __( 'The page number requested is larger than the number of pages available.', 'auth-sentinel' ), array( 'status' => 400 ) );
		}

		$items = array();
		foreach ( array_slice( $entries, ( $page - 1 ) * $per_page, $per_page ) as $entry ) {
			$items[] = $this->prepare_response_for_collection( $this->prepare_item_for_response( $entry, $request ) );
		}
		$response = rest_ensure_response( $items );
		$response->header( 'X-WP-Total', (string) $total );
		$response->header( 'X-WP-TotalPages', (string) max( 1, $pages ) );
		return $response;
	}

	/**
	 * Answers with one entry, found by code, app alias or server code.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$query = (string) $request['code'];
		$entry = $this->catalog->find( $query );
		if ( null === $entry ) {
			return new \WP_Error(
				'auth_sentinel_catalog_not_found',
				sprintf(
					/* translators: %s: What was looked up. */
					__( 'The error catalog has no entry for "%s". Look up an entry code (token_invalid), an app code (API02003) or a server error code (jwt_auth_invalid_token).', 'auth-sentinel' ),
					$query
				),
				array( 'status' => 404 )
			);
		}
		return $this->prepare_item_for_response( $entry, $request );
	}

	/**
	 * Shapes one entry for the response: translated texts, every optional key present.
	 *
	 * @param array<string, mixed> $item    A catalog entry.
	 * @param \WP_REST_Request     $request The request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $item, $request ) {
		$entry = $this->catalog->localize( $item );
		$data  = array(
			'code'         => (string) $entry['code'],
			'title'        => (string) $entry['title'],
			'credential'   => (string) $entry['credential'],
			'aliases'      => array_values( array_map( 'strval', $entry['aliases'] ) ),
			'meaning'      => (string) $entry['meaning'],
			'causes'       => array(),
			'server_codes' => array(),
			'messages'     => array_values( array_map( 'strval', $entry['messages'] ) ),
			'how_to_fix'   => array(),
			'related'      => array_values( array_map( 'strval', $entry['related'] ) ),
		);
		foreach ( $entry['causes'] as $cause ) {
			$data['causes'][] = array(
				'cause' => (string) $cause['cause'],
				'text'  => (string) $cause['text'],
			);
		}
		foreach ( $entry['server_codes'] as $listing ) {
			$when                   = isset( $listing['when'] ) && is_array( $listing['when'] ) ? $listing['when'] : null;
			$data['server_codes'][] = array(
				'code'   => (string) $listing['code'],
				'source' => (string) $listing['source'],
				'note'   => isset( $listing['note'] ) ? (string) $listing['note'] : null,
				'when'   => null === $when ? null : array(
					'cause'      => isset( $when['cause'] ) ? (string) $when['cause'] : null,
					'token_type' => isset( $when['token_type'] ) ? (string) $when['token_type'] : null,
				),
			);
		}
		foreach ( $entry['how_to_fix'] as $fix ) {
			$data['how_to_fix'][] = array(
				'title'    => (string) $fix['title'],
				'audience' => (string) $fix['audience'],
				'steps'    => array_values( array_map( 'strval', $fix['steps'] ) ),
			);
		}

		$context  = ! empty( $request['context'] ) ? $request['context'] : 'view';
		$response = rest_ensure_response( $this->filter_response_by_context( $this->add_additional_fields_to_object( $data, $request ), $context ) );
		// The self link's target hints given, as WordPress would compute them (the entry is read
		// only): computed, they matched every entry's link against every route, two thirds of the
		// Errors screen's catalog answer.
		$response->add_links(
			array(
				'self'       => array(
					'href'        => rest_url( $this->namespace . '/' . $this->rest_base . '/' . $data['code'] ),
					'targetHints' => array( 'allow' => array( 'GET' ) ),
				),
				'collection' => array( 'href' => rest_url( $this->namespace . '/' . $this->rest_base ) ),
			)
		);
		return $response;
	}

	/**
	 * Declares the query parameters of the collection.
	 *
	 * @return array<string, mixed>
	 */
	public function get_collection_params() {
		$params = parent::get_collection_params();

		$params['context']['default']    = 'view';
		$params['per_page']['default']   = 100; // The whole catalog fits on one page.
		$params['search']['description'] = __( 'Keeps the entries whose code, title, app code, server code or server message contains this text.', 'auth-sentinel' );
		$params['search']['default']     = '';
		return $params;
	}

	/**
	 * Describes one catalog entry.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$text  = array(
			'type'    => 'string',
			'context' => array( 'view' ),
		);
		$texts = array(
			'type'    => 'array',
			'context' => array( 'view' ),
			'items'   => array( 'type' => 'string' ),
		);

		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'auth-sentinel-catalog-entry',
			'type'       => 'object',
			'properties' => array(
				'code'         => array( 'description' => __( 'Stable code of the entry, stored with each event.', 'auth-sentinel' ) ) + $text,
				'title'        => array( 'description' => __( 'Short name of the failure.', 'auth-sentinel' ) ) + $text,
				'credential'   => array(
					'description' => __( 'The kind of credential that failed.', 'auth-sentinel' ),
					'enum'        => Catalog::CREDENTIALS,
				) + $text,
				'aliases'      => array( 'description' => __( 'Codes client apps show for this failure, e.g. API02003.', 'auth-sentinel' ) ) + $texts,
				'meaning'      => array( 'description' => __( 'What the failure means, in plain words.', 'auth-sentinel' ) ) + $text,
				'causes'       => array(
					'description' => __( 'Common causes, each with the diagnosis cause it is recorded as.', 'auth-sentinel' ),
					'type'        => 'array',
					'context'     => array( 'view' ),
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'cause' => array(
								'type' => 'string',
								'enum' => Catalog::CAUSES,
							),
							'text'  => array( 'type' => 'string' ),
						),
					),
				),
				'server_codes' => array(
					'description' => __( 'Server error codes that land on this entry, and the plugin that sends each.', 'auth-sentinel' ),
					'type'        => 'array',
					'context'     => array( 'view' ),
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'code'   => array( 'type' => 'string' ),
							'source' => array( 'type' => 'string' ),
							'note'   => array( 'type' => array( 'string', 'null' ) ),
							'when'   => array(
								'description' => __( 'Set when the code lands here only for this cause or token type; null for the code\'s own entry.', 'auth-sentinel' ),
								'type'        => array( 'object', 'null' ),
								'properties'  => array(
									'cause'      => array(
										'type' => array( 'string', 'null' ),
										'enum' => array_merge( Catalog::CAUSES, array( null ) ),
									),
									'token_type' => array(
										'type' => array( 'string', 'null' ),
										'enum' => array( 'access', 'refresh', null ),
									),
								),
							),
						),
					),
				),
				'messages'     => array( 'description' => __( 'The server\'s own wording a user may quote (not translated).', 'auth-sentinel' ) ) + $texts,
				'how_to_fix'   => array(
					'description' => __( 'What to do, for the person signing in (user) and for the site administrator (admin).', 'auth-sentinel' ),
					'type'        => 'array',
					'context'     => array( 'view' ),
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'title'    => array( 'type' => 'string' ),
							'audience' => array(
								'type' => 'string',
								'enum' => Catalog::AUDIENCES,
							),
							'steps'    => array(
								'type'  => 'array',
								'items' => array( 'type' => 'string' ),
							),
						),
					),
				),
				'related'      => array( 'description' => __( 'Codes of related entries.', 'auth-sentinel' ) ) + $texts,
			),
		);
		foreach ( $this->schema['properties'] as $name => $property ) {
			$this->schema['properties'][ $name ]['readonly'] = true;
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
