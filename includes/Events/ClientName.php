<?php
/**
 * Readable names for user agents.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

defined( 'ABSPATH' ) || exit;

/**
 * Turns a user agent into the name an administrator recognises: the app (WooCommerce POS, the
 * WordPress app, an HTTP library) or the browser and its system.
 *
 * @since 0.1.0
 */
class ClientName {

	/**
	 * Apps and libraries, matched first: pattern => name (the first group, when present, is the version).
	 */
	const APPS = array(
		'~WCPOS[/ ]?([\d.]+)?~i'                 => 'WooCommerce POS',
		'~WooCommerce ?POS[/ ]?([\d.]+)?~i'      => 'WooCommerce POS',
		'~wp-(?:android|iphone)[/ ]?([\d.]+)?~i' => 'WordPress app',
		'~WordPress(?:Desktop)?/([\d.]+)~i'      => 'WordPress',
		'~PostmanRuntime/([\d.]+)~i'             => 'Postman',
		'~^curl/([\d.]+)~i'                      => 'curl',
		'~^Wget/([\d.]+)~i'                      => 'Wget',
		'~python-requests/([\d.]+)~i'            => 'Python requests',
		'~^python-httpx/([\d.]+)~i'              => 'Python httpx',
		'~^okhttp/([\d.]+)~i'                    => 'OkHttp (Android app)',
		'~^axios/([\d.]+)~i'                     => 'axios',
		'~^node-fetch~i'                         => 'node-fetch',
		'~^Dart/([\d.]+)~i'                      => 'Dart (Flutter app)',
		'~^Go-http-client/([\d.]+)~i'            => 'Go HTTP client',
		'~^GuzzleHttp/([\d.]+)~i'                => 'Guzzle',
		'~^Java/([\d.]+)~i'                      => 'Java',
		'~Electron/([\d.]+)~i'                   => 'Electron app',
		'~Playwright|HeadlessChrome/([\d.]+)~i'  => 'Headless Chrome',
	);

	/**
	 * Browsers, most specific first: pattern => name.
	 */
	const BROWSERS = array(
		'~Edg(?:e|A|iOS)?/([\d]+)~'         => 'Edge',
		'~OPR/([\d]+)~'                     => 'Opera',
		'~SamsungBrowser/([\d]+)~'          => 'Samsung Internet',
		'~Firefox/([\d]+)~'                 => 'Firefox',
		'~FxiOS/([\d]+)~'                   => 'Firefox',
		'~CriOS/([\d]+)~'                   => 'Chrome',
		'~Chrome/([\d]+)~'                  => 'Chrome',
		'~Version/([\d]+)[\d.]* .*Safari/~' => 'Safari',
	);

	/**
	 * Systems: pattern => name.
	 */
	const SYSTEMS = array(
		'~Android~'            => 'Android',
		'~iPhone|iPad|iPod~'   => 'iOS',
		'~Windows~'            => 'Windows',
		'~Mac OS X|Macintosh~' => 'macOS',
		'~CrOS~'               => 'ChromeOS',
		'~Linux~'              => 'Linux',
	);

	/**
	 * Describes a user agent.
	 *
	 * @param string $agent The user agent.
	 * @return string A readable name; "Unknown client" when empty.
	 */
	public static function describe( string $agent ): string {
		$agent = trim( $agent );
		if ( '' === $agent ) {
			return __( 'Unknown client', 'auth-sentinel' );
		}
		$system = '';
		foreach ( self::SYSTEMS as $pattern => $name ) {
			if ( preg_match( $pattern, $agent ) ) {
				$system = $name;
				break;
			}
		}
		foreach ( self::APPS as $pattern => $name ) {
			if ( preg_match( $pattern, $agent, $match ) ) {
				$label = ! empty( $match[1] ) ? $name . ' ' . $match[1] : $name;
				return '' !== $system ? sprintf( '%1$s (%2$s)', $label, $system ) : $label;
			}
		}
		foreach ( self::BROWSERS as $pattern => $name ) {
			if ( preg_match( $pattern, $agent, $match ) ) {
				$label = "{$name} {$match[1]}";
				/* translators: 1: browser and version, 2: operating system. */
				return '' !== $system ? sprintf( __( '%1$s on %2$s', 'auth-sentinel' ), $label, $system ) : $label;
			}
		}
		// Unknown: the product token, without the comment.
		return mb_substr( (string) preg_replace( '~\s*\(.*$~', '', $agent ), 0, 60 );
	}
}
