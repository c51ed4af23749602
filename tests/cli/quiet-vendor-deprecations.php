<?php
/**
 * Loaded by bin/wp-cli.sh's `wp` (--require): keeps PHP 8 deprecation notices raised inside
 * WP-CLI's own code and vendored libraries out of the terminal and the site's debug.log, where
 * the test run looks for PHP notices of the plugin. The package mirror has only Mustache 2.13
 * and php-cli-tools 0.11, which pass null to string functions on PHP 8.1+. Every other error
 * goes to PHP's handler as usual.
 *
 * @package AuthSentinel
 */

set_error_handler( // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- Test tooling.
	static function ( $number, $message, $file ) {
		unset( $number, $message );
		$file = str_replace( '\\', '/', (string) $file );
		return false !== strpos( $file, '/vendor/mustache/' ) || false !== strpos( $file, '/vendor/wp-cli/' );
	},
	E_DEPRECATED
);
