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
}
