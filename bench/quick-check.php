<?php
/**
 * Times the per-request secrets check in-process (run inside the site by wp-run.php).
 *
 * @package AuthSentinel
 */

global $wpdb;
$auth_sentinel_watch = \AuthSentinel\Plugin::get( \AuthSentinel\Secrets\QuickCheck::class );
$auth_sentinel_watch->run(); // Warm.
$auth_sentinel_before = $wpdb->num_queries;
$auth_sentinel_runs   = 20000;
$auth_sentinel_start  = hrtime( true );
for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_runs; $auth_sentinel_i++ ) {
	$auth_sentinel_watch->run();
}
$auth_sentinel_ns = ( hrtime( true ) - $auth_sentinel_start ) / $auth_sentinel_runs;
printf( "| secrets quick check, per request (in-process, %d runs) | %.1f µs | %d queries |\n", $auth_sentinel_runs, $auth_sentinel_ns / 1000, $wpdb->num_queries - $auth_sentinel_before );
