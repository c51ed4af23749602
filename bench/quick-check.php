<?php
/**
 * Times the per-request secrets comparison in-process (run inside the site by wp-run.php): the
 * guard of the hook table's `init` row, which compares the digest in memory and builds nothing
 * when the secrets are unchanged.
 *
 * @package AuthSentinel
 */

global $wpdb;
if ( \AuthSentinel\Guards::secrets_may_differ() ) { // Warm, and make sure the secrets were learnt.
	\AuthSentinel\Plugin::get( \AuthSentinel\Secrets\QuickCheck::class )->run();
}
$auth_sentinel_before = $wpdb->num_queries;
$auth_sentinel_runs   = 20000;
$auth_sentinel_start  = hrtime( true );
for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_runs; $auth_sentinel_i++ ) {
	\AuthSentinel\Guards::secrets_may_differ();
}
$auth_sentinel_ns = ( hrtime( true ) - $auth_sentinel_start ) / $auth_sentinel_runs;
printf( "| secrets quick check, per request (in-process, %d runs) | %.1f µs | %d queries |\n", $auth_sentinel_runs, $auth_sentinel_ns / 1000, $wpdb->num_queries - $auth_sentinel_before );
