<?php
/**
 * The client's address, through trusted proxies only.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Http;

use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Works out the address of the client that made a request: `REMOTE_ADDR`, unless that peer is a
 * proxy the site trusts — then the address that proxy saw, read from `Forwarded` (RFC 7239) or
 * `X-Forwarded-For` right to left, skipping every trusted proxy (the first untrusted address is
 * the client: anything left of it was written by the client and may be forged), or, without
 * those headers, `CF-Connecting-IP` or `X-Real-IP`. A request from an untrusted peer is never
 * believed about anything but its own address.
 *
 * Trusted proxies are addresses or CIDR ranges from the constant AUTH_SENTINEL_TRUSTED_PROXIES
 * (a comma-separated list, for hosts that manage it), the setting `trusted_proxies`, and the
 * filter `auth_sentinel_trusted_proxies`. `current()` is the current request's address, worked out
 * once per request (for failures, sessions, the audit trail and the rate limits).
 *
 * @since 0.1.0
 */
final class ClientAddress {

	/**
	 * The most forwarded hops read.
	 */
	const MAX_HOPS = 20;

	/**
	 * The current request and its client's address, once worked out.
	 *
	 * @var array{0: Request, 1: string}|null
	 */
	private static $current;

	/**
	 * Returns the current request's client address: the connecting peer, or what a trusted proxy
	 * saw. '' when there is no valid address.
	 *
	 * @return string
	 */
	public static function current(): string {
		$request = Request::current();
		if ( null === self::$current || self::$current[0] !== $request ) {
			self::$current = array( $request, self::resolve( $request->values( 'server' ), self::trusted_proxies() ) );
		}
		return self::$current[1];
	}

	/**
	 * Tells whether the current request looks proxied while its peer is not a trusted proxy.
	 *
	 * @return bool
	 */
	public static function current_behind_untrusted_proxy(): bool {
		return self::untrusted_proxy( Request::current()->values( 'server' ), self::trusted_proxies() );
	}

	/**
	 * Returns the trusted proxies: the constant AUTH_SENTINEL_TRUSTED_PROXIES, the setting, and
	 * what the filter adds.
	 *
	 * @return string[]
	 */
	public static function trusted_proxies(): array {
		$list = defined( 'AUTH_SENTINEL_TRUSTED_PROXIES' ) && is_string( constant( 'AUTH_SENTINEL_TRUSTED_PROXIES' ) ) ? (string) constant( 'AUTH_SENTINEL_TRUSTED_PROXIES' ) : '';
		$list = $list . "\n" . (string) Settings::get( 'trusted_proxies' );
		/**
		 * Filters the proxies whose forwarded headers are believed (addresses or CIDR ranges).
		 *
		 * @since 0.1.0
		 *
		 * @param string[] $proxies From the constant AUTH_SENTINEL_TRUSTED_PROXIES and the setting.
		 */
		return array_values( array_filter( (array) apply_filters( 'auth_sentinel_trusted_proxies', self::parse_list( $list ) ), 'is_string' ) );
	}

	/**
	 * Returns the client's address, '' when none is valid.
	 *
	 * @param array<string, mixed> $server  Server variables.
	 * @param string[]             $trusted Trusted proxies (addresses or CIDR ranges).
	 * @return string
	 */
	public static function resolve( array $server, array $trusted ): string {
		$peer = self::valid( $server['REMOTE_ADDR'] ?? '' );
		if ( '' === $peer || ! self::matches( $peer, $trusted ) ) {
			return $peer;
		}
		$hops = self::forwarded( $server );
		if ( $hops ) {
			foreach ( array_reverse( $hops ) as $hop ) {
				if ( ! self::matches( $hop, $trusted ) ) {
					return $hop;
				}
			}
			return $hops[0]; // Every hop is a trusted proxy: the first one is the closest to the client.
		}
		foreach ( array( 'HTTP_CF_CONNECTING_IP', 'HTTP_X_REAL_IP' ) as $header ) {
			$single = self::valid( $server[ $header ] ?? '' );
			if ( '' !== $single ) {
				return $single;
			}
		}
		return $peer;
	}

	/**
	 * Tells whether a request looks proxied (a forwarded header) while its peer is not trusted:
	 * then every client shows the proxy's address (Site Health says so).
	 *
	 * @param array<string, mixed> $server  Server variables.
	 * @param string[]             $trusted Trusted proxies.
	 * @return bool
	 */
	public static function untrusted_proxy( array $server, array $trusted ): bool {
		$peer = self::valid( $server['REMOTE_ADDR'] ?? '' );
		if ( '' === $peer || self::matches( $peer, $trusted ) ) {
			return false;
		}
		$private = false === filter_var( $peer, FILTER_VALIDATE_IP, FILTER_FLAG_NO_PRIV_RANGE | FILTER_FLAG_NO_RES_RANGE );
		return $private && ( array() !== self::forwarded( $server ) || ! empty( $server['HTTP_CF_CONNECTING_IP'] ) || ! empty( $server['HTTP_X_REAL_IP'] ) );
	}

