<?php
/**
 * Plugin Name: Bench: query counter
 * Description: Tells the benchmark how many database queries a REST request made.
 *
 * @package AuthSentinel
 */

add_filter(
	'rest_post_dispatch',
	static function ( $response ) {
		global $wpdb;
		if ( $response instanceof WP_REST_Response ) {
			$response->header( 'X-Bench-Queries', (string) $wpdb->num_queries );
		}
		return $response;
	},
	PHP_INT_MAX
);
