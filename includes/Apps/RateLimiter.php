<?php
/**
 * Counts requests per client and minute, and for everyone together.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Apps;

use AuthSentinel\Database\Counters;
use AuthSentinel\Database\SharedCache;

defined( 'ABSPATH' ) || exit;

/**
 * Fixed one-minute windows: one per client (its address, or its /64 for IPv6 — see
 * Http\ClientAddress::rate_key()) and one for all clients together, so that an attacker who
 * rotates addresses is still held by the global cap.
 *
 * With a persistent object cache shared by every node (Database\SharedCache) the counts are
 * atomic wp_cache_incr() calls; without one, one row per counter and minute in the plugin's
 * small counters table, incremented by one atomic upsert (the first request of a minute deletes
 * the past minutes' rows). When the store fails,
 * the request is refused: this guards a public endpoint, and a broken store must not make it
 * unlimited. Only a keyed fingerprint of the client's address is stored.
 *
 * @since 0.1.0
 */
class RateLimiter {

	/**
	 * The object cache group, used only with a persistent object cache.
	 */
	const CACHE_GROUP = 'auth_sentinel_rate';

	/**
	 * Requests allowed per client and window.
	 *
	 * @var int
	 */
	private $limit;

	/**
	 * Requests allowed for all clients together per window.
	 *
	 * @var int
	 */
	private $global;

	/**
	 * Creates the limiter.
	 *
	 * @param int $limit  Requests allowed per client and minute.
	 * @param int $global Requests allowed for everyone together per minute.
	 */
	public function __construct( int $limit, int $global ) {
		$this->limit  = max( 1, $limit );
		$this->global = max( $this->limit, $global );
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
		$wait   = max( 1, 60 - $now % 60 );
		$mine   = $this->count( 'c:' . $client, $minute );
		if ( null === $mine || $mine > $this->limit ) {
			return $wait;
		}
		$all = $this->count( 'all', $minute );
		return null === $all || $all > $this->global ? $wait : 0;
	}

	/**
	 * Counts one request on a counter.
	 *
	 * @param string $name   The counter.
	 * @param int    $minute The window.
	 * @return int|null The count including this request; null when the store failed.
	 */
	private function count( string $name, int $minute ): ?int {
		if ( SharedCache::available() ) {
			$key = $minute . '_' . $name;
			wp_cache_add( $key, 0, self::CACHE_GROUP, 120 );
			$count = wp_cache_incr( $key, 1, self::CACHE_GROUP );
			return false === $count ? null : (int) $count;
		}
		return Counters::hit( $name, $minute ); // A fault of the table answers null within a second: the caller refuses.
	}
}
