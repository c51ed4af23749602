<?php
/**
 * REST route listing recorded failures.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Catalog\CatalogEntries;
use AuthSentinel\Rest\Dates;
use AuthSentinel\Rest\Controller;
use AuthSentinel\Vocabulary\Source;

defined( 'ABSPATH' ) || exit;

/**
 * Answers `GET /auth-sentinel/v1/events`: failures, newest first, filtered and paged.
 *
 * @since 0.1.0
 */
class EventsController extends Controller {

	/**
	 * The causes a failure can have.
	 */
	const CAUSES = array( 'expired', 'revoked', 'secret_changed', 'password_changed', 'corrupted', 'wrong_site', 'unknown_user', 'bad_credentials', 'header_stripped', 'plugin_conflict', 'unknown' );

	/**
	 * Where a credential can come from.
	 */
	const SOURCES = Source::VALUES;

	/**
	 * The failures table's listing.
	 *
	 * @var EventsListRepository
	 */
	private $events;

	/**
	 * The error catalog (search by app codes).
	 *
	 * @var CatalogEntries
	 */
	private $catalog;

	/**
	 * The users described in this request (user()), by id.
	 *
	 * @var array<int, array{id: int, login: string, display_name: string, edit_url: string|null}|null>
	 */
	private $users = array();

	/**
	 * Creates the controller.
	 *
	 * @param EventsListRepository $events  The failures table's listing.
	 * @param CatalogEntries       $catalog The error catalog.
	 */
	public function __construct( EventsListRepository $events, CatalogEntries $catalog ) {
		parent::__construct( 'events' );
		$this->events  = $events;
		$this->catalog = $catalog;
	}

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes() {
		$this->register_collection_route();
	}

	/**
	 * Lists failures.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$per_page    = (int) $request['per_page'];
		$this->users = array(); // This request's, not a former one's (the controller lives on in tests and CLI runs).
		$result      = $this->events->find( self::filters( $request, $this->catalog ), (int) $request['page'], $per_page, (string) $request['orderby'], (string) $request['order'] );
		// The page's users in two queries (users, then their meta), not two for each.
		$user_ids = array_filter( array_unique( array_map( 'intval', array_column( $result['rows'], 'user_id' ) ) ) );
		if ( $user_ids ) {
			cache_users( $user_ids );
		}

		$items = array();
		foreach ( $result['rows'] as $row ) {
			$items[] = $this->prepare_response_for_collection( $this->prepare_item_for_response( $row, $request ) );
		}
		return self::paging_headers( rest_ensure_response( $items ), $result, $per_page );
	}

	/**
	 * Turns a request's filters into repository filters (shared with the stats route).
	 *
	 * @param \WP_REST_Request $request The request.
	 * @param CatalogEntries   $catalog The catalog, to resolve app codes in a search.
	 * @return array<string, mixed>
	 */
	public static function filters( $request, CatalogEntries $catalog ): array {
		$filters = array(
			'cause'  => (string) $request['cause'],
			'code'   => (string) $request['code'],
			'source' => (string) $request['source'],
			'user'   => (int) $request['user'],
			'since'  => $request['since'] ? gmdate( 'Y-m-d H:i:s', (int) strtotime( (string) $request['since'] ) ) : null,
			'until'  => $request['until'] ? gmdate( 'Y-m-d H:i:s', (int) strtotime( (string) $request['until'] ) ) : null,
		);
		$search  = trim( (string) $request['search'] );
		if ( '' !== $search ) {
			$filters['search']   = $search;
			$filters['codes']    = $catalog->aliases_for_search( $search );
			$filters['user_ids'] = get_users(
				array(
					'search'         => '*' . $search . '*',
					'search_columns' => array( 'user_login', 'user_email', 'display_name' ),
					'fields'         => 'ID',
					'number'         => 200,
				)
			);
		}
		return $filters;
	}

