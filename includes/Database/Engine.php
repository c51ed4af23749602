<?php
/**
 * Which database engine WordPress talks to.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Tells MariaDB and MySQL (a mysqli connection) from SQLite (WordPress Playground's driver, which
 * speaks MySQL's dialect without full-text indexes or index hints).
 *
 * @since 0.1.0
 */
final class Engine {

	/**
	 * Tells whether the database is MariaDB or MySQL.
	 *
	 * @return bool
	 */
	public static function mysql(): bool {
		global $wpdb;
		return ! ( defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE ) && isset( $wpdb->dbh ) && $wpdb->dbh instanceof \mysqli;
	}

	/**
	 * The SQLite connection under WordPress Playground's driver, for a bulk write: the driver
	 * parses every MySQL statement in PHP, which for thousands of rows costs seconds, where one
	 * prepared SQLite statement run per row costs milliseconds. Null on MariaDB and MySQL, and
	 * on a driver that does not hand its connection out (then the caller writes through wpdb).
	 *
	 * @return \PDO|null
	 */
	public static function sqlite_connection(): ?\PDO { // phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- Hands out Playground's SQLite connection, nothing more.
		global $wpdb;
		if ( self::mysql() || ! isset( $wpdb->dbh ) || ! is_object( $wpdb->dbh ) ) {
			return null;
		}
		$driver = $wpdb->dbh;
		try {
			if ( method_exists( $driver, 'get_sqlite_pdo' ) ) {
				$pdo = $driver->get_sqlite_pdo(); // The driver of the SQLite integration 3.x.
			} elseif ( method_exists( $driver, 'get_pdo' ) ) {
				$pdo = $driver->get_pdo(); // Its 2.x translator.
			} else {
				return null;
			}
			return $pdo instanceof \PDO && 'sqlite' === $pdo->getAttribute( \PDO::ATTR_DRIVER_NAME ) ? $pdo : null;
		} catch ( \Throwable $e ) {
			return null;
		}
	}
	// phpcs:enable
}
