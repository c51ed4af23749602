<?php
/**
 * What Auth Sentinel knows of the token plugins.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Secrets\TokenSecrets;

defined( 'ABSPATH' ) || exit;

/**
 * Tells which token plugin an error code comes from, what its codes mean, and where it keeps
 * its signing secrets (facts from the plugins' sources, see PRODUCT.md).
 *
 * @since 0.1.0
 */
class Issuers {

	/**
	 * JWT Authentication for WP REST API.
	 */
	const JWT_REST_API = 'jwt-auth-wp-rest-api';

	/**
	 * JWT Auth by usefulteam.
	 */
	const JWT_AUTH = 'jwt-auth';

	/**
	 * Simple JWT Login.
	 */
	const SIMPLE_JWT_LOGIN = 'simple-jwt-login';

	/**
	 * WooCommerce POS.
	 */
	const WCPOS = 'wcpos';

	/**
	 * The code this plugin's token gate answers a revoked token with.
	 */
	const GATE_CODE = 'auth_sentinel_token_revoked';

	/**
	 * Codes only JWT Auth (usefulteam) answers with.
	 */
	const JWT_AUTH_ONLY = array( 'jwt_auth_obsolete_token', 'jwt_auth_invalid_refresh_token', 'jwt_auth_obsolete_refresh_token', 'jwt_auth_expired_refresh_token' );

	/**
	 * Codes that say the issuer itself revoked the token.
	 */
	const REVOKED = array(
		'woocommerce_pos_auth_token_revoked',
		'woocommerce_pos_auth_session_revoked',
		'woocommerce_pos_auth_refresh_token_revoked',
		'auth_sentinel_token_revoked',
	);

	/**
	 * Codes that say the token expired (WCPOS 1.x named one; 1.10 says "Expired token" in an
	 * invalid-token answer instead).
	 */
	const EXPIRED = array( 'woocommerce_pos_auth_token_expired', 'jwt_auth_expired_refresh_token' );

	/**
	 * The issuers that refuse a token whose `iss` is not this site (Simple JWT Login does not).
	 */
	const CHECK_ISS = array( self::JWT_REST_API, self::JWT_AUTH, self::WCPOS );

	/**
	 * REST namespaces of the issuers' own routes, by issuer.
	 */
	const NAMESPACES = array(
		'jwt-auth/v1'         => self::JWT_REST_API,
		'simple-jwt-login/v1' => self::SIMPLE_JWT_LOGIN,
		'wcpos/v1'            => self::WCPOS,
		'wcpos/v2'            => self::WCPOS,
	);

	/**
	 * The issuers' sign-in routes (a username and password buy a token there).
	 */
	const LOGIN_ROUTES = array( '/jwt-auth/v1/token', '/simple-jwt-login/v1/auth', '/wcpos/v1/auth/login' );

	/**
	 * Codes that say the password changed since the token was issued.
	 */
	const OBSOLETE = array( 'jwt_auth_obsolete_token', 'jwt_auth_obsolete_refresh_token' );

	/**
	 * Codes that say the request reached the plugin without a usable Authorization header.
	 */
	const NO_HEADER = array( 'jwt_auth_no_auth_header', 'jwt_auth_bad_auth_header' );

	/**
	 * Codes that say the token's user does not exist.
	 */
	const NO_USER = array( 'woocommerce_pos_auth_user_not_found', 'jwt_auth_user_not_found' );

	/**
	 * Codes that say the token carries no user id at all.
	 */
	const NO_USER_CLAIM = array( 'jwt_auth_bad_request', 'woocommmerce_pos_auth_bad_request' );

	/**
	 * Codes that say the token names another site.
	 */
	const BAD_ISS = array( 'jwt_auth_bad_iss', 'woocommmerce_pos_auth_bad_iss', 'woocommerce_pos_auth_bad_iss' );

	/**
	 * Codes of a plugin's access gate, not of a token: a signed-in user refused a route, or a
	 * request that sent no token at all.
	 */
	const GATES = array( 'woocommerce_pos_rest_unauthorized', 'woocommerce_pos_rest_forbidden' );

	/**
	 * Simple JWT Login's numeric codes (its ErrorCodes class and bundled JWT library): what each
	 * says about the token.
	 */
	const SIMPLE_JWT_LOGIN_CODES = array(
		1  => 'no_key',
		2  => 'shape',
		3  => 'shape',
		4  => 'shape',
		6  => 'algorithm',
		7  => 'algorithm',
		8  => 'algorithm',
		11 => 'signature',
		12 => 'not_yet',
		13 => 'not_yet',
		14 => 'expired',
		22 => 'shape',
		24 => 'no_user',
		29 => 'no_user_claim',
		30 => 'no_user_claim',
		46 => 'credentials',
		47 => 'credentials',
		48 => 'credentials',
		54 => 'no_user',
		55 => 'revoked',
	);

