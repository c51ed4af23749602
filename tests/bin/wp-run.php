<?php
/**
 * Runs a PHP file inside the test site in a fresh process, so that it sees wp-config.php as it
 * is now (the test process keeps the constants it started with). Its output is printed as is.
 *
 * Usage: php wp-run.php <site dir> <url> <script.php>
 * (a URL with a path, such as http://localhost:8886/site2/, runs it as that site of a network)
 *
 * @package AuthSentinel
 */

if ( 'cli' !== PHP_SAPI || $argc < 4 ) {
	exit( 1 );
}
$_SERVER['HTTP_HOST']   = (string) parse_url( $argv[2], PHP_URL_HOST ) . ':' . (string) parse_url( $argv[2], PHP_URL_PORT ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
$_SERVER['SERVER_NAME'] = 'localhost';
if ( '' !== (string) parse_url( $argv[2], PHP_URL_PATH ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
	$_SERVER['REQUEST_URI'] = (string) parse_url( $argv[2], PHP_URL_PATH ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- A network's site by its path.
}
require $argv[1] . '/wp-load.php';
require $argv[3];
