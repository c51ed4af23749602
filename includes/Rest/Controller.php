<?php
/**
 * The base of the plugin's REST controllers.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * Gives every controller the plugin's namespace, its one permission rule (the plugin's
 * capability: 401 anonymous, 403 others) and the registration of a readable collection.
 *
 * @since 0.1.0
 */
abstract class Controller extends \WP_REST_Controller {

	/**
	 * The plugin's REST namespace.
	 *
	 * @var non-falsy-string
	 */
	protected $namespace = 'auth-sentinel/v1';

	/**
	 * Sets the namespace and the route's base.
	 *
	 * @param string $rest_base The route under the namespace, e.g. "events/stats".
	 */
	public function __construct( string $rest_base ) {
		$this->namespace = 'auth-sentinel/v1';
		$this->rest_base = $rest_base;
	}

	/**
	 * The longest search text a listing takes: longer than any login, address or name it could
	 * match, and far below what a database refuses in one pattern (SQLite: 50,000 bytes).
	 */
	const SEARCH_MAX = 200;

	/**
	 * The collection parameters, with a search of at most SEARCH_MAX characters (a longer one is
	 * a 400 naming the parameter, rather than a query the database refuses).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function get_collection_params() {
		$params = parent::get_collection_params();
		if ( isset( $params['search'] ) ) {
			$params['search']['maxLength'] = self::SEARCH_MAX;
		}
		return $params;
	}

	/**
	 * Registers `GET /{rest_base}` answered by get_items() with the collection parameters.
	 *
	 * @return void
	 */
	protected function register_collection_route(): void {
		$this->register_base_route( $this->endpoint( \WP_REST_Server::READABLE, 'get_items', $this->get_collection_params() ) );
	}

	/**
	 * Registers `/{rest_base}` with its endpoints and the item schema.
	 *
	 * @param array<string, mixed> ...$endpoints The endpoints, as endpoint() gives them.
	 * @return void
	 */
	protected function register_base_route( array ...$endpoints ): void {
		$endpoints['schema'] = array( $this, 'get_public_item_schema' );
		register_rest_route( $this->namespace, '/' . $this->rest_base, $endpoints );
	}

	/**
	 * Describes one endpoint: its methods, the method that answers it, that method's
	 * permission check (`{method}_permissions_check`) and its arguments.
	 *
	 * @param string               $methods  The HTTP methods, e.g. \WP_REST_Server::READABLE.
	 * @param string               $callback The controller's method that answers.
	 * @param array<string, mixed> $args     The arguments.
	 * @return array<string, mixed>
	 */
	protected function endpoint( string $methods, string $callback, array $args ): array {
		return array(
			'methods'             => $methods,
			'callback'            => array( $this, $callback ),
			'permission_callback' => array( $this, $callback . '_permissions_check' ),
			'args'                => $args,
		);
	}

	/**
	 * Checks the caller may read the collection.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ) {
		return Permissions::check();
	}

	/**
	 * Checks the caller may read one item.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return Permissions::check();
	}

	/**
	 * Sets a listing's paging headers: X-WP-Total and X-WP-TotalPages as core's collections do,
	 * and `X-Auth-Sentinel-Total-Bound` when the total is a lower bound (more rows match than
	 * were counted; see Database\BoundedCount).
	 *
	 * @param \WP_REST_Response    $response The response.
	 * @param array<string, mixed> $result   The repository's answer: `total`, and `more` when bounded.
	 * @param int                  $per_page Rows per page.
	 * @return \WP_REST_Response
	 */
	protected static function paging_headers( \WP_REST_Response $response, array $result, int $per_page ): \WP_REST_Response {
		$total = (int) $result['total'];
		$response->header( 'X-WP-Total', (string) $total );
		$response->header( 'X-WP-TotalPages', (string) (int) ceil( $total / max( 1, $per_page ) ) );
		if ( ! empty( $result['more'] ) ) {
			$response->header( 'X-Auth-Sentinel-Total-Bound', (string) $total );
		}
		return $response;
	}
}
