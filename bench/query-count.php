<?php
/**
 * Plugin Name: Bench: query counter
 * Description: Tells the benchmark how many database queries a REST request made (and, with the test-only Redis drop-in, how many calls to Redis).
 *
 * @package AuthSentinel
 */

add_filter(
	'rest_post_dispatch',
	static function ( $response ) {
		global $wpdb;
		if ( $response instanceof WP_REST_Response ) {
			$response->header( 'X-Bench-Queries', (string) $wpdb->num_queries );
			if ( isset( $GLOBALS['wp_object_cache']->calls ) ) { // The test-only Redis drop-in counts its calls.
				$response->header( 'X-Bench-Cache-Calls', (string) $GLOBALS['wp_object_cache']->calls );
			}
		}
		return $response;
	},
	PHP_INT_MAX
);
