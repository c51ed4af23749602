<?php
/**
 * Times the REST answers each screen's page preloads (Admin\Preloader::PATHS), in-process, as
 * the page asks them: the administrator signed in, the options loaded, the users' caches empty
 * (a page without a persistent object cache starts with them empty). Median, fastest and slowest
 * of 21, the queries of one, and how many times WordPress listed its routes for it (the
 * `rest_endpoints` filter: each list is a fraction of a millisecond).
 *
 * Usage: php tests/bin/wp-run.php <site dir> <url> bench/first-answers.php
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.WP.AlternativeFunctions

$auth_sentinel_lists = 0;
add_filter(
	'rest_endpoints',
	static function ( $endpoints ) use ( &$auth_sentinel_lists ) {
		++$auth_sentinel_lists;
		return $endpoints;
	}
);
global $wpdb;
printf( "| screen | answer | median | fastest | slowest | queries | route lists |\n|---|---|---|---|---|---|---|\n" );
foreach ( \AuthSentinel\Admin\Preloader::PATHS as $auth_sentinel_screen => $auth_sentinel_paths ) {
	foreach ( $auth_sentinel_paths as $auth_sentinel_path ) {
		$auth_sentinel_times = array();
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < 21; $auth_sentinel_i++ ) {
			foreach ( array( 'users', 'user_meta', 'userlogins', 'useremail', 'userslugs' ) as $auth_sentinel_group ) {
				wp_cache_flush_group( $auth_sentinel_group );
			}
			wp_set_current_user( 0 );
			wp_set_current_user( 1 );
			$auth_sentinel_queries = $wpdb->num_queries;
			$auth_sentinel_lists   = 0;
			$auth_sentinel_t0      = hrtime( true );
			rest_preload_api_request( array(), $auth_sentinel_path );
			$auth_sentinel_times[] = ( hrtime( true ) - $auth_sentinel_t0 ) / 1e6;
			$auth_sentinel_queries = $wpdb->num_queries - $auth_sentinel_queries;
		}
		sort( $auth_sentinel_times );
		printf( "| %s | `%s` | %.1f ms | %.1f ms | %.1f ms | %d | %d |\n", $auth_sentinel_screen, $auth_sentinel_path, $auth_sentinel_times[10], $auth_sentinel_times[0], $auth_sentinel_times[20], $auth_sentinel_queries, $auth_sentinel_lists );
	}
}
printf( "\nLoad average: %s\n", implode( ' ', array_map( static fn( $l ) => sprintf( '%.2f', $l ), (array) sys_getloadavg() ) ) );
