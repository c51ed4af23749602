<?php
/**
 * Whether the object cache is one that every web node shares.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * The rate limits' counts and the spike check's gate live in the object cache when it is
 * persistent, because there `wp_cache_add()` and `wp_cache_incr()` are atomic for every node.
 * That holds for a cache all nodes share (Redis, Memcached); a persistent cache each node keeps
 * for itself (APCu, a Memcached on each node) would count per node. Such a site returns false
 * from the `auth_sentinel_shared_object_cache` filter, and those records go to the database.
 * (The cache's copies of options and user meta are WordPress's business, not this one's.)
 *
 * @since 0.2.0
 */
final class SharedCache {

	/**
	 * Tells whether claims and counts may live in the object cache.
	 *
	 * @return bool
	 */
	public static function available(): bool {
		if ( ! wp_using_ext_object_cache() ) {
			return false;
		}
		/**
		 * Whether the persistent object cache is shared by every web node of the site.
		 *
		 * @since 0.2.0
		 *
		 * @param bool $shared True by default when a persistent object cache is in use; return
		 *                     false for a cache each node keeps for itself (APCu).
		 */
		return (bool) apply_filters( 'auth_sentinel_shared_object_cache', true );
	}
}
