<?php
/**
 * Diagnoses rejected sign-in cookies.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Http\Text;
use AuthSentinel\Secrets\Fingerprinter;
use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Secrets\SecretResolver;
use AuthSentinel\Sessions\EndedCredentials;

defined( 'ABSPATH' ) || exit;

/**
 * Turns core's five cookie rejections into causes, using the cookie's own parts against the
 * user's sessions, the last password change and the last change of the cookie keys.
 *
 * @since 0.1.0
 */
class CookieDiagnosis {

	/**
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $secrets;

	/**
	 * Fingerprints credentials.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Who ended a credential, and why.
	 *
	 * @var EndedCredentials
	 */
	private $ended;

	/**
	 * Creates the diagnosis.
	 *
	 * @param SecretFacts      $secrets       What is known of the secrets' changes.
	 * @param Fingerprinter    $fingerprinter Fingerprints credentials.
	 * @param EndedCredentials $ended         Who ended a credential, and why.
	 */
	public function __construct( SecretFacts $secrets, Fingerprinter $fingerprinter, EndedCredentials $ended ) {
		$this->secrets       = $secrets;
		$this->fingerprinter = $fingerprinter;
		$this->ended         = $ended;
	}

	/**
	 * Who ended a credential, and why (for the app password diagnosis of the capture).
	 *
	 * @return EndedCredentials
	 */
	public function ended(): EndedCredentials {
		return $this->ended;
	}

	/**
	 * Diagnoses a cookie core could not even split into its parts.
	 *
	 * @param string $cookie The cookie (never stored).
	 * @return Failure
	 */
	public function malformed( string $cookie ): Failure {
		$failure             = new Failure( 'cookie', 'auth_cookie_malformed', 'corrupted' );
		$failure->credential = $this->fingerprinter->fingerprint( 'cookie', $cookie );
		$login               = strstr( $cookie, '|', true );
		$user                = false !== $login && strlen( $login ) <= 60 ? Text::user_by_login( $login ) : false;
		$failure->user_id    = $user ? (int) $user->ID : 0;
		$failure->details    = array( 'length' => strlen( $cookie ) );
		return $failure;
	}

	/**
	 * Diagnoses a cookie core split but rejected.
	 *
	 * @param string               $code     auth_cookie_expired|auth_cookie_bad_username|auth_cookie_bad_hash|auth_cookie_bad_session_token.
	 * @param array<string, mixed> $elements The cookie's parts: username, expiration, token, hmac, scheme.
	 * @return Failure
	 */
	public function rejected( string $code, array $elements ): Failure {
		$login      = (string) ( $elements['username'] ?? '' );
		$expiration = (int) ( $elements['expiration'] ?? 0 );
		$token      = (string) ( $elements['token'] ?? '' );
		$user       = Text::user_by_login( $login );

		$failure             = new Failure( 'cookie', $code, 'unknown' );
		$failure->credential = $this->fingerprinter->fingerprint( 'cookie', $login . '|' . $token );
		$failure->user_id    = $user ? (int) $user->ID : 0;
		$failure->details    = array(
			'expiration' => $expiration,
			'scheme'     => (string) ( $elements['scheme'] ?? '' ),
		);

		switch ( $code ) {
			case 'auth_cookie_expired':
				$failure->cause = 'expired';
				break;
			case 'auth_cookie_bad_username':
				$failure->cause            = 'unknown_user';
				$failure->details['login'] = mb_substr( sanitize_user( $login ), 0, 60 );
				break;
			case 'auth_cookie_bad_session_token':
				$failure->cause = 'revoked'; // The session was destroyed: signed out, or ended by someone.
				if ( '' !== $token ) {
					// Ended here (revoked, signed out): who did it, and when.
					self::add_ended( $failure, $this->ended->cookie( $token ) );
				}
				break;
			case 'auth_cookie_bad_hash':
				$this->bad_hash( $failure, $user ? (int) $user->ID : 0, $token, $expiration );
				break;
		}
		return $failure;
	}

	/**
	 * Adds who ended a credential, and why, to a failure's details.
	 *
	 * @param Failure $failure The failure.
	 * @param mixed   $fact    {at, by, reason} or null.
	 * @return void
	 */
	public static function add_ended( Failure $failure, $fact ): void {
		if ( is_array( $fact ) && isset( $fact['reason'] ) ) {
			$failure->details['revoked_at']     = (int) ( $fact['at'] ?? 0 );
			$failure->details['revoked_by']     = (int) ( $fact['by'] ?? 0 );
			$failure->details['revoked_reason'] = sanitize_key( (string) $fact['reason'] );
		}
	}

	/**
	 * Tells a new password, new keys and a tampered cookie apart when the signature fails.
	 *
	 * The cookie's signature key includes a fragment of the password hash and the keys and
	 * salts: whichever changed after the cookie was issued broke it. With neither, the cookie
	 * itself was altered.
	 *
	 * @param Failure $failure    The failure to complete.
	 * @param int     $user_id    The cookie's user.
	 * @param string  $token      The cookie's session token (never stored).
	 * @param int     $expiration The cookie's expiry.
	 * @return void
	 */
	private function bad_hash( Failure $failure, int $user_id, string $token, int $expiration ): void {
		$session = $user_id > 0 && '' !== $token ? \WP_Session_Tokens::get_instance( $user_id )->get( $token ) : null;
		$issued  = is_array( $session ) && isset( $session['login'] ) ? (int) $session['login'] : null;

		$password_at = $user_id > 0 ? PasswordWatch::changed_at( $user_id ) : null;
		$keys_at     = $this->secrets->last_change_of( SecretResolver::COOKIE_SALTS );

		$failure->details['session_exists'] = null !== $session;
		if ( null !== $issued ) {
			$failure->details['issued_at'] = $issued;
		}

		// With the session we know when the cookie was issued; without it, it was alive until it expires.
		$broke = static function ( ?int $changed_at ) use ( $issued, $expiration ): bool {
			if ( null === $changed_at ) {
				return false;
			}
			return null !== $issued ? $changed_at >= $issued : $changed_at < $expiration;
		};

		if ( $broke( $password_at ) ) {
			$failure->cause                          = 'password_changed';
			$failure->details['password_changed_at'] = $password_at;
		} elseif ( $broke( $keys_at ) ) {
			$failure->cause                 = 'secret_changed';
			$failure->details['changed_at'] = $keys_at;
			$failure->details['changed']    = $this->secrets->names_changed_at( (int) $keys_at );
		} else {
			$failure->cause = 'corrupted';
		}
	}
}
