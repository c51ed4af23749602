<?php
/**
 * Plugin Name: Auth Sentinel test credential witness
 * Description: Test sites only. Writes every raw credential a request carries (tokens in every
 * form, cookies, passwords, the keys and salts, the token plugins' secrets) to a file beside
 * wp-config.php, so that the data-hygiene test can look for each of them in the database.
 *
 * @package AuthSentinel
 */

defined( 'ABSPATH' ) || exit;

/**
 * Collects the values worth looking for: long enough and varied enough not to appear in the
 * database by chance (a fuzz input of one repeated byte is not a credential).
 */
final class Auth_Sentinel_Credential_Witness {

	/**
	 * Values seen in this request.
	 *
	 * @var array<string, true>
	 */
	private static $seen = array();

	/**
	 * The keys and salts seen in this request (looked for in the whole database).
	 *
	 * @var array<string, true>
	 */
	private static $salts = array();

	/**
	 * Notes one value and, for a token, its parts.
	 *
	 * @param mixed $value A raw value.
	 * @return void
	 */
	public static function note( $value ): void {
		if ( ! is_string( $value ) ) {
			return;
		}
		$value = trim( $value );
		if ( preg_match( '/^(?:Bearer|Basic|JWT|Token)\s+(.+)$/is', $value, $match ) ) {
			$value = trim( $match[1] );
			if ( 0 === stripos( $match[0], 'basic' ) ) {
				$decoded = base64_decode( $value, true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- Basic credentials.
				if ( is_string( $decoded ) && false !== strpos( $decoded, ':' ) ) {
					$password = substr( $decoded, strpos( $decoded, ':' ) + 1 );
					self::keep( $password );
					self::keep( str_replace( ' ', '', $password ) );
				}
			}
		}
		self::keep( $value );
		$parts = explode( '.', $value );
		if ( 3 === count( $parts ) ) {
			self::keep( $parts[2] ); // A JWT's signature.
		}
		foreach ( explode( '|', $value ) as $part ) {
			self::keep( $part ); // A cookie's session token and HMAC.
		}
	}

	/**
	 * Keeps a value that could not appear by chance.
	 *
	 * @param string $value The value.
	 * @return void
	 */
	private static function keep( string $value ): void {
		if ( strlen( $value ) < 12 || strlen( $value ) > 4096 || count( array_unique( str_split( $value ) ) ) < 6 || false !== strpos( $value, "\n" ) ) {
			return;
		}
		self::$seen[ $value ] = true;
	}

	/**
	 * Reads the request and the site's secrets; writes what it found.
	 *
	 * @return void
	 */
	public static function witness(): void {
		// phpcs:disable WordPress.Security -- A test witness reads everything raw, on purpose.
		foreach ( array( 'HTTP_AUTHORIZATION', 'REDIRECT_HTTP_AUTHORIZATION', 'HTTP_X_AUTHORIZATION', 'HTTP_X_WP_NONCE' ) as $name ) {
			self::note( $_SERVER[ $name ] ?? null );
		}
		foreach ( array( 'authorization', 'JWT', 'jwt', 'token', 'refresh_token', 'pwd', 'password', 'pass1', 'pass2' ) as $name ) {
			self::note( $_GET[ $name ] ?? null );
			self::note( $_POST[ $name ] ?? null );
		}
		foreach ( $_COOKIE as $name => $value ) {
			if ( 0 === strpos( (string) $name, 'wordpress_' ) || false !== stripos( (string) $name, 'jwt' ) || false !== stripos( (string) $name, 'refresh' ) ) {
				self::note( $value );
			}
		}
		$body = file_get_contents( 'php://input' );
		if ( is_string( $body ) && '' !== $body && strlen( $body ) < 65536 ) {
			$json = json_decode( $body, true );
			if ( is_array( $json ) ) {
				array_walk_recursive(
					$json,
					static function ( $value, $key ) {
						if ( in_array( strtolower( (string) $key ), array( 'token', 'jwt', 'refresh_token', 'password', 'authorization', 'access_token' ), true ) ) {
							self::note( $value );
						}
					}
				);
			}
		}
		// phpcs:enable
		foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as $constant ) {
			if ( defined( $constant ) && strlen( (string) constant( $constant ) ) >= 12 ) {
				self::$salts[ (string) constant( $constant ) ] = true;
			}
		}
		if ( defined( 'JWT_AUTH_SECRET_KEY' ) ) {
			self::note( (string) JWT_AUTH_SECRET_KEY );
		}
		// The token plugins' secrets, from the autoloaded options only (a query here would count
		// against the plugin in the tests of successful requests).
		$all = wp_load_alloptions();
		foreach ( array( 'woocommerce_pos_secret_key', 'woocommerce_pos_refresh_secret_key' ) as $option ) {
			self::note( $all[ $option ] ?? null );
		}
		// Only with Simple JWT Login's settings in memory (else there is no key, and asking would
		// load a class the plugin itself leaves unloaded: RequestFootprintTest counts them).
		if ( isset( $all['simple_jwt_login_settings'] ) && class_exists( '\AuthSentinel\Secrets\TokenSecrets' ) ) {
			try {
				self::note( \AuthSentinel\Secrets\TokenSecrets::simple_jwt_login( true ) ); // In memory only.
			} catch ( \Throwable $e ) {
				unset( $e );
			}
		}
		$dir = rtrim( ABSPATH, '/' );
		if ( self::$seen ) {
			file_put_contents( $dir . '/credentials-seen.txt', implode( "\n", array_keys( self::$seen ) ) . "\n", FILE_APPEND | LOCK_EX );
		}
		$salts = implode( "\n", array_keys( self::$salts ) );
		$mark  = $dir . '/salts-seen.last';
		if ( '' !== $salts && md5( $salts ) !== @file_get_contents( $mark ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Absent the first time.
			file_put_contents( $dir . '/salts-seen.txt', $salts . "\n", FILE_APPEND | LOCK_EX );
			file_put_contents( $mark, md5( $salts ) );
		}
	}
}

// Late, so the token plugins' secrets are readable; the request's own values do not change.
add_action( 'shutdown', array( 'Auth_Sentinel_Credential_Witness', 'witness' ), 0 );
