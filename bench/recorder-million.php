<?php
/**
 * A million failures through the recorder, called directly (run inside a site by wp-run.php):
 * each with a credential and a User-Agent never seen before, from 200,000 addresses in 2,000
 * /24 networks, at the default caps. Prints the time per call and what the table holds after.
 *
 *     php tests/bin/wp-run.php .cache/<site> <url> bench/recorder-million.php
 *
 * AUTH_SENTINEL_BENCH_CALLS sets the number of calls (default 1,000,000).
 *
 * @package AuthSentinel
 */

use AuthSentinel\Events\Failure;
use AuthSentinel\Http\Request;
use AuthSentinel\Settings\Settings;

$auth_sentinel_calls = (int) ( getenv( 'AUTH_SENTINEL_BENCH_CALLS' ) ?: 1000000 );
Settings::update(
	array(
		'failure_cap_network' => Settings::DEFAULTS['failure_cap_network'],
		'failure_cap_hour'    => Settings::DEFAULTS['failure_cap_hour'],
		'trusted_proxies'     => '',
	)
);
$auth_sentinel_recorder = new \AuthSentinel\Events\Recorder( \AuthSentinel\Plugin::get( \AuthSentinel\Events\EventsRepository::class ), new \AuthSentinel\Catalog\Catalog() );
$auth_sentinel_tag      = bin2hex( random_bytes( 3 ) );
$auth_sentinel_results  = array();
$auth_sentinel_started  = microtime( true );
$auth_sentinel_slowest  = 0.0;
$auth_sentinel_times    = array();
for ( $i = 0; $i < $auth_sentinel_calls; $i++ ) {
	// A new request each time: its own client address and User-Agent.
	$_SERVER['REMOTE_ADDR']     = sprintf( '10.%d.%d.%d', intdiv( $i % 2000, 250 ), $i % 250, 1 + intdiv( $i, 2000 ) % 100 );
	$_SERVER['HTTP_USER_AGENT'] = 'million-' . $auth_sentinel_tag . '-' . $i;
	Request::reset();
	if ( 0 === $i % 10000 ) { // A recorder remembers what it recorded in its request: a new one per 10,000 "requests".
		$auth_sentinel_recorder = new \AuthSentinel\Events\Recorder( \AuthSentinel\Plugin::get( \AuthSentinel\Events\EventsRepository::class ), new \AuthSentinel\Catalog\Catalog() );
	}
	$failure             = new Failure( $i % 2 ? 'token' : 'cookie', $i % 2 ? 'jwt_auth_invalid_token' : 'auth_cookie_bad_hash', $i % 3 ? 'corrupted' : 'expired' );
	$failure->credential = hash( 'sha256', $auth_sentinel_tag . $i );
	$t                   = microtime( true );
	$written             = $auth_sentinel_recorder->record( $failure );
	$took                = microtime( true ) - $t;
	if ( 0 === $i % 100 ) {
		$auth_sentinel_times[] = $took;
	}
	$auth_sentinel_results[ $written ? 'written' : 'not written' ] = ( $auth_sentinel_results[ $written ? 'written' : 'not written' ] ?? 0 ) + 1;
}
$auth_sentinel_seconds = microtime( true ) - $auth_sentinel_started;
sort( $auth_sentinel_times );
$auth_sentinel_p95 = $auth_sentinel_times[ (int) floor( count( $auth_sentinel_times ) * 0.95 ) ];

printf( "%d recorder calls in %.1f s: %.0f µs per call on average, p95 %.0f µs (sampled every 100th); %s\n\n", $auth_sentinel_calls, $auth_sentinel_seconds, $auth_sentinel_seconds / $auth_sentinel_calls * 1e6, $auth_sentinel_p95 * 1e6, wp_json_encode( $auth_sentinel_results ) );
require __DIR__ . '/storm-storage.php';
