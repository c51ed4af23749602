<?php
/**
 * The database's full-text indexes: made by the upgrade, recorded for the searches.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Makes the `FULLTEXT` index of the failures, the audit log and the sessions (over
 * FullText::COLUMNS) where the database has them, and records what it found in
 * FullText::OPTION, which the searches read (FullText): which tables have the index, and the
 * shortest word and the stopwords the server indexed them with.
 *
 * The schema upgrade calls ensure(): a table of at most INLINE_ROWS rows gets its index at once;
 * a larger one is left to FullTextJob, which makes it in the background with add_index() and
 * records the outcome with store(). Site Health and the command line read the record
 * (stored(), through FullTextJob::status()).
 *
 * @since 0.1.0
 */
final class FullTextIndex {

	/**
	 * The index's name, on each table.
	 */
	const INDEX = 'search_text';

	/**
	 * Largest table (rows) whose index the upgrade makes at once; a larger one waits for
	 * FullTextJob. About a second here (20 µs a row: 19.7 s at 1,024,000 failures), well inside
	 * any proxy's or PHP's time limit even for the three tables together.
	 */
	const INLINE_ROWS = 50000;

	/**
	 * Seconds the statement that adds an index waits for its table's metadata lock.
	 */
	const LOCK_WAIT = 5;

	/**
	 * Makes the full-text indexes where the database has them and they are missing, and records
	 * the server's word rules. Part of the schema upgrade; does nothing on SQLite.
	 *
	 * A table of at most INLINE_ROWS rows gets its index at once (about a second at 50,000 rows).
	 * A larger one is left to FullTextJob, one table per cron run, so that the request that sees
	 * the new version does not spend minutes in it (19.7 s at a million failures, where a proxy's
	 * time limit may kill it); until then its searches test each row as the index would (see
	 * FullText::way()). A table whose index could not be made at once goes to the job too, which
	 * tries again.
	 *
	 * @return void
	 */
	public static function ensure(): void {
		if ( ! Engine::mysql() ) {
			update_option( FullText::OPTION, array( 'tables' => array() ), false );
			FullText::forget();
			return;
		}
		$state = array_merge( self::stored(), self::rules() );
		foreach ( array_keys( FullText::COLUMNS ) as $name ) {
			$table                    = self::table( $name );
			$state['tables'][ $name ] = self::has_index( $table );
			$error                    = '';
			if ( ! $state['tables'][ $name ] && self::small( $table ) ) {
				$start = microtime( true );
				$error = self::add_index( $name );
				if ( '' === $error ) {
					$state['tables'][ $name ] = true;
					$state['built'][ $name ]  = array(
						'at'      => time(),
						'seconds' => round( microtime( true ) - $start, 1 ),
					);
				}
			}
			if ( $state['tables'][ $name ] ) {
				unset( $state['pending'][ $name ] );
				continue;
			}
			// Left to the job (tried afresh: an upgrade or an activation is a new start).
			$state['pending'][ $name ] = array(
				'since' => (int) ( $state['pending'][ $name ]['since'] ?? time() ),
				'tries' => 0,
				'error' => $error,
			);
		}
		self::store( $state );
		if ( ! empty( $state['pending'] ) ) {
			FullTextJob::schedule( MINUTE_IN_SECONDS );
		}
	}

