<?php
/**
 * Many HTTP requests to the test site, eight at a time.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

/**
 * Sends batches of requests in parallel (curl_multi), as a storm of clients would.
 */
trait ParallelTrait {

	/**
	 * Sends requests, eight at a time, and returns their answers in order.
	 *
	 * @param array<int, array{0: string, 1: string[], 2?: string, 3?: string, 4?: int}> $requests Path, headers, and optionally method, body and web node (1 or 2, see TestCase::connect_to()).
	 * @return array<int, array{status: int, body: string, seconds: float}>
	 */
	protected function parallel_responses( array $requests ): array {
		$multi   = curl_multi_init();
		$answers = array();
		$queue   = array_keys( $requests );
		$running = array();
		$start   = function ( int $i ) use ( $multi, $requests, &$running ) {
			$request = $requests[ $i ];
			$curl    = curl_init( AUTH_SENTINEL_TEST_URL . $request[0] );
			curl_setopt_array(
				$curl,
				array(
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_HTTPHEADER     => $request[1],
					CURLOPT_TIMEOUT        => 60,
					CURLOPT_CUSTOMREQUEST  => $request[2] ?? 'GET',
					CURLOPT_CONNECT_TO     => self::connect_to( (int) ( $request[4] ?? 1 ) ),
				)
			);
			if ( isset( $request[3] ) ) {
				curl_setopt( $curl, CURLOPT_POSTFIELDS, $request[3] );
			}
			curl_multi_add_handle( $multi, $curl );
			$running[ (int) spl_object_id( $curl ) ] = array( $i, $curl );
		};
		while ( $queue || $running ) {
			while ( $queue && count( $running ) < 8 ) {
				$start( (int) array_shift( $queue ) );
			}
			curl_multi_exec( $multi, $active );
			curl_multi_select( $multi, 0.05 );
			while ( false !== ( $done = curl_multi_info_read( $multi ) ) ) {
				$id               = (int) spl_object_id( $done['handle'] );
				list( $i, $curl ) = $running[ $id ];
				$answers[ $i ]    = array(
					'status'  => (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE ),
					'body'    => (string) curl_multi_getcontent( $curl ),
					'seconds' => (float) curl_getinfo( $curl, CURLINFO_TOTAL_TIME ),
				);
				curl_multi_remove_handle( $multi, $curl );
				curl_close( $curl );
				unset( $running[ $id ] );
			}
		}
		curl_multi_close( $multi );
		ksort( $answers );
		return $answers;
	}

	/**
	 * Sends requests, eight at a time, and returns their statuses in order.
	 *
	 * @param array<int, array{0: string, 1: string[], 2?: string, 3?: string, 4?: int}> $requests Path, headers, and optionally method, body and web node.
	 * @return int[]
	 */
	protected function parallel( array $requests ): array {
		return array_map(
			static function ( array $answer ): int {
				return $answer['status'];
			},
			$this->parallel_responses( $requests )
		);
	}
}
