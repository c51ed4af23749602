<?php
/**
 * The digest of the secrets that every request compares, and the names it covers.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

defined( 'ABSPATH' ) || exit;

/**
 * The one part of the secrets watch loaded on every request: the lists of what is watched
 * (SecretResolver, Fingerprinter, SecretsState and TokenSecrets name theirs from here), the
 * material of the quick digest, and `unchanged()`, which compares it with the stored digest
 * from memory alone — no object built, no other class loaded, no query. Anything it cannot
 * settle (a first run, salts kept in the database, a difference) goes to `QuickCheck`.
 *
 * @since 0.1.0
 */
final class QuickDigest {

	/**
	 * The WordPress keys and salts, by constant name.
	 */
	const SALTS = array(
		'AUTH_KEY',
		'SECURE_AUTH_KEY',
		'LOGGED_IN_KEY',
		'NONCE_KEY',
		'AUTH_SALT',
		'SECURE_AUTH_SALT',
		'LOGGED_IN_SALT',
		'NONCE_SALT',
	);

	/**
	 * Every constant the digest covers: the keys and salts, the legacy pair `wp_salt()` falls
	 * back to, and JWT Authentication's secret.
	 */
	const CONSTANTS = array( ...self::SALTS, 'SECRET_KEY', 'SECRET_SALT', 'JWT_AUTH_SECRET_KEY' );

	/**
	 * The token plugins' signing secrets stored as options.
	 */
	const TOKEN_OPTIONS = array( 'woocommerce_pos_secret_key', 'woocommerce_pos_refresh_secret_key' );

	/**
	 * The options that say which site tokens are issued for, with their constants.
	 */
	const SITE_OPTIONS = array(
		'siteurl' => 'WP_SITEURL',
		'home'    => 'WP_HOME',
	);

	/**
	 * Simple JWT Login's signing key (as a watched secret's name) and its settings option.
	 */
	const SIMPLE_JWT_LOGIN        = 'simple_jwt_login_decryption_key';
	const SIMPLE_JWT_LOGIN_OPTION = 'simple_jwt_login_settings';

	/**
	 * The option of the fingerprint key, and the hex characters kept of each fingerprint.
	 */
	const KEY_OPTION = 'auth_sentinel_fingerprint_key';
	const LENGTH     = 32;

	/**
	 * The option of the stored digest: "<digest>|<salts kept in the database>|<addresses seen>".
	 */
	const DIGEST_OPTION = 'auth_sentinel_secrets_digest';

	/**
	 * Tells whether the secrets in memory are those last recorded, from the autoloaded options
	 * alone. False means "not known to be unchanged": no digest or key yet, salts kept in the
	 * database (whose check needs more), a different digest, or an address not seen lately.
	 *
	 * @return bool
	 */
	public static function unchanged(): bool {
		$all    = wp_load_alloptions();
		$key    = $all[ self::KEY_OPTION ] ?? null;
		$stored = $all[ self::DIGEST_OPTION ] ?? null;
		if ( ! is_string( $key ) || strlen( $key ) < 64 || ! is_string( $stored ) || '' === $stored ) {
			return false;
		}
		$parts = explode( '|', $stored, 3 );
		if ( isset( $parts[1] ) && '' !== $parts[1] ) {
			return false;
		}
		$addresses = isset( $parts[2] ) && '' !== $parts[2] ? explode( ',', $parts[2] ) : array();
		return hash_equals( $parts[0], self::quick( $key, 'quick', self::material( $all ) ) )
			&& in_array( self::quick( $key, 'quick-address', self::address_material( $all ) ), $addresses, true );
	}

	/**
	 * Returns what the quick digest covers, as one string: each constant (whether or not
	 * WordPress uses it), the autoloaded token secrets, and Simple JWT Login's key when its
	 * settings are in memory.
	 *
	 * @param array<string, mixed> $all The autoloaded options.
	 * @return string Never stored: only its fingerprint is.
	 */
	public static function material( array $all ): string {
		$parts = array();
		foreach ( self::CONSTANTS as $name ) {
			$value   = self::constant_value( $name );
			$parts[] = null === $value ? "{$name}!" : "{$name}={$value}";
		}
		foreach ( self::TOKEN_OPTIONS as $name ) {
			$parts[] = isset( $all[ $name ] ) ? $name . '=' . $all[ $name ] : "{$name}?";
		}
		$parts[] = self::SIMPLE_JWT_LOGIN . '=' . ( isset( $all[ self::SIMPLE_JWT_LOGIN_OPTION ] ) ? (string) TokenSecrets::simple_jwt_login( true ) : '' );
		return implode( "\0", $parts );
	}

