<?php
/**
 * The actions the audit log records.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Vocabulary;

defined( 'ABSPATH' ) || exit;

/**
 * Names every action the plugin writes to the audit log, in the order the filters list them.
 * The one source of the actions for the REST schema, the CSV export and the admin app, which
 * receives them with their names through its page configuration.
 *
 * @since 0.1.0
 */
final class AuditAction {

	/**
	 * Every action, in display order.
	 */
	const VALUES = array(
		'sign_in',
		'sign_out',
		'session_created',
		'session_revoked',
		'user_sessions_revoked',
		'all_sessions_revoked',
		'reauth_failed',
		'app_password_created',
		'app_password_first_used',
		'app_password_revoked',
		'password_changed',
		'email_changed',
		'role_changed',
		'secrets_changed',
		'settings_changed',
	);

	/**
	 * Returns the name of every action, as the Audit screen shows it.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, string> Action => translated name, in display order.
	 */
	public static function labels(): array {
		return array(
			'sign_in'                 => __( 'Signed in', 'auth-sentinel' ),
			'sign_out'                => __( 'Signed out', 'auth-sentinel' ),
			'session_created'         => __( 'Session created', 'auth-sentinel' ),
			'session_revoked'         => __( 'Session revoked', 'auth-sentinel' ),
			'user_sessions_revoked'   => __( 'All of a user’s sessions revoked', 'auth-sentinel' ),
			'all_sessions_revoked'    => __( 'Everyone’s sessions revoked', 'auth-sentinel' ),
			'reauth_failed'           => __( 'Wrong password to confirm a revocation', 'auth-sentinel' ),
			'app_password_created'    => __( 'Application password created', 'auth-sentinel' ),
			'app_password_first_used' => __( 'Application password first used', 'auth-sentinel' ),
			'app_password_revoked'    => __( 'Application password revoked', 'auth-sentinel' ),
			'password_changed'        => __( 'Password changed', 'auth-sentinel' ),
			'email_changed'           => __( 'Email address changed', 'auth-sentinel' ),
			'role_changed'            => __( 'Role changed', 'auth-sentinel' ),
			'secrets_changed'         => __( 'Secrets changed', 'auth-sentinel' ),
			'settings_changed'        => __( 'Settings changed', 'auth-sentinel' ),
		);
	}
}