	/**
	 * Returns the server's word rules: the shortest word its full-text indexes hold and their
	 * stopwords.
	 *
	 * @return array{min: int, stop: string[]}
	 */
	private static function rules(): array {
		global $wpdb;
		$min  = (int) $wpdb->get_var( 'SELECT @@innodb_ft_min_token_size' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A server variable.
		$stop = array();
		if ( (int) $wpdb->get_var( 'SELECT @@innodb_ft_enable_stopword' ) ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A server variable.
			$custom = (string) $wpdb->get_var( 'SELECT @@innodb_ft_server_stopword_table' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A server variable.
			$source = preg_match( '/^[A-Za-z0-9_$]+\/[A-Za-z0-9_$]+$/', $custom ) ? '`' . str_replace( '/', '`.`', $custom ) . '`' : 'INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD';
			$stop   = array_map( 'strtolower', array_map( 'strval', (array) $wpdb->get_col( "SELECT value FROM {$source}" ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- The server's own stopword table, its name checked above.
		}
		return array(
			'min'  => max( 1, $min ),
			'stop' => $stop,
		);
	}

	/**
	 * Tells whether a table is small enough for its index to be made inside the upgrade: at
	 * most INLINE_ROWS rows, counted up to one more (a bounded count: the estimate of
	 * information_schema may be stale by a day on MySQL 8, which caches it, and say 0 for a table
	 * just filled).
	 *
	 * @param string $table The table.
	 * @return bool
	 */
	private static function small( string $table ): bool {
		global $wpdb;
		$rows = $wpdb->get_var( "SELECT COUNT(*) FROM (SELECT 1 FROM {$table} LIMIT " . ( self::INLINE_ROWS + 1 ) . ') AS first_rows' ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table; a constant.
		return null !== $rows && (int) $rows <= self::INLINE_ROWS;
	}

	/**
	 * Adds a table's full-text index; returns the database's error, or '' when made.
	 *
	 * In place and sharing the table (`ALGORITHM=INPLACE, LOCK=SHARED`, MariaDB 10.0+ and MySQL
	 * 5.6+): reads go on meanwhile, writes wait — InnoDB offers no `LOCK=NONE` for a full-text
	 * index, and rebuilds the table for its first one. The table is marked meanwhile
	 * (RebuildMarks::rebuild()): a failure, audit row or session row written on a visitor's
	 * request is dropped at once, as on any storage fault, instead of each waiting
	 * BoundedQuery::LOCK_WAIT; sign-in goes on.
	 * The statement itself waits at most LOCK_WAIT seconds for the table's metadata lock (held
	 * by a long transaction, say): while it waits, every new statement on the table waits behind
	 * it, so it gives up instead, and the job tries again later. A server that cannot do it in
	 * place (another engine) is asked without the clause.
	 *
	 * @param string $name 'events', 'audit' or 'sessions'.
	 * @return string
	 */
	public static function add_index( string $name ): string {
		global $wpdb;
		$table    = self::table( $name );
		$alter    = "ALTER TABLE {$table} ADD FULLTEXT KEY " . self::INDEX . ' (' . implode( ', ', FullText::COLUMNS[ $name ] ) . ')';
		$suppress = $wpdb->suppress_errors( true );
		// Its writes are held until the index is made: marked, they fail at once meanwhile.
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, fixed columns; session values set and put back.
		list( $made, $error ) = RebuildMarks::rebuild(
			$table,
			static function () use ( $wpdb, $alter ): array {
				$wpdb->query( sprintf( 'SET @auth_sentinel_ft_lw = @@SESSION.lock_wait_timeout, SESSION lock_wait_timeout = %d', self::LOCK_WAIT ) );
				$made  = false !== $wpdb->query( $alter . ', ALGORITHM=INPLACE, LOCK=SHARED' );
				$error = (string) $wpdb->last_error;
				// ER_ALTER_OPERATION_NOT_SUPPORTED(_REASON): not in place on this table's engine.
				if ( ! $made && in_array( mysqli_errno( $wpdb->dbh ), array( 1845, 1846 ), true ) ) { // phpcs:ignore WordPress.DB.RestrictedFunctions.mysql_mysqli_errno -- The error's number, which wpdb does not keep.
					$made  = false !== $wpdb->query( $alter );
					$error = (string) $wpdb->last_error;
				}
				$wpdb->query( 'SET SESSION lock_wait_timeout = @auth_sentinel_ft_lw' );
				return array( $made, $error );
			}
		);
		// phpcs:enable
		$wpdb->suppress_errors( $suppress );
		if ( $made || self::has_index( $table ) ) {
			return '';
		}
		return '' !== $error ? $error : __( 'The database did not make the index.', 'auth-sentinel' );
	}

	/**
	 * Returns a table's name with the prefix.
	 *
	 * @param string $name 'events', 'audit' or 'sessions'.
	 * @return string
	 */
	public static function table( string $name ): string {
		switch ( $name ) {
			case 'events':
				return Schema::events_table();
			case 'audit':
				return Schema::audit_table();
		}
		return Schema::sessions_table();
	}

	/**
	 * Returns what ensure() and the job recorded, read afresh.
	 *
	 * @return array{tables?: array<string, bool>, min?: int, stop?: string[], pending?: array<string, array{since: int, tries: int, error: string}>, built?: array<string, array{at: int, seconds: float}>}
	 */
	public static function stored(): array {
		wp_cache_delete( FullText::OPTION, 'options' );
		$state = get_option( FullText::OPTION, array() );
		return is_array( $state ) ? $state : array();
	}

	/**
	 * Records what ensure() or the job found, for the searches that follow.
	 *
	 * @param array<string, mixed> $state See stored().
	 * @return void
	 */
	public static function store( array $state ): void {
		if ( empty( $state['pending'] ) ) {
			unset( $state['pending'] );
		}
		update_option( FullText::OPTION, $state, false );
		FullText::forget();
	}

	/**
	 * Tells whether a table has the full-text index.
	 *
	 * @param string $table The table.
	 * @return bool
	 */
	public static function has_index( string $table ): bool {
		global $wpdb;
		foreach ( (array) $wpdb->get_results( "SHOW INDEX FROM {$table}" ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table.
			if ( self::INDEX === ( $row->Key_name ?? '' ) ) { // phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- MySQL's column name.
				return true;
			}
		}
		return false;
	}
}
