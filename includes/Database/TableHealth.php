<?php
/**
 * What Site Health asks of the plugin's tables.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Probes and row counts of the plugin's tables, for Site Health's storage test and its Info
 * section; nothing here runs on an ordinary request.
 *
 * @since 0.1.0
 */
final class TableHealth {

	/**
	 * Lists the plugin's tables that cannot be read (missing, damaged, denied).
	 *
	 * @return string[]
	 */
	public static function unreadable_tables(): array {
		global $wpdb;
		$missing  = array();
		$suppress = $wpdb->suppress_errors( true );
		foreach ( Schema::tables() as $table ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table names; a probe.
			if ( false === $wpdb->query( "SELECT 1 FROM {$table} LIMIT 1" ) ) {
				$missing[] = $table;
			}
		}
		$wpdb->suppress_errors( $suppress );
		return $missing;
	}

	/**
	 * Counts the rows of the events, audit and sessions tables; a table the engine estimates at
	 * `$exact_below` rows or more is given by its estimate (MariaDB/MySQL), not counted.
	 *
	 * @param int $exact_below Count exactly below this many rows.
	 * @return array<string, array{rows: int|null, exact: bool}> By table key (events, audit, sessions); rows null when unreadable.
	 */
	public static function table_rows( int $exact_below ): array {
		global $wpdb;
		$tables = array(
			'events'   => Schema::events_table(),
			'audit'    => Schema::audit_table(),
			'sessions' => Schema::sessions_table(),
		);

		$suppress  = $wpdb->suppress_errors( true ); // No estimates on SQLite; a missing table says so below.
		$estimates = array();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Read once for the Info screen; own table names.
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				'SELECT TABLE_NAME AS name, TABLE_ROWS AS estimate FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (%s, %s, %s)',
				$tables['events'],
				$tables['audit'],
				$tables['sessions']
			),
			ARRAY_A
		);
		foreach ( (array) $rows as $row ) {
			$estimates[ (string) $row['name'] ] = null === $row['estimate'] ? null : (int) $row['estimate'];
		}

		$out = array();
		foreach ( $tables as $key => $table ) {
			$estimate = $estimates[ $table ] ?? null;
			if ( null !== $estimate && $estimate >= $exact_below ) {
				$out[ $key ] = array(
					'rows'  => $estimate,
					'exact' => false,
				);
				continue;
			}
			$count       = $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" );
			$out[ $key ] = array(
				'rows'  => null === $count ? null : (int) $count,
				'exact' => true,
			);
		}
		// phpcs:enable
		$wpdb->suppress_errors( $suppress );
		return $out;
	}
}
