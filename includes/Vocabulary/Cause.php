<?php
/**
 * The diagnosed causes of a failure.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Vocabulary;

defined( 'ABSPATH' ) || exit;

/**
 * Names every cause a recorded failure can carry (PRODUCT.md's list), in the order the screens
 * list them: the causes an administrator acts on first, "unknown" last. The one source of the
 * causes for the REST schema and the admin app, which receives them with their names through its
 * page configuration.
 *
 * @since 0.1.0
 */
final class Cause {

	/**
	 * Every cause, in display order.
	 */
	const VALUES = array(
		'secret_changed',
		'header_stripped',
		'plugin_conflict',
		'wrong_site',
		'revoked',
		'password_changed',
		'expired',
		'bad_credentials',
		'unknown_user',
		'corrupted',
		'unknown',
	);

	/**
	 * Returns the name of every cause, in a few words.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, string> Cause => translated name, in display order.
	 */
	public static function labels(): array {
		return array(
			'secret_changed'   => __( 'Secret changed', 'auth-sentinel' ),
			'header_stripped'  => __( 'Header stripped', 'auth-sentinel' ),
			'plugin_conflict'  => __( 'Plugin conflict', 'auth-sentinel' ),
			'wrong_site'       => __( 'Wrong site', 'auth-sentinel' ),
			'revoked'          => __( 'Revoked', 'auth-sentinel' ),
			'password_changed' => __( 'Password changed', 'auth-sentinel' ),
			'expired'          => __( 'Expired', 'auth-sentinel' ),
			'bad_credentials'  => __( 'Wrong password', 'auth-sentinel' ),
			'unknown_user'     => __( 'Unknown user', 'auth-sentinel' ),
			'corrupted'        => __( 'Corrupted', 'auth-sentinel' ),
			'unknown'          => __( 'Unknown cause', 'auth-sentinel' ),
		);
	}

	/**
	 * Returns the tone of every cause's badge: red ("error") for problems of the site, yellow
	 * ("warning") for problems of the credential, blue ("info") for the normal life of a session.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, string> Cause => error, warning or info.
	 */
	public static function tones(): array {
		return array(
			'secret_changed'   => 'error',
			'header_stripped'  => 'error',
			'plugin_conflict'  => 'error',
			'wrong_site'       => 'warning',
			'revoked'          => 'info',
			'password_changed' => 'info',
			'expired'          => 'info',
			'bad_credentials'  => 'warning',
			'unknown_user'     => 'warning',
			'corrupted'        => 'warning',
			'unknown'          => 'info',
		);
	}

	/**
	 * Names one cause in a few words; an unknown code is "Unknown cause".
	 *
	 * @since 0.1.0
	 *
	 * @param string $cause Cause code, e.g. secret_changed.
	 * @return string E.g. "Secret changed".
	 */
	public static function label( string $cause ): string {
		$labels = self::labels();
		return $labels[ $cause ] ?? $labels['unknown'];
	}
}
