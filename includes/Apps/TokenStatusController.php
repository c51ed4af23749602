<?php
/**
 * REST route: POST /auth-sentinel/v1/token-status.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Apps;

use AuthSentinel\Events\TokenInspector;
use AuthSentinel\Http\ClientAddress;
use AuthSentinel\Http\Credentials;
use AuthSentinel\Http\Request;
use AuthSentinel\Secrets\Fingerprinter;

defined( 'ABSPATH' ) || exit;

/**
 * The public route a signed-out app calls with its own failed token to learn why it failed
 * (docs/apps.md). Anyone may call it, at most 30 times a minute per address (429 with
 * Retry-After beyond). The token comes from the body field `token` or an `Authorization:
 * Bearer` header, never from the URL; over 8 KB is refused with 400. Nothing is stored but a
 * fingerprint of the caller's address for the count; the answer is never cached.
 *
 * @since 0.1.0
 */
class TokenStatusController extends \WP_REST_Controller {

	/**
	 * The route's path in the namespace.
	 */
	const ROUTE = '/token-status';

	/**
	 * The longest token accepted (real ones are well under 2 KB).
	 */
	const MAX_TOKEN = TokenInspector::MAX_LENGTH;

	/**
	 * Requests per client address and minute, by default.
	 */
	const RATE_LIMIT = 30;

	/**
	 * Requests of all clients together per minute, by default.
	 */
	const GLOBAL_LIMIT = 600;

	/**
	 * The plugin's REST namespace.
	 *
	 * @var non-falsy-string
	 */
	protected $namespace = 'auth-sentinel/v1';

	/**
	 * Answers for one token.
	 *
	 * @var TokenStatus
	 */
	private $status;

