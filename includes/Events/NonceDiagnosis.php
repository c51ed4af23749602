<?php
/**
 * Diagnoses rejected REST nonces.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Secrets\SecretFacts;

defined( 'ABSPATH' ) || exit;

/**
 * Explains `rest_cookie_invalid_nonce`: the signed-in user's X-WP-Nonce did not verify. A nonce
 * that verifies for an older tick of this session is expired; one from before a change of
 * NONCE_KEY / NONCE_SALT is a secret change; one that is not even nonce-shaped is corrupted.
 *
 * @since 0.1.0
 */
class NonceDiagnosis {

	/**
	 * How many half-day ticks back an expired nonce is recognised.
	 */
	const TICKS_BACK = 14;

	/**
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $secrets;

	/**
	 * Creates the diagnosis.
	 *
	 * @param SecretFacts $secrets What is known of the secrets' changes.
	 */
	public function __construct( SecretFacts $secrets ) {
		$this->secrets = $secrets;
	}

	/**
	 * Diagnoses the current request's rejected nonce.
	 *
	 * @param string $nonce The nonce sent (never stored).
	 * @return Failure
	 */
	public function diagnose( string $nonce ): Failure {
		$failure          = new Failure( 'rest_nonce', 'rest_cookie_invalid_nonce', 'unknown' );
		$failure->user_id = get_current_user_id();
		$session          = wp_get_session_token();
		// One row per session: the nonce changes every twelve hours, the session does not.
		$failure->credential = '' === $session ? '' : substr( hash( 'sha256', $session ), 0, 32 );

		if ( ! preg_match( '/^[0-9a-f]{10}$/', $nonce ) ) {
			$failure->cause              = 'corrupted';
			$failure->details['problem'] = 'shape';
			return $failure;
		}

		$tick = (int) wp_nonce_tick( 'wp_rest' );
		for ( $back = 2; $back <= self::TICKS_BACK; $back++ ) {
			$expected = substr( wp_hash( ( $tick - $back ) . '|wp_rest|' . $failure->user_id . '|' . $session, 'nonce' ), -12, 10 );
			if ( hash_equals( $expected, $nonce ) ) {
				$failure->cause            = 'expired';
				$failure->details['age_h'] = $back * 12;
				return $failure;
			}
		}

		$lifetime   = (int) apply_filters( 'nonce_life', DAY_IN_SECONDS, 'wp_rest' ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- Core's filter, read as core does.
		$changed_at = $this->secrets->last_change_of( array( 'NONCE_KEY', 'NONCE_SALT' ) );
		if ( null !== $changed_at && $changed_at > time() - $lifetime ) {
			$failure->cause                 = 'secret_changed';
			$failure->details['changed_at'] = $changed_at;
			$failure->details['changed']    = $this->secrets->names_changed_at( $changed_at );
		}
		return $failure;
	}
}
