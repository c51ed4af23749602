<?php
/**
 * The kinds of credential a failure can come from.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Vocabulary;

defined( 'ABSPATH' ) || exit;

/**
 * Names every source a recorded failure can carry, in the order the Errors screen's filter lists
 * them. The one source of their names for the admin app, which receives them through its page
 * configuration, and for the rows the server prints before it starts.
 *
 * @since 0.1.0
 */
final class Source {

	/**
	 * Every source, in display order.
	 */
	const VALUES = array( 'login_form', 'cookie', 'xmlrpc', 'application_password', 'token', 'token_login', 'rest_nonce', 'rest' );

	/**
	 * Returns the name of every source, as the Errors screen shows it.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, string> Source => translated name, in display order.
	 */
	public static function labels(): array {
		return array(
			'login_form'           => __( 'Login form', 'auth-sentinel' ),
			'cookie'               => __( 'Login cookie', 'auth-sentinel' ),
			'xmlrpc'               => __( 'XML-RPC', 'auth-sentinel' ),
			'application_password' => __( 'Application password', 'auth-sentinel' ),
			'token'                => __( 'Token (JWT)', 'auth-sentinel' ),
			'token_login'          => __( 'App sign-in', 'auth-sentinel' ),
			'rest_nonce'           => __( 'REST nonce', 'auth-sentinel' ),
			'rest'                 => __( 'REST API', 'auth-sentinel' ),
		);
	}
}
