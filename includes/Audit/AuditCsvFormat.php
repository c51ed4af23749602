<?php
/**
 * The audit log's CSV lines.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Rest\Dates;

defined( 'ABSPATH' ) || exit;

/**
 * Turns audit rows into the lines of the CSV file, the same for the streamed download and a
 * background export's file: the byte order mark and the header line, a row's cells (its
 * sentence made once for many rows), and cells made safe to open in a spreadsheet.
 *
 * The file starts with a UTF-8 byte order mark, so that Excel, the program most
 * administrators open a CSV with, reads names and user agents as UTF-8; LibreOffice, Numbers,
 * Google Sheets and csv readers in utf-8-sig mode skip it. Cells that a spreadsheet would run
 * as a formula (starting with =, +, -, @, a tab or a carriage return, also after spaces) are
 * prefixed with a single quote. Column names are fixed English words, for scripts.
 *
 * @since 0.1.0
 */
final class AuditCsvFormat {

	/**
	 * The UTF-8 byte order mark that starts the file.
	 */
	const BOM = "\xEF\xBB\xBF";

	/**
	 * Stands for the target's name in a sentence made once for many rows (see fields()).
	 */
	const TARGET = "\x1Fauth-sentinel-target\x1F";

	/**
	 * The columns, in order.
	 */
	const COLUMNS = array( 'id', 'time', 'action', 'summary', 'actor id', 'actor login', 'user id', 'user login', 'ip', 'user agent', 'details' );

	/**
	 * Returns the first chunk of the file: the byte order mark and the header line.
	 *
	 * @return string
	 */
	public static function header_line(): string {
		$buffer = fopen( 'php://memory', 'w+b' ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- A memory stream.
		if ( false === $buffer ) {
			return self::BOM;
		}
		self::put( $buffer, self::COLUMNS );
		$line = self::drain( $buffer );
		fclose( $buffer ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose,WordPress.WP.AlternativeFunctions -- A memory stream.
		return self::BOM . $line;
	}

	/**
	 * Returns the cells of one row.
	 *
	 * @param array<string, mixed>    $row       The row as stored.
	 * @param array<int, string|null> $users     Logins by id (null: deleted).
	 * @param array<string, string>   $summaries Sentences already written, by what they depend on.
	 * @return array<int, string>
	 */
	public static function fields( array $row, array $users, array &$summaries = array() ): array {
		$actor_id  = (int) $row['actor_id'];
		$target_id = (int) $row['target_user_id'];
		$at        = (string) $row['at'];
		// 'Y-m-d H:i:s' in UTC, as stored: Dates::iso() without the cost of strtotime() a million times.
		$time = 19 === strlen( $at ) && ' ' === $at[10] && ctype_digit( $at[0] . $at[18] ) ? substr( $at, 0, 10 ) . 'T' . substr( $at, 11 ) . 'Z' : (string) Dates::iso( $at );
		// A sentence depends on the action, the details, whether there is a target and whether the
		// actor is it; the target's name goes in afterwards, so that a log of many users still
		// makes each sentence once (a sign-in's does not even name the target).
		$key = $row['action'] . "\n" . $row['details'] . "\n" . ( $target_id > 0 ? '+' : '' ) . ( $actor_id === $target_id ? '=' : '' );
		if ( ! isset( $summaries[ $key ] ) ) {
			$summaries[ $key ] = AuditSummary::of( $row, $target_id > 0 ? array( $target_id => self::TARGET ) : array() );
		}
		$summary = $summaries[ $key ];
		if ( $target_id > 0 && false !== strpos( $summary, self::TARGET ) ) {
			if ( ! isset( $summaries[ self::TARGET ] ) ) {
				/* translators: %d: a user id. */
				$summaries[ self::TARGET ] = __( 'user #%d', 'auth-sentinel' );
			}
			$summary = str_replace( self::TARGET, isset( $users[ $target_id ] ) ? (string) $users[ $target_id ] : sprintf( $summaries[ self::TARGET ], $target_id ), $summary );
		}
		return array(
			(string) (int) $row['id'],
			$time,
			(string) $row['action'],
			$summary,
			(string) $actor_id,
			$actor_id > 0 ? (string) ( $users[ $actor_id ] ?? '' ) : '',
			(string) $target_id,
			$target_id > 0 ? (string) ( $users[ $target_id ] ?? '' ) : '',
			(string) $row['ip'],
			(string) $row['user_agent'],
			(string) $row['details'],
		);
	}

	/**
	 * Makes a cell safe to open in a spreadsheet: one that would start a formula (=, +, -, @,
	 * tab, carriage return, also after leading whitespace) gets a leading single quote.
	 *
	 * @param string $value The cell.
	 * @return string
	 */
	public static function cell( string $value ): string {
		// Most cells start with a letter or a digit: no pattern to run.
		if ( '' === $value || false === strpos( "=+-@ \t\n\r\x0B\x0C", $value[0] ) ) {
			return $value;
		}
		return preg_match( '/^(?:[\t\r]|\s*[=+\-@])/', $value ) ? "'" . $value : $value;
	}

	/**
	 * Writes one CSV line into the buffer (RFC 4180 quoting, no backslash escape).
	 *
	 * @param resource           $buffer The buffer.
	 * @param array<int, string> $cells  The cells.
	 * @return void
	 */
	public static function put( $buffer, array $cells ): void {
		foreach ( $cells as $i => $cell ) {
			$cells[ $i ] = self::cell( $cell );
		}
		fputcsv( $buffer, $cells, ',', '"', '' );
	}

	/**
	 * Returns what the buffer holds and empties it.
	 *
	 * @param resource $buffer The buffer.
	 * @return string
	 */
	public static function drain( $buffer ): string {
		rewind( $buffer );
		$text = (string) stream_get_contents( $buffer );
		rewind( $buffer );
		ftruncate( $buffer, 0 );
		return $text;
	}
}
