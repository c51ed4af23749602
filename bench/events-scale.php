<?php
/**
 * Fills the failures table with a million rows spread over 30 days and 100,000 users' worth
 * of ids, then times the Errors and Overview routes (run inside a site by wp-run.php).
 *
 * Usage: php tests/bin/wp-run.php <site dir> <url> bench/events-scale.php
 * AUTH_SENTINEL_BENCH_KEEP=1 keeps the rows already there (and the rollup: only what is missing
 * is computed); AUTH_SENTINEL_BENCH_ONLY=<text> times only the requests whose label holds it
 * (e.g. "stats"; several texts separated by "|": any of them).
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.DB, WordPress.WP.AlternativeFunctions
global $wpdb;
$auth_sentinel_table  = $wpdb->prefix . 'auth_sentinel_events';
$auth_sentinel_target = (int) ( getenv( 'AUTH_SENTINEL_BENCH_ROWS' ) ? getenv( 'AUTH_SENTINEL_BENCH_ROWS' ) : 1000000 );
$auth_sentinel_now    = time();

$auth_sentinel_start = microtime( true );
$auth_sentinel_keep  = getenv( 'AUTH_SENTINEL_BENCH_KEEP' ) && (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$auth_sentinel_table}" ) >= $auth_sentinel_target;
if ( ! $auth_sentinel_keep ) :
$wpdb->query( "TRUNCATE TABLE {$auth_sentinel_table}" );
// Filled without the full-text index, which is then made as the upgrade makes it on a full table.
if ( \AuthSentinel\Database\FullText::ready( 'events' ) ) {
	$wpdb->query( "ALTER TABLE {$auth_sentinel_table} DROP INDEX search_text" );
}
// A seed of 1,000 varied rows, then doubling with fresh keys, times and users.
$auth_sentinel_causes = array( 'expired', 'revoked', 'secret_changed', 'password_changed', 'corrupted', 'wrong_site', 'unknown_user', 'bad_credentials', 'header_stripped', 'plugin_conflict', 'unknown' );
$auth_sentinel_values = array();
for ( $auth_sentinel_i = 0; $auth_sentinel_i < 1000; $auth_sentinel_i++ ) {
	$auth_sentinel_at       = $auth_sentinel_now - wp_rand( 0, 30 * DAY_IN_SECONDS );
	$auth_sentinel_values[] = $wpdb->prepare(
		'(%s, %d, %s, %s, %d, %s, %s, %s, %s, %s, %d, %s, %s, %s, %s)',
		md5( 'seed' . $auth_sentinel_i ),
		intdiv( $auth_sentinel_at, HOUR_IN_SECONDS ),
		gmdate( 'Y-m-d H:i:s', $auth_sentinel_at ),
		gmdate( 'Y-m-d H:i:s', $auth_sentinel_at ),
		wp_rand( 1, 40 ),
		$auth_sentinel_i % 3 ? 'token' : 'cookie',
		'wcpos',
		'woocommmerce_pos_auth_invalid_token',
		'token_invalid',
		$auth_sentinel_causes[ $auth_sentinel_i % count( $auth_sentinel_causes ) ],
		wp_rand( 1, 100000 ),
		'10.0.' . wp_rand( 0, 255 ) . '.' . wp_rand( 0, 255 ),
		// One in a thousand a rare client; devices named in 2 %, 5 % and 20 % of the rows (searches
		// that the probe cannot call broad, and the full-text index would list in thousands).
		7 === $auth_sentinel_i ? 'Kiosk/3.0 (Linux; SunmiOS 2)' : 'WCPOS/1.7.' . wp_rand( 0, 9 ) . ' (Android 14' . ( 3 === $auth_sentinel_i % 50 ? '; Honeywell CT40' : ( 1 === $auth_sentinel_i % 20 ? '; Zebra TC52' : ( 2 === $auth_sentinel_i % 5 ? '; Samsung SM-T220' : '' ) ) ) . ')',
		7 === $auth_sentinel_i ? '/wp-json/jwt-auth/v1/token/validate' : '/wp-json/wcpos/v1/orders',
		'{}'
	);
}
$wpdb->query( "INSERT INTO {$auth_sentinel_table} (agg_key, hour, first_seen, last_seen, count, source, issuer, server_code, code, cause, user_id, ip, user_agent, route, details) VALUES " . implode( ',', $auth_sentinel_values ) );
while ( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$auth_sentinel_table}" ) < $auth_sentinel_target ) {
	$auth_sentinel_shift = wp_rand( 1, 30 * 24 );
	$wpdb->query(
		"INSERT INTO {$auth_sentinel_table} (agg_key, hour, first_seen, last_seen, count, source, issuer, server_code, code, cause, user_id, ip, user_agent, route, details)
		SELECT MD5(CONCAT(agg_key, id, RAND())), hour - ( id % {$auth_sentinel_shift} ) % 720, first_seen, last_seen, count, source, issuer, server_code, code, cause, ( user_id * 7 + id ) % 100000 + 1, ip, user_agent, route, details FROM {$auth_sentinel_table}"
	);
}
$wpdb->query( "UPDATE {$auth_sentinel_table} SET first_seen = FROM_UNIXTIME(hour * 3600), last_seen = FROM_UNIXTIME(hour * 3600 + 120)" );
endif;
$auth_sentinel_rows = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$auth_sentinel_table}" );
printf( "Filled %s rows in %.1f s\n\n", number_format( $auth_sentinel_rows ), microtime( true ) - $auth_sentinel_start );
$auth_sentinel_t0 = microtime( true );
\AuthSentinel\Database\FullTextIndex::ensure(); // What the upgrade to schema 9 does on a full table: small tables' indexes.
printf( "Full-text indexes of the small tables made (or found) in %.1f s\n", microtime( true ) - $auth_sentinel_t0 );
$auth_sentinel_t0 = microtime( true );
// Then the background job: the failures' index. Its ALTER gives up after FullTextIndex::LOCK_WAIT
// when another process holds the table (a WP-Cron run of the site's upkeep after the fill), as the job
// does on a live site; here it is asked again, and the figures are never taken without the index.
for ( $auth_sentinel_try = 1; ; $auth_sentinel_try++ ) {
	$auth_sentinel_built = \AuthSentinel\Database\FullTextJob::build_all( static function () {} );
	if ( ! \AuthSentinel\Database\Engine::mysql() || \AuthSentinel\Database\FullTextIndex::has_index( $auth_sentinel_table ) ) {
		break;
	}
	if ( $auth_sentinel_try >= 10 ) {
		fwrite( STDERR, 'The failures\' full-text index could not be made: ' . wp_json_encode( $auth_sentinel_built ) . "\n" );
		exit( 1 );
	}
	fwrite( STDERR, "The failures' full-text index was refused (try {$auth_sentinel_try}): " . wp_json_encode( $auth_sentinel_built ) . "; again in 10 s\n" );
	sleep( 10 );
}
printf( "Full-text index of the failures made (or found) by the job in %.1f s\n\n", microtime( true ) - $auth_sentinel_t0 );

wp_set_current_user( 1 );

// The statistics' rollup, computed from nothing (what the upkeep does once after the upgrade).
$auth_sentinel_rollup = \AuthSentinel\Plugin::get( \AuthSentinel\Events\Rollup::class );
if ( ! $auth_sentinel_keep ) {
	( new \AuthSentinel\Events\RollupRepository() )->clear();
}
$auth_sentinel_t0 = microtime( true );
$auth_sentinel_rollup->fill( intdiv( $auth_sentinel_now, HOUR_IN_SECONDS ) - 91 * 24, \AuthSentinel\Events\Rollup::last_closed(), 3600.0 );
printf(
	"Rollup of 91 days computed in %.1f s: %s rows\n\n",
	microtime( true ) - $auth_sentinel_t0,
	number_format( (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . \AuthSentinel\Database\Schema::rollup_table() ) )
);

$auth_sentinel_day = gmdate( 'Y-m-d\TH:i:s\Z', $auth_sentinel_now - DAY_IN_SECONDS + 1 );
$auth_sentinel_ago = static function ( int $days ) use ( $auth_sentinel_now ): string {
	return gmdate( 'Y-m-d\TH:i:s\Z', $auth_sentinel_now - $days * DAY_IN_SECONDS + 1 );
};
// The statistics by filter: one filter (the rollup's slice), two at once (the slice of a pair),
// a user, a broad search; over 24 hours, 7 days (hourly), 30 and 90 days (daily).
$auth_sentinel_more_stats = array();
foreach ( array(
	'source=token'               => array( 'source' => 'token' ),
	'cause=expired&source=token' => array(
		'cause'  => 'expired',
		'source' => 'token',
	),
	'cause=expired&code=token_invalid' => array(
		'cause' => 'expired',
		'code'  => 'token_invalid',
	),
	'user=4242'                  => array( 'user' => 4242 ),
	'search=Android (every row)' => array( 'search' => 'Android' ),
) as $auth_sentinel_filter => $auth_sentinel_values ) {
	foreach ( array(
		'24 h' => array(),
		'7 d'  => array( 'since' => $auth_sentinel_ago( 7 ) ),
		'30 d' => array( 'interval' => 'day' ),
		'90 d' => array(
			'interval' => 'day',
			'since'    => $auth_sentinel_ago( 90 ),
		),
	) as $auth_sentinel_span => $auth_sentinel_range ) {
		$auth_sentinel_more_stats[ "/events/stats?{$auth_sentinel_filter} ({$auth_sentinel_span})" ] = array( '_route' => '/auth-sentinel/v1/events/stats' ) + $auth_sentinel_values + $auth_sentinel_range;
	}
}
echo "| request | median | p95 (the slowest of 7) | X-WP-Total |\n|---|---|---|---|\n";
foreach ( array(
	'/events (first page, total count)'          => array(),
	'/events?page=500'                           => array( 'page' => 500 ),
	'/events?cause=secret_changed'               => array( 'cause' => 'secret_changed' ),
	'/events?user=4242'                          => array( 'user' => 4242 ),
	'/events?search=API02003'                    => array( 'search' => 'API02003' ),
	'/events?search=10.0.42.7 (an address)'     => array( 'search' => '10.0.42.7' ),
	'/events?search=10.0.42 (an address\'s start, ~4,000)' => array( 'search' => '10.0.42' ),
	'/events?search=sunmios (a word, 1 row in 1,000)' => array( 'search' => 'sunmios' ),
	'/events?search=kiosk sunmios&page=20'      => array(
		'search' => 'kiosk sunmios',
		'page'   => 20,
	),
	'/events?search=Android (a word of every row)' => array( 'search' => 'Android' ),
	'/events?search=Android&page=500'           => array(
		'search' => 'Android',
		'page'   => 500,
	),
	'/events?search=nothing-like-this'          => array( 'search' => 'nothing-like-this' ),
	'/events?search=honeywell (2 % of the rows)' => array( 'search' => 'honeywell' ),
	'/events?search=zebra (5 % of the rows)'    => array( 'search' => 'zebra' ),
	'/events?search=zebra&page=20'              => array(
		'search' => 'zebra',
		'page'   => 20,
	),
	'/events?search=samsung (20 % of the rows)' => array( 'search' => 'samsung' ),
	// A word and a filter, as the Errors screen asks when both are set: the days' words do not
	// answer (they are not kept by cause or source).
	'/events?search=honeywell&cause=expired (a word of 2 % and a filter of 1/11)' => array(
		'search' => 'honeywell',
		'cause'  => 'expired',
	),
	'/events?search=zebra&source=token (a word of 5 % and a filter of 2/3)' => array(
		'search' => 'zebra',
		'source' => 'token',
	),
	'/events?search=samsung&cause=expired (a word of 20 % and a filter of 1/11)' => array(
		'search' => 'samsung',
		'cause'  => 'expired',
	),
	'/events?search=honeywell ct40 (two words of 2 %)' => array( 'search' => 'honeywell ct40' ),
	'/events?search=android&user=4242 (a word of every row, a user\'s few rows)' => array(
		'search' => 'android',
		'user'   => 4242,
	),
	'/events?search=samsung&user=4242 (a word of 20 %, a user\'s few rows)' => array(
		'search' => 'samsung',
		'user'   => 4242,
	),
	'/events/stats (24 h, hourly)'               => array( '_route' => '/auth-sentinel/v1/events/stats' ),
	'/events/stats?since=7 days (hourly)'        => array(
		'_route' => '/auth-sentinel/v1/events/stats',
		'since'  => $auth_sentinel_ago( 7 ),
	),
	'/events/stats?interval=day (30 days)'       => array(
		'_route'   => '/auth-sentinel/v1/events/stats',
		'interval' => 'day',
	),
	'/events/stats?interval=day&since=90 days'   => array(
		'_route'   => '/auth-sentinel/v1/events/stats',
		'interval' => 'day',
		'since'    => $auth_sentinel_ago( 90 ),
	),
	'/events/stats?interval=day&search=sunmios (30 days)' => array(
		'_route'   => '/auth-sentinel/v1/events/stats',
		'interval' => 'day',
		'search'   => 'sunmios',
	),
	'/events/stats?interval=day&search=honeywell (30 days, 2 %)' => array(
		'_route'   => '/auth-sentinel/v1/events/stats',
		'interval' => 'day',
		'search'   => 'honeywell',
	),
	'/events/stats?interval=day&search=zebra (30 days, 5 %)' => array(
		'_route'   => '/auth-sentinel/v1/events/stats',
		'interval' => 'day',
		'search'   => 'zebra',
	),
	'/events/stats?interval=day&search=samsung (30 days, 20 %)' => array(
		'_route'   => '/auth-sentinel/v1/events/stats',
		'interval' => 'day',
		'search'   => 'samsung',
	),
	'/events/stats?interval=day&source=token (30 days, the rollup\'s slice)' => array(
		'_route'   => '/auth-sentinel/v1/events/stats',
		'interval' => 'day',
		'source'   => 'token',
	),
) + $auth_sentinel_more_stats as $auth_sentinel_label => $auth_sentinel_params ) {
	if ( getenv( 'AUTH_SENTINEL_BENCH_ONLY' ) && ! array_filter(
		explode( '|', (string) getenv( 'AUTH_SENTINEL_BENCH_ONLY' ) ),
		static function ( string $only ) use ( $auth_sentinel_label ): bool {
			return false !== strpos( $auth_sentinel_label, $only );
		}
	) ) {
		continue;
	}
	$auth_sentinel_route = '/auth-sentinel/v1' . ( isset( $auth_sentinel_params['_route'] ) ? '/events/stats' : '/events' );
	unset( $auth_sentinel_params['_route'] );
	$auth_sentinel_times = array();
	$auth_sentinel_runs  = 7;
	for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_runs; $auth_sentinel_i++ ) {
		$auth_sentinel_request = new WP_REST_Request( 'GET', $auth_sentinel_route );
		foreach ( $auth_sentinel_params as $auth_sentinel_key => $auth_sentinel_value ) {
			$auth_sentinel_request->set_param( $auth_sentinel_key, $auth_sentinel_value );
		}
		$auth_sentinel_t0       = microtime( true );
		$auth_sentinel_response = rest_do_request( $auth_sentinel_request );
		$auth_sentinel_times[]  = microtime( true ) - $auth_sentinel_t0;
		if ( 200 !== $auth_sentinel_response->get_status() ) {
			fwrite( STDERR, $auth_sentinel_label . ': ' . $auth_sentinel_response->get_status() . "\n" );
		}
	}
	sort( $auth_sentinel_times );
	$auth_sentinel_total = $auth_sentinel_response->get_headers()['X-WP-Total'] ?? ( $auth_sentinel_response->get_data()['total'] ?? '' );
	printf( "| `GET %s` | %.0f ms | %.0f ms | %s |\n", $auth_sentinel_label, $auth_sentinel_times[ intdiv( $auth_sentinel_runs, 2 ) ] * 1000, end( $auth_sentinel_times ) * 1000, $auth_sentinel_total );
}
printf( "\nLoad average: %s\n", implode( ' ', array_map( static fn( $l ) => sprintf( '%.2f', $l ), (array) sys_getloadavg() ) ) );

// How the rollup is read: one range of the primary key per span.
// As RollupRepository reads it: one slice and one kind of row at a time (here the days' sums of
// every failure, then a day's busiest users).
$auth_sentinel_explain = array_merge(
	$wpdb->get_results( $wpdb->prepare( 'EXPLAIN SELECT sketch FROM ' . \AuthSentinel\Database\Schema::rollup_table() . " WHERE span = 24 AND slice = '' AND dim = 'all' AND start BETWEEN %d AND %d", intdiv( $auth_sentinel_now, HOUR_IN_SECONDS ) - 720, intdiv( $auth_sentinel_now, HOUR_IN_SECONDS ) ), ARRAY_A ),
	$wpdb->get_results( $wpdb->prepare( 'EXPLAIN SELECT k, SUM(failures) AS n FROM ' . \AuthSentinel\Database\Schema::rollup_table() . " WHERE span = 24 AND slice = '' AND dim = 'user' AND start BETWEEN %d AND %d GROUP BY k ORDER BY n DESC LIMIT 50", intdiv( $auth_sentinel_now, HOUR_IN_SECONDS ) - 720, intdiv( $auth_sentinel_now, HOUR_IN_SECONDS ) ), ARRAY_A )
);
echo "\nEXPLAIN of the rollup's read (days):\n";
foreach ( (array) $auth_sentinel_explain as $auth_sentinel_row ) {
	printf( "  type=%s key=%s rows=%s extra=%s\n", $auth_sentinel_row['type'], $auth_sentinel_row['key'], $auth_sentinel_row['rows'], $auth_sentinel_row['Extra'] );
}

// How a search is read: each way in by its own index.
echo "\nEXPLAIN of a search's ways in:\n";
foreach ( array(
	'words'   => "SELECT id, last_seen, first_seen, count FROM {$auth_sentinel_table} WHERE " . $wpdb->prepare( \AuthSentinel\Database\FullText::condition( 'events' ), '+sunmios*' ) . ' LIMIT 10001',
	'address' => "SELECT id, last_seen, first_seen, count FROM {$auth_sentinel_table} WHERE ip LIKE '10.0.42%' LIMIT 10001",
	'users'   => "SELECT id, last_seen, first_seen, count FROM {$auth_sentinel_table} WHERE user_id IN (4242, 4243) LIMIT 10001",
	'causes'  => "SELECT id, last_seen, first_seen, count FROM {$auth_sentinel_table} WHERE cause IN ('expired') LIMIT 10001",
) as $auth_sentinel_way => $auth_sentinel_sql ) {
	foreach ( (array) $wpdb->get_results( 'EXPLAIN ' . $auth_sentinel_sql, ARRAY_A ) as $auth_sentinel_row ) {
		printf( "  %s: type=%s key=%s rows=%s extra=%s\n", $auth_sentinel_way, $auth_sentinel_row['type'], $auth_sentinel_row['key'], $auth_sentinel_row['rows'], $auth_sentinel_row['Extra'] );
	}
}
