<?php
/**
 * The person a privacy request is about.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Privacy;

use AuthSentinel\Http\Text;
use AuthSentinel\Secrets\Fingerprinter;

defined( 'ABSPATH' ) || exit;

/**
 * Resolves the email address of a privacy request to the account it belongs to (if any) and to
 * the names that person may have typed into a sign-in form: a failure for a login that matched
 * no account keeps what was typed in `details.login`, so it is theirs when it is their login or
 * their email address.
 *
 * @since 0.1.0
 */
class Subject {

	/**
	 * The account's id; 0 when the address belongs to no account.
	 *
	 * @var int
	 */
	public $user_id = 0;

	/**
	 * The account's login; '' when there is no account.
	 *
	 * @var string
	 */
	public $login = '';

	/**
	 * What the person may have typed, lower-cased, as the failures store it.
	 *
	 * @var string[]
	 */
	public $names = array();

	/**
	 * The fingerprints of those names (the recorder keeps a fingerprint and a masked form of a
	 * login that matched no account, not the login itself).
	 *
	 * @var string[]
	 */
	public $fingerprints = array();

	/**
	 * The person's names as they gave them, by fingerprint.
	 *
	 * @var array<string, string>
	 */
	private $typed = array();

	/**
	 * Returns what this person typed in a failure's details: their own name when the masked
	 * login's fingerprint is one of theirs, else what was stored.
	 *
	 * @param array<string, mixed> $details The failure's details.
	 * @return string|null
	 */
	public function typed_name( array $details ): ?string {
		if ( isset( $details['login_fp'] ) && is_string( $details['login_fp'] ) && isset( $this->typed[ $details['login_fp'] ] ) ) {
			return $this->typed[ $details['login_fp'] ];
		}
		return isset( $details['login'] ) && is_scalar( $details['login'] ) ? (string) $details['login'] : null;
	}

	/**
	 * Resolves an email address.
	 *
	 * @param string $email The address of the request.
	 * @return Subject
	 */
	public static function from_email( string $email ): Subject {
		$subject = new self();
		$email   = trim( $email );
		$user    = Text::user_by_email( $email );
		$typed   = array( $email );
		if ( $user instanceof \WP_User ) {
			$subject->user_id = (int) $user->ID;
			$subject->login   = (string) $user->user_login;
			$typed[]          = (string) $user->user_login;
			$typed[]          = (string) $user->user_email;
		}
		$names = array();
		foreach ( $typed as $name ) {
			if ( '' === trim( $name ) ) {
				continue;
			}
			// Both forms: as typed, and as the recorder stores it (sanitize_user(), 60 characters).
			$names[] = self::fold( $name );
			$names[] = self::fold( mb_substr( sanitize_user( trim( $name ) ), 0, 60 ) );
		}
		$subject->names = array_values( array_unique( array_filter( $names ) ) );
		$fingerprinter  = new Fingerprinter();
		foreach ( $typed as $name ) {
			if ( '' !== trim( $name ) ) {
				$subject->typed[ $fingerprinter->login( mb_substr( trim( $name ), 0, 100 ) ) ] = trim( $name );
			}
		}
		$subject->fingerprints = array_keys( $subject->typed );
		return $subject;
	}

	/**
	 * Tells whether there is anything to look for.
	 *
	 * @return bool
	 */
	public function is_empty(): bool {
		return 0 === $this->user_id && ! $this->names;
	}

	/**
	 * Returns LIKE patterns that find, in the JSON `details` of a failure, each login this person
	 * may have typed. A superset: matches() decides.
	 *
	 * Portable on purpose: a JSON escape (the recorder's wp_json_encode() writes `\/` and `\u00e9`)
	 * becomes `%`, and `%` or `_` in a name becomes the one-character wildcard `_`, so no pattern
	 * needs an escape character, whose syntax MySQL and SQLite do not share.
	 *
	 * @return string[] Empty when there is no name.
	 */
	public function likes(): array {
		$patterns = array();
		foreach ( $this->names as $name ) {
			$encoded = substr( (string) wp_json_encode( $name ), 1, -1 ); // Without the quotes.
			$parts   = preg_split( '/\\\\(?:u[0-9a-fA-F]{4}|.)/', $encoded );
			$parts   = is_array( $parts ) ? $parts : array( $encoded );
			$parts   = str_replace( '%', '_', $parts );

			$patterns[] = '%"login":"' . implode( '%', $parts ) . '"%';
		}
		foreach ( $this->fingerprints as $fp ) {
			$patterns[] = '%"login_fp":"' . $fp . '"%';
		}
		return array_values( array_unique( $patterns ) );
	}

	/**
	 * Tells whether a failure's details name this person as the login typed.
	 *
	 * @param mixed $details The stored JSON, or the decoded array.
	 * @return bool
	 */
	public function matches( $details ): bool {
		if ( is_string( $details ) ) {
			$details = json_decode( $details, true );
		}
		if ( ! is_array( $details ) ) {
			return false;
		}
		if ( isset( $details['login_fp'] ) && is_string( $details['login_fp'] ) ) {
			return in_array( $details['login_fp'], $this->fingerprints, true );
		}
		// Failures recorded before logins were masked kept what was typed.
		return isset( $details['login'] ) && is_scalar( $details['login'] ) && in_array( self::fold( (string) $details['login'] ), $this->names, true );
	}

	/**
	 * Lower-cases a name the way a case-insensitive login lookup compares it.
	 *
	 * @param string $name The name.
	 * @return string
	 */
	private static function fold( string $name ): string {
		return mb_strtolower( trim( $name ), 'UTF-8' );
	}
}
