<?php
/**
 * Bootstrap of the release checks (tests/release): no WordPress is loaded here.
 *
 * @package AuthSentinel
 */

define( 'AUTH_SENTINEL_ROOT', dirname( __DIR__, 2 ) );

/**
 * Reads the header fields of a file the way WordPress's get_file_data() does: "Name: value"
 * lines in the first 8 KiB, with comment markers around them ignored.
 *
 * @param string   $file  The file.
 * @param string[] $names The field names.
 * @return array<string, string> Name => value ('' when missing).
 */
function auth_sentinel_release_headers( string $file, array $names ): array {
	$head   = str_replace( "\r", "\n", (string) file_get_contents( $file, false, null, 0, 8192 ) );
	$fields = array();
	foreach ( $names as $name ) {
		$fields[ $name ] = preg_match( '/^(?:[ \t]*<\?php)?[ \t\/*#@]*' . preg_quote( $name, '/' ) . ':(.*)$/mi', $head, $match ) ? trim( preg_replace( '/\s*(?:\*\/|\?>).*/', '', $match[1] ) ) : '';
	}
	return $fields;
}