	/**
	 * Returns the network an address belongs to: its /24 (IPv4) or /64 (IPv6), as CIDR text.
	 *
	 * @param string $ip The address.
	 * @return string '' for no address.
	 */
	public static function network( string $ip ): string {
		$packed = '' === $ip ? false : inet_pton( $ip );
		if ( false === $packed ) {
			return '';
		}
		if ( 4 === strlen( $packed ) ) {
			return (string) inet_ntop( substr( $packed, 0, 3 ) . "\0" ) . '/24';
		}
		return (string) inet_ntop( substr( $packed, 0, 8 ) . str_repeat( "\0", 8 ) ) . '/64';
	}

	/**
	 * Returns the key a rate limit counts a client under: its address (IPv4: people behind one
	 * router share it already) or its /64 (IPv6: one customer's subnet, which a client can hop
	 * around in).
	 *
	 * @param string $ip The address.
	 * @return string
	 */
	public static function rate_key( string $ip ): string {
		return false !== strpos( $ip, ':' ) ? self::network( $ip ) : $ip;
	}

	/**
	 * Parses a list of trusted proxies (commas, spaces or new lines between entries); keeps the
	 * valid addresses and CIDR ranges.
	 *
	 * @param string $list The list.
	 * @return string[]
	 */
	public static function parse_list( string $list ): array {
		$out     = array();
		$entries = preg_split( '/[\s,]+/', $list, -1, PREG_SPLIT_NO_EMPTY );
		foreach ( false === $entries ? array() : $entries as $entry ) {
			if ( self::valid_range( $entry ) ) {
				$out[] = $entry;
			}
		}
		return array_values( array_unique( $out ) );
	}

	/**
	 * Tells whether an entry is an address or a CIDR range.
	 *
	 * @param string $entry The entry.
	 * @return bool
	 */
	public static function valid_range( string $entry ): bool {
		$parts = explode( '/', $entry, 2 );
		$ip    = self::valid( $parts[0] );
		if ( '' === $ip ) {
			return false;
		}
		if ( ! isset( $parts[1] ) ) {
			return true;
		}
		$max = false !== strpos( $ip, ':' ) ? 128 : 32;
		return ctype_digit( $parts[1] ) && (int) $parts[1] <= $max;
	}

	/**
	 * Tells whether an address is one of the entries.
	 *
	 * @param string   $ip      The address.
	 * @param string[] $entries Addresses and CIDR ranges.
	 * @return bool
	 */
	public static function matches( string $ip, array $entries ): bool {
		$packed = inet_pton( $ip );
		if ( false === $packed ) {
			return false;
		}
		foreach ( $entries as $entry ) {
			$parts = explode( '/', (string) $entry, 2 );
			$range = inet_pton( $parts[0] );
			if ( false === $range || strlen( $range ) !== strlen( $packed ) ) {
				continue;
			}
			$bits  = isset( $parts[1] ) ? (int) $parts[1] : 8 * strlen( $range );
			$bytes = intdiv( $bits, 8 );
			if ( substr( $packed, 0, $bytes ) !== substr( $range, 0, $bytes ) ) {
				continue;
			}
			$rest = $bits % 8;
			if ( 0 === $rest || ( ( ord( $packed[ $bytes ] ) ^ ord( $range[ $bytes ] ) ) & ( 0xFF << ( 8 - $rest ) ) & 0xFF ) === 0 ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Reads the forwarded hops, left (client) to right (nearest proxy): `Forwarded` first, else
	 * `X-Forwarded-For`. Anything that is not an address ends the list's trust: it is returned
	 * up to there.
	 *
	 * @param array<string, mixed> $server Server variables.
	 * @return string[]
	 */
	private static function forwarded( array $server ): array {
		$hops = array();
		if ( isset( $server['HTTP_FORWARDED'] ) && is_string( $server['HTTP_FORWARDED'] ) && '' !== $server['HTTP_FORWARDED'] ) {
			foreach ( array_slice( explode( ',', $server['HTTP_FORWARDED'] ), -self::MAX_HOPS ) as $element ) {
				if ( preg_match( '/(?:^|;)\s*for\s*=\s*"?\[?([0-9a-fA-F:.]+)\]?(?::\d+)?"?/i', $element, $match ) ) {
					$hops[] = self::valid( $match[1] );
				} else {
					$hops[] = '';
				}
			}
		} elseif ( isset( $server['HTTP_X_FORWARDED_FOR'] ) && is_string( $server['HTTP_X_FORWARDED_FOR'] ) && '' !== $server['HTTP_X_FORWARDED_FOR'] ) {
			foreach ( array_slice( explode( ',', $server['HTTP_X_FORWARDED_FOR'] ), -self::MAX_HOPS ) as $hop ) {
				$hops[] = self::valid( trim( $hop ) );
			}
		}
		// A hop that is not an address: nothing left of it (or it) can be believed.
		$last_bad = array_search( '', array_reverse( $hops, true ), true );
		return false === $last_bad ? $hops : array_values( array_slice( $hops, (int) $last_bad + 1 ) );
	}

	/**
	 * Returns an address if it is one, '' otherwise.
	 *
	 * @param mixed $value The value.
	 * @return string
	 */
	private static function valid( $value ): string {
		if ( ! is_string( $value ) || strlen( $value ) > 45 ) {
			return '';
		}
		$ip = filter_var( trim( $value ), FILTER_VALIDATE_IP );
		return false === $ip ? '' : (string) $ip;
	}
}
