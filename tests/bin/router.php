<?php
/**
 * Router for PHP's built-in server: serves files as they are, everything else through WordPress,
 * so that pretty permalinks and /wp-json/ work as they do behind Apache or nginx.
 *
 * @package AuthSentinel
 */

// Test-only request rewriting (e.g. an Authorization header stripped the way some servers do).
if ( is_readable( __DIR__ . '/router-fixtures.php' ) ) {
	require __DIR__ . '/router-fixtures.php';
}

$auth_sentinel_path = (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url,WordPress.Security.ValidatedSanitizedInput
$auth_sentinel_file = $_SERVER['DOCUMENT_ROOT'] . $auth_sentinel_path; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput

// A subdirectory network's sites share the files: /site2/wp-admin/… is /wp-admin/… (the
// rewrite WordPress gives Apache for subdirectory networks).
if ( ! is_file( $auth_sentinel_file ) && ! is_dir( $auth_sentinel_file ) && preg_match( '#^/[_0-9a-zA-Z-]+(/wp-(?:content|admin|includes)(?:/.*)?|/[^/]+\.php)$#', $auth_sentinel_path, $auth_sentinel_match ) ) {
	$auth_sentinel_path = $auth_sentinel_match[1];
	$auth_sentinel_file = $_SERVER['DOCUMENT_ROOT'] . $auth_sentinel_path; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput
	if ( '.php' === substr( $auth_sentinel_file, -4 ) ) {
		$_SERVER['SCRIPT_NAME'] = $auth_sentinel_path;
		$_SERVER['PHP_SELF']    = $auth_sentinel_path;
	}
	if ( is_file( $auth_sentinel_file ) && '.php' !== substr( $auth_sentinel_file, -4 ) ) {
		$auth_sentinel_types = array(
			'css'  => 'text/css',
			'js'   => 'application/javascript',
			'svg'  => 'image/svg+xml',
			'png'  => 'image/png',
			'woff' => 'font/woff',
		);
		$auth_sentinel_ext   = strtolower( pathinfo( $auth_sentinel_file, PATHINFO_EXTENSION ) );
		header( 'Content-Type: ' . ( $auth_sentinel_types[ $auth_sentinel_ext ] ?? 'application/octet-stream' ) );
		readfile( $auth_sentinel_file ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		return true;
	}
	if ( is_dir( $auth_sentinel_file ) && is_file( rtrim( $auth_sentinel_file, '/' ) . '/index.php' ) ) {
		$_SERVER['SCRIPT_NAME'] = rtrim( $auth_sentinel_path, '/' ) . '/index.php';
		$_SERVER['PHP_SELF']    = $_SERVER['SCRIPT_NAME'];
	}
}

if ( '/' !== $auth_sentinel_path && is_file( $auth_sentinel_file ) ) {
	if ( '.php' === substr( $auth_sentinel_file, -4 ) ) {
		chdir( dirname( $auth_sentinel_file ) );
		require $auth_sentinel_file;
		return true;
	}
	return false; // Static file: let the server send it.
}
if ( is_dir( $auth_sentinel_file ) && is_file( rtrim( $auth_sentinel_file, '/' ) . '/index.php' ) ) {
	chdir( $auth_sentinel_file );
	require rtrim( $auth_sentinel_file, '/' ) . '/index.php';
	return true;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php'; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput
chdir( $_SERVER['DOCUMENT_ROOT'] ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput
require 'index.php';
