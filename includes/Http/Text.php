<?php
/**
 * Client-supplied text made safe to store and show.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Http;

defined( 'ABSPATH' ) || exit;

/**
 * Cleans text a client sent (a user agent, a typed login): invalid UTF-8 sequences replaced,
 * control characters turned into spaces, trimmed. Never raises a notice: core's
 * wp_check_invalid_utf8( …, true ) calls iconv(), which does on the first invalid byte.
 *
 * @since 0.1.0
 */
final class Text {

	/**
	 * Returns the text as one clean line of valid UTF-8.
	 *
	 * @param string $text The raw text.
	 * @return string
	 */
	public static function line( string $text ): string {
		if ( function_exists( 'mb_scrub' ) ) {
			$text = mb_scrub( $text, 'UTF-8' );
		} elseif ( '' === wp_check_invalid_utf8( $text ) ) {
			$text = (string) preg_replace( '/[^\x20-\x7E]/', '?', $text ); // Without mbstring: ASCII only.
		}
		return trim( (string) preg_replace( '/[\x00-\x1F\x7F]+/', ' ', $text ) );
	}

	/**
	 * Finds the user a client-typed login names. Core's lookup warns ("cache key must not be an
	 * empty string") when the login sanitizes to nothing, as `<script>` does: such a login names
	 * nobody.
	 *
	 * @param string $login The login as typed or carried.
	 * @return \WP_User|false
	 */
	public static function user_by_login( string $login ) {
		$login = trim( $login );
		// Core's cache refuses a key that is blank once trimmed ("\f" sanitizes to a space).
		if ( '' === $login || strlen( $login ) > 100 || '' === trim( sanitize_user( $login ) ) ) {
			return false;
		}
		return get_user_by( 'login', $login );
	}

	/**
	 * Finds the user a client-typed email address names.
	 *
	 * @param string $email The address as typed or carried.
	 * @return \WP_User|false
	 */
	public static function user_by_email( string $email ) {
		$email = trim( $email );
		if ( '' === $email || strlen( $email ) > 100 || '' === sanitize_email( $email ) ) {
			return false;
		}
		return get_user_by( 'email', $email );
	}
}
