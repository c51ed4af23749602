<?php
/**
 * Helpers for tests about recorded failures.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once ABSPATH . 'wp-admin/includes/user.php'; // wp_delete_user().

/**
 * Reads recorded failures and handles the cookies of a signed-in test browser.
 */
trait EventsTrait {

	/**
	 * A user agent unique to this test, so its failures can be found among the others.
	 *
	 * @var string
	 */
	protected $agent = '';

	/**
	 * Returns this test's own user agent header.
	 *
	 * @return string
	 */
	protected function agent_header(): string {
		if ( '' === $this->agent ) {
			$this->agent = 'as-test-' . $this->getName( false ) . '-' . wp_generate_password( 6, false );
		}
		return 'User-Agent: ' . $this->agent;
	}

	/**
	 * Returns the failures recorded for this test's requests, newest first.
	 *
	 * @param array<string, mixed> $filters More filters.
	 * @return array<int, array<string, mixed>>
	 */
	protected function my_events( array $filters = array() ): array {
		$query    = http_build_query( array( 'search' => $this->agent ) + $filters );
		$response = $this->http( 'GET', '/wp-json/auth-sentinel/v1/events?' . $query, array( 'as' => 'admin' ) );
		$this->assertSame( 200, $response['status'], $response['body'] );
		return $response['json'];
	}

	/**
	 * Returns the only failure recorded for this test, asserting there is exactly one.
	 *
	 * @return array<string, mixed>
	 */
	protected function my_event(): array {
		$events = $this->my_events();
		$this->assertCount( 1, $events, 'one failure recorded: ' . wp_json_encode( $events ) );
		return $events[0];
	}

	/**
	 * Requests a page as the browser whose cookies are in a jar, with this test's user agent.
	 *
	 * @param string $jar  Cookie jar.
	 * @param string $path Path.
	 * @return array<string, mixed>
	 */
	protected function visit( string $jar, string $path = '/wp-admin/profile.php' ): array {
		return $this->http(
			'GET',
			$path,
			array(
				'cookies' => $jar,
				'headers' => array( $this->agent_header() ),
			)
		);
	}

	/**
	 * Reads the logged_in and auth cookies of a jar.
	 *
	 * @param string $jar Cookie jar.
	 * @return array<string, string> Cookie name => value.
	 */
	protected function jar_cookies( string $jar ): array {
		$cookies = array();
		foreach ( file( $jar ) as $line ) {
			$parts = explode( "\t", rtrim( $line, "\n" ) );
			if ( 7 === count( $parts ) && preg_match( '/^wordpress_(logged_in_|sec_|[0-9a-f]{32})/', $parts[5] ) ) {
				$cookies[ $parts[5] ] = rawurldecode( $parts[6] );
			}
		}
		return $cookies;
	}

	/**
	 * Rewrites every sign-in cookie of a jar with a function of its value.
	 *
	 * @param string   $jar    Cookie jar.
	 * @param callable $change Takes and returns a cookie value.
	 * @return void
	 */
	protected function alter_cookies( string $jar, callable $change ): void {
		$lines = array();
		foreach ( file( $jar ) as $line ) {
			$parts = explode( "\t", rtrim( $line, "\n" ) );
			if ( 7 === count( $parts ) && preg_match( '/^wordpress_(logged_in_|sec_|[0-9a-f]{32})/', $parts[5] ) ) {
				$parts[6] = rawurlencode( $change( rawurldecode( $parts[6] ) ) );
				$line     = implode( "\t", $parts ) . "\n";
			}
			$lines[] = $line;
		}
		file_put_contents( $jar, implode( '', $lines ) );
	}

	/**
	 * Returns the session token inside a jar's logged_in cookie.
	 *
	 * @param string $jar Cookie jar.
	 * @return string
	 */
	protected function session_token( string $jar ): string {
		foreach ( $this->jar_cookies( $jar ) as $name => $value ) {
			if ( 0 === strpos( $name, 'wordpress_logged_in_' ) ) {
				return explode( '|', $value )[2];
			}
		}
		$this->fail( 'no logged_in cookie in the jar' );
	}
}