	/**
	 * Fingerprints the callers (for the rate limit).
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Creates the controller.
	 *
	 * @param TokenStatus   $status        Answers for one token.
	 * @param Fingerprinter $fingerprinter Fingerprints the callers.
	 */
	public function __construct( TokenStatus $status, Fingerprinter $fingerprinter ) {
		$this->status        = $status;
		$this->fingerprinter = $fingerprinter;
		$this->namespace     = 'auth-sentinel/v1';
		$this->rest_base     = ltrim( self::ROUTE, '/' );
	}

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			self::ROUTE,
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					// Public on purpose: the caller is signed out. Rate-limited in the callback.
					'permission_callback' => '__return_true',
					'args'                => array(
						'token' => array(
							'description' => __( 'The token the app was refused with (or send it as Authorization: Bearer).', 'auth-sentinel' ),
							'type'        => 'string',
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Answers why a token fails.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public function create_item( $request ) {
		$wait = $this->rate_limiter()->hit( $this->client(), time() );
		if ( $wait > 0 ) {
			$response = $this->error( 429, 'auth_sentinel_rate_limited', __( 'Too many requests. Try again in a minute.', 'auth-sentinel' ) );
			$response->header( 'Retry-After', (string) $wait );
			return $response;
		}

		list( $token, $problem, $stripped ) = $this->token( $request );
		if ( 'too_long' === $problem ) {
			/* translators: %d: the largest size, in bytes. */
			return $this->error( 400, 'auth_sentinel_token_too_long', sprintf( __( 'The token is larger than %d bytes: it is not a token this site issues.', 'auth-sentinel' ), self::MAX_TOKEN ) );
		}
		if ( null === $token ) {
			return $this->error( 400, 'auth_sentinel_no_token', __( 'Send the token in the "token" field of the body, or as Authorization: Bearer <token>.', 'auth-sentinel' ) );
		}

		$response = new \WP_REST_Response( $this->status->of( $token, $stripped ), 200 );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * Finds the token: the body's `token` field first (JSON or form), then a Bearer header.
	 * The query string is never read: URLs end up in logs.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return array{0: ?string, 1: string, 2: bool} The token or null, '' or `too_long`, and
	 *                                               whether it reached PHP only in the raw headers.
	 */
	private function token( \WP_REST_Request $request ): array {
		$json = $request->get_json_params();
		$body = $request->get_body_params();
		$sent = null;
		if ( is_array( $json ) && isset( $json['token'] ) ) {
			$sent = $json['token'];
		} elseif ( isset( $body['token'] ) ) {
			$sent = $body['token'];
		}
		$stripped = false;
		if ( ! is_string( $sent ) || '' === trim( $sent ) ) {
			$header = Credentials::current()->authorization();
			if ( $header['oversized'] || strlen( (string) $header['value'] ) > self::MAX_TOKEN + 64 ) {
				return array( null, 'too_long', false );
			}
			$sent     = null === $header['value'] || ! preg_match( '/^\s*Bearer\s/i', $header['value'] ) ? null : Request::token_of( $header['value'] );
			$stripped = 'raw_headers' === $header['via'];
		}
		if ( null === $sent ) {
			return array( null, '', false );
		}
		$sent = trim( $sent );
		if ( strlen( $sent ) > self::MAX_TOKEN ) {
			return array( null, 'too_long', false );
		}
		return array( $sent, '', $stripped );
	}

	/**
	 * Returns the limiter with the filtered limits.
	 *
	 * @return RateLimiter
	 */
	private function rate_limiter(): RateLimiter {
		/**
		 * Filters how many token-status requests one client may make per minute.
		 *
		 * A client is an address (IPv4) or a /64 (IPv6): a fleet of terminals behind one router
		 * shares the limit.
		 *
		 * @since 0.1.0
		 *
		 * @param int $limit Requests per minute; 30 by default.
		 */
		$limit = (int) apply_filters( 'auth_sentinel_token_status_rate_limit', self::RATE_LIMIT );
		/**
		 * Filters how many token-status requests all clients together may make per minute.
		 *
		 * @since 0.1.0
		 *
		 * @param int $limit Requests per minute; 600 by default (never below the per-client limit).
		 */
		$global = (int) apply_filters( 'auth_sentinel_token_status_global_limit', self::GLOBAL_LIMIT );
		return new RateLimiter( $limit, $global );
	}

	/**
	 * Returns a keyed fingerprint of the caller: its address, or its /64 for IPv6 (through the
	 * proxies the site trusts only; forwarded headers of anyone else are the caller's to forge).
	 *
	 * @return string
	 */
	private function client(): string {
		$ip = ClientAddress::current();
		return $this->fingerprinter->fingerprint( 'rate_limit', '' === $ip ? 'unknown' : ClientAddress::rate_key( $ip ) );
	}

	/**
	 * Builds an error answer in the REST API's usual shape.
	 *
	 * @param int    $status  HTTP status.
	 * @param string $code    Error code.
	 * @param string $message Message.
	 * @return \WP_REST_Response
	 */
	private function error( int $status, string $code, string $message ): \WP_REST_Response {
		$response = new \WP_REST_Response(
			array(
				'code'    => $code,
				'message' => $message,
				'data'    => array( 'status' => $status ),
			),
			$status
		);
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * Describes the answer.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'auth-sentinel-token-status',
			'type'       => 'object',
			'properties' => array(
				'status'  => array(
					'description' => __( 'Why the token fails, or valid.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => TokenStatus::STATUSES,
					'readonly'    => true,
				),
				'code'    => array(
					'description' => __( 'The app error code (e.g. API02003), or the catalog entry when it has none; null when valid.', 'auth-sentinel' ),
					'type'        => array( 'string', 'null' ),
					'readonly'    => true,
				),
				'message' => array(
					'description' => __( 'A sentence to show the app’s user, in the site’s language.', 'auth-sentinel' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'at'      => array(
					'description' => __( 'When it happened (UTC), when the token’s holder may know it.', 'auth-sentinel' ),
					'type'        => 'string',
					'format'      => 'date-time',
					'readonly'    => true,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
