<?php
/**
 * Generates hostile inputs, reproducibly: case N of seed S is always the same input.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests\Fuzz;

/**
 * A deterministic source of bytes for one case (SHA-256 in counter mode over seed and case
 * number, so that no other code's use of mt_rand() can change a case), and the generators of
 * credentials in every shape and transport the plugin reads.
 */
final class Fuzzer {

	/**
	 * Hostile strings sent as they are, in every field: credentials, user agents, searches.
	 */
	const HOSTILE = array( '', '0', '-1', 'null', 'true', '[]', '{}', '%00', "\0", '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '${jndi:ldap://x}', '=cmd|"/c calc"!A1', 'NaN', '1e309', '99999999999999999999' );

	/**
	 * Dates, good and bad, sent to any parameter.
	 */
	const DATES = array( '2026-13-45T99:99:99', 'yesterday', '0000-00-00 00:00:00', '9999-12-31T23:59:59Z', '2026-01-01' );

	/**
	 * The vocabulary's words, sent to any parameter.
	 */
	const WORDS = array( 'expired', 'revoked', 'cookie', 'token', 'admin', 'last_seen', 'asc', 'desc', 'csv', 'json', 'hour', 'day', 'API02003', 'session_revoked', 'active', 'ended', 'all' );

	/**
	 * Every fixed string above, and the largest integer the claims use: sent as a credential and
	 * elsewhere alike, so found in what the plugin stores (a user agent, a search, an action) by
	 * design — not a secret that leaked (DataHygieneTest leaves them out).
	 *
	 * @return string[]
	 */
	public static function fixed(): array {
		$fixed = array_merge( self::HOSTILE, self::DATES, self::WORDS, array( (string) PHP_INT_MAX ) );
		// As WordPress hands form fields to a plugin: slashed (wp_magic_quotes()); and the parts
		// between '|', which the witness keeps of a cookie.
		$fixed = array_merge( $fixed, array_map( 'addslashes', $fixed ) );
		foreach ( $fixed as $value ) {
			$fixed = array_merge( $fixed, explode( '|', $value ) );
		}
		return array_values( array_unique( $fixed ) );
	}

	/**
	 * The seed.
	 *
	 * @var string
	 */
	private $seed;

	/**
	 * The case number.
	 *
	 * @var int
	 */
	private $case;

	/**
	 * Bytes not used yet.
	 *
	 * @var string
	 */
	private $pool = '';

	/**
	 * Blocks made so far.
	 *
	 * @var int
	 */
	private $block = 0;

	/**
	 * Logins that exist on the test site (failures then name a real user).
	 */
	const LOGINS = array( 'admin', 'editor', 'author', 'subscriber', 'nobody-here', '' );

	/**
	 * Creates the source of one case.
	 *
	 * @param string $seed The seed.
	 * @param int    $case The case number.
	 */
	public function __construct( string $seed, int $case ) {
		$this->seed = $seed;
		$this->case = $case;
	}

	/**
	 * Returns random bytes.
	 *
	 * @param int $length How many.
	 * @return string
	 */
	public function bytes( int $length ): string {
		while ( strlen( $this->pool ) < $length ) {
			$this->pool .= hash( 'sha256', $this->seed . "\0" . $this->case . "\0" . $this->block++, true );
		}
		$out        = substr( $this->pool, 0, $length );
		$this->pool = (string) substr( $this->pool, $length );
		return $out;
	}

	/**
	 * Returns an integer in a range.
	 *
	 * @param int $min Lowest.
	 * @param int $max Highest.
	 * @return int
	 */
	public function int( int $min, int $max ): int {
		$value = unpack( 'N', $this->bytes( 4 ) );
		return $min + (int) ( $value[1] % ( $max - $min + 1 ) );
	}

	/**
	 * Tells whether an event of some probability happens.
	 *
	 * @param float $p The probability.
	 * @return bool
	 */
	public function chance( float $p ): bool {
		return $this->int( 0, 9999 ) < $p * 10000;
	}

	/**
	 * Picks one value.
	 *
	 * @param array<int, mixed> $values The values.
	 * @return mixed
	 */
	public function pick( array $values ) {
		return $values[ $this->int( 0, count( $values ) - 1 ) ];
	}

	/**
	 * Encodes base64url.
	 *
	 * @param string $bytes The bytes.
	 * @return string
	 */
	public static function b64url( string $bytes ): string {
		return rtrim( strtr( base64_encode( $bytes ), '+/', '-_' ), '=' );
	}

	/**
	 * Returns a short text: ASCII, UTF-8 from far planes, invalid UTF-8, control bytes.
	 *
	 * @param int $max Longest length.
	 * @return string
	 */
	public function text( int $max = 40 ): string {
		$length = $this->int( 0, $max );
		switch ( $this->int( 0, 6 ) ) {
			case 0:
				return $this->bytes( $length ); // Binary.
			case 1:
				return str_repeat( $this->pick( array( "\xF0\x9F\x94\x91", "\xC3\xA9", "\xE2\x80\xAE", "\xEF\xBB\xBF" ) ), max( 1, intdiv( $length, 4 ) ) );
			case 2:
				return substr( "\xC3\x28\xA0\xA1\xE2\x28\xA1\xF0\x28\x8C\xBC\xF8\xA1\xA1\xA1\xA1", 0, max( 1, $length ) ); // Invalid UTF-8.
			case 3:
				return $this->pick( self::HOSTILE );
			case 4:
				return str_repeat( $this->pick( array( 'a', '.', '|', '=', ' ', '%', '\\' ) ), $length );
			default:
				return self::b64url( $this->bytes( $length ) );
		}
	}

	/**
	 * Returns a claim value of any JSON type, sometimes an absurd one.
	 *
	 * @return mixed
	 */
	public function claim() {
		switch ( $this->int( 0, 9 ) ) {
			case 0:
				return $this->int( 0, 2000000000 );
			case 1:
				return -1 * $this->int( 0, 2000000000 );
			case 2:
				return 1e300;
			case 3:
				return $this->text( 20 );
			case 4:
				return array( $this->text( 5 ), $this->int( 0, 9 ) );
			case 5:
				return array( 'id' => $this->claim_scalar() );
			case 6:
				return null;
			case 7:
				return $this->chance( 0.5 );
			case 8:
				return time() + $this->int( -7200, 7200 );
			default:
				return (string) $this->int( 0, 99 );
		}
	}

	/**
	 * Returns a scalar claim.
	 *
	 * @return mixed
	 */
	private function claim_scalar() {
		return $this->pick( array( 1, 2, '1', 'admin', -5, 0, 1.5, '', PHP_INT_MAX ) );
	}

	/**
	 * Returns a token: a JWT of absurd claims, a broken one, or no JWT at all.
	 *
	 * @return string
	 */
	public function token(): string {
		$kind = $this->int( 0, 11 );
		if ( $kind <= 4 ) {
			$header = array( 'alg' => $this->pick( array( 'HS256', 'none', 'RS256', 'HS512', '', array( 'x' ), 'None' ) ) );
			if ( $this->chance( 0.3 ) ) {
				$header['typ'] = $this->pick( array( 'JWT', 'at+jwt', 1 ) );
			}
			if ( $this->chance( 0.2 ) ) {
				$header['kid'] = $this->text( 20 );
			}
			$claims = array();
			foreach ( array( 'iss', 'iat', 'exp', 'nbf', 'jti', 'sub', 'id', 'email', 'username', 'type', 'refresh_jti', 'data' ) as $name ) {
				if ( $this->chance( 0.5 ) ) {
					$claims[ $name ] = $this->claim();
				}
			}
			if ( $this->chance( 0.4 ) ) {
				$claims['data'] = array( 'user' => array( 'id' => $this->claim(), 'pass' => $this->claim(), 'device' => $this->claim() ) );
			}
			$json_header = (string) json_encode( $header, JSON_PARTIAL_OUTPUT_ON_ERROR );
			$json_claims = (string) json_encode( $claims, JSON_PARTIAL_OUTPUT_ON_ERROR );
			if ( $this->chance( 0.1 ) ) {
				$json_claims = substr( $json_claims, 0, $this->int( 0, strlen( $json_claims ) ) ); // Cut JSON.
			}
			$signature = $this->chance( 0.1 ) ? '' : self::b64url( $this->bytes( $this->pick( array( 32, 64, 3, 256 ) ) ) );
			return self::b64url( $json_header ) . '.' . self::b64url( $json_claims ) . '.' . $signature;
		}
		switch ( $kind ) {
			case 5:
				return implode( '.', array_map( array( $this, 'text' ), array_fill( 0, $this->int( 0, 8 ), 12 ) ) ); // Many or no dots.
			case 6:
				return str_repeat( 'A', $this->pick( array( 8193, 65536, 4096 ) ) ); // Oversized.
			case 7:
				return $this->text( 200 );
			case 8:
				return 'eyJ' . $this->text( 60 ) . '.' . $this->text( 60 ) . '.' . $this->text( 20 );
			case 9:
				return base64_encode( $this->bytes( $this->int( 1, 90 ) ) ) . '=='; // Padded base64 with + and /.
			case 10:
				return self::b64url( '{"alg":"HS256"}' ) . '.' . self::b64url( $this->bytes( 50 ) ) . '.' . self::b64url( $this->bytes( 32 ) ); // Binary claims.
			default:
				return rawurlencode( $this->text( 40 ) );
		}
	}

	/**
	 * Returns a sign-in cookie's value: the right shape with wrong parts, or any bytes.
	 *
	 * @return string
	 */
	public function cookie(): string {
		if ( $this->chance( 0.2 ) ) {
			return $this->text( 120 );
		}
		$parts = array(
			$this->pick( self::LOGINS ),
			(string) $this->pick( array( time() + 3600, time() - 3600, 0, -1, 'abc', PHP_INT_MAX, '1e30' ) ),
			$this->chance( 0.7 ) ? self::b64url( $this->bytes( 32 ) ) : $this->text( 50 ),
			$this->chance( 0.7 ) ? bin2hex( $this->bytes( 32 ) ) : $this->text( 70 ),
		);
		$count = $this->pick( array( 4, 4, 4, 3, 5, 1, 7 ) );
		while ( count( $parts ) < $count ) {
			$parts[] = $this->text( 10 );
		}
		return implode( '|', array_slice( $parts, 0, $count ) );
	}

	/**
	 * Returns an Authorization header's value of any scheme.
	 *
	 * @return string
	 */
	public function authorization(): string {
		switch ( $this->int( 0, 7 ) ) {
			case 0:
			case 1:
				return $this->pick( array( 'Bearer ', 'bearer ', 'Bearer  ', 'BEARER ', 'JWT ', 'Token ' ) ) . $this->token();
			case 2:
				return $this->token(); // Bare, as WCPOS and Simple JWT Login accept it.
			case 3:
				$user = $this->pick( self::LOGINS );
				$pass = $this->pick( array( $this->text( 30 ), implode( ' ', str_split( self::b64url( $this->bytes( 18 ) ), 4 ) ), 'wrong-password' ) );
				return 'Basic ' . base64_encode( $user . ':' . $pass );
			case 4:
				return 'Basic ' . $this->pick( array( $this->text( 30 ), base64_encode( $this->text( 30 ) ), '', '====' ) );
			case 5:
				return $this->pick( array( 'Digest ', 'Negotiate ', 'OAuth ', 'Bearer', '', ' ' ) ) . $this->text( 60 );
			case 6:
				return 'Bearer ' . $this->token() . ', Basic ' . base64_encode( 'admin:x' ); // Two credentials in one header.
			default:
				return $this->text( 100 );
		}
	}

	/**
	 * Returns a client address of any shape (the forwarded headers' contents).
	 *
	 * @return string
	 */
	public function address(): string {
		switch ( $this->int( 0, 5 ) ) {
			case 0:
				return implode( '.', array( $this->int( 0, 255 ), $this->int( 0, 255 ), $this->int( 0, 255 ), $this->int( 0, 255 ) ) );
			case 1:
				return implode( ':', str_split( bin2hex( $this->bytes( 16 ) ), 4 ) );
			case 2:
				return '[' . implode( ':', str_split( bin2hex( $this->bytes( 4 ) ), 4 ) ) . '::1]:' . $this->int( 1, 65535 );
			case 3:
				return $this->pick( array( 'unknown', '_hidden', '999.1.1.1', '1.2.3', '::ffff:10.0.0.1', '0.0.0.0', '' ) );
			default:
				return $this->text( 40 );
		}
	}

	/**
	 * Returns a value for a REST parameter: of its type or any other.
	 *
	 * @param string $name The parameter.
	 * @return mixed
	 */
	public function param( string $name ) {
		switch ( $this->int( 0, 9 ) ) {
			case 0:
				return $this->int( -10, 1000000 );
			case 1:
				return $this->text( 60 );
			case 2:
				return array( $this->text( 10 ), array( $this->text( 5 ) ) );
			case 3:
				return array( $this->text( 8 ) => $this->text( 8 ) );
			case 4:
				return $this->pick( array( true, false, null, 0, '', '0', '1', 'yes', -1, 1.5 ) );
			case 5:
				return gmdate( 'c', $this->int( -100000, 2100000000 ) );
			case 6:
				return $this->pick( self::DATES );
			case 7:
				return str_repeat( 'x', $this->pick( array( 256, 4096, 70000 ) ) );
			case 8:
				return $this->pick( self::WORDS );
			default:
				return $this->token();
		}
	}

	/**
	 * Describes the case for a failure message.
	 *
	 * @param mixed $input What was sent.
	 * @return string
	 */
	public static function describe( $input ): string {
		$json = json_encode( $input, JSON_PARTIAL_OUTPUT_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES );
		return strlen( (string) $json ) > 600 ? substr( (string) $json, 0, 600 ) . '…' : (string) $json;
	}
}
