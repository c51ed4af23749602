<?php
/**
 * Queries of the plugin's tables on a request's path, bounded in time and silent on faults.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Runs a write of the plugin's on the path of a visitor's request (a failure, an audit row, a
 * session index row, a rate-limit counter) so that a fault of its tables never changes what the
 * visitor gets:
 *
 * - lock waits last a second, not MySQL's default of a year (lock_wait_timeout) or fifty seconds
 *   (innodb_lock_wait_timeout), for the plugin's statements only and at no extra query: MariaDB
 *   runs each as `SET STATEMENT … FOR`, MySQL 8 reads `SET_VAR` hints; an older server gets the
 *   session values set and put back around the write (SQLite has no such wait);
 * - database errors are neither printed nor logged per request (a storm against a broken table
 *   would otherwise fill the error log);
 * - a write to a table being rebuilt (marked by RebuildMarks) is refused at once, without being
 *   sent;
 * - the fault is remembered (QueryFaults), at most once a minute per table, in an autoloaded
 *   option that Site Health reads: which table, what kind of fault, when, and since when it
 *   lasts. The next write that succeeds clears it from the same request's memory, and Site
 *   Health says when it was last seen.
 *
 * Nothing of the row written, the query or the database's message is kept: only its error number.
 *
 * @since 0.1.0
 */
final class BoundedQuery {

	/**
	 * Seconds a write waits for a lock held by another connection.
	 */
	const LOCK_WAIT = 1;

	/**
	 * Whether exec() refuses writes, without sending them: run() sets it for a table being rebuilt;
	 * null until exec() asks, for a table marked network-wide (a read then costs no query).
	 *
	 * @var bool|null
	 */
	private static $refusing = false;

	/**
	 * The table of the run() under way.
	 *
	 * @var string
	 */
	private static $table = '';

	/**
	 * Whether exec() refused a write since run() began.
	 *
	 * @var bool
	 */
	private static $refused = false;

