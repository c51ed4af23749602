<?php
/**
 * Keyed fingerprints of secret values.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

defined( 'ABSPATH' ) || exit;

/**
 * Fingerprints values with HMAC-SHA256 under a random key of this site's own.
 *
 * The key is made once and kept in an autoloaded option, so reading it costs no query. It is
 * deliberately independent of the salts: a salt change must not change every fingerprint.
 *
 * @since 0.1.0
 */
class Fingerprinter {

	/**
	 * Option holding the fingerprint key.
	 */
	const OPTION = 'auth_sentinel_fingerprint_key';

	/**
	 * Hex characters kept of each fingerprint.
	 */
	const LENGTH = 32;

	/**
	 * The key, once read.
	 *
	 * @var string|null
	 */
	private $key;

	/**
	 * Returns the fingerprint of a value, bound to the secret's name.
	 *
	 * @param string $name  What the value is (so equal values of two names differ).
	 * @param string $value The value; never stored.
	 * @return string Hex fingerprint.
	 */
	public function fingerprint( string $name, string $value ): string {
		return substr( hash_hmac( 'sha256', $name . "\0" . $value, $this->key() ), 0, self::LENGTH );
	}

	/**
	 * Returns the fingerprint of an application password's secret, spaces and dashes ignored
	 * as WordPress ignores them (shared by the sessions index and the failures capture).
	 *
	 * @param string $password The raw password; never stored.
	 * @return string Hex fingerprint.
	 */
	public function app_password_secret( string $password ): string {
		return $this->fingerprint( 'app_password_secret', (string) preg_replace( '/[^a-z\d]/i', '', $password ) );
	}

	/**
	 * Tells whether the key exists yet, without a query.
	 *
	 * @return bool
	 */
	public function has_key(): bool {
		if ( null !== $this->key ) {
			return true;
		}
		$all = wp_load_alloptions();
		return ! empty( $all[ self::OPTION ] );
	}

	/**
	 * Returns the key, creating it the first time.
	 *
	 * @return string
	 */
	private function key(): string {
		if ( null === $this->key ) {
			$key = get_option( self::OPTION );
			if ( ! is_string( $key ) || strlen( $key ) < 64 ) {
				$key = bin2hex( random_bytes( 32 ) );
				if ( ! add_option( self::OPTION, $key, '', true ) ) {
					// Another request made it first: use theirs.
					wp_cache_delete( 'alloptions', 'options' );
					$stored = get_option( self::OPTION );
					$key    = is_string( $stored ) && strlen( $stored ) >= 64 ? $stored : $key;
				}
			}
			$this->key = $key;
		}
		return $this->key;
	}
}
