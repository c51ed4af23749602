<?php
/**
 * Counts requests per client and minute.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Apps;

defined( 'ABSPATH' ) || exit;

/**
 * A fixed one-minute window per client. With a persistent object cache the count is an atomic
 * wp_cache_incr(); without one it is a non-autoloaded option per client and minute, counted by
 * one atomic upsert (`… ON DUPLICATE KEY UPDATE option_value = option_value + 1`), so that
 * concurrent requests lose no count. The first request of a minute deletes the past minutes'
 * rows. Only a keyed fingerprint of the client's address is stored.
 *
 * @since 0.1.0
 */
class RateLimiter {

	/**
	 * Prefix of the counter options: minute (10 digits) and fingerprint follow.
	 */
	const PREFIX = 'auth_sentinel_rl_';

	/**
	 * The object cache group, used only with a persistent object cache.
	 */
	const CACHE_GROUP = 'auth_sentinel_rate';

	/**
	 * Requests allowed per window.
	 *
	 * @var int
	 */
	private $limit;

	/**
	 * Creates the limiter.
	 *
	 * @param int $limit Requests allowed per client and minute.
	 */
	public function __construct( int $limit ) {
		$this->limit = max( 1, $limit );
	}

	/**
	 * Counts one request of a client.
	 *
	 * @param string $client A fingerprint of the client (hex).
	 * @param int    $now    Unix time.
	 * @return int 0 when allowed, else the seconds until the window ends (for Retry-After).
	 */
	public function hit( string $client, int $now ): int {
		$minute = intdiv( $now, 60 );
		$client = substr( (string) preg_replace( '/[^a-f0-9]/', '', strtolower( $client ) ), 0, 16 );
		$count  = wp_using_ext_object_cache() ? $this->count_in_cache( $client, $minute ) : $this->count_in_options( $client, $minute );
		return $count > $this->limit ? max( 1, 60 - $now % 60 ) : 0;
	}

	/**
	 * Counts in the persistent object cache.
	 *
	 * @param string $client The client's fingerprint.
	 * @param int    $minute The window.
	 * @return int The count including this request.
	 */
	private function count_in_cache( string $client, int $minute ): int {
		$key = $minute . '_' . $client;
		wp_cache_add( $key, 0, self::CACHE_GROUP, 120 );
		$count = wp_cache_incr( $key, 1, self::CACHE_GROUP );
		return false === $count ? 1 : (int) $count;
	}

	/**
	 * Counts in the options table.
	 *
	 * @param string $client The client's fingerprint.
	 * @param int    $minute The window.
	 * @return int The count including this request (0 when the database failed: let it through).
	 */
	private function count_in_options( string $client, int $minute ): int {
		global $wpdb;
		$window   = self::PREFIX . sprintf( '%010d', $minute ) . '_';
		$name     = $window . $client;
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- An atomic counter; the options API has no increment.
		$written = $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, '1', 'off') ON DUPLICATE KEY UPDATE option_value = option_value + 1", $name ) );
		// Read back rather than trust the affected rows: MySQL says 2 for an update, SQLite 1.
		$count = false === $written ? 0 : (int) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
		if ( 1 === $count ) {
			// First request of this client in this minute: forget the past minutes (a range on the option_name index).
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s AND option_name < %s", $wpdb->esc_like( self::PREFIX ) . '%', $window ) );
		}
		// phpcs:enable
		$wpdb->suppress_errors( $suppress );
		return $count;
	}
}
