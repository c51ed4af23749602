<?php
/**
 * The wp auth-sentinel catalog commands.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Catalog\CatalogEntries;

defined( 'ABSPATH' ) || exit;

/**
 * Looks up the error catalog: what a failure means and how to fix it.
 *
 * ## EXAMPLES
 *
 *     # The POS app says API02003.
 *     $ wp auth-sentinel catalog get API02003
 *
 *     $ wp auth-sentinel catalog list --search=refresh
 *
 * @since 0.1.0
 */
class CatalogCommand extends Command {

	/**
	 * The error catalog.
	 *
	 * @var CatalogEntries
	 */
	private $catalog;

	/**
	 * Creates the command.
	 *
	 * @param CatalogEntries $catalog The error catalog.
	 */
	public function __construct( CatalogEntries $catalog ) {
		$this->catalog = $catalog;
	}

	/**
	 * The fields of an entry, in order.
	 */
	const FIELDS = array( 'code', 'title', 'credential', 'aliases', 'meaning', 'causes', 'server_codes', 'how_to_fix', 'related' );

	/**
	 * Shows one catalog entry.
	 *
	 * ## OPTIONS
	 *
	 * <code>
	 * : An entry code (token_invalid), an app's code (API02003, any case) or a server code (jwt_auth_invalid_token).
	 *
	 * [--field=<field>]
	 * : Prints one field.
	 *
	 * [--fields=<fields>]
	 * : Comma-separated fields to show (code, title, credential, aliases, meaning, causes, server_codes, how_to_fix, related).
	 *
	 * [--format=<format>]
	 * : Output format. In a table and CSV, lists are written as lines of text; JSON and YAML keep their structure.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel catalog get API02003 --fields=code,title,meaning
	 *     $ wp auth-sentinel catalog get woocommerce_pos_auth_token_expired --format=json
	 *
	 * @param array<int, string>   $args       The code.
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function get( $args, $assoc_args ): void {
		$catalog = $this->catalog;
		$entry   = $catalog->find( (string) $args[0] );
		if ( null === $entry ) {
			\WP_CLI::error( sprintf( 'No catalog entry matches "%s". See `wp auth-sentinel catalog list --search=%s`.', $args[0], $args[0] ) );
		}
		$entry  = array_intersect_key( $catalog->localize( $entry ), array_flip( self::FIELDS ) );
		$format = (string) ( $assoc_args['format'] ?? 'table' );
		if ( in_array( $format, array( 'table', 'csv' ), true ) ) {
			$entry = self::flatten( $entry, 'csv' === $format ? "\n" : '; ' );
		}
		$args      = array_intersect_key( $assoc_args, array_flip( array( 'format', 'fields', 'field' ) ) );
		$formatter = new \WP_CLI\Formatter( $args, self::FIELDS );
		$formatter->display_item( $entry );
	}

	/**
	 * Lists the catalog's entries.
	 *
	 * ## OPTIONS
	 *
	 * [--search=<text>]
	 * : Only entries whose code, title, aliases, server codes or messages contain this.
	 *
	 * [--fields=<fields>]
	 * : Comma-separated fields to show.
	 * ---
	 * default: code,title,credential,aliases
	 * ---
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 *   - yaml
	 *   - count
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel catalog list
	 *     $ wp auth-sentinel catalog list --search="token expired" --format=json
	 *
	 * @subcommand list
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function list_( $args, $assoc_args ): void {
		$catalog = $this->catalog;
		$format  = (string) ( $assoc_args['format'] ?? 'table' );
		$items   = array();
		foreach ( $catalog->search( (string) ( $assoc_args['search'] ?? '' ) ) as $entry ) {
			$entry   = array_intersect_key( $catalog->localize( $entry ), array_flip( self::FIELDS ) );
			$items[] = in_array( $format, array( 'table', 'csv' ), true ) ? self::flatten( $entry, 'csv' === $format ? "\n" : '; ' ) : $entry;
		}
		self::display( $assoc_args, $items, array( 'code', 'title', 'credential', 'aliases' ), count( $items ) );
	}

	/**
	 * Writes an entry's lists as text, for a table or CSV.
	 *
	 * @param array<string, mixed> $entry     The entry.
	 * @param string               $separator Between the items of a list: a line break in CSV, "; " in a table (which shows none).
	 * @return array<string, string>
	 */
	private static function flatten( array $entry, string $separator ): array {
		$out = array();
		foreach ( $entry as $key => $value ) {
			switch ( $key ) {
				case 'aliases':
				case 'related':
					$out[ $key ] = implode( ', ', array_map( 'strval', (array) $value ) );
					break;
				case 'causes':
					$out[ $key ] = implode( $separator, array_map( static fn( $cause ) => (string) ( $cause['text'] ?? '' ), (array) $value ) );
					break;
				case 'server_codes':
					$out[ $key ] = implode( $separator, array_map( static fn( $code ) => (string) $code['code'] . ( isset( $code['source'] ) ? ' (' . $code['source'] . ')' : '' ), (array) $value ) );
					break;
				case 'how_to_fix':
					$lines = array();
					foreach ( (array) $value as $fix ) {
						$lines[] = sprintf( '[%s] %s: %s', (string) ( $fix['audience'] ?? '' ), (string) ( $fix['title'] ?? '' ), implode( ' ', array_map( 'strval', (array) ( $fix['steps'] ?? array() ) ) ) );
					}
					$out[ $key ] = implode( $separator, $lines );
					break;
				default:
					$out[ $key ] = is_scalar( $value ) ? (string) $value : (string) wp_json_encode( $value );
			}
		}
		return $out;
	}
}
