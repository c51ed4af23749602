<?php
/**
 * Test-only request rewriting, required by tests/bin/router.php at the start of every request
 * of the test site (PHP's built-in server). Never part of the plugin.
 *
 * PHP's built-in server passes an Authorization header to PHP as $_SERVER['HTTP_AUTHORIZATION']
 * (and, for Basic, PHP_AUTH_USER / PHP_AUTH_PW). A request can ask for it to be treated the way
 * some real servers do, with the header X-Fixture-Strip-Authorization:
 *
 * - "1" (or "redirect"): Apache with PHP as CGI/FastCGI and the usual rewrite rule
 *   (RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]): the header reaches PHP only
 *   as $_SERVER['REDIRECT_HTTP_AUTHORIZATION'].
 * - "redirect-empty": the same, but the server also sets HTTP_AUTHORIZATION to an empty string
 *   (seen with some FastCGI setups); code that tests it with `??` or isset() sees "a header".
 * - "drop": a server that strips the header altogether (no rewrite rule): PHP never sees it.
 *
 * getallheaders() still returns the raw header under the built-in server; code that reads
 * $_SERVER (as WordPress and the token plugins do) sees the rewritten request.
 *
 * @package AuthSentinel
 */

if ( isset( $_SERVER['HTTP_X_FIXTURE_STRIP_AUTHORIZATION'] ) && is_string( $_SERVER['HTTP_X_FIXTURE_STRIP_AUTHORIZATION'] ) ) {
	$auth_sentinel_strip_mode = strtolower( trim( $_SERVER['HTTP_X_FIXTURE_STRIP_AUTHORIZATION'] ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
	if ( in_array( $auth_sentinel_strip_mode, array( '1', 'redirect', 'redirect-empty', 'drop' ), true ) ) {
		if ( 'drop' !== $auth_sentinel_strip_mode && isset( $_SERVER['HTTP_AUTHORIZATION'] ) ) {
			$_SERVER['REDIRECT_HTTP_AUTHORIZATION'] = $_SERVER['HTTP_AUTHORIZATION']; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput
		}
		if ( 'drop' === $auth_sentinel_strip_mode ) {
			unset( $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] );
		}
		unset( $_SERVER['HTTP_AUTHORIZATION'], $_SERVER['PHP_AUTH_USER'], $_SERVER['PHP_AUTH_PW'], $_SERVER['PHP_AUTH_DIGEST'], $_SERVER['AUTH_TYPE'] );
		if ( 'redirect-empty' === $auth_sentinel_strip_mode ) {
			$_SERVER['HTTP_AUTHORIZATION'] = '';
		}
	}
	unset( $auth_sentinel_strip_mode );
}
