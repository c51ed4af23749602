<?php
/**
 * Free-text search by the database's full-text index.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Lets a search of the failures, the audit log or the sessions read a full-text index instead
 * of every row.
 *
 * On MariaDB and MySQL (InnoDB) each of the three tables gets a `FULLTEXT` index over its text
 * columns, made by the schema upgrade (ensure()); a search is then a boolean-mode query in which
 * every word of the text must start a word of the row (`+word*`). The index leaves out words
 * shorter than the server's `innodb_ft_min_token_size` and its stopwords, so those are dropped
 * from the query too; a search left with no word, or a database without the index (SQLite, where
 * WordPress's driver speaks MySQL's dialect and has no full-text index), matches by `LIKE '%…%'`,
 * which reads every row. Addresses, users, app codes and causes are never searched here: they
 * have their own indexes (see the repositories' search_branches()).
 *
 * What ensure() found is kept in a small option read only by searches: which tables have the
 * index, and the shortest word and the stopwords the server indexed them with. A large table's
 * index is made after the upgrade, in the background (FullTextJob); until it exists, a search
 * of that table tests each row as the index would (LIKE, then REGEXP on a word's start: the
 * same rows, read one by one).
 *
 * @since 0.1.0
 */
final class FullText {

	/**
	 * The option holding what the schema upgrade found (not autoloaded: only searches read it).
	 */
	const OPTION = 'auth_sentinel_fulltext';

	/**
	 * The index's name, on each table.
	 */
	const INDEX = 'search_text';

	/**
	 * The columns indexed, by table (Schema's table names without the prefix).
	 */
	const COLUMNS = array(
		'events'   => array( 'user_agent', 'route', 'server_code', 'issuer', 'token_iss', 'token_jti' ),
		'audit'    => array( 'user_agent', 'details' ),
		'sessions' => array( 'user_agent', 'label' ),
	);

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
	 * What ensure() and the job found, once per request.
	 *
	 * @var array{tables?: array<string, bool>, min?: int, stop?: string[], pending?: array<string, array{since: int, tries: int, error: string}>, built?: array<string, array{at: int, seconds: float}>}|null
	 */
	private static $state = null;

