<?php
/**
 * Plugin Name: Test site: language by cookie
 * Description: When the request carries the cookie as_locale (such as de_DE), WordPress runs in that language, as if the administrator had chosen it on their profile: the browser test of translations installs this with a test translation.
 *
 * @package AuthSentinel
 */

$auth_sentinel_locale = isset( $_COOKIE['as_locale'] ) && is_string( $_COOKIE['as_locale'] ) && preg_match( '/^[a-z]{2,3}(_[A-Z]{2})?$/', $_COOKIE['as_locale'] ) ? $_COOKIE['as_locale'] : '';
if ( '' === $auth_sentinel_locale ) {
	return;
}
$auth_sentinel_switch = static function () use ( $auth_sentinel_locale ) {
	return $auth_sentinel_locale;
};
add_filter( 'locale', $auth_sentinel_switch );
add_filter( 'determine_locale', $auth_sentinel_switch );
