<?php
/**
 * Answers Site Health's probe of the Authorization header.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

defined( 'ABSPATH' ) || exit;

/**
 * The probe request carries a Bearer header that no token plugin issued: it is answered on
 * rest_api_init, before anything judges the credentials (the hook table runs it first and only
 * for the probe's route), with what reached PHP.
 *
 * @since 0.1.0
 */
final class AuthorizationProbe {

	/**
	 * Sends the probe's answer and ends the request.
	 *
	 * @return void
	 */
	public static function answer(): void {
		// Not wp_send_json(), which is not for REST requests.
		nocache_headers();
		status_header( 200 );
		header( 'Content-Type: application/json; charset=' . get_option( 'blog_charset' ) );
		echo wp_json_encode( AuthorizationCheck::probe_answer() );
		exit;
	}
}
