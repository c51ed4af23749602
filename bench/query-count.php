<?php
/**
 * Plugin Name: Bench: query counter
 * Description: Tells the benchmark how many database queries a REST request made (and, with the test-only Redis drop-in, how many calls to Redis), and the CPU time each request spent from this file's load to its end.
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

// The CPU time of this request (user and system), from the load of the must-use plugins to the
// end: what a machine shared with other work barely changes, unlike the time on the clock. Kept
// in a file named by the benchmark's X-Bench-Id header, which drive.php reads.
if ( isset( $_SERVER['HTTP_X_BENCH_ID'] ) && preg_match( '/^[a-z0-9]{8,32}$/', (string) $_SERVER['HTTP_X_BENCH_ID'] ) ) { // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- Checked by the pattern.
	$GLOBALS['auth_sentinel_bench_cpu'] = getrusage();
	add_action(
		'shutdown',
		static function () {
			$cpu = static function ( array $usage ): int {
				return $usage['ru_utime.tv_sec'] * 1000000 + $usage['ru_utime.tv_usec'] + $usage['ru_stime.tv_sec'] * 1000000 + $usage['ru_stime.tv_usec'];
			};
			$spent = $cpu( getrusage() ) - $cpu( $GLOBALS['auth_sentinel_bench_cpu'] );
			file_put_contents( sys_get_temp_dir() . '/bench-cpu-' . $_SERVER['HTTP_X_BENCH_ID'], (string) $spent ); // phpcs:ignore WordPress.WP.AlternativeFunctions,WordPress.Security.ValidatedSanitizedInput -- A benchmark's note; the name was checked above.
		},
		PHP_INT_MAX
	);
}