	/**
	 * Shapes one failure for the response.
	 *
	 * @param array<string, mixed> $row     The row.
	 * @param \WP_REST_Request     $request The request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $row, $request ) {
		$details = json_decode( (string) $row['details'], true );
		$details = is_array( $details ) ? $details : array();
		$user_id = (int) $row['user_id'];
		$token   = null;
		if ( '' !== $row['token_fp'] ) {
			$token = array(
				'fingerprint' => (string) $row['token_fp'],
				'iss'         => '' === $row['token_iss'] ? null : (string) $row['token_iss'],
				'iat'         => null === $row['token_iat'] ? null : (int) $row['token_iat'],
				'exp'         => null === $row['token_exp'] ? null : (int) $row['token_exp'],
				'jti'         => '' === $row['token_jti'] ? null : (string) $row['token_jti'],
				'type'        => '' === $row['token_type'] ? null : (string) $row['token_type'],
			);
		}
		$facts = array();
		foreach ( $details as $key => $value ) {
			$facts[ (string) $key ] = is_scalar( $value ) || null === $value ? $value : implode( ', ', array_map( 'strval', (array) $value ) );
		}
		$overflow = null;
		if ( ! empty( $row['overflow'] ) ) {
			// Failures past the caps of new rows: counted here, with how many distinct
			// credentials and networks sent them (estimates; null: more than the sketch can tell).
			$overflow               = array(
				'credentials' => EventsRepository::estimate( array( (int) $row['sketch_a'], (int) $row['sketch_b'] ) ),
				'networks'    => EventsRepository::estimate( array( (int) $row['sketch_net'] ) ),
			);
			$details['credentials'] = $overflow['credentials'];
			$details['networks']    = $overflow['networks'];
		}

		return rest_ensure_response(
			array(
				'id'          => (int) $row['id'],
				'first_seen'  => Dates::iso( (string) $row['first_seen'] ),
				'last_seen'   => Dates::iso( (string) $row['last_seen'] ),
				'count'       => (int) $row['count'],
				'source'      => (string) $row['source'],
				'issuer'      => '' === $row['issuer'] ? null : (string) $row['issuer'],
				'server_code' => (string) $row['server_code'],
				'code'        => (string) $row['code'],
				'cause'       => (string) $row['cause'],
				'user_id'     => $user_id,
				'user'        => $this->user( $user_id ),
				'ip'          => (string) $row['ip'],
				'user_agent'  => (string) $row['user_agent'],
				'client'      => ClientName::describe( (string) $row['user_agent'] ),
				'route'       => (string) $row['route'],
				'token'       => $token,
				'overflow'    => $overflow,
				'explanation' => Explanation::of( $row, $details ),
				'details'     => (object) $facts,
			)
		);
	}

	/**
	 * Describes a failure's user, once per user and request (a page holds the same user's rows
	 * many times, and the link asks the current user's capabilities).
	 *
	 * @param int $user_id The user; 0 for none.
	 * @return array{id: int, login: string, display_name: string, edit_url: string|null}|null Null when there is no such user.
	 */
	private function user( int $user_id ): ?array {
		if ( $user_id <= 0 ) {
			return null;
		}
		if ( ! array_key_exists( $user_id, $this->users ) ) {
			$user = get_userdata( $user_id );
			$link = $user ? get_edit_user_link( $user_id ) : '';

			$this->users[ $user_id ] = $user ? array(
				'id'           => $user_id,
				'login'        => $user->user_login,
				'display_name' => $user->display_name,
				'edit_url'     => '' !== $link ? $link : null,
			) : null;
		}
		return $this->users[ $user_id ];
	}

	/**
	 * Declares the query parameters.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function get_collection_params() {
		$params                          = parent::get_collection_params();
		$params['per_page']['maximum']   = 100;
		$params['search']['description'] = self::search_description();
		return array_merge( $params, self::filter_params() );
	}

	/**
	 * Describes what a search of the failures finds (GET /events and /events/stats).
	 *
	 * @return string
	 */
	public static function search_description(): string {
		return __( 'Only failures with every word of this text at the start of a word of their user agent, route, issuer, token issuer or server code (words of three letters or more, on MariaDB and MySQL), whose address starts with it, or whose user (login, email, name), cause or app code it names.', 'auth-sentinel' );
	}

