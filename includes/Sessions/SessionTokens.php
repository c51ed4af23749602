<?php
/**
 * WordPress's session storage, observed.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * Core's own user-meta session storage, unchanged in format (deactivating the plugin loses no
 * session), that tells the cookie tracker each time a session is saved or destroyed: core fires
 * no hook for either, and its get_all() drops the session ids a per-session revoke needs.
 *
 * WordPress builds this class itself (WP_Session_Tokens::get_instance()), so it cannot be given
 * its tracker: it asks the plugin's container for it, the one place that does, and only when a
 * session changes.
 *
 * @since 0.1.0
 */
class SessionTokens extends \WP_User_Meta_Session_Tokens {

	/**
	 * Puts this class in core's place (session_token_manager, late): a plugin that brings its own
	 * session storage (Redis…) keeps it, and only the index misses its sessions.
	 *
	 * @param mixed $manager The class core would use.
	 * @return mixed
	 */
	public static function manager( $manager ) {
		return 'WP_User_Meta_Session_Tokens' === $manager ? self::class : $manager;
	}

	/**
	 * Returns the cookie tracker, null when the plugin is not running (deactivation, uninstall).
	 *
	 * @return CookieTracker|null
	 */
	private static function tracker(): ?CookieTracker {
		return \AuthSentinel\Plugin::running() ? \AuthSentinel\Plugin::get( CookieTracker::class ) : null;
	}

	/**
	 * Saves or destroys one session, then tells the tracker.
	 *
	 * @param string                    $verifier The session's verifier (hash of its token).
	 * @param array<string, mixed>|null $session  The session; null destroys it.
	 * @return void
	 */
	protected function update_session( $verifier, $session = null ) {
		parent::update_session( $verifier, $session );
		$tracker = self::tracker();
		if ( null !== $tracker ) {
			$tracker->changed( $this->user_id, (string) $verifier, is_array( $session ) ? $session : null );
		}
	}

	/**
	 * Destroys every session of the user but one, then tells the tracker.
	 *
	 * @param string $verifier The verifier of the session to keep.
	 * @return void
	 */
	protected function destroy_other_sessions( $verifier ) {
		parent::destroy_other_sessions( $verifier );
		$tracker = self::tracker();
		if ( null !== $tracker ) {
			$tracker->all_of_user_ended( $this->user_id, (string) $verifier );
		}
	}

	/**
	 * Destroys every session of the user, then tells the tracker.
	 *
	 * @return void
	 */
	protected function destroy_all_sessions() {
		parent::destroy_all_sessions();
		$tracker = self::tracker();
		if ( null !== $tracker ) {
			$tracker->all_of_user_ended( $this->user_id, null );
		}
	}

	/**
	 * Destroys every session of every user, then tells the tracker.
	 *
	 * @return void
	 */
	public static function drop_sessions() {
		parent::drop_sessions();
		$tracker = self::tracker();
		if ( null !== $tracker ) {
			$tracker->everyone_ended();
		}
	}

	/**
	 * Returns one user's sessions keyed by verifier, as stored (for the index and revocation).
	 *
	 * @param int $user_id The user.
	 * @return array<string, array<string, mixed>>
	 */
	public static function stored( int $user_id ): array {
		$sessions = get_user_meta( $user_id, 'session_tokens', true );
		if ( ! is_array( $sessions ) ) {
			return array();
		}
		$out = array();
		foreach ( $sessions as $verifier => $session ) {
			$session = is_int( $session ) ? array( 'expiration' => $session ) : $session;
			if ( is_array( $session ) && isset( $session['expiration'] ) && (int) $session['expiration'] >= time() ) {
				$out[ (string) $verifier ] = $session;
			}
		}
		return $out;
	}

	/**
	 * Writes one user's sessions as core would (used by revocation, which works on verifiers).
	 *
	 * @param int                                 $user_id  The user.
	 * @param array<string, array<string, mixed>> $sessions The sessions to keep.
	 * @return bool Whether storage now holds no session beyond these.
	 */
	public static function store( int $user_id, array $sessions ): bool {
		if ( $sessions ) {
			update_user_meta( $user_id, 'session_tokens', $sessions );
		} else {
			delete_user_meta( $user_id, 'session_tokens' );
		}
		wp_cache_delete( $user_id, 'user_meta' );
		return ! array_diff_key( self::stored( $user_id ), $sessions );
	}
}
