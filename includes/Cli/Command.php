<?php
/**
 * What every wp auth-sentinel command shares.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Audit\AuditCsvFormat;
use AuthSentinel\Http\Text;

defined( 'ABSPATH' ) || exit;

/**
 * Looks up users and times given on the command line and prints lists the WP-CLI way
 * (`--format`, `--fields`, `--field`). Loaded only under WP-CLI.
 *
 * @since 0.1.0
 */
abstract class Command {

	/**
	 * Returns the id of a user given by id, login or email; stops with an error when none matches.
	 *
	 * @param string $value The id, login or email.
	 * @param string $flag  The option it came from, for the message.
	 * @return int
	 */
	protected static function user_id( string $value, string $flag ): int {
		$value = trim( $value );
		$user  = false;
		if ( ctype_digit( $value ) ) {
			$user = get_userdata( (int) $value );
		}
		if ( ! $user && is_email( $value ) ) {
			$user = Text::user_by_email( $value );
		}
		if ( ! $user ) {
			$user = Text::user_by_login( $value );
		}
		if ( ! $user ) {
			\WP_CLI::error( sprintf( 'No user matches --%s=%s (give an id, a login or an email).', $flag, $value ) );
		}
		return (int) $user->ID;
	}

	/**
	 * Returns the user an --account option names, 0 when it is absent.
	 *
	 * @param array<string, mixed> $assoc_args The options.
	 * @return int
	 */
	protected static function account( array $assoc_args ): int {
		return isset( $assoc_args['account'] ) ? self::user_id( (string) $assoc_args['account'], 'account' ) : 0;
	}

	/**
	 * Stops when `--user` was written after the command: WP-CLI reads it as its own global
	 * parameter (who runs the command), so a filter meant by it would silently not apply.
	 *
	 * @param string $what What --account picks here, for the message (e.g. "failures").
	 * @return void
	 */
	protected static function refuse_local_user( string $what ): void {
		$argv  = isset( $GLOBALS['argv'] ) && is_array( $GLOBALS['argv'] ) ? array_map( 'strval', $GLOBALS['argv'] ) : array();
		$start = array_search( 'auth-sentinel', $argv, true );
		if ( false === $start ) {
			return;
		}
		foreach ( array_slice( $argv, (int) $start + 1 ) as $arg ) {
			if ( '--user' === $arg || 0 === strpos( $arg, '--user=' ) ) {
				\WP_CLI::error(
					sprintf(
						'--user is WP-CLI\'s global parameter: it says who runs the command, not whose %s to pick. Use --account=<id|login|email> for that; to act as someone, put --user before "auth-sentinel".',
						$what
					)
				);
			}
		}
	}

	/**
	 * Turns a time given on the command line into a GMT datetime; null when absent.
	 *
	 * @param array<string, mixed> $assoc_args The options.
	 * @param string               $flag       since or until.
	 * @return string|null
	 */
	protected static function time( array $assoc_args, string $flag ): ?string {
		if ( ! isset( $assoc_args[ $flag ] ) || '' === (string) $assoc_args[ $flag ] ) {
			return null;
		}
		$at = strtotime( (string) $assoc_args[ $flag ] );
		if ( false === $at ) {
			\WP_CLI::error( sprintf( '--%s=%s is not a time WP-CLI understands (try "2024-05-01 10:00", "-2 days" or "yesterday").', $flag, (string) $assoc_args[ $flag ] ) );
		}
		return gmdate( 'Y-m-d H:i:s', $at );
	}

	/**
	 * Returns a whole number option within bounds, or stops with an error.
	 *
	 * @param array<string, mixed> $assoc_args The options.
	 * @param string               $flag       The option.
	 * @param int                  $default    When absent.
	 * @param int                  $min        Least allowed.
	 * @param int                  $max        Most allowed.
	 * @return int
	 */
	protected static function number( array $assoc_args, string $flag, int $default, int $min, int $max ): int {
		if ( ! isset( $assoc_args[ $flag ] ) ) {
			return $default;
		}
		$value = (string) $assoc_args[ $flag ];
		if ( ! ctype_digit( $value ) || (int) $value < $min || (int) $value > $max ) {
			\WP_CLI::error( sprintf( '--%s must be a whole number from %d to %d.', $flag, $min, $max ) );
		}
		return (int) $value;
	}

