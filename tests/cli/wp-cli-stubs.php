<?php
/**
 * The few WP-CLI classes and functions the plugin's commands use, declared for PHPStan only
 * (WP-CLI is not a dependency of the plugin; this file is never loaded at run time).
 *
 * @package AuthSentinel
 */

// phpcs:disable

namespace {
	/**
	 * WP-CLI's static facade.
	 */
	class WP_CLI {
	/**
	 * @param string          $name     Command name.
	 * @param callable|object|string $callable What runs it.
	 * @param array<string, mixed>   $args     Registration arguments.
	 * @return bool
	 */
	public static function add_command( $name, $callable, $args = array() ) {
		return true;
	}

	/**
	 * @param string $message Message.
	 * @return void
	 */
	public static function success( $message ) {}

	/**
	 * @param string $message Message.
	 * @return void
	 */
	public static function log( $message ) {}

	/**
	 * @param string $message Message.
	 * @return void
	 */
	public static function line( $message = '' ) {}

	/**
	 * @param string $message Message.
	 * @return void
	 */
	public static function warning( $message ) {}

	/**
	 * @param string $message Message.
	 * @param string|bool $group Debug group.
	 * @return void
	 */
	public static function debug( $message, $group = false ) {}

	/**
	 * @param string|\WP_Error $message Message.
	 * @param bool|int         $exit    Whether to exit, or the exit code.
	 * @return never
	 */
	public static function error( $message, $exit = true ) {
		exit( 1 );
	}

	/**
	 * @param string               $question   Question.
	 * @param array<string, mixed> $assoc_args Arguments (`yes` skips the question).
	 * @return void
	 */
	public static function confirm( $question, $assoc_args = array() ) {}

	/**
	 * @param int $return_code Exit code.
	 * @return never
	 */
	public static function halt( $return_code ) {
		exit( $return_code );
	}
}
}

namespace WP_CLI {
/**
 * WP-CLI's formatter.
 */
class Formatter {
	/**
	 * @param array<string, mixed> $assoc_args Arguments (format, fields, field).
	 * @param string[]|null        $fields     Default fields.
	 * @param string|bool          $prefix     Field prefix.
	 */
	public function __construct( &$assoc_args, $fields = null, $prefix = false ) {}

	/**
	 * @param mixed      $item  The item.
	 * @param bool|array $ascii_pre_colorized Colours.
	 * @return void
	 */
	public function display_item( $item, $ascii_pre_colorized = false ) {}

	/**
	 * @param array<int, mixed> $items The items.
	 * @param bool|array        $ascii_pre_colorized Colours.
	 * @return void
	 */
	public function display_items( $items, $ascii_pre_colorized = false ) {}
}
}

namespace WP_CLI\Utils {

/**
 * @param string            $format Format.
 * @param array<int, mixed> $items  Items.
 * @param string[]|string   $fields Fields.
 * @return void
 */
function format_items( $format, $items, $fields ) {}

/**
 * @param array<string, mixed> $assoc_args Arguments.
 * @param string               $flag       Flag.
 * @param mixed                $default    Default.
 * @return mixed
 */
function get_flag_value( $assoc_args, $flag, $default = null ) {
	return $default;
}
}
