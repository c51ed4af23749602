<?php
/**
 * The plugin's tables and their migrations.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Creates and upgrades the plugin's tables: a version constant, a version option, `dbDelta`
 * for the shape, then ordered idempotent steps for anything `dbDelta` cannot do.
 *
 * @since 0.1.0
 */
class Schema {

	/**
	 * Version of the table definitions below.
	 */
	const VERSION = \AuthSentinel\Guards::SCHEMA_VERSION;

	/**
	 * Option holding the installed version.
	 */
	const OPTION = 'auth_sentinel_db_version';

	/**
	 * Returns the audit table's name.
	 *
	 * @return string
	 */
	public static function audit_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'auth_sentinel_audit';
	}

	/**
	 * Returns the failures table's name.
	 *
	 * @return string
	 */
	public static function events_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'auth_sentinel_events';
	}

	/**
	 * Returns the sessions index's name. Sessions belong to users, who are the network's, so on
	 * a multisite network there is one index for all sites.
	 *
	 * @return string
	 */
	public static function sessions_table(): string {
		global $wpdb;
		return $wpdb->base_prefix . 'auth_sentinel_sessions';
	}

	/**
	 * Returns the counters table's name (rate limits; small, short-lived rows).
	 *
	 * @return string
	 */
	public static function counters_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'auth_sentinel_counters';
	}

	/**
	 * Returns the rollup table's name (failures summed by hour and day, for the statistics).
	 *
	 * @return string
	 */
	public static function rollup_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'auth_sentinel_rollup';
	}

	/**
	 * Lists every table the plugin owns.
	 *
	 * @return string[]
	 */
	public static function tables(): array {
		return array( self::audit_table(), self::events_table(), self::sessions_table(), self::counters_table(), self::rollup_table() );
	}

	/**
	 * Installs or upgrades the tables when the stored version is behind.
	 *
	 * Cheap on every request: one comparison against an autoloaded option.
	 *
	 * @return void
	 */
	public static function maybe_upgrade(): void {
		if ( (int) get_option( self::OPTION, 0 ) >= self::VERSION ) {
			return;
		}
		// One upgrade at a time, whatever node or request gets here first; an upgrade that died
		// is taken over after ten minutes by one of them (JobLock: insert-if-absent, then a swap).
		JobLock::run(
			'schema_upgrade',
			10 * MINUTE_IN_SECONDS,
			static function (): bool {
				if ( (int) AtomicOption::read( self::OPTION ) < self::VERSION ) { // Another may have finished meanwhile.
					self::install();
				}
				return true;
			}
		);
	}

	/**
	 * Creates or updates the tables, then records the version.
	 *
	 * @return void
	 */
	public static function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';

		$charset = $wpdb->get_charset_collate();
		$audit   = self::audit_table();
		$events  = self::events_table();
		$index   = self::sessions_table();

		// dbDelta wants two spaces after PRIMARY KEY and one definition per line.
		dbDelta(
			"CREATE TABLE {$audit} (
				id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				at datetime NOT NULL,
				action varchar(64) NOT NULL,
				actor_id bigint(20) unsigned NOT NULL DEFAULT 0,
				target_user_id bigint(20) unsigned NOT NULL DEFAULT 0,
				ip varchar(45) NOT NULL DEFAULT '',
				user_agent varchar(255) NOT NULL DEFAULT '',
				details longtext NOT NULL,
				PRIMARY KEY  (id),
				KEY at (at),
				KEY action_at (action,at),
				KEY target_at (target_user_id,at),
				KEY actor_at (actor_id,at),
				KEY ip_at (ip,at)
			) {$charset};"
		);

		// One row per credential, client and hour: repeats only increment `count`.
		dbDelta(
			"CREATE TABLE {$events} (
				id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				agg_key char(32) NOT NULL,
				hour int(10) unsigned NOT NULL,
				first_seen datetime NOT NULL,
				last_seen datetime NOT NULL,
				count int(10) unsigned NOT NULL DEFAULT 1,
				source varchar(24) NOT NULL,
				issuer varchar(40) NOT NULL DEFAULT '',
				server_code varchar(100) NOT NULL,
				code varchar(64) NOT NULL,
				cause varchar(32) NOT NULL,
				user_id bigint(20) unsigned NOT NULL DEFAULT 0,
				ip varchar(45) NOT NULL DEFAULT '',
				user_agent varchar(255) NOT NULL DEFAULT '',
				route varchar(191) NOT NULL DEFAULT '',
				token_fp char(32) NOT NULL DEFAULT '',
				token_iss varchar(191) NOT NULL DEFAULT '',
				token_iat bigint(20) DEFAULT NULL,
				token_exp bigint(20) DEFAULT NULL,
				token_jti varchar(128) NOT NULL DEFAULT '',
				token_type varchar(20) NOT NULL DEFAULT '',
				details text NOT NULL,
				net varchar(50) NOT NULL DEFAULT '',
				overflow tinyint(1) unsigned NOT NULL DEFAULT 0,
				sketch_a bigint(20) unsigned NOT NULL DEFAULT 0,
				sketch_b bigint(20) unsigned NOT NULL DEFAULT 0,
				sketch_net bigint(20) unsigned NOT NULL DEFAULT 0,
				PRIMARY KEY  (id),
				UNIQUE KEY agg_key (agg_key),
				KEY hour_over_net (hour,overflow,net),
				KEY last_seen (last_seen),
				KEY hour_cause (hour,cause,count),
				KEY cause_last (cause,last_seen),
				KEY code_last (code,last_seen),
				KEY source_last (source,last_seen),
				KEY user_last (user_id,last_seen),
				KEY token_fp (token_fp),
				KEY ip_last (ip,last_seen)
			) {$charset};"
		);

		// An index of every credential across users (the credentials stay where core and the
		// token plugins keep them): one row per cookie session, application password, token
		// session or token seen, kept after it ends so a later failure can say who ended it.
		dbDelta(
			"CREATE TABLE {$index} (
				id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				type varchar(20) NOT NULL,
				fp char(32) NOT NULL,
				user_id bigint(20) unsigned NOT NULL,
				created datetime NOT NULL,
				expires datetime DEFAULT NULL,
				last_seen datetime DEFAULT NULL,
				ip varchar(45) NOT NULL DEFAULT '',
				user_agent varchar(255) NOT NULL DEFAULT '',
				label varchar(191) NOT NULL DEFAULT '',
				ref varchar(128) NOT NULL DEFAULT '',
				secret_fp char(32) NOT NULL DEFAULT '',
				status varchar(12) NOT NULL DEFAULT 'active',
				ended_at datetime DEFAULT NULL,
				ended_by bigint(20) unsigned NOT NULL DEFAULT 0,
				ended_reason varchar(32) NOT NULL DEFAULT '',
				site_id bigint(20) unsigned NOT NULL DEFAULT 0,
				PRIMARY KEY  (id),
				UNIQUE KEY type_fp (type,fp),
				KEY list_seen (status,last_seen,id,expires),
				KEY list_type_seen (status,type,last_seen,id,expires),
				KEY list_expires (status,expires,id,last_seen),
				KEY list_created (status,created,id,expires),
				KEY last_seen (last_seen),
				KEY user_status (user_id,status),
				KEY expires (expires),
				KEY secret_fp (secret_fp),
				KEY ip (ip),
				KEY label (label),
				KEY site_user (site_id,user_id,status)
			) {$charset};"
		);
		// Counters of fixed windows (rate limits): one row per name and window, incremented by
		// one atomic upsert; rows of past windows are deleted as new windows start.
		$counters = self::counters_table();
		dbDelta(
			"CREATE TABLE {$counters} (
				name varchar(64) NOT NULL,
				win bigint(20) unsigned NOT NULL,
				hits int(10) unsigned NOT NULL DEFAULT 0,
				PRIMARY KEY  (name,win),
				KEY win (win)
			) {$charset};"
		);

		// v8: the statistics' rollup (Events\RollupRepository), filled by the scheduled upkeep.
		// v9 adds the slices (one filter each) to its primary key, which dbDelta cannot change: the
		// table is made again (it only holds sums of the failures table, computed again below).
		$rollup = self::rollup_table();
		if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $rollup ) ) ) && ! $wpdb->get_var( "SHOW COLUMNS FROM {$rollup} LIKE 'slice'" ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table; schema change.
			$wpdb->query( "DROP TABLE {$rollup}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery,WordPress.DB.DirectDatabaseQuery.SchemaChange -- Own table.
		}
		dbDelta(
			"CREATE TABLE {$rollup} (
				span tinyint(3) unsigned NOT NULL,
				slice varchar(80) NOT NULL DEFAULT '',
				start int(10) unsigned NOT NULL,
				dim varchar(8) NOT NULL,
				k varchar(191) NOT NULL,
				failures bigint(20) unsigned NOT NULL DEFAULT 0,
				sketch text,
				causes text,
				PRIMARY KEY  (span,slice,dim,start,k)
			) {$charset};"
		);
		\AuthSentinel\Events\Rollup::schedule(); // The backfill of the kept period, in batches.
		// v9: search by index: `ip_last` and `ip_at` above (an address's start), a full-text index where there is one.
		FullTextIndex::ensure();

		// The listing indexes of v3, replaced by the list_* ones above (which add the columns that
		// let a listing's filter, sort and total be read from the index alone).
		self::drop_indexes( $index, array( 'status_seen', 'status_type_seen' ) );
		// v5: one fingerprint key for a whole network (see NetworkKeyMigration).
		NetworkKeyMigration::run();
		// v7: the caps of new rows count from (hour, overflow, net) alone.
		self::drop_indexes( $events, array( 'hour_net' ) );
		// v6: the rate limits count in the counters table, no longer one option per address.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( 'auth_sentinel_rl_' ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A one-time clean-up.

		update_option( self::OPTION, self::VERSION, true );
	}

	/**
	 * Drops indexes that exist (dbDelta adds and widens, but never drops or redefines an index).
	 *
	 * @param string   $table The table.
	 * @param string[] $names Index names.
	 * @return void
	 */
	private static function drop_indexes( string $table, array $names ): void {
		global $wpdb;
		$existing = array();
		foreach ( (array) $wpdb->get_results( "SHOW INDEX FROM {$table}" ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table name; schema change.
			$existing[] = strtolower( (string) ( $row->Key_name ?? '' ) ); // phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- MySQL's column name.
		}
		foreach ( $names as $name ) {
			if ( in_array( strtolower( $name ), $existing, true ) ) {
				$wpdb->query( "ALTER TABLE {$table} DROP INDEX {$name}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery,WordPress.DB.DirectDatabaseQuery.SchemaChange -- Own table and index names.
			}
		}
	}

	/**
	 * Drops every table and the version option (uninstall only).
	 *
	 * @return void
	 */
	public static function drop(): void {
		global $wpdb;
		foreach ( self::tables() as $table ) {
			$wpdb->query( "DROP TABLE IF EXISTS {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table name.
		}
		delete_option( self::OPTION );
	}
}
