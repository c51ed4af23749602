<?php
/**
 * Reads a bearer token without trusting it.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Http\Text;

defined( 'ABSPATH' ) || exit;

/**
 * Decodes a JWT's header and claims for diagnosis only — it never authenticates anyone — and
 * checks its HS256 signature against a secret the site already holds. Garbage of any size or
 * shape yields a clean "not a token" answer, never a warning.
 *
 * @since 0.1.0
 */
class TokenInspector {

	/**
	 * Tokens longer than this are not decoded (real ones are well under 2 KB).
	 */
	const MAX_LENGTH = 8192;

	/**
	 * Decodes a token.
	 *
	 * @param string $token The raw token (never stored).
	 * @return array{shape: bool, header: array<string, mixed>, claims: array<string, mixed>, problem: string}
	 *         `shape` is whether it is three base64url parts of JSON objects; `problem` says what is wrong otherwise.
	 */
	public function decode( string $token ): array {
		$result = array(
			'shape'   => false,
			'header'  => array(),
			'claims'  => array(),
			'problem' => '',
		);
		if ( strlen( $token ) > self::MAX_LENGTH ) {
			$result['problem'] = 'too_long';
			return $result;
		}
		$parts = explode( '.', $token );
		if ( 3 !== count( $parts ) ) {
			$result['problem'] = 'parts';
			return $result;
		}
		// Header and claims must be there, in the alphabet their signature covers; the signature
		// may be empty (an unsigned token) or carry characters the issuers' decoders skip.
		if ( '' === $parts[0] || '' === $parts[1] || ! preg_match( '/^[A-Za-z0-9_-]*$/', $parts[0] . $parts[1] ) ) {
			$result['problem'] = 'alphabet';
			return $result;
		}
		$header = $this->json_part( $parts[0] );
		$claims = $this->json_part( $parts[1] );
		if ( null === $header || null === $claims ) {
			$result['problem'] = 'json';
			return $result;
		}
		$result['shape']  = true;
		$result['header'] = $header;
		$result['claims'] = $claims;
		return $result;
	}

