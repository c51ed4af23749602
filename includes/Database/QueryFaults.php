<?php
/**
 * The faults of the plugin's tables: what kind each is, and the memory of them Site Health reads.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Classifies a failed statement on the plugin's tables (a race on a unique key, or a fault:
 * missing, denied, locked, full) and remembers a fault, at most once a minute per table, in an
 * autoloaded option that Site Health reads: which table, what kind of fault, when, and since
 * when it lasts. Nothing of the row written, the query or the database's message is kept: only
 * its error number. Loaded when a write fails (BoundedQuery::run()) or a caller asks.
 *
 * @since 0.1.0
 */
final class QueryFaults {

	/**
	 * The option that remembers the last faults, by table.
	 */
	const FAULT_OPTION = 'auth_sentinel_storage_faults';

	/**
	 * Seconds between two notes of a fault of the same table.
	 */
	const NOTE_EVERY = 60;

	/**
	 * Tells whether the last statement failed on a unique key (another request wrote the row
	 * first) rather than on a fault.
	 *
	 * @return bool
	 */
	public static function duplicate(): bool {
		global $wpdb;
		$error = (string) $wpdb->last_error;
		return 1062 === self::error_number() || false !== stripos( $error, 'Duplicate entry' ) || false !== stripos( $error, 'UNIQUE constraint' );
	}

	/**
	 * Returns the error number of the connection's last statement (0 when unknown).
	 *
	 * @return int
	 */
	public static function error_number(): int {
		global $wpdb;
		return isset( $wpdb->dbh ) && $wpdb->dbh instanceof \mysqli ? (int) mysqli_errno( $wpdb->dbh ) : 0; // phpcs:ignore WordPress.DB.RestrictedFunctions.mysql_mysqli_errno -- wpdb keeps the message only; the number tells a race from a fault.
	}

	/**
	 * Names a fault from the database's error number or message.
	 *
	 * @param int    $number  The error number.
	 * @param string $message The message (read for its kind only; never stored).
	 * @return string missing|denied|locked|full|error
	 */
	public static function kind( int $number, string $message ): string {
		if ( in_array( $number, array( 1146, 1054 ), true ) || false !== stripos( $message, "doesn't exist" ) || false !== stripos( $message, 'no such table' ) ) {
			return 'missing';
		}
		if ( in_array( $number, array( 1142, 1143, 1044, 1045 ), true ) || false !== stripos( $message, 'denied' ) ) {
			return 'denied';
		}
		if ( in_array( $number, array( 1205, 1099, 1100, 1213 ), true ) || false !== stripos( $message, 'lock' ) ) {
			return 'locked';
		}
		if ( in_array( $number, array( 1114, 1021, 28 ), true ) || false !== stripos( $message, 'full' ) ) {
			return 'full';
		}
		return 'error';
	}

	/**
	 * Remembers a fault for Site Health, at most once a minute per table.
	 *
	 * @param string $table   The table.
	 * @param int    $number  The error number.
	 * @param string $message The database's message (only its kind is kept).
	 * @return void
	 */
	public static function note( string $table, int $number, string $message ): void {
		global $wpdb;
		$name   = (string) preg_replace( '/^' . preg_quote( (string) $wpdb->prefix, '/' ) . '/', '', $table );
		$faults = self::faults();
		$now    = time();
		$last   = $faults[ $name ] ?? null;
		if ( is_array( $last ) && $now - (int) $last['at'] < self::NOTE_EVERY ) {
			return;
		}
		$faults[ $name ] = array(
			'at'    => $now,
			'since' => is_array( $last ) && $now - (int) $last['at'] < HOUR_IN_SECONDS ? (int) $last['since'] : $now,
			'kind'  => self::kind( $number, $message ),
			'errno' => $number,
		);
		try {
			update_option( self::FAULT_OPTION, $faults, true );
		} catch ( \Throwable $e ) {
			unset( $e ); // Nothing more to do: the fault itself was already swallowed.
		}
	}

	/**
	 * Returns the faults remembered, by table (without the prefix).
	 *
	 * @return array<string, array<string, mixed>> Each with at, since, kind and errno.
	 */
	public static function faults(): array {
		$faults = get_option( self::FAULT_OPTION, array() );
		return is_array( $faults ) ? array_filter( $faults, 'is_array' ) : array();
	}
}