	/**
	 * Stops unless an option's value is one of a list.
	 *
	 * @param array<string, mixed> $assoc_args The options.
	 * @param string               $flag       The option.
	 * @param string[]             $allowed    The values allowed.
	 * @return string The value, '' when absent.
	 */
	protected static function one_of( array $assoc_args, string $flag, array $allowed ): string {
		if ( ! isset( $assoc_args[ $flag ] ) ) {
			return '';
		}
		$value = (string) $assoc_args[ $flag ];
		if ( ! in_array( $value, $allowed, true ) ) {
			\WP_CLI::error( sprintf( '--%s must be one of: %s.', $flag, implode( ', ', $allowed ) ) );
		}
		return $value;
	}

	/**
	 * Prints a page of items in the format asked for.
	 *
	 * `ids` prints the ids of the page, `count` the total that matches the filters. In CSV, a
	 * cell a spreadsheet would run as a formula is neutralised as in the audit export: user
	 * agents and logins come from whoever sent the request.
	 *
	 * @param array<string, mixed>             $assoc_args The options (format, fields, field).
	 * @param array<int, array<string, mixed>> $items      The items.
	 * @param string[]                         $fields     The default fields.
	 * @param int                              $total      How many match in all.
	 * @return void
	 */
	protected static function display( array $assoc_args, array $items, array $fields, int $total ): void {
		$format = (string) ( $assoc_args['format'] ?? 'table' );
		if ( 'count' === $format ) {
			\WP_CLI::line( (string) $total );
			return;
		}
		if ( 'ids' === $format ) {
			\WP_CLI::line( implode( ' ', array_map( 'strval', array_column( $items, 'id' ) ) ) );
			return;
		}
		if ( 'csv' === $format ) {
			foreach ( $items as $i => $item ) {
				foreach ( $item as $key => $value ) {
					if ( is_string( $value ) ) {
						$items[ $i ][ $key ] = AuditCsvFormat::cell( $value );
					}
				}
			}
		}
		$args      = array_intersect_key( $assoc_args, array_flip( array( 'format', 'fields', 'field' ) ) );
		$formatter = new \WP_CLI\Formatter( $args, $fields );
		$formatter->display_items( $items );
	}

	/**
	 * Prints one page of a listing: the users its rows name cached in one query, the rows
	 * shaped by $item in the format asked for, and, under a table that does not show every
	 * match, which rows these are.
	 *
	 * @param array<string, mixed>                                                   $assoc_args The options (format, fields, field).
	 * @param array{rows: array<int, array<string, mixed>>, total: int, more?: bool} $result     The page and how many match.
	 * @param callable                                                               $item       Shapes one row for output.
	 * @param string[]                                                               $fields     The default fields.
	 * @param int                                                                    $first      The number of the page's first row, from 1.
	 * @param array{0: string, 1: string}                                            $where      The line under the table, as formats of
	 *                                                                                           (first, last, total): when the total is
	 *                                                                                           exact, and when it is a lower bound.
	 * @return void
	 */
	protected static function display_page( array $assoc_args, array $result, callable $item, array $fields, int $first, array $where ): void {
		$user_ids = array_filter( array_unique( array_map( 'intval', array_column( $result['rows'], 'user_id' ) ) ) );
		if ( $user_ids ) {
			cache_users( $user_ids );
		}
		$items = array_map( $item, $result['rows'] );
		self::display( $assoc_args, $items, $fields, $result['total'] );

		$shown = count( $items );
		if ( 'table' === ( $assoc_args['format'] ?? 'table' ) && ! isset( $assoc_args['field'] ) && $result['total'] > $shown && $shown > 0 ) {
			\WP_CLI::log( sprintf( empty( $result['more'] ) ? $where[0] : $where[1], $first, $first + $shown - 1, $result['total'] ) );
		}
	}

	/**
	 * Formats a GMT datetime or Unix time for output: ISO 8601 in UTC, '' for none.
	 *
	 * @param int|string|null $time The time.
	 * @return string
	 */
	protected static function iso( $time ): string {
		return (string) \AuthSentinel\Rest\Dates::iso( $time );
	}
}
