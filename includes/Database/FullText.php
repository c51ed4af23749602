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
 * of every row: a search's words as a boolean-mode query, or as a row-by-row test.
 *
 * On MariaDB and MySQL (InnoDB) each of the three tables gets a `FULLTEXT` index over its text
 * columns, made by the schema upgrade (FullTextIndex::ensure()); a search is then a boolean-mode
 * query in which every word of the text must start a word of the row (`+word*`). The index
 * leaves out words shorter than the server's `innodb_ft_min_token_size` and its stopwords, so
 * those are dropped from the query too; a search left with no word, or a database without the
 * index (SQLite, where WordPress's driver speaks MySQL's dialect and has no full-text index),
 * matches by `LIKE '%…%'`, which reads every row. Addresses, users, app codes and causes are
 * never searched here: they have their own indexes (see the repositories' search_branches()).
 *
 * What FullTextIndex::ensure() found is kept in a small option read only by searches (OPTION):
 * which tables have the index, and the shortest word and the stopwords the server indexed them
 * with. A search reads it here, without loading FullTextIndex. A large table's index is made
 * after the upgrade, in the background (FullTextJob); until it exists, a search of that table
 * tests each row as the index would (LIKE, then REGEXP on a word's start: the same rows, read
 * one by one).
 *
 * @since 0.1.0
 */
final class FullText {

	/**
	 * The option holding what the schema upgrade found (not autoloaded: only searches read it;
	 * FullTextIndex writes it).
	 */
	const OPTION = 'auth_sentinel_fulltext';

	/**
	 * The columns indexed, by table (Schema's table names without the prefix).
	 */
	const COLUMNS = array(
		'events'   => array( 'user_agent', 'route', 'server_code', 'issuer', 'token_iss', 'token_jti' ),
		'audit'    => array( 'user_agent', 'details' ),
		'sessions' => array( 'user_agent', 'label' ),
	);

	/**
	 * What FullTextIndex::ensure() and the job found, once per request.
	 *
	 * @var array{tables?: array<string, bool>, min?: int, stop?: string[], pending?: array<string, array{since: int, tries: int, error: string}>, built?: array<string, array{at: int, seconds: float}>}|null
	 */
	private static $state = null;

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
	 * Forgets what this request read of the option (FullTextIndex has just written it).
	 *
	 * @return void
	 */
	public static function forget(): void {
		self::$state = null;
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
}
