<?php
/**
 * Builds the failure of a password that did not work.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Http\Credentials;
use AuthSentinel\Http\Text;
use AuthSentinel\Secrets\Fingerprinter;
use AuthSentinel\Sessions\EndedCredentials;

defined( 'ABSPATH' ) || exit;

/**
 * A failed password of the login form, XML-RPC, a token plugin's sign-in route or an application
 * password: where it came from, whose account it names (a login that matched none is kept
 * masked), and whether it was an application password revoked here. `Capture` hears the
 * failures and records what this builds.
 *
 * @since 0.1.0
 */
final class PasswordFailures {

	/**
	 * Fingerprints credentials.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Knows the credentials that ended (a revoked application password).
	 *
	 * @var EndedCredentials
	 */
	private $ended;

	/**
	 * Creates the builder.
	 *
	 * @param Fingerprinter    $fingerprinter Fingerprints credentials.
	 * @param EndedCredentials $ended         Knows the credentials that ended.
	 */
	public function __construct( Fingerprinter $fingerprinter, EndedCredentials $ended ) {
		$this->fingerprinter = $fingerprinter;
		$this->ended         = $ended;
	}

	/**
	 * Names where a failed password came from: XML-RPC, a token plugin's sign-in route, or the
	 * login form (and anything else calling wp_signon()).
	 *
	 * @return string
	 */
	public static function source(): string {
		global $wp;
		if ( defined( 'XMLRPC_REQUEST' ) && XMLRPC_REQUEST ) {
			return 'xmlrpc';
		}
		$route = isset( $wp->query_vars['rest_route'] ) && is_string( $wp->query_vars['rest_route'] ) ? '/' . trim( $wp->query_vars['rest_route'], '/' ) : '';
		return in_array( $route, Issuers::LOGIN_ROUTES, true ) ? 'token_login' : 'login_form';
	}

	/**
	 * Builds the failure of a password that did not work.
	 *
	 * @param string $source login_form|xmlrpc|application_password.
	 * @param string $code   Core's error code.
	 * @param string $login  The login or email tried.
	 * @return Failure
	 */
	public function failure( string $source, string $code, string $login ): Failure {
		$login = mb_substr( trim( $login ), 0, 100 );
		$user  = is_email( $login ) ? Text::user_by_email( $login ) : Text::user_by_login( $login );

		$failure             = new Failure( $source, $code, in_array( $code, array( 'invalid_username', 'invalid_email' ), true ) || ( '' !== $login && ! $user ) ? 'unknown_user' : 'bad_credentials' );
		$failure->credential = $this->fingerprinter->login( $login );
		$failure->user_id    = $user ? (int) $user->ID : 0;
		if ( ! $user && '' !== $login ) {
			// What matched no account is often a password typed in the wrong field: kept masked,
			// with a fingerprint that finds it again (privacy requests, search), never as typed.
			$failure->details['login']    = self::mask( $login );
			$failure->details['login_fp'] = $failure->credential;
		}
		if ( in_array( $code, array( 'application_passwords_disabled', 'application_passwords_disabled_for_user' ), true ) ) {
			$failure->cause = 'unknown';
		}
		// An application password that was revoked is recognised by the fingerprint of its secret.
		$basic = 'application_password' === $source && 'incorrect_password' === $code ? Credentials::current()->basic() : null;
		if ( null !== $basic && '' !== $basic[1] && $this->ended->may_find_app_password() ) {
			$ended = $this->ended->app_password( $this->fingerprinter->app_password_secret( $basic[1] ) );
			if ( is_array( $ended ) ) {
				$failure->cause = 'revoked';
				CookieDiagnosis::add_ended( $failure, $ended );
			}
		}
		return $failure;
	}

	/**
	 * Masks a login that matched no account: an email address keeps its first character and its
	 * domain, anything else one or two first characters and its length.
	 *
	 * @param string $login What was typed.
	 * @return string E.g. "j…@example.org" or "Pa… (11 characters)".
	 */
	public static function mask( string $login ): string {
		$length = mb_strlen( $login );
		$at     = mb_strrpos( $login, '@' );
		if ( false !== $at && $at > 0 && is_email( $login ) ) {
			return mb_substr( $login, 0, 1 ) . '…' . mb_substr( $login, $at );
		}
		return sprintf(
			/* translators: 1: the first characters of what was typed, 2: how many characters it had. */
			_n( '%1$s… (%2$d character)', '%1$s… (%2$d characters)', $length, 'auth-sentinel' ),
			mb_substr( $login, 0, $length >= 8 ? 2 : 1 ),
			$length
		);
	}
}