	/**
	 * Runs a write.
	 *
	 * @template T
	 * @param string        $table The table written (its name with the prefix).
	 * @param callable(): T $write The write; it reports a failure by what it returns.
	 * @return T What the write returned.
	 */
	public static function run( string $table, callable $write ) {
		global $wpdb;
		$suppress = $wpdb->suppress_errors( true );
		$mode     = self::mode();
		$restore  = false;
		$outer    = array( self::$refusing, self::$refused, self::$table );
		// While an index is made, the table's writes would each wait the full second and fail: they
		// fail at once instead (its reads go on; a storm of failures holds up no web worker).
		self::$refusing = RebuildMarks::network_wide( $table ) ? null : RebuildMarks::rebuilding( $table );
		self::$refused  = false;
		self::$table    = $table;
		if ( self::$refusing ) {
			$mode = 'none';
		} elseif ( 'session' === $mode ) {
			$restore = self::bound_session();
		} elseif ( 'none' !== $mode ) {
			add_filter( 'query', array( self::class, 'bound_statement' ), PHP_INT_MAX );
		}
		$error  = '';
		$number = 0;
		try {
			$result = $write();
			$error  = (string) $wpdb->last_error;
			$number = '' === $error ? 0 : QueryFaults::error_number();
			if ( '' === $error && self::refused() ) {
				$error = 'lock: the table is being rebuilt';
			}
		} finally {
			list( self::$refusing, self::$refused, self::$table ) = $outer;
			remove_filter( 'query', array( self::class, 'bound_statement' ), PHP_INT_MAX );
			if ( $restore ) {
				$wpdb->query( 'SET SESSION lock_wait_timeout = @auth_sentinel_lw, SESSION innodb_lock_wait_timeout = @auth_sentinel_ilw' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Puts the connection's values back.
			}
			$wpdb->suppress_errors( $suppress );
		}
		if ( '' !== $error ) {
			QueryFaults::note( $table, $number, $error );
		}
		return $result;
	}

	/**
	 * Tells whether exec() refused a write since run() began.
	 *
	 * @return bool
	 */
	private static function refused(): bool {
		return self::$refused;
	}

	/**
	 * Runs a read of one of the plugin's tables bounded like its writes: a lock held elsewhere
	 * answers nothing within a second instead of holding up a sign-in.
	 *
	 * @param string $table  The table read (its name with the prefix).
	 * @param string $method get_row|get_results|get_col|get_var.
	 * @param string $sql    The prepared query.
	 * @return mixed What wpdb answered (null or an empty list on a fault).
	 */
	public static function read( string $table, string $method, string $sql ) {
		return self::run(
			$table,
			static function () use ( $method, $sql ) {
				global $wpdb;
				// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared by the caller; the plugin's own table.
				return in_array( $method, array( 'get_row', 'get_results' ), true ) ? $wpdb->$method( $sql, ARRAY_A ) : $wpdb->$method( $sql );
			}
		);
	}

	/**
	 * Runs one prepared INSERT, UPDATE, DELETE or REPLACE inside run(): its affected rows, false
	 * on an error, or false without sending it while the table is being rebuilt (see
	 * RebuildMarks::rebuild()).
	 * (wpdb counts affected rows only for statements that begin with the verb; a MariaDB
	 * `SET STATEMENT … FOR` statement is counted here from the connection.)
	 *
	 * @param string $sql The prepared statement.
	 * @return int|false
	 */
	public static function exec( string $sql ) {
		global $wpdb;
		if ( null === self::$refusing ) {
			self::$refusing = RebuildMarks::rebuilding( self::$table );
		}
		if ( self::$refusing ) {
			self::$refused = true;
			return false;
		}
		$result = $wpdb->query( $sql ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Prepared by the caller, on the plugin's own tables.
		if ( false === $result ) {
			return false;
		}
		if ( 'mariadb' === self::mode() && has_filter( 'query', array( self::class, 'bound_statement' ) ) ) {
			return (int) mysqli_affected_rows( $wpdb->dbh ); // phpcs:ignore WordPress.DB.RestrictedFunctions.mysql_mysqli_affected_rows -- See above.
		}
		return (int) $result;
	}

	/**
	 * Returns the id of the row the last exec() inserted.
	 *
	 * @return int
	 */
	public static function insert_id(): int {
		global $wpdb;
		if ( 'mariadb' === self::mode() && has_filter( 'query', array( self::class, 'bound_statement' ) ) ) {
			return (int) mysqli_insert_id( $wpdb->dbh ); // phpcs:ignore WordPress.DB.RestrictedFunctions.mysql_mysqli_insert_id -- See exec().
		}
		return (int) $wpdb->insert_id;
	}

	/**
	 * Tells how lock waits are bounded on this server, without a query: `mariadb` (a
	 * `SET STATEMENT … FOR` prefix, MariaDB 10.1.2+), `mysql` (`SET_VAR` hints, MySQL 8.0.3+),
	 * `session` (older servers: session values set and put back, two statements), `none` (SQLite).
	 *
	 * @return string
	 */
	public static function mode(): string {
		global $wpdb;
		static $mode = null;
		if ( null !== $mode ) {
			return $mode;
		}
		if ( ( defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE ) || ! isset( $wpdb->dbh ) || ! ( $wpdb->dbh instanceof \mysqli ) ) {
			$mode = 'none';
			return $mode;
		}
		/**
		 * The database connection WordPress set up.
		 *
		 * @var \wpdb $wpdb
		 */
		$server = (string) $wpdb->db_server_info();
		$number = preg_match( '/(\d+)\.(\d+)\.(\d+)/', $server, $m ) ? sprintf( '%d.%d.%d', $m[1], $m[2], $m[3] ) : '0.0.0';
		if ( false !== stripos( $server, 'mariadb' ) ) {
			// A MariaDB server may report itself as "5.5.5-10.x.y-MariaDB".
			if ( preg_match( '/5\.5\.5-(\d+\.\d+\.\d+)/', $server, $real ) ) {
				$number = $real[1];
			}
			$mode = version_compare( $number, '10.1.2', '>=' ) ? 'mariadb' : 'session';
		} else {
			$mode = version_compare( $number, '8.0.3', '>=' ) ? 'mysql' : 'session';
		}
		return $mode;
	}

	/**
	 * Bounds one statement's lock waits (the `query` filter, while a bounded query runs).
	 *
	 * @param mixed $query The statement.
	 * @return string
	 */
	public static function bound_statement( $query ): string {
		$query = (string) $query;
		if ( 'mariadb' === self::mode() ) {
			return sprintf( 'SET STATEMENT lock_wait_timeout = %1$d, innodb_lock_wait_timeout = %1$d FOR %2$s', self::LOCK_WAIT, $query );
		}
		// MySQL 8: optimizer hints right after the statement's first word.
		return (string) preg_replace( '/^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE)\b/i', sprintf( '$1 /*+ SET_VAR(lock_wait_timeout = %1$d) SET_VAR(innodb_lock_wait_timeout = %1$d) */', self::LOCK_WAIT ), $query, 1 );
	}

	/**
	 * Shortens the connection's lock waits on an older server; tells whether they must be put back.
	 *
	 * @return bool
	 */
	private static function bound_session(): bool {
		global $wpdb;
		// One statement: keep the current values in user variables, then set the short ones.
		return false !== $wpdb->query( sprintf( 'SET @auth_sentinel_lw = @@SESSION.lock_wait_timeout, @auth_sentinel_ilw = @@SESSION.innodb_lock_wait_timeout, SESSION lock_wait_timeout = %1$d, SESSION innodb_lock_wait_timeout = %1$d', self::LOCK_WAIT ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.NotPrepared -- A constant integer.
	}

}
