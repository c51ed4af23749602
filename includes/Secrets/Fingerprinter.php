<?php
/**
 * Keyed fingerprints of secret values.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

use AuthSentinel\Database\AtomicOption;

use AuthSentinel\Http\Request;

defined( 'ABSPATH' ) || exit;

/**
 * Fingerprints values with HMAC-SHA256 under a random key of this site's own.
 *
 * The key is made once and kept in an autoloaded option, so reading it costs no query. It is
 * deliberately independent of the salts: a salt change must not change every fingerprint.
 *
 * On a multisite network the key is the network's (a network option), so that a credential
 * fingerprinted on one site — a session created on /site2/, a token denied from the Network
 * Admin — matches on every other; each site keeps a copy in its own autoloaded option, so that
 * reading it still costs no query. Schema::migrate_network_key() made the copies agree.
 *
 * @since 0.1.0
 */
class Fingerprinter {

	/**
	 * Option holding the fingerprint key.
	 */
	const OPTION = QuickDigest::KEY_OPTION;

	/**
	 * Hex characters kept of each fingerprint.
	 */
	const LENGTH = QuickDigest::LENGTH;

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
		return QuickDigest::fingerprint( $this->key(), $name, $value );
	}

	/**
	 * Returns the quick digest of a value (`QuickDigest::quick()`, which every request compares).
	 *
	 * @param string $name  What the value is.
	 * @param string $value The value; never stored.
	 * @return string Hex digest.
	 */
	public function quick( string $name, string $value ): string {
		return QuickDigest::quick( $this->key(), $name, $value );
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
	 * Returns the fingerprint of a login or email address typed into a sign-in form, folded as a
	 * case-insensitive lookup compares it.
	 *
	 * @param string $login What was typed; never stored.
	 * @return string Hex fingerprint.
	 */
	public function login( string $login ): string {
		return $this->fingerprint( 'login', mb_strtolower( trim( $login ), 'UTF-8' ) );
	}

	/**
	 * Returns the fingerprint of a token by what its issuer verifies: its header and payload as
	 * signed, after the cleaning the issuers apply (tags, whitespace and a `Bearer` prefix
	 * removed). Re-encoding the signature, flipping its ignored low bits or adding characters an
	 * issuer strips gives the same fingerprint; only the issuer's own key could sign another
	 * header or payload. A value that is not three dot-separated parts is fingerprinted whole.
	 *
	 * @param string $token The raw token; never stored.
	 * @return string Hex fingerprint.
	 */
	public function token( string $token ): string {
		$clean = Request::token_of( $token );
		if ( null === $clean ) {
			return $this->fingerprint( 'token', trim( $token ) );
		}
		$parts = explode( '.', $clean );
		return $this->fingerprint( 'token_signed', $parts[0] . '.' . $parts[1] );
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
			if ( ! self::valid( $key ) ) {
				$key = is_multisite() ? self::network_key() : self::create( 'add_option' );
				if ( is_multisite() ) {
					update_option( self::OPTION, $key, true ); // This site's copy.
				}
			}
			$this->key = (string) $key;
		}
		return $this->key;
	}

	/**
	 * Returns the network's key, creating it the first time (multisite).
	 *
	 * @return string
	 */
	public static function network_key(): string {
		$key = get_site_option( self::OPTION );
		return self::valid( $key ) ? (string) $key : self::create( 'add_site_option' );
	}

	/**
	 * Makes a key and stores it; when another request (or web node) stored one first, theirs is
	 * used. On a single site the store is an insert-if-absent (AtomicOption): WordPress's
	 * add_option() is an upsert, so two nodes adding at once would both succeed and the later
	 * key would replace the one the other node already used. On a network the first row stored
	 * wins (AtomicOption::settle_network()).
	 *
	 * @param string $add add_option or add_site_option.
	 * @return string
	 */
	private static function create( string $add ): string {
		$key = bin2hex( random_bytes( 32 ) );
		if ( 'add_option' === $add ) {
			$inserted = AtomicOption::insert( self::OPTION, $key, true );
			wp_cache_delete( 'alloptions', 'options' ); // This request's copy loads it again.
			if ( true === $inserted ) {
				return $key;
			}
			$stored = AtomicOption::read( self::OPTION ); // The one stored first.
			return self::valid( $stored ) ? (string) $stored : $key;
		}
		// A network option: add_site_option() inserts whenever this request saw none, so two
		// web nodes may both store one; the one stored first is the key, for both.
		add_site_option( self::OPTION, $key );
		$stored = AtomicOption::settle_network( self::OPTION );
		return self::valid( $stored ) ? (string) $stored : $key;
	}

	/**
	 * Tells whether a stored value is a key.
	 *
	 * @param mixed $key The value.
	 * @return bool
	 */
	private static function valid( $key ): bool {
		return is_string( $key ) && strlen( $key ) >= 64;
	}
}