	/**
	 * Tells whether a token's HS256 signature matches a secret.
	 *
	 * @param string $token  The raw token.
	 * @param string $secret The secret (read from where the site keeps it; never stored).
	 * @return bool
	 */
	public function signed_with( string $token, string $secret ): bool {
		if ( '' === $secret || strlen( $token ) > self::MAX_LENGTH ) {
			return false;
		}
		$parts = explode( '.', $token );
		if ( 3 !== count( $parts ) || '' === $parts[2] ) {
			return false;
		}
		// The HMAC the header names (the issuers sign HS256 by default; some sites choose 384 or 512).
		$header = $this->json_part( $parts[0] );
		$alg    = is_array( $header ) && isset( $header['alg'] ) && is_string( $header['alg'] ) ? strtoupper( $header['alg'] ) : 'HS256';
		$hashes = array(
			'HS256' => 'sha256',
			'HS384' => 'sha384',
			'HS512' => 'sha512',
		);
		if ( ! isset( $hashes[ $alg ] ) ) {
			return false;
		}
		// Compared as bytes, decoded as the issuers' php-jwt decodes it (stray characters and the
		// last character's unused bits ignored), so a re-encoded signature still matches.
		$given = base64_decode( strtr( $parts[2], '-_', '+/' ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- A JWT signature is base64url.
		return is_string( $given ) && hash_equals( hash_hmac( $hashes[ $alg ], $parts[0] . '.' . $parts[1], $secret, true ), $given );
	}

	/**
	 * Returns the claims worth keeping: none of them secret.
	 *
	 * @param array<string, mixed> $claims Decoded claims.
	 * @return array{iss: ?string, iat: ?int, exp: ?int, jti: ?string, type: ?string, user_id: ?int, device: ?string, pass: bool}
	 */
	public function public_claims( array $claims ): array {
		$user = null;
		if ( isset( $claims['data']['user']['id'] ) && is_numeric( $claims['data']['user']['id'] ) ) {
			$user = (int) $claims['data']['user']['id'];
		} elseif ( isset( $claims['sub'] ) && is_numeric( $claims['sub'] ) ) {
			$user = (int) $claims['sub'];
		} elseif ( isset( $claims['id'] ) && is_numeric( $claims['id'] ) ) {
			$user = (int) $claims['id'];
		}
		return array(
			'iss'     => $this->string_claim( $claims, 'iss', 191 ),
			'iat'     => isset( $claims['iat'] ) && is_numeric( $claims['iat'] ) ? (int) $claims['iat'] : null,
			'exp'     => isset( $claims['exp'] ) && is_numeric( $claims['exp'] ) ? (int) $claims['exp'] : null,
			'jti'     => $this->string_claim( $claims, 'jti', 128 ),
			'type'    => $this->string_claim( $claims, 'type', 20 ),
			'user_id' => $user,
			'device'  => isset( $claims['data']['user']['device'] ) && is_string( $claims['data']['user']['device'] ) ? mb_substr( $claims['data']['user']['device'], 0, 100 ) : null,
			// Whether it carries JWT Auth's per-user pass (never the pass itself).
			'pass'    => isset( $claims['data']['user']['pass'] ),
		);
	}

	/**
	 * Returns the users a token's claims name: `data.user.id` (the JWT plugins, WCPOS), `sub`,
	 * `id` (Simple JWT Login's default) and, when Simple JWT Login names users by them, `email`
	 * and `username` (looked up only when asked, as they cost a query).
	 *
	 * @param array<string, mixed> $claims     Decoded claims.
	 * @param bool                 $by_address Whether to look users up by email and username.
	 * @return int[]
	 */
	public function claimed_users( array $claims, bool $by_address = false ): array {
		$users = array();
		foreach ( array( $claims['data']['user']['id'] ?? null, $claims['sub'] ?? null, $claims['id'] ?? null ) as $id ) {
			if ( is_numeric( $id ) && (int) $id > 0 && (int) $id < PHP_INT_MAX ) {
				$users[] = (int) $id;
			}
		}
		if ( $by_address ) {
			foreach ( array( 'email', 'username' ) as $claim ) {
				if ( isset( $claims[ $claim ] ) && is_string( $claims[ $claim ] ) && '' !== $claims[ $claim ] && strlen( $claims[ $claim ] ) <= 100 ) {
					$user = 'email' === $claim ? Text::user_by_email( $claims[ $claim ] ) : Text::user_by_login( $claims[ $claim ] );
					if ( $user ) {
						$users[] = (int) $user->ID;
					}
				}
			}
		}
		return array_values( array_unique( $users ) );
	}

	/**
	 * Reads one claim as a bounded string.
	 *
	 * @param array<string, mixed> $claims Claims.
	 * @param string               $name   Claim name.
	 * @param int                  $max    Longest kept.
	 * @return string|null
	 */
	private function string_claim( array $claims, string $name, int $max ): ?string {
		return isset( $claims[ $name ] ) && is_scalar( $claims[ $name ] ) ? mb_substr( (string) $claims[ $name ], 0, $max ) : null;
	}

	/**
	 * Decodes one base64url part holding a JSON object.
	 *
	 * @param string $part The part.
	 * @return array<string, mixed>|null
	 */
	private function json_part( string $part ): ?array {
		$raw = base64_decode( strtr( $part, '-_', '+/' ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- JWT parts are base64url.
		if ( false === $raw || '' === $raw ) {
			return null;
		}
		if ( '{' !== substr( ltrim( $raw ), 0, 1 ) ) {
			return null; // A JSON object, not a list or a scalar.
		}
		$data = json_decode( $raw, true, 16 );
		return is_array( $data ) ? $data : null;
	}
}
