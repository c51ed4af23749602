<?php
/**
 * Remembers when each user's password last changed.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Audit\AuditRepository;

defined( 'ABSPATH' ) || exit;

/**
 * Keeps the time of each user's last password change, the fact that tells a cookie or token
 * rejected for a new password apart from one rejected for new keys. Writes only when a
 * password actually changes.
 *
 * @since 0.1.0
 */
class PasswordWatch {

	/**
	 * User meta holding the time of the last password change.
	 */
	const META = 'auth_sentinel_password_changed_at';

	/**
	 * The audit log.
	 *
	 * @var AuditRepository
	 */
	private $audit;

	/**
	 * Users whose change was recorded in this request (both hooks may fire for one change).
	 *
	 * @var array<int, bool>
	 */
	private $recorded = array();

	/**
	 * Creates the watch.
	 *
	 * @param AuditRepository $audit The audit log.
	 */
	public function __construct( AuditRepository $audit ) {
		$this->audit = $audit;
	}

	/**
	 * Records a password set through wp_set_password() (resets, tools).
	 *
	 * @param string $password Unused; never stored.
	 * @param int    $user_id  The user.
	 * @return void
	 */
	public function on_set_password( $password, $user_id ): void {
		unset( $password );
		$this->changed( (int) $user_id );
	}

	/**
	 * Records a password changed through a profile update.
	 *
	 * @param int                  $user_id  The user.
	 * @param \WP_User|null        $old_user The user before the update.
	 * @param array<string, mixed> $userdata The data saved.
	 * @return void
	 */
	public function on_profile_update( $user_id, $old_user = null, $userdata = array() ): void {
		if ( $old_user instanceof \WP_User && isset( $userdata['user_pass'] ) && $userdata['user_pass'] !== $old_user->user_pass ) {
			$this->changed( (int) $user_id );
		}
	}

	/**
	 * Returns when a user's password last changed, null when not since the plugin watches.
	 *
	 * @param int $user_id The user.
	 * @return int|null
	 */
	public static function changed_at( int $user_id ): ?int {
		$at = (int) get_user_meta( $user_id, self::META, true );
		return $at > 0 ? $at : null;
	}

	/**
	 * Stores the time and audits the change.
	 *
	 * @param int $user_id The user.
	 * @return void
	 */
	private function changed( int $user_id ): void {
		if ( $user_id <= 0 || isset( $this->recorded[ $user_id ] ) ) {
			return;
		}
		$this->recorded[ $user_id ] = true;
		try {
			update_user_meta( $user_id, self::META, time() );
			$this->audit->add( 'password_changed', array(), get_current_user_id(), $user_id );
			/**
			 * Fires once per request after a user's password changed and was recorded.
			 *
			 * @since 0.1.0
			 *
			 * @param int $user_id The user.
			 */
			do_action( 'auth_sentinel_password_changed', $user_id );
		} catch ( \Throwable $e ) {
			unset( $e ); // Never let bookkeeping break a password change.
		}
	}
}
