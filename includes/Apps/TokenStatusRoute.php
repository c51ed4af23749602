<?php
/**
 * Keeps the token plugins' refusals off the apps' status route.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Apps;

use AuthSentinel\Events\Issuers;

defined( 'ABSPATH' ) || exit;

/**
 * `POST /token-status` is asked about a token that was refused: a token plugin that refuses
 * every request carrying it (Simple JWT Login does, on rest_authentication_errors or
 * rest_pre_dispatch) must not answer in the route's place. Only the token plugins' own codes
 * are set aside, and only on this route (the hook table's guard says which requests).
 *
 * @since 0.1.0
 */
class TokenStatusRoute {

	/**
	 * The token plugins.
	 *
	 * @var Issuers
	 */
	private $issuers;

	/**
	 * Creates the filter.
	 *
	 * @param Issuers $issuers The token plugins.
	 */
	public function __construct( Issuers $issuers ) {
		$this->issuers = $issuers;
	}

	/**
	 * Sets aside a token plugin's refusal (rest_authentication_errors, last).
	 *
	 * @param mixed $result The result so far.
	 * @return mixed
	 */
	public function set_aside_token_error( $result ) {
		return $this->is_token_error( $result ) ? null : $result;
	}

	/**
	 * Sets aside a token plugin's refusal made before dispatch (rest_pre_dispatch, last).
	 *
	 * @param mixed                 $result  The result so far.
	 * @param \WP_REST_Server|null  $server  The server.
	 * @param \WP_REST_Request|null $request The request.
	 * @return mixed
	 */
	public function set_aside_dispatch_error( $result, $server = null, $request = null ) {
		unset( $server );
		if ( ! $this->is_token_error( $result ) || ! $request instanceof \WP_REST_Request ) {
			return $result;
		}
		return '/auth-sentinel/v1' . TokenStatusController::ROUTE === untrailingslashit( $request->get_route() ) ? null : $result;
	}

	/**
	 * Tells whether a result is a token plugin's refusal.
	 *
	 * @param mixed $result The result.
	 * @return bool
	 */
	private function is_token_error( $result ): bool {
		return $result instanceof \WP_Error && '' !== $this->issuers->from_code( (string) $result->get_error_code() );
	}
}