	/**
	 * Makes the full-text indexes where the database has them and they are missing, and records
	 * the server's word rules. Part of the schema upgrade; does nothing on SQLite.
	 *
	 * A table of at most INLINE_ROWS rows gets its index at once (about a second at 50,000 rows).
	 * A larger one is left to FullTextJob, one table per cron run, so that the request that sees
	 * the new version does not spend minutes in it (19.7 s at a million failures, where a proxy's
	 * time limit may kill it); until then its searches test each row as the index would (see
	 * way()). A table whose index could not be made at once goes to the job too, which tries
	 * again.
	 *
	 * @return void
	 */
	public static function ensure(): void {
		if ( ! Engine::mysql() ) {
			update_option( self::OPTION, array( 'tables' => array() ), false );
			self::$state = null;
			return;
		}
		$state = array_merge( self::stored(), self::rules() );
		foreach ( array_keys( self::COLUMNS ) as $name ) {
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
	 * (BoundedQuery::rebuild()): a failure, audit row or session row written on a visitor's
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
		$alter    = "ALTER TABLE {$table} ADD FULLTEXT KEY " . self::INDEX . ' (' . implode( ', ', self::COLUMNS[ $name ] ) . ')';
		$suppress = $wpdb->suppress_errors( true );
		// Its writes are held until the index is made: marked, they fail at once meanwhile.
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Own table, fixed columns; session values set and put back.
		list( $made, $error ) = BoundedQuery::rebuild(
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
		wp_cache_delete( self::OPTION, 'options' );
		$state = get_option( self::OPTION, array() );
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
		update_option( self::OPTION, $state, false );
		self::$state = null;
	}

	/**
	 * Returns the boolean-mode query for a search of a table's index, or null when the table has
	 * no index (the words are matched by like()) or the text has no word the index holds (the
	 * words are not searched for, see ready()).
	 *
	 * @param string $table  'events', 'audit' or 'sessions'.
	 * @param string $search The text searched.
	 * @return string|null
	 */
	public static function query( string $table, string $search ): ?string {
		$words = self::index_words( $table, $search );
		return $words ? '+' . implode( '* +', $words ) . '*' : null;
	}

	/**
	 * Returns the words of a search that a table's index holds (see words()): none when the table
	 * has no index.
	 *
	 * @param string $table  'events', 'audit' or 'sessions'.
	 * @param string $search The text searched.
	 * @return string[]
	 */
	public static function index_words( string $table, string $search ): array {
		return self::ready( $table ) ? self::words( $search, (int) ( self::$state['min'] ?? 3 ), (array) ( self::$state['stop'] ?? array() ) ) : array();
	}

	/**
	 * Tells whether a table has its full-text index. Then a search without a word the index
	 * holds (only short words, stopwords or punctuation, such as an address) is not looked for in
	 * the text at all: reading every row for it is what the index is there to avoid.
	 *
	 * @param string $table 'events', 'audit' or 'sessions'.
	 * @return bool
	 */
	public static function ready( string $table ): bool {
		if ( null === self::$state ) {
			$state       = get_option( self::OPTION, array() );
			self::$state = is_array( $state ) ? $state : array();
		}
		return ! empty( self::$state['tables'][ $table ] );
	}

	/**
	 * Returns the MATCH … AGAINST condition of a table (one placeholder: the query).
	 *
	 * @param string $table 'events', 'audit' or 'sessions'.
	 * @return string
	 */
	public static function condition( string $table ): string {
		return 'MATCH (' . implode( ', ', self::COLUMNS[ $table ] ) . ') AGAINST (%s IN BOOLEAN MODE)';
	}

	/**
	 * Returns the way a search's words reach a table's rows: for a query of its own, the
	 * full-text index (or, where the table has none, like()); for a row-by-row test, walk().
	 * Null when the index holds none of its words (short words, stopwords, an address).
	 *
	 * @param string $table   'events', 'audit' or 'sessions'.
	 * @param string $search  The text.
	 * @param bool   $indexed True: a query of its own; false: a row-by-row test.
	 * @return array{0: string, 1: array<int, string>}|null The condition and its values.
	 */
	public static function way( string $table, string $search, bool $indexed ): ?array {
		if ( ! $indexed ) {
			return self::walk( $table, $search );
		}
		$query = self::query( $table, $search );
		if ( null !== $query ) {
			return array( self::condition( $table ), array( $query ) );
		}
		if ( self::ready( $table ) ) {
			return null;
		}
		// No index yet (the job makes it) on a server that has them: each row tested as the index
		// will find it, so that a search finds the same rows before and after.
		return isset( self::$state['min'] ) ? self::starts( $table, $search ) : self::like( self::COLUMNS[ $table ], $search );
	}

	/**
	 * Returns the condition that matches the words of a search where there is no full-text
	 * index: each word in one of the columns, as part of a word (`LIKE '%word%'`, which reads
	 * every row). A superset of what the index finds, so that both engines agree on what a search
	 * finds wherever the index finds it.
	 *
	 * @param string[] $columns The columns.
	 * @param string   $search  The text.
	 * @return array{0: string, 1: array<int, string>} The condition and its values.
	 */
	public static function like( array $columns, string $search ): array {
		global $wpdb;
		$all  = array();
		$args = array();
		foreach ( self::words( $search, 1, array() ) as $word ) {
			$all[] = '(' . implode( ' LIKE %s OR ', $columns ) . ' LIKE %s)';
			$args  = array_merge( $args, array_fill( 0, count( $columns ), '%' . $wpdb->esc_like( $word ) . '%' ) );
		}
		return $all ? array( '(' . implode( ' AND ', $all ) . ')', $args ) : array( '0 = 1', array() );
	}

	/**
	 * Returns the condition that a row's text matches a search as the full-text index would,
	 * tested row by row (for walking a listing's index, or a window of rows): each word at the
	 * start of a word of one of the columns (`LIKE`, then `REGEXP` with a word boundary, which
	 * MariaDB and MySQL 8 read alike). On a database without full-text indexes (SQLite), like().
	 *
	 * @param string $table  'events', 'audit' or 'sessions'.
	 * @param string $search The text.
	 * @return array{0: string, 1: array<int, string>} The condition and its values.
	 */
	public static function walk( string $table, string $search ): array {
		if ( ! self::ready( $table ) && ! isset( self::$state['min'] ) ) {
			return self::like( self::COLUMNS[ $table ], $search );
		}
		return self::starts( $table, $search ) ?? array( '0 = 1', array() );
	}

	/**
	 * Returns the condition that each word of a search the index holds starts a word of one of a
	 * table's columns, tested row by row (see walk()); null when the index holds none of its words.
	 *
	 * @param string $table  'events', 'audit' or 'sessions'.
	 * @param string $search The text.
	 * @return array{0: string, 1: array<int, string>}|null The condition and its values.
	 */
	private static function starts( string $table, string $search ): ?array {
		global $wpdb;
		$all  = array();
		$args = array();
		foreach ( self::words( $search, (int) ( self::$state['min'] ?? 3 ), (array) ( self::$state['stop'] ?? array() ) ) as $word ) {
			$any = array();
			foreach ( self::COLUMNS[ $table ] as $column ) {
				$any[] = "({$column} LIKE %s AND {$column} REGEXP %s)";
				array_push( $args, '%' . $wpdb->esc_like( $word ) . '%', self::word_start() . $word );
			}
			$all[] = '(' . implode( ' OR ', $any ) . ')';
		}
		return $all ? array( '(' . implode( ' AND ', $all ) . ')', $args ) : null;
	}

	/**
	 * Returns what starts a word in a REGEXP of this server: `\b` for MariaDB (PCRE) and MySQL
	 * 8.0.4 and later (ICU); `[[:<:]]` for older MySQL (Henry Spencer's library, where `\b` is a
	 * plain `b`).
	 *
	 * @return string
	 */
	private static function word_start(): string {
		global $wpdb;
		$server = (string) $wpdb->db_server_info();
		$old    = false === stripos( $server, 'mariadb' ) && version_compare( (string) $wpdb->db_version(), '8.0.4', '<' );
		return $old ? '[[:<:]]' : '\\b';
	}

	/**
	 * Splits a search into the words a full-text index holds: runs of letters, digits and
	 * underscores (InnoDB's word characters), lower-cased, without those too short or stopwords.
	 *
	 * @param string   $search The text.
	 * @param int      $min    The shortest word indexed.
	 * @param string[] $stop   The stopwords.
	 * @return string[]
	 */
	public static function words( string $search, int $min, array $stop ): array {
		$words = array();
		foreach ( (array) preg_split( '/[^\p{L}\p{N}_]+/u', mb_strtolower( $search ), -1, PREG_SPLIT_NO_EMPTY ) as $word ) {
			$word = (string) $word;
			// InnoDB leaves out words longer than 84 characters (innodb_ft_max_token_size).
			if ( mb_strlen( $word ) >= $min && mb_strlen( $word ) <= 84 && ! in_array( $word, $stop, true ) ) {
				$words[ $word ] = true;
			}
		}
		return array_slice( array_keys( $words ), 0, 10 );
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