	/**
	 * Declares the filters shared with the stats route.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function filter_params(): array {
		return array(
			'cause'   => array(
				'description' => __( 'Only failures with this cause.', 'auth-sentinel' ),
				'type'        => 'string',
				'enum'        => self::CAUSES,
			),
			'code'    => array(
				'description' => __( 'Only failures filed under this catalog entry.', 'auth-sentinel' ),
				'type'        => 'string',
				'pattern'     => '^[a-z0-9_]{1,64}$',
			),
			'source'  => array(
				'description' => __( 'Only failures of this kind of credential.', 'auth-sentinel' ),
				'type'        => 'string',
				'enum'        => self::SOURCES,
			),
			'user'    => array(
				'description' => __( 'Only failures of this user.', 'auth-sentinel' ),
				'type'        => 'integer',
				'minimum'     => 1,
			),
			'since'   => array(
				'description' => __( 'Only failures seen at or after this time.', 'auth-sentinel' ),
				'type'        => 'string',
				'format'      => 'date-time',
			),
			'until'   => array(
				'description' => __( 'Only failures seen at or before this time.', 'auth-sentinel' ),
				'type'        => 'string',
				'format'      => 'date-time',
			),
			'orderby' => array(
				'description' => __( 'Sort by.', 'auth-sentinel' ),
				'type'        => 'string',
				'enum'        => EventsListRepository::ORDERS,
				'default'     => 'last_seen',
			),
			'order'   => array(
				'description' => __( 'Sort direction.', 'auth-sentinel' ),
				'type'        => 'string',
				'enum'        => array( 'asc', 'desc' ),
				'default'     => 'desc',
			),
		);
	}

	/**
	 * Describes one failure.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$nullable_string = array( 'type' => array( 'string', 'null' ) );
		$nullable_int    = array( 'type' => array( 'integer', 'null' ) );
		$this->schema    = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'auth-sentinel-event',
			'type'       => 'object',
			'properties' => array(
				'id'          => array( 'type' => 'integer' ),
				'first_seen'  => array(
					'type'   => 'string',
					'format' => 'date-time',
				),
				'last_seen'   => array(
					'type'   => 'string',
					'format' => 'date-time',
				),
				'count'       => array( 'type' => 'integer' ),
				'source'      => array(
					'type' => 'string',
					'enum' => self::SOURCES,
				),
				'issuer'      => $nullable_string,
				'server_code' => array( 'type' => 'string' ),
				'code'        => array( 'type' => 'string' ),
				'cause'       => array(
					'type' => 'string',
					'enum' => self::CAUSES,
				),
				'user_id'     => array( 'type' => 'integer' ),
				'user'        => array( 'type' => array( 'object', 'null' ) ),
				'ip'          => array( 'type' => 'string' ),
				'user_agent'  => array( 'type' => 'string' ),
				'client'      => array( 'type' => 'string' ),
				'route'       => array( 'type' => 'string' ),
				'token'       => array(
					'type'       => array( 'object', 'null' ),
					'properties' => array(
						'fingerprint' => array( 'type' => 'string' ),
						'iss'         => $nullable_string,
						'iat'         => $nullable_int,
						'exp'         => $nullable_int,
						'jti'         => $nullable_string,
						'type'        => $nullable_string,
					),
				),
				'overflow'    => array(
					'description' => __( 'For a row that counts failures past the caps of new rows (one per hour, cause and kind): about how many distinct credentials and client networks sent them (null: more than can be told); null for an ordinary row.', 'auth-sentinel' ),
					'type'        => array( 'object', 'null' ),
					'properties'  => array(
						'credentials' => array( 'type' => array( 'integer', 'null' ) ),
						'networks'    => array( 'type' => array( 'integer', 'null' ) ),
					),
				),
				'explanation' => array( 'type' => 'string' ),
				'details'     => array( 'type' => 'object' ),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
