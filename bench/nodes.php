<?php
/**
 * Times requests on two-node sites (bench/nodes.sh): for each site and each kind of request, the
 * median per node, the database queries (X-Bench-Queries) and the object cache's calls to Redis
 * (X-Bench-Cache-Calls), both counted by bench/query-count.php.
 *
 * Usage: php nodes.php <requests per cell> <label> <site url> <node 2 url> <app password> [<label> <site url> …]
 * Prints a Markdown table. Sites, kinds and nodes alternate within each round, so that what
 * else the machine runs weighs on all alike.
 *
 * @package AuthSentinel
 */

if ( 'cli' !== PHP_SAPI || $argc < 6 || 0 !== ( $argc - 2 ) % 4 ) {
	fwrite( STDERR, "usage: php nodes.php N LABEL SITE_URL NODE2_URL APP_PASSWORD [LABEL SITE_URL NODE2_URL APP_PASSWORD …]\n" );
	exit( 2 );
}
$n     = max( 10, (int) $argv[1] );
$sites = array();
for ( $i = 2; $i < $argc; $i += 4 ) {
	$site_parts            = parse_url( $argv[ $i + 1 ] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
	$node_parts            = parse_url( $argv[ $i + 2 ] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
	$sites[ $argv[ $i ] ] = array(
		'url'   => $argv[ $i + 1 ],
		'nodes' => array(
			1 => array(),
			2 => array( sprintf( '%s:%d:%s:%d', $site_parts['host'], $site_parts['port'], $node_parts['host'], $node_parts['port'] ) ),
		),
		'kinds' => array(
			'successful (application password)' => array( 'Authorization: Basic ' . base64_encode( 'admin:' . $argv[ $i + 3 ] ) ),
			'failed application password'       => array( 'Authorization: Basic ' . base64_encode( 'admin:aaaa bbbb cccc dddd eeee ffff' ) ),
		),
	);
}

/**
 * One request of GET /wp/v2/users/me: seconds, status, queries and cache calls.
 *
 * @param string   $url        Site URL.
 * @param string[] $headers    Headers.
 * @param string[] $connect_to CURLOPT_CONNECT_TO.
 * @return array{0: float, 1: int, 2: int, 3: int}
 */
function auth_sentinel_bench_request( string $url, array $headers, array $connect_to ): array {
	$counts = array(
		'x-bench-queries'     => -1,
		'x-bench-cache-calls' => 0,
	);
	$curl   = curl_init( $url . '/wp-json/wp/v2/users/me' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_init
	curl_setopt_array( // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt_array
		$curl,
		array(
			CURLOPT_RETURNTRANSFER => true,
			CURLOPT_HTTPHEADER     => $headers,
			CURLOPT_CONNECT_TO     => $connect_to,
			CURLOPT_HEADERFUNCTION => static function ( $handle, $line ) use ( &$counts ) {
				$parts = explode( ':', $line, 2 );
				$name  = strtolower( trim( $parts[0] ) );
				if ( 2 === count( $parts ) && isset( $counts[ $name ] ) ) {
					$counts[ $name ] = (int) trim( $parts[1] );
				}
				return strlen( $line );
			},
		)
	);
	curl_exec( $curl ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_exec
	$seconds = (float) curl_getinfo( $curl, CURLINFO_TOTAL_TIME ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_getinfo
	$status  = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_getinfo
	curl_close( $curl ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_close
	return array( $seconds, $status, $counts['x-bench-queries'], $counts['x-bench-cache-calls'] );
}

/**
 * The median of numbers.
 *
 * @param array<int, float|int> $values Numbers.
 * @return float
 */
function auth_sentinel_bench_median( array $values ): float {
	sort( $values );
	$count = count( $values );
	return (float) ( $count % 2 ? $values[ intdiv( $count, 2 ) ] : ( $values[ $count / 2 - 1 ] + $values[ $count / 2 ] ) / 2 );
}

$cells = array();
for ( $round = -5; $round < $n; $round++ ) { // Five rounds of warm-up.
	$order = array_keys( $sites );
	shuffle( $order );
	foreach ( $order as $label ) {
		foreach ( $sites[ $label ]['kinds'] as $kind => $headers ) {
			foreach ( $sites[ $label ]['nodes'] as $node => $connect_to ) {
				$result = auth_sentinel_bench_request( $sites[ $label ]['url'], $headers, $connect_to );
				if ( $round >= 0 ) {
					$cells[ $label ][ $kind ][ $node ][] = $result;
				}
			}
		}
	}
}

echo "| site | request | status | node 1 median | node 2 median | queries | calls to Redis |\n|---|---|---|---|---|---|---|\n";
foreach ( array_keys( $sites ) as $label ) {
	foreach ( $cells[ $label ] as $kind => $nodes ) {
		$all = array_merge( $nodes[1], $nodes[2] );
		printf(
			"| %s | %s | %s | %.1f ms | %.1f ms | %d | %d |\n",
			$label, // phpcs:ignore WordPress.Security.EscapeOutput
			$kind, // phpcs:ignore WordPress.Security.EscapeOutput
			implode( ', ', array_unique( array_column( $all, 1 ) ) ), // phpcs:ignore WordPress.Security.EscapeOutput
			1000 * auth_sentinel_bench_median( array_column( $nodes[1], 0 ) ), // phpcs:ignore WordPress.Security.EscapeOutput
			1000 * auth_sentinel_bench_median( array_column( $nodes[2], 0 ) ), // phpcs:ignore WordPress.Security.EscapeOutput
			(int) auth_sentinel_bench_median( array_column( $all, 2 ) ), // phpcs:ignore WordPress.Security.EscapeOutput
			(int) auth_sentinel_bench_median( array_column( $all, 3 ) ) // phpcs:ignore WordPress.Security.EscapeOutput
		);
	}
}