	/**
	 * Returns a constant's value as a string ('' when it is not a scalar), null when it is not
	 * defined (SecretResolver reads the constants it resolves through it too).
	 *
	 * @param string $name Constant name.
	 * @return string|null
	 */
	public static function constant_value( string $name ): ?string {
		if ( ! defined( $name ) ) {
			return null;
		}
		$value = constant( $name );
		return is_scalar( $value ) ? (string) $value : '';
	}

	/**
	 * Returns the site address as this request sees it (siteurl and home, autoloaded or from
	 * WP_SITEURL / WP_HOME), as one string: each as `get_option()` answers it before other plugins'
	 * filters, read from memory (`get_option()` applies four filters a call; the quick check runs
	 * on every request). An address that only another plugin's filter changes is seen by the
	 * hourly full check.
	 *
	 * @param array<string, mixed>|null $all The autoloaded options (read when not given).
	 * @return string
	 */
	public static function address_material( ?array $all = null ): string {
		$all   = $all ?? wp_load_alloptions();
		$parts = array();
		foreach ( self::SITE_OPTIONS as $name => $constant ) {
			$parts[] = $name . '=' . self::address( $name, $constant, $all );
		}
		return implode( "\0", $parts );
	}

	/**
	 * Returns one address as `get_option()` answers it before other plugins' filters, without its
	 * trailing slash: an empty home is the site URL; otherwise the constant WordPress's own filter
	 * puts first (`_config_wp_siteurl()`, `_config_wp_home()`), else the option. An option not
	 * autoloaded is asked for.
	 *
	 * @param string               $name     The option, siteurl or home.
	 * @param string               $constant Its constant.
	 * @param array<string, mixed> $all      The autoloaded options.
	 * @return string
	 */
	private static function address( string $name, string $constant, array $all ): string {
		if ( ! isset( $all[ $name ] ) ) {
			return (string) get_option( $name, '' );
		}
		$value = is_scalar( $all[ $name ] ) ? (string) $all[ $name ] : '';
		if ( 'home' === $name && '' === $value ) {
			return self::address( 'siteurl', self::SITE_OPTIONS['siteurl'], $all ); // Before the constant, as get_option() does.
		}
		if ( defined( $constant ) ) {
			$value = constant( $constant );
			$value = is_scalar( $value ) ? (string) $value : '';
		}
		return untrailingslashit( $value );
	}

	/**
	 * Returns the fingerprint of a value under a key, bound to the value's name (the one
	 * formula of `Fingerprinter::fingerprint()`).
	 *
	 * @param string $key   The fingerprint key.
	 * @param string $name  What the value is (so equal values of two names differ).
	 * @param string $value The value; never stored.
	 * @return string Hex fingerprint.
	 */
	public static function fingerprint( string $key, string $name, string $value ): string {
		return substr( hash_hmac( 'sha256', $name . "\0" . $value, $key ), 0, self::LENGTH );
	}

	/**
	 * Returns the quick digest of a value under a key: keyed BLAKE2b (`sodium_crypto_generichash()`,
	 * PHP's own or WordPress's sodium_compat), which takes a tenth of the instructions of an
	 * HMAC-SHA256 on the 800 bytes of the secrets (6,600 against 68,700) and runs on every request.
	 * A quick digest is only ever compared with an earlier one of its own; the fingerprints of
	 * single secrets, which the recorded state keeps, use `fingerprint()`.
	 *
	 * @param string $key   The fingerprint key (at least 16 bytes; the first 64 count).
	 * @param string $name  What the value is.
	 * @param string $value The value; never stored.
	 * @return string Hex digest of LENGTH characters.
	 */
	public static function quick( string $key, string $name, string $value ): string {
		return bin2hex( sodium_crypto_generichash( $name . "\0" . $value, substr( $key, 0, 64 ), intdiv( self::LENGTH, 2 ) ) );
	}
}
