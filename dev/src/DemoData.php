<?php
/**
 * The made-up names, clients and addresses of the demo.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Dev;

defined( 'ABSPATH' ) || exit;

// The demo draws from mt_rand() so that --seed repeats it; nothing here is a secret.
// phpcs:disable WordPress.WP.AlternativeFunctions.rand_mt_rand

/**
 * Names, user agents and addresses the demo draws from. Addresses are in the ranges reserved
 * for documentation (RFC 5737), so no real host is ever named.
 *
 * @since 0.1.0
 */
final class DemoData {

	/**
	 * First names.
	 */
	const FIRST = array( 'maria', 'james', 'aisha', 'lukas', 'sofia', 'kenji', 'fatima', 'oliver', 'chloe', 'mateo', 'amara', 'noah', 'ingrid', 'ravi', 'elena', 'tomas', 'yuki', 'grace', 'omar', 'lena', 'diego', 'hana', 'felix', 'nadia', 'samuel', 'zoe', 'arjun', 'clara', 'emeka', 'ines', 'viktor', 'mei', 'pablo', 'freya', 'karim', 'julia', 'theo', 'leila', 'marco', 'anya' );

	/**
	 * Last names.
	 */
	const LAST = array( 'garcia', 'smith', 'khan', 'muller', 'rossi', 'tanaka', 'okafor', 'brown', 'dubois', 'silva', 'nguyen', 'jensen', 'patel', 'kowalski', 'haddad', 'novak', 'sato', 'walsh', 'costa', 'berg', 'moreau', 'ibrahim', 'larsen', 'fischer', 'lopez', 'chen', 'murphy', 'santos', 'weber', 'adeyemi' );

	/**
	 * Browsers: user agent strings of current browsers.
	 */
	const BROWSERS = array(
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
		'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
		'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
	);

	/**
	 * Point-of-sale terminals: user agent, WCPOS device type, app type.
	 */
	const TERMINALS = array(
		array( 'WCPOS/1.6.2 (iPad; CPU OS 17_4 like Mac OS X)', 'mobile', 'ios' ),
		array( 'WCPOS/1.6.2 (Linux; Android 13; SM-X200)', 'mobile', 'android' ),
		array( 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) WCPOS/1.6.1 Chrome/122.0.6261.156 Electron/29.4.0 Safari/537.36', 'desktop', 'electron' ),
	);

	/**
	 * Apps and integrations that sign in with application passwords or tokens: user agent, name.
	 */
	const APPS = array(
		array( 'okhttp/4.12.0', 'Android app' ),
		array( 'Dart/3.3 (dart:io)', 'Delivery app' ),
		array( 'python-requests/2.31.0', 'Inventory sync' ),
		array( 'GuzzleHttp/7', 'Accounting export' ),
		array( 'PostmanRuntime/7.37.3', 'API testing' ),
	);

	/**
	 * Clients of strangers: scanners and password guessers.
	 */
	const STRANGERS = array(
		'Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0',
		'python-requests/2.28.1',
		'Go-http-client/1.1',
		'curl/8.5.0',
	);

	/**
	 * Logins strangers guess.
	 */
	const GUESSES = array( 'admin', 'administrator', 'shop', 'test', 'info', 'wpadmin' );

	/**
	 * Returns a random element.
	 *
	 * @param array<int, mixed> $list The list (not empty).
	 * @return mixed
	 */
	public static function pick( array $list ) {
		return $list[ mt_rand( 0, count( $list ) - 1 ) ];
	}

	/**
	 * Returns the address of a shop (its terminals share it).
	 *
	 * @param int $shop 0, 1 or 2.
	 * @return string
	 */
	public static function shop_ip( int $shop ): string {
		return '203.0.113.' . ( 10 + 10 * $shop );
	}

	/**
	 * Returns a home or office address.
	 *
	 * @return string
	 */
	public static function home_ip(): string {
		return '198.51.100.' . mt_rand( 2, 250 );
	}

	/**
	 * Returns a stranger's address.
	 *
	 * @return string
	 */
	public static function stranger_ip(): string {
		return '192.0.2.' . mt_rand( 100, 250 );
	}

	/**
	 * Returns a version 4 UUID drawn from mt_rand, so that a seeded run repeats it.
	 *
	 * @return string
	 */
	public static function uuid(): string {
		return sprintf(
			'%04x%04x-%04x-%04x-%04x-%04x%04x%04x',
			mt_rand( 0, 0xffff ),
			mt_rand( 0, 0xffff ),
			mt_rand( 0, 0xffff ),
			mt_rand( 0, 0x0fff ) | 0x4000,
			mt_rand( 0, 0x3fff ) | 0x8000,
			mt_rand( 0, 0xffff ),
			mt_rand( 0, 0xffff ),
			mt_rand( 0, 0xffff )
		);
	}

	/**
	 * Draws how many times something happens in an interval where it happens `rate` times on
	 * average (Poisson, Knuth's method; rates here are small).
	 *
	 * @param float $rate The mean.
	 * @return int
	 */
	public static function poisson( float $rate ): int {
		if ( $rate <= 0 ) {
			return 0;
		}
		$limit = exp( -min( $rate, 30.0 ) );
		$count = 0;
		$p     = 1.0;
		do {
			++$count;
			$p *= mt_rand() / mt_getrandmax();
		} while ( $p > $limit );
		return $count - 1;
	}
}
