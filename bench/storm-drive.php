<?php
/**
 * Drives an adversarial storm at two sites, plugin on and off, and times both (run by
 * bench/storm.sh). Every request carries a credential never seen before — a token, a sign-in
 * cookie or a Basic password — and a User-Agent never seen before, from 200 addresses in ten
 * /24 networks (X-Forwarded-For, trusted on both sites), eight requests in flight.
 *
 *     php bench/storm-drive.php <requests> <on url> <off url>
 *
 * @package AuthSentinel
 */

list( , $auth_sentinel_n, $auth_sentinel_on, $auth_sentinel_off ) = $argv;

/**
 * Sends part of the storm to one site; returns the seconds it took and the statuses.
 *
 * @param string $url   The site.
 * @param int    $from  The first request's number.
 * @param int    $n     Requests.
 * @param string $tag   Makes this run's credentials new.
 * @return array{0: float, 1: array<int, int>}
 */
function auth_sentinel_storm( string $url, int $from, int $n, string $tag ): array {
	$b64      = static function ( string $s ): string {
		return rtrim( strtr( base64_encode( $s ), '+/', '-_' ), '=' );
	};
	$multi    = curl_multi_init();
	$statuses = array();
	$next     = $from;
	$n       += $from;
	$running  = 0;
	$started  = microtime( true );
	$add      = static function ( int $i ) use ( $multi, $url, $tag, $b64 ) {
		$address = sprintf( '100.%d.%d.%d', 64, $i % 10, 1 + intdiv( $i, 10 ) % 20 );
		$headers = array( 'X-Forwarded-For: ' . $address, 'User-Agent: storm-' . $tag . '-' . $i );
		switch ( $i % 3 ) {
			case 0:
				$headers[] = 'Authorization: Bearer ' . $b64( '{"alg":"HS256"}' ) . '.' . $b64( '{"i":"' . $tag . $i . '"}' ) . '.sig' . $i;
				break;
			case 1:
				$headers[] = 'Cookie: wordpress_logged_in_' . md5( $url ) . '=storm' . $i . '%7C' . ( time() + 3600 ) . '%7Ctok' . $tag . $i . '%7Chmac' . $i; // COOKIEHASH is md5 of the site's address.
				break;
			default:
				$headers[] = 'Authorization: Basic ' . base64_encode( 'subscriber:storm-' . $tag . '-' . $i );
		}
		$curl = curl_init( $url . '/wp-json/wp/v2/users/me' );
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_HTTPHEADER     => $headers,
				CURLOPT_TIMEOUT        => 60,
			)
		);
		curl_multi_add_handle( $multi, $curl );
	};
	while ( $next < $n || $running > 0 ) {
		while ( $next < $n && $running < 8 ) {
			$add( $next++ );
			++$running;
		}
		curl_multi_exec( $multi, $active );
		curl_multi_select( $multi, 0.05 );
		while ( false !== ( $done = curl_multi_info_read( $multi ) ) ) {
			$status              = (int) curl_getinfo( $done['handle'], CURLINFO_RESPONSE_CODE );
			$statuses[ $status ] = ( $statuses[ $status ] ?? 0 ) + 1;
			curl_multi_remove_handle( $multi, $done['handle'] );
			curl_close( $done['handle'] );
			--$running;
		}
	}
	curl_multi_close( $multi );
	ksort( $statuses );
	return array( microtime( true ) - $started, $statuses );
}

$auth_sentinel_tag = bin2hex( random_bytes( 3 ) );
$auth_sentinel_s   = array(
	'off' => 0.0,
	'on'  => 0.0,
);
$auth_sentinel_c   = array(
	'off' => array(),
	'on'  => array(),
);
// Ten rounds, off then on, so that whatever else the machine does weighs on both alike.
$auth_sentinel_round = (int) ceil( $auth_sentinel_n / 10 );
for ( $auth_sentinel_from = 0; $auth_sentinel_from < $auth_sentinel_n; $auth_sentinel_from += $auth_sentinel_round ) {
	foreach ( array( 'off' => $auth_sentinel_off, 'on' => $auth_sentinel_on ) as $auth_sentinel_which => $auth_sentinel_url ) {
		list( $auth_sentinel_seconds, $auth_sentinel_codes ) = auth_sentinel_storm( $auth_sentinel_url, $auth_sentinel_from, min( $auth_sentinel_round, $auth_sentinel_n - $auth_sentinel_from ), $auth_sentinel_tag );
		$auth_sentinel_s[ $auth_sentinel_which ]            += $auth_sentinel_seconds;
		foreach ( $auth_sentinel_codes as $auth_sentinel_code => $auth_sentinel_count ) {
			$auth_sentinel_c[ $auth_sentinel_which ][ $auth_sentinel_code ] = ( $auth_sentinel_c[ $auth_sentinel_which ][ $auth_sentinel_code ] ?? 0 ) + $auth_sentinel_count;
		}
	}
}
printf( "| plugin | requests | seconds | requests/s | statuses |\n|---|---|---|---|---|\n" );
foreach ( array( 'off', 'on' ) as $auth_sentinel_which ) {
	printf( "| %s | %d | %.1f | %.0f | %s |\n", $auth_sentinel_which, $auth_sentinel_n, $auth_sentinel_s[ $auth_sentinel_which ], $auth_sentinel_n / $auth_sentinel_s[ $auth_sentinel_which ], json_encode( $auth_sentinel_c[ $auth_sentinel_which ] ) );
}
printf( "\nTime with the plugin on / off: %.2f×\n", $auth_sentinel_s['on'] / $auth_sentinel_s['off'] );
