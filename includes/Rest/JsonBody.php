<?php
/**
 * A JSON body of the plugin's routes must be an object.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * Refuses, with 400 `rest_invalid_json`, a request to the plugin's routes whose JSON body is
 * valid JSON but not an object (`1.5`, `"x"`, `true`): WordPress would go on to read it as a
 * list of parameters and warn (`foreach() argument must be of type array|object`) instead of
 * answering. Invalid JSON is core's to refuse, and it does.
 *
 * @since 0.1.0
 */
class JsonBody {

	/**
	 * Refuses a JSON body that is not an object (rest_pre_dispatch).
	 *
	 * @param mixed                 $result  The response so far.
	 * @param \WP_REST_Server|null  $server  The server.
	 * @param \WP_REST_Request|null $request The request.
	 * @return mixed
	 */
	public function check( $result, $server = null, $request = null ) {
		unset( $server );
		if ( null !== $result || ! $request instanceof \WP_REST_Request || 0 !== strpos( $request->get_route(), '/auth-sentinel/v1' ) || ! $request->is_json_content_type() ) {
			return $result;
		}
		$body = trim( (string) $request->get_body() );
		if ( '' === $body ) {
			return $result;
		}
		$decoded = json_decode( $body, true );
		if ( JSON_ERROR_NONE !== json_last_error() || is_array( $decoded ) ) {
			return $result;
		}
		return new \WP_Error( 'rest_invalid_json', __( 'The JSON body must be an object of parameters.', 'auth-sentinel' ), array( 'status' => 400 ) );
	}
}