	/**
	 * Returns the plugin an error code comes from, '' when none is known.
	 *
	 * @param string $code The error code.
	 * @return string
	 */
	public function from_code( string $code ): string {
		if ( in_array( $code, self::JWT_AUTH_ONLY, true ) ) {
			return self::JWT_AUTH;
		}
		if ( 0 === strpos( $code, 'jwt_auth_' ) ) {
			return self::JWT_REST_API;
		}
		if ( 0 === strpos( $code, 'simple_jwt_login' ) ) {
			return self::SIMPLE_JWT_LOGIN;
		}
		// WCPOS spells some of its codes with three m's.
		if ( 0 === strpos( $code, 'woocommerce_pos_' ) || 0 === strpos( $code, 'woocommmerce_pos_' ) ) {
			return self::WCPOS;
		}
		if ( 0 === strpos( $code, 'auth_sentinel_token_' ) ) {
			return 'auth-sentinel';
		}
		return '';
	}

	/**
	 * Refines the JWT family's issuer from the token's own claims.
	 *
	 * @param string               $issuer The issuer from the code.
	 * @param array<string, mixed> $claims The token's public claims.
	 * @return string
	 */
	public function refine( string $issuer, array $claims ): string {
		if ( self::JWT_REST_API === $issuer && ( ! empty( $claims['device'] ) || ! empty( $claims['pass'] ) ) ) {
			return self::JWT_AUTH; // Only JWT Auth (Useful Team) puts a pass and a device in its tokens.
		}
		return $issuer;
	}

	/**
	 * Tells whether an issuer refuses a token of another site (its `iss`); an unknown issuer is
	 * judged by the claim as the common plugins would.
	 *
	 * @param string $issuer The issuer, '' when unknown.
	 * @return bool
	 */
	public function checks_iss( string $issuer ): bool {
		return '' === $issuer || 'unknown' === $issuer || in_array( $issuer, self::CHECK_ISS, true );
	}

	/**
	 * Returns the issuer whose REST namespace a route is in, '' for none.
	 *
	 * @param string $route The REST route, e.g. /jwt-auth/v1/token/validate.
	 * @return string
	 */
	public function from_route( string $route ): string {
		foreach ( self::NAMESPACES as $namespace => $issuer ) {
			if ( 0 === stripos( ltrim( $route, '/' ) . '/', $namespace . '/' ) ) {
				return $issuer;
			}
		}
		return '';
	}

	/**
	 * Returns the names of the secrets an issuer signs with (as the secrets watch names them).
	 *
	 * @param string      $issuer The issuer.
	 * @param string|null $type   The token's type claim (access|refresh).
	 * @return string[]
	 */
	public function secret_names( string $issuer, ?string $type ): array {
		switch ( $issuer ) {
			case self::JWT_REST_API:
			case self::JWT_AUTH:
				return array( 'JWT_AUTH_SECRET_KEY' );
			case self::WCPOS:
				return 'refresh' === $type ? array( 'woocommerce_pos_refresh_secret_key' ) : array( 'woocommerce_pos_secret_key' );
			case self::SIMPLE_JWT_LOGIN:
				return array( TokenSecrets::SIMPLE_JWT_LOGIN );
			default:
				return array();
		}
	}

	/**
	 * Returns the secrets this site holds for each issuer, read where each plugin keeps them.
	 * Read only when diagnosing a failure; never stored.
	 *
	 * @param string|null $type The token's type claim.
	 * @return array<string, string> Issuer => secret.
	 */
	public function secrets( ?string $type ): array {
		return array_filter(
			array(
				self::JWT_REST_API     => TokenSecrets::jwt_auth(),
				self::WCPOS            => TokenSecrets::wcpos( $type ),
				self::SIMPLE_JWT_LOGIN => (string) TokenSecrets::simple_jwt_login( false ),
			),
			static function ( string $secret ): bool {
				return '' !== $secret;
			}
		);
	}

	/**
	 * Tells whether two issuers are one validator (the JWT plugins share a secret and codes).
	 *
	 * @param string $a An issuer.
	 * @param string $b Another.
	 * @return bool
	 */
	public function same_family( string $a, string $b ): bool {
		$family = static function ( $issuer ) {
			return self::JWT_AUTH === $issuer ? self::JWT_REST_API : $issuer;
		};
		return $family( $a ) === $family( $b );
	}
}
