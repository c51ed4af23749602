<?php
/**
 * The kinds of credential the session inventory lists.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Vocabulary;

defined( 'ABSPATH' ) || exit;

/**
 * Names every kind of session: browser sign-ins (core's session tokens), application
 * passwords, WooCommerce POS refresh sessions and tokens seen in use, in the order filters and
 * counts list them. The one source of the types for the REST schema and the admin app, which
 * receives them with their names through its page configuration.
 *
 * @since 0.1.0
 */
final class SessionType {

	/**
	 * Every type, in display order.
	 */
	const VALUES = array( 'cookie', 'app_password', 'wcpos', 'token' );

	/**
	 * Returns the name of every type.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, string> Type => translated name, in display order.
	 */
	public static function labels(): array {
		return array(
			'cookie'       => __( 'Browser session', 'auth-sentinel' ),
			'app_password' => __( 'Application password', 'auth-sentinel' ),
			'wcpos'        => __( 'WCPOS session', 'auth-sentinel' ),
			'token'        => __( 'Token', 'auth-sentinel' ),
		);
	}
}
