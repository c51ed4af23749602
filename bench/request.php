<?php
/**
 * Runs one web request of a test site inside this PHP process, as php -S would hand it over:
 * for bench/instructions.sh, which counts the instructions it takes under Valgrind.
 *
 * Usage: php request.php <site dir> <host:port> <path> [<Authorization header>]
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.Security.ValidatedSanitizedInput,WordPress.PHP.DiscouragedPHPFunctions -- A command-line benchmark that plays a web request.

if ( 'cli' !== PHP_SAPI || $argc < 4 ) {
	fwrite( STDERR, "usage: php request.php SITE_DIR HOST:PORT PATH [AUTHORIZATION]\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	exit( 2 );
}
list( , $auth_sentinel_dir, $auth_sentinel_host, $auth_sentinel_path ) = $argv;
$auth_sentinel_authorization = $argv[4] ?? '';

$_SERVER = array_merge(
	$_SERVER,
	array(
		'HTTP_HOST'       => $auth_sentinel_host,
		'SERVER_NAME'     => 'localhost',
		'SERVER_PORT'     => explode( ':', $auth_sentinel_host )[1] ?? '80',
		'REQUEST_METHOD'  => 'GET',
		'REQUEST_URI'     => $auth_sentinel_path,
		'SCRIPT_NAME'     => '/index.php',
		'PHP_SELF'        => '/index.php',
		'SCRIPT_FILENAME' => $auth_sentinel_dir . '/index.php',
		'REMOTE_ADDR'     => '127.0.0.1',
		'SERVER_PROTOCOL' => 'HTTP/1.1',
	)
);
if ( '' !== $auth_sentinel_authorization ) {
	$_SERVER['HTTP_AUTHORIZATION'] = $auth_sentinel_authorization;
	if ( 0 === stripos( $auth_sentinel_authorization, 'Basic ' ) ) {
		$auth_sentinel_pair = explode( ':', (string) base64_decode( substr( $auth_sentinel_authorization, 6 ) ), 2 );
		// What PHP sets from a Basic header, and core's application passwords read.
		$_SERVER['PHP_AUTH_USER'] = $auth_sentinel_pair[0];
		$_SERVER['PHP_AUTH_PW']   = $auth_sentinel_pair[1] ?? '';
	}
}
$_GET    = array();
$_POST   = array();
$_COOKIE = array();
chdir( $auth_sentinel_dir );
ob_start();
require $auth_sentinel_dir . '/index.php';
