<?php
/**
 * REST route of the secrets watch.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

use AuthSentinel\Rest\Dates;
use AuthSentinel\Rest\Controller;

defined( 'ABSPATH' ) || exit;

/**
 * Answers `GET /auth-sentinel/v1/secrets`: each watched secret's source, strength and last
 * change, and the history of changes. Never a value.
 *
 * @since 0.1.0
 */
class SecretsController extends Controller {

	/**
	 * The watch.
	 *
	 * @var SecretsWatch
	 */
	private $watch;

	/**
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $facts;

	/**
	 * Creates the controller.
	 *
	 * @param SecretsWatch $watch The watch.
	 * @param SecretFacts  $facts What is known of the secrets' changes.
	 */
	public function __construct( SecretsWatch $watch, SecretFacts $facts ) {
		parent::__construct( 'secrets' );
		$this->watch = $watch;
		$this->facts = $facts;
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
	 * Checks the secrets now, then answers with the report.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$this->watch->safe_check( 'screen' );
		$state = $this->facts->snapshot();

		$secrets = array();
		foreach ( $state['items'] as $name => $item ) {
			// A token secret this site never had is not worth a row.
			if ( 'token' === $item['group'] && null === $item['fp'] && null === $item['changed_at'] ) {
				continue;
			}
			$secrets[] = $this->prepare_item_for_response( array( 'name' => $name ) + $item, $request )->get_data();
		}

		$history = array();
		foreach ( $this->facts->history() as $row ) {
			$history[] = array(
				'id'       => $row['id'],
				'at'       => Dates::iso( $row['at'] ),
				'changed'  => array_values( array_map( 'strval', (array) ( $row['details']['changed'] ?? array() ) ) ),
				'sessions' => isset( $row['details']['sessions'] ) ? (int) $row['details']['sessions'] : null,
				'users'    => isset( $row['details']['users'] ) ? (int) $row['details']['users'] : null,
				'trigger'  => (string) ( $row['details']['trigger'] ?? '' ),
				'actor_id' => $row['actor_id'],
			);
		}

		return rest_ensure_response(
			array(
				'secrets'    => $secrets,
				'history'    => $history,
				'since'      => Dates::iso( $state['since'] ),
				'checked_at' => Dates::iso( time() ),
			)
		);
	}

	/**
	 * Shapes one secret for the response.
	 *
	 * @param array<string, mixed> $item    The known state of one secret, with its name.
	 * @param \WP_REST_Request     $request The request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $item, $request ) {
		return rest_ensure_response(
			array(
				'name'       => (string) $item['name'],
				'group'      => (string) $item['group'],
				'source'     => (string) $item['source'],
				'strength'   => (string) $item['strength'],
				'changed_at' => Dates::iso( $item['changed_at'] ),
				'first_seen' => Dates::iso( $item['first_seen'] ),
			)
		);
	}

	/**
	 * Declares the query parameters: none besides the context.
	 *
	 * @return array<string, mixed>
	 */
	public function get_collection_params() {
		return array(
			'context' => $this->get_context_param( array( 'default' => 'view' ) ),
		);
	}

	/**
	 * Describes the response.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$date         = array(
			'type'   => array( 'string', 'null' ),
			'format' => 'date-time',
		);
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'auth-sentinel-secrets',
			'type'       => 'object',
			'properties' => array(
				'secrets'    => array(
					'description' => __( 'Each watched secret, without its value.', 'auth-sentinel' ),
					'type'        => 'array',
					'context'     => array( 'view' ),
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'name'       => array( 'type' => 'string' ),
							'group'      => array(
								'type' => 'string',
								'enum' => array( 'salt', 'token', 'site' ),
							),
							'source'     => array(
								'type' => 'string',
								'enum' => array( 'constant', 'option', 'generated', 'missing' ),
							),
							'strength'   => array(
								'type' => 'string',
								'enum' => array( 'ok', 'weak', 'default', 'duplicate', 'missing' ),
							),
							'changed_at' => $date,
							'first_seen' => $date,
						),
					),
				),
				'history'    => array(
					'description' => __( 'Recorded changes, newest first.', 'auth-sentinel' ),
					'type'        => 'array',
					'context'     => array( 'view' ),
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'id'       => array( 'type' => 'integer' ),
							'at'       => $date,
							'changed'  => array(
								'type'  => 'array',
								'items' => array( 'type' => 'string' ),
							),
							'sessions' => array( 'type' => array( 'integer', 'null' ) ),
							'users'    => array( 'type' => array( 'integer', 'null' ) ),
							'trigger'  => array( 'type' => 'string' ),
							'actor_id' => array( 'type' => 'integer' ),
						),
					),
				),
				'since'      => $date,
				'checked_at' => $date,
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
