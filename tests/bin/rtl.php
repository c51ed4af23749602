<?php
/**
 * Plugin Name: Test site: right-to-left
 * Description: When the request carries the cookie as_rtl=1, WordPress lays the admin out right to left, as it does for Arabic or Hebrew (no language pack needed): the browser tests check the screens that way.
 *
 * @package AuthSentinel
 */

if ( empty( $_COOKIE['as_rtl'] ) ) {
	return;
}
add_action(
	'init',
	static function () {
		$GLOBALS['wp_locale']->text_direction = 'rtl';
	},
	0
);
