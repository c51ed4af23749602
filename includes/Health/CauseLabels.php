<?php
/**
 * The diagnosed causes of a failure, named in words.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

defined( 'ABSPATH' ) || exit;

/**
 * Names each cause in a few words, as the admin app's badges do (src/admin/events/causes.ts).
 *
 * @since 0.1.0
 */
final class CauseLabels {

	/**
	 * Names a cause.
	 *
	 * @param string $cause Cause code, e.g. secret_changed.
	 * @return string E.g. "Secret changed".
	 */
	public static function label( string $cause ): string {
		switch ( $cause ) {
			case 'expired':
				return __( 'Expired', 'auth-sentinel' );
			case 'revoked':
				return __( 'Revoked', 'auth-sentinel' );
			case 'secret_changed':
				return __( 'Secret changed', 'auth-sentinel' );
			case 'password_changed':
				return __( 'Password changed', 'auth-sentinel' );
			case 'corrupted':
				return __( 'Corrupted', 'auth-sentinel' );
			case 'wrong_site':
				return __( 'Wrong site', 'auth-sentinel' );
			case 'unknown_user':
				return __( 'Unknown user', 'auth-sentinel' );
			case 'bad_credentials':
				return __( 'Wrong password', 'auth-sentinel' );
			case 'header_stripped':
				return __( 'Header stripped', 'auth-sentinel' );
			case 'plugin_conflict':
				return __( 'Plugin conflict', 'auth-sentinel' );
			default:
				return __( 'Unknown cause', 'auth-sentinel' );
		}
	}
}
