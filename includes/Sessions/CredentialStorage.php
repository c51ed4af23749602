<?php
/**
 * Ends credentials in the storage that holds them, and reads every write back.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * The writes of a revocation to the stores of one credential: core's session tokens (through
 * `WP_Session_Tokens`), application passwords, WCPOS's session meta and blacklist. Each write
 * is read back, and what storage does not confirm throws, so that the revoker can say what was
 * not ended. Deciding what to end, and in which order, is the revoker's.
 *
 * @since 0.1.0
 */
final class CredentialStorage {

	/**
	 * The fingerprints.
	 *
	 * @var CredentialFingerprints
	 */
	private $fingerprints;

	/**
	 * Token refusals (the jtis of WCPOS sessions).
	 *
	 * @var Revocations
	 */
	private $revocations;

	/**
	 * Creates the storage writer.
	 *
	 * @param CredentialFingerprints $fingerprints The fingerprints.
	 * @param Revocations            $revocations  Token refusals.
	 */
	public function __construct( CredentialFingerprints $fingerprints, Revocations $revocations ) {
		$this->fingerprints = $fingerprints;
		$this->revocations  = $revocations;
	}

	/**
	 * Removes the cookie sessions of a user whose fingerprint matches.
	 *
	 * @param int    $user_id The user.
	 * @param string $fp      The session's fingerprint.
	 * @return void
	 * @throws \RuntimeException When no stored session matches, or it is still stored afterwards.
	 */
	public function end_cookie( int $user_id, string $fp ): void {
		$sessions = SessionTokens::stored( $user_id );
		$removed  = 0;
		foreach ( array_keys( $sessions ) as $verifier ) {
			if ( $this->fingerprints->cookie( (string) $verifier ) === $fp ) {
				unset( $sessions[ $verifier ] );
				++$removed;
			}
		}
		if ( 0 === $removed ) {
			// Nothing this row stands for is stored: revoking nothing is not a success.
			throw new \RuntimeException( 'No stored session matches this one.' );
		}
		if ( ! SessionTokens::store( $user_id, $sessions ) ) {
			throw new \RuntimeException( 'The session is still stored.' );
		}
	}

	/**
	 * Keeps only some of a user's cookie sessions in core's storage: the caller's own, and those
	 * not ending (all of them end when `$ending` is null).
	 *
	 * @param int           $user_id The user.
	 * @param string        $keep    The verifier of the caller's own session, '' for none.
	 * @param string[]|null $ending  The fingerprints of the sessions that end; null for all.
	 * @return void
	 * @throws \RuntimeException When a session that ends is still stored afterwards.
	 */
	public function keep_cookies( int $user_id, string $keep, ?array $ending ): void {
		$sessions = SessionTokens::stored( $user_id );
		$kept     = array();
		foreach ( $sessions as $verifier => $session ) {
			$mine = '' !== $keep && $verifier === $keep;
			if ( $mine || ( null !== $ending && ! in_array( $this->fingerprints->cookie( (string) $verifier ), $ending, true ) ) ) {
				$kept[ $verifier ] = $session;
			}
		}
		if ( ! SessionTokens::store( $user_id, $kept ) ) {
			throw new \RuntimeException( 'A session is still stored.' );
		}
	}

	/**
	 * Deletes one application password and reads it back.
	 *
	 * @param int    $user_id The user.
	 * @param string $uuid    Its uuid.
	 * @return void
	 * @throws \RuntimeException When it is still stored afterwards.
	 */
	public function end_app_password( int $user_id, string $uuid ): void {
		if ( ! \WP_Application_Passwords::get_user_application_password( $user_id, $uuid ) ) {
			return;
		}
		\WP_Application_Passwords::delete_application_password( $user_id, $uuid );
		wp_cache_delete( $user_id, 'user_meta' );
		if ( in_array( $uuid, array_column( \WP_Application_Passwords::get_user_application_passwords( $user_id ), 'uuid' ), true ) ) {
			throw new \RuntimeException( 'The application password is still stored.' );
		}
	}

	/**
	 * Ends WCPOS sessions of a user: their jtis denied, WCPOS's own blacklist told (so its access
	 * tokens stay refused even without this plugin), the sessions removed from its meta.
	 *
	 * @param int           $user_id The user.
	 * @param string[]|null $jtis    The sessions; null for all.
	 * @param int           $by      Who.
	 * @param string        $reason  Why.
	 * @return void
	 * @throws \RuntimeException When a session is still stored or a jti not denied.
	 */
	public function end_wcpos_sessions( int $user_id, ?array $jtis, int $by = 0, string $reason = 'admin' ): void {
		wp_cache_delete( $user_id, 'user_meta' );
		$sessions = get_user_meta( $user_id, \AuthSentinel\Guards::WCPOS_META, true );
		$sessions = is_array( $sessions ) ? $sessions : array();
		$ending   = null === $jtis ? array_map( 'strval', array_keys( $sessions ) ) : $jtis;
		if ( null === $jtis && $ending ) {
			$keys = array();
			foreach ( $ending as $jti ) {
				$keys[ $this->revocations->jti_key( $jti ) ] = (int) ( $sessions[ $jti ]['expires'] ?? 0 );
			}
			$this->revocations->deny_many( $user_id, $keys, $by, $reason );
		}
		foreach ( $ending as $jti ) {
			$session = $sessions[ $jti ] ?? array();
			$until   = max( (int) ( $session['access_expires'] ?? 0 ), (int) ( $session['expires'] ?? 0 ) );
			if ( $until > time() && strlen( $jti ) <= 150 ) {
				set_transient( 'wcpos_blacklist_' . $jti, time(), $until - time() );
			}
			unset( $sessions[ $jti ] );
		}
		if ( $sessions ) {
			update_user_meta( $user_id, \AuthSentinel\Guards::WCPOS_META, $sessions );
		} else {
			delete_user_meta( $user_id, \AuthSentinel\Guards::WCPOS_META );
		}
		wp_cache_delete( $user_id, 'user_meta' );
		$stored = get_user_meta( $user_id, \AuthSentinel\Guards::WCPOS_META, true );
		if ( is_array( $stored ) && array_intersect( $ending, array_map( 'strval', array_keys( $stored ) ) ) ) {
			throw new \RuntimeException( 'A WCPOS session is still stored.' );
		}
	}
}
