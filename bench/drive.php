<?php
/**
 * Drives two sites in alternation and reports medians and the ratio between them.
 *
 * Usage: php drive.php <requests per cell> <on url> <on app password> <off url> <off app password>
 * Prints a Markdown table. The order within each pair is random, so drift hits both alike.
 *
 * @package AuthSentinel
 */

if ( 'cli' !== PHP_SAPI || $argc < 6 ) {
	fwrite( STDERR, "usage: php drive.php N ON_URL ON_PASS OFF_URL OFF_PASS\n" );
	exit( 2 );
}
list( , $n, $on_url, $on_pass, $off_url, $off_pass ) = $argv;
$n = max( 10, (int) $n );

$sites = array(
	'on'  => array( $on_url, $on_pass ),
	'off' => array( $off_url, $off_pass ),
);

$workloads = array(
	'successful authenticated REST request (application password, GET /wp/v2/users/me)' => static function ( $url, $pass ) {
		return array( $url . '/wp-json/wp/v2/users/me', array( 'Authorization: Basic ' . base64_encode( 'admin:' . $pass ) ), null );
	},
	'anonymous REST request (GET /wp/v2/posts)' => static function ( $url ) {
		return array( $url . '/wp-json/wp/v2/posts', array(), null );
	},
	'front page, anonymous' => static function ( $url ) {
		return array( $url . '/', array(), null );
	},
	'failed login (wp-login.php, wrong password)' => static function ( $url ) {
		return array( $url . '/wp-login.php', array(), 'log=admin&pwd=wrong-password' );
	},
	'failed application password (REST)' => static function ( $url ) {
		return array( $url . '/wp-json/wp/v2/users/me', array( 'Authorization: Basic ' . base64_encode( 'admin:aaaa bbbb cccc dddd eeee ffff' ) ), null );
	},
	'garbage Bearer token (REST)' => static function ( $url ) {
		return array( $url . '/wp-json/wp/v2/users/me', array( 'Authorization: Bearer garbage.not-a.token' ), null );
	},
);

/**
 * Sends one request; returns seconds and the query count the site reported (or null).
 *
 * @param array $spec URL, headers, body.
 * @return array{0: float, 1: ?int, 2: int, 3: ?int} Seconds, queries, status, CPU µs (from the must-use plugins' load).
 */
function bench_request( array $spec ): array {
	list( $url, $headers, $body ) = $spec;
	$queries                      = null;
	$id                           = bin2hex( random_bytes( 8 ) );
	$headers[]                    = 'X-Bench-Id: ' . $id;
	$curl                         = curl_init( $url );
	curl_setopt_array(
		$curl,
		array(
			CURLOPT_RETURNTRANSFER => true,
			CURLOPT_HTTPHEADER     => $headers,
			CURLOPT_HEADERFUNCTION => static function ( $c, $line ) use ( &$queries ) {
				if ( 0 === stripos( $line, 'X-Bench-Queries:' ) ) {
					$queries = (int) trim( substr( $line, 16 ) );
				}
				return strlen( $line );
			},
		)
	);
	if ( null !== $body ) {
		curl_setopt( $curl, CURLOPT_POSTFIELDS, $body );
	}
	curl_exec( $curl );
	$time   = (float) curl_getinfo( $curl, CURLINFO_TOTAL_TIME );
	$status = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
	curl_close( $curl );
	$note = sys_get_temp_dir() . '/bench-cpu-' . $id;
	$cpu  = is_file( $note ) ? (int) file_get_contents( $note ) : null;
	if ( null !== $cpu ) {
		unlink( $note );
	}
	return array( $time, $queries, $status, $cpu );
}

/**
 * Returns the median of a list of numbers.
 *
 * @param float[] $values Values.
 * @return float
 */
function bench_median( array $values ): float {
	sort( $values );
	$count = count( $values );
	$mid   = intdiv( $count, 2 );
	return $count % 2 ? $values[ $mid ] : ( $values[ $mid - 1 ] + $values[ $mid ] ) / 2;
}

echo "| workload | plugin off (median) | plugin on (median) | ratio on/off | queries off | queries on | status | CPU off | CPU on | CPU added |\n";
echo "|---|---|---|---|---|---|---|---|---|---|\n";
foreach ( $workloads as $label => $make ) {
	$times   = array( 'on' => array(), 'off' => array() );
	$cpus    = array( 'on' => array(), 'off' => array() );
	$queries = array( 'on' => null, 'off' => null );
	$status  = array();
	// Warm both sites up (opcache, object caches of the server).
	foreach ( $sites as $key => $site ) {
		for ( $i = 0; $i < 5; $i++ ) {
			bench_request( $make( $site[0], $site[1] ) );
		}
	}
	for ( $i = 0; $i < $n; $i++ ) {
		$order = array_keys( $sites );
		if ( mt_rand( 0, 1 ) ) {
			$order = array_reverse( $order );
		}
		foreach ( $order as $key ) {
			list( $t, $q, $s, $c ) = bench_request( $make( $sites[ $key ][0], $sites[ $key ][1] ) );
			$times[ $key ][]       = $t;
			if ( null !== $c ) {
				$cpus[ $key ][] = $c;
			}
			$queries[ $key ]     = $q;
			$status[ $key ][ $s ] = true;
		}
	}
	$off = bench_median( $times['off'] );
	$on  = bench_median( $times['on'] );
	$cpu_off = $cpus['off'] ? bench_median( $cpus['off'] ) : null;
	$cpu_on  = $cpus['on'] ? bench_median( $cpus['on'] ) : null;
	printf(
		"| %s | %.2f ms | %.2f ms | %.3f× | %s | %s | %s | %s | %s | %s |\n",
		$label,
		$off * 1000,
		$on * 1000,
		$on / $off,
		null === $queries['off'] ? '–' : $queries['off'],
		null === $queries['on'] ? '–' : $queries['on'],
		implode( '/', array_keys( $status['on'] ) ),
		null === $cpu_off ? '–' : sprintf( '%.2f ms', $cpu_off / 1000 ),
		null === $cpu_on ? '–' : sprintf( '%.2f ms', $cpu_on / 1000 ),
		null === $cpu_off || null === $cpu_on ? '–' : sprintf( '%+.0f µs', $cpu_on - $cpu_off )
	);
}
