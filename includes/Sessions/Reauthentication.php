<?php
/**
 * The password re-entry that guards "revoke everyone".
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Audit\Auditor;

defined( 'ABSPATH' ) || exit;

/**
 * Checks the caller's own password before "revoke everyone", with a limit (five wrong
 * passwords in fifteen minutes lock the re-entry for the rest of the window) and a trace: every
 * wrong password is audited (`reauth_failed`) and reported to WordPress as a failed sign-in
 * (`wp_login_failed`), so that this plugin's failures and any lockout plugin count it too.
 *
 * @since 0.1.0
 */
class Reauthentication {

	/**
	 * User meta of the wrong passwords: {count, since}.
	 */
	const META = 'auth_sentinel_reauth_failures';

	/**
	 * Wrong passwords allowed per window.
	 */
	const LIMIT = 5;

	/**
	 * The window, in seconds.
	 */
	const WINDOW = 15 * MINUTE_IN_SECONDS;

	/**
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * Creates the check.
	 *
	 * @param Auditor $auditor Writes the audit trail.
	 */
	public function __construct( Auditor $auditor ) {
		$this->auditor = $auditor;
	}

	/**
	 * Returns how many seconds the re-entry stays locked for a user, 0 when it is not.
	 *
	 * @param int $user_id The user.
	 * @return int
	 */
	public function locked_for( int $user_id ): int {
		$failures = self::failures( $user_id );
		if ( $failures['count'] < self::LIMIT ) {
			return 0;
		}
		return max( 0, $failures['since'] + self::WINDOW - time() );
	}

	/**
	 * Checks a user's password; a wrong one is counted, audited and reported.
	 *
	 * @param \WP_User $user     The user.
	 * @param string   $password The password typed (never stored).
	 * @return bool Whether it is the user's password.
	 */
	public function check( \WP_User $user, string $password ): bool {
		if ( '' !== $password && wp_check_password( $password, $user->user_pass, $user->ID ) ) {
			if ( self::failures( (int) $user->ID )['count'] > 0 ) {
				delete_user_meta( $user->ID, self::META );
			}
			return true;
		}
		$failures = self::failures( (int) $user->ID );
		$failures = array(
			'count' => $failures['count'] + 1,
			'since' => $failures['count'] > 0 ? $failures['since'] : time(),
		);
		update_user_meta( $user->ID, self::META, $failures );
		$this->auditor->record( 'reauth_failed', array( 'attempts' => $failures['count'] ), (int) $user->ID, (int) $user->ID );
		/** This action is documented in wp-includes/pluggable.php */
		do_action( 'wp_login_failed', $user->user_login, new \WP_Error( 'incorrect_password', __( 'The password entered to confirm revoking everyone’s sessions was wrong.', 'auth-sentinel' ) ) ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress's own failed sign-in action, so lockout plugins count it.
		return false;
	}

	/**
	 * Returns a user's wrong passwords in the current window.
	 *
	 * @param int $user_id The user.
	 * @return array{count: int, since: int}
	 */
	private static function failures( int $user_id ): array {
		$stored = get_user_meta( $user_id, self::META, true );
		if ( ! is_array( $stored ) || (int) ( $stored['since'] ?? 0 ) + self::WINDOW < time() ) {
			return array(
				'count' => 0,
				'since' => 0,
			);
		}
		return array(
			'count' => (int) ( $stored['count'] ?? 0 ),
			'since' => (int) $stored['since'],
		);
	}
}
