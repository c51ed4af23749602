<?php
/**
 * Revocation policies: what ends a user's sessions without anyone clicking.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Audit\Auditor;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Applies the settings' policies: a changed password, email address or role revokes the user's
 * sessions and tokens (the session of the person making the change, if it is the user, stays);
 * a per-role limit of concurrent browser sessions ends the oldest ones at sign-in.
 *
 * @since 0.1.0
 */
class Policies {

	/**
	 * The revoker.
	 *
	 * @var Revoker
	 */
	private $revoker;

	/**
	 * The index.
	 *
	 * @var SessionIndex
	 */
	private $index;

	/**
	 * The fingerprints.
	 *
	 * @var CredentialFingerprints
	 */
	private $fingerprints;

	/**
	 * The audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * Users already handled this request, by reason.
	 *
	 * @var array<string, bool>
	 */
	private $done = array();

	/**
	 * The roles, before, of users whose roles were all taken away in this request.
	 *
	 * @var array<int, string[]>
	 */
	private $cleared = array();

	/**
	 * Creates the policies.
	 *
	 * @param Revoker                $revoker The revoker.
	 * @param SessionIndex           $index   The index.
	 * @param CredentialFingerprints $fingerprints The fingerprints.
	 * @param Auditor                $auditor The audit trail.
	 */
	public function __construct( Revoker $revoker, SessionIndex $index, CredentialFingerprints $fingerprints, Auditor $auditor ) {
		$this->revoker      = $revoker;
		$this->index        = $index;
		$this->fingerprints = $fingerprints;
		$this->auditor      = $auditor;
	}

	/**
	 * A password was set (wp_set_password, reset, profile save).
	 *
	 * @param int $user_id The user.
	 * @return void
	 */
	public function password_changed( int $user_id ): void {
		if ( Settings::get( 'revoke_on_password_change' ) ) {
			$this->apply( $user_id, 'policy_password' );
		}
	}

	/**
	 * A profile was saved: the email address may have changed.
	 *
	 * @param int           $user_id  The user.
	 * @param \WP_User|null $old_user The user before.
	 * @return void
	 */
	public function profile_updated( $user_id, $old_user ): void {
		$user = get_userdata( (int) $user_id );
		if ( ! $user || ! $old_user instanceof \WP_User || strtolower( $old_user->user_email ) === strtolower( $user->user_email ) ) {
			return;
		}
		$this->auditor->record( 'email_changed', array(), (int) $user_id );
		if ( Settings::get( 'revoke_on_email_change' ) ) {
			$this->apply( (int) $user_id, 'policy_email' );
		}
	}

	/**
	 * A role was set.
	 *
	 * @param int      $user_id   The user.
	 * @param string   $role      The new role.
	 * @param string[] $old_roles The roles before.
	 * @return void
	 */
	public function role_set( $user_id, $role, $old_roles ): void {
		$old_roles = array_values( array_map( 'strval', (array) $old_roles ) );
		if ( ! $old_roles || array( (string) $role ) === $old_roles ) {
			return; // A new user, or nothing changed.
		}
		if ( '' === (string) $role ) {
			// WordPress's REST API (wp_update_user() with the role false) takes every role away,
			// then adds the new ones one by one (add_user_role): the change is recorded once, at the
			// end of the request, with the roles the user is left with.
			if ( array() === $this->cleared ) {
				add_action( 'shutdown', array( $this, 'roles_settled' ), 0 );
			}
			$this->cleared[ (int) $user_id ] = $this->cleared[ (int) $user_id ] ?? $old_roles;
			return;
		}
		$this->role_changed( (int) $user_id, $old_roles, array( (string) $role ) );
	}

	/**
	 * The request ends: records the roles of users whose roles were all taken away in it, as
	 * they are now (shutdown, hooked by role_set()).
	 *
	 * @return void
	 */
	public function roles_settled(): void {
		$cleared       = $this->cleared;
		$this->cleared = array();
		foreach ( $cleared as $user_id => $old_roles ) {
			$user  = get_userdata( $user_id );
			$roles = $user ? array_values( array_map( 'strval', $user->roles ) ) : array();
			if ( $roles !== $old_roles ) {
				$this->role_changed( $user_id, $old_roles, $roles );
			}
		}
	}

	/**
	 * Records a change of roles, and applies the role-change policy.
	 *
	 * @param int      $user_id The user.
	 * @param string[] $from    The roles before.
	 * @param string[] $to      The roles after.
	 * @return void
	 */
	private function role_changed( int $user_id, array $from, array $to ): void {
		$this->auditor->record(
			'role_changed',
			array(
				'from' => $from,
				'to'   => $to,
			),
			$user_id
		);
		if ( Settings::get( 'revoke_on_role_change' ) ) {
			$this->apply( $user_id, 'policy_role' );
		}
	}

	/**
	 * A browser session was created: enforce the role's limit, oldest sessions first.
	 *
	 * @param int $user_id The user.
	 * @return void
	 */
	public function session_created( int $user_id ): void {
		$limit = self::limit_for( $user_id );
		if ( $limit <= 0 ) {
			return;
		}
		$sessions = SessionTokens::stored( $user_id );
		if ( count( $sessions ) <= $limit ) {
			return;
		}
		uasort(
			$sessions,
			static function ( $a, $b ) {
				return (int) ( $b['login'] ?? 0 ) <=> (int) ( $a['login'] ?? 0 );
			}
		);
		foreach ( array_slice( array_keys( $sessions ), $limit ) as $verifier ) {
			$row = $this->index->find_fp( 'cookie', $this->fingerprints->cookie( (string) $verifier ) );
			try {
				if ( $row && 'active' === $row['status'] ) {
					$this->revoker->revoke( $row, 0, 'limit' );
				} else {
					$left = SessionTokens::stored( $user_id );
					unset( $left[ $verifier ] );
					SessionTokens::store( $user_id, $left );
				}
			} catch ( \RuntimeException $e ) {
				unset( $e ); // The next sign-in tries again.
			}
		}
	}

	/**
	 * Returns the most concurrent browser sessions a user may have, 0 for no limit: the most
	 * generous of their roles' limits (a role without one means no limit).
	 *
	 * @param int $user_id The user.
	 * @return int
	 */
	public static function limit_for( int $user_id ): int {
		$limits = (array) Settings::get( 'session_limits' );
		if ( ! $limits ) {
			return 0;
		}
		$user = get_userdata( $user_id );
		if ( ! $user || ! $user->roles ) {
			return 0;
		}
		$most = 0;
		foreach ( $user->roles as $role ) {
			$limit = (int) ( $limits[ $role ] ?? 0 );
			if ( $limit <= 0 ) {
				return 0;
			}
			$most = max( $most, $limit );
		}
		return $most;
	}

	/**
	 * Revokes a user's sessions and tokens for a policy, once per request and reason.
	 *
	 * @param int    $user_id The user.
	 * @param string $reason  policy_password|policy_email|policy_role.
	 * @return void
	 */
	private function apply( int $user_id, string $reason ): void {
		if ( $user_id <= 0 || isset( $this->done[ $user_id . $reason ] ) ) {
			return;
		}
		$this->done[ $user_id . $reason ] = true;
		try {
			// Application passwords are separate credentials the user made on purpose; they stay.
			$this->revoker->revoke_user( $user_id, get_current_user_id(), $reason, array( 'application_passwords' => false ) );
		} catch ( \Throwable $e ) {
			if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
				error_log( 'Auth Sentinel: a revocation policy failed: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- Debug only.
			}
		}
	}
}
