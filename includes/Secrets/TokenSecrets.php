<?php
/**
 * Where each token plugin keeps its signing secret.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the token plugins' signing secrets where each keeps it (facts from their sources, see
 * docs/diagnosis.md): JWT Authentication for WP REST API and JWT Auth the constant
 * `JWT_AUTH_SECRET_KEY`; WCPOS the options `woocommerce_pos_secret_key` (access tokens) and
 * `woocommerce_pos_refresh_secret_key` (refresh tokens); Simple JWT Login its settings option
 * `simple_jwt_login_settings` (JSON: `general.decryption_key` in 4.x, `decryption_key` in 3.x,
 * base64-encoded when `decryption_key_base64` is on, or the constant `SIMPLE_JWT_PRIVATE_KEY`
 * when its key source is the configuration file). Values are only ever fingerprinted or used to
 * check a signature, never stored.
 *
 * @since 0.1.0
 */
final class TokenSecrets {

	/**
	 * The name Simple JWT Login's key is watched under.
	 */
	const SIMPLE_JWT_LOGIN = QuickDigest::SIMPLE_JWT_LOGIN;

	/**
	 * Simple JWT Login's settings option.
	 */
	const SIMPLE_JWT_LOGIN_OPTION = QuickDigest::SIMPLE_JWT_LOGIN_OPTION;

	/**
	 * Returns Simple JWT Login's signing key: '' when the plugin's settings hold none, null when
	 * they are not in memory and `$cheap` asks not to read them.
	 *
	 * @param bool $cheap Whether to read only what is already in memory.
	 * @return string|null
	 */
	public static function simple_jwt_login( bool $cheap = false ): ?string {
		if ( $cheap ) {
			$all = wp_load_alloptions();
			if ( ! isset( $all[ self::SIMPLE_JWT_LOGIN_OPTION ] ) ) {
				return null;
			}
			$raw = $all[ self::SIMPLE_JWT_LOGIN_OPTION ];
		} else {
			$raw = get_option( self::SIMPLE_JWT_LOGIN_OPTION, '' );
		}
		$settings = is_string( $raw ) ? json_decode( $raw, true ) : $raw;
		if ( ! is_array( $settings ) ) {
			return '';
		}
		$general = isset( $settings['general'] ) && is_array( $settings['general'] ) ? $settings['general'] : $settings;
		if ( '1' === (string) ( $general['decryption_source'] ?? '' ) ) {
			return defined( 'SIMPLE_JWT_PRIVATE_KEY' ) && is_scalar( constant( 'SIMPLE_JWT_PRIVATE_KEY' ) ) ? (string) constant( 'SIMPLE_JWT_PRIVATE_KEY' ) : '';
		}
		$key = $general['decryption_key'] ?? ( $settings['decryption_key'] ?? '' );
		if ( ! is_string( $key ) ) {
			return '';
		}
		if ( ! empty( $general['decryption_key_base64'] ) ) {
			$decoded = base64_decode( $key, true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- The plugin's own setting says the key is base64.
			$key     = false === $decoded ? '' : $decoded;
		}
		return $key;
	}

	/**
	 * Returns `JWT_AUTH_SECRET_KEY`, '' when it is not set.
	 *
	 * @return string
	 */
	public static function jwt_auth(): string {
		return defined( 'JWT_AUTH_SECRET_KEY' ) && is_scalar( constant( 'JWT_AUTH_SECRET_KEY' ) ) ? (string) constant( 'JWT_AUTH_SECRET_KEY' ) : '';
	}

	/**
	 * Returns one of WCPOS's secrets, '' when it does not exist.
	 *
	 * @param string|null $type The token's type: refresh tokens have their own secret.
	 * @return string
	 */
	public static function wcpos( ?string $type ): string {
		$value = get_option( 'refresh' === $type ? 'woocommerce_pos_refresh_secret_key' : 'woocommerce_pos_secret_key' );
		return is_string( $value ) ? $value : '';
	}
}
