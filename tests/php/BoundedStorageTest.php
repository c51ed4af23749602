<?php
/**
 * Bounded under attack: capped failure storage, trusted proxies, honest rate limits, tokens in use.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Database\Schema;
use AuthSentinel\Settings\Settings;

require_once __DIR__ . '/EventsTrait.php';
require_once __DIR__ . '/FixtureTrait.php';
require_once __DIR__ . '/ParallelTrait.php';

/**
 * Before the fix (main 39163cd) every distinct token, cookie, Basic password or User-Agent made a
 * new failure row with no cap; forwarded headers were never believed (every client behind a
 * proxy was the proxy); the token-status limit keyed on the full address (an IPv6 client hopping
 * inside its /64 was never limited), had no global cap, and let requests through when its store
 * failed; a signed-in user could list any number of self-made tokens as "in use".
 */
class BoundedStorageTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;
	use ParallelTrait;

	/**
	 * The requests of the adversarial storm (AUTH_SENTINEL_STORM_REQUESTS overrides it).
	 */
	const STORM = 5000;

	/**
	 * The caps of the test site (install-site.php raises them: the whole suite comes from
	 * 127.0.0.1 and would fold after a hundred distinct failures).
	 *
	 * @var array<string, mixed>
	 */
	private $caps = array();

	/**
	 * Keeps the test site's caps.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->caps = array_intersect_key( Settings::all(), array_flip( array( 'trusted_proxies', 'failure_cap_network', 'failure_cap_hour' ) ) );
	}

	/**
	 * Puts the settings and the site back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		Settings::update( $this->caps );
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * The newest failure row's id.
	 *
	 * @return int
	 */
	private function last_row(): int {
		global $wpdb;
		return (int) $wpdb->get_var( 'SELECT COALESCE(MAX(id), 0) FROM ' . Schema::events_table() );
	}

	/**
	 * The failures counted in overflow rows in the last two hours.
	 *
	 * @return int
	 */
	private function folded(): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COALESCE(SUM(count), 0) FROM ' . Schema::events_table() . ' WHERE overflow = 1 AND hour >= %d', intdiv( time(), HOUR_IN_SECONDS ) - 2 ) );
	}

	/**
	 * Every failure of the last two hours, counted as the statistics count them.
	 *
	 * @return int
	 */
	private function counted(): int {
		$stats = $this->rest( 'GET', '/auth-sentinel/v1/events/stats', array( 'since' => gmdate( 'c', time() - 2 * HOUR_IN_SECONDS ) ), $this->user( 'admin' ) );
		$this->assertSame( 200, $stats->get_status() );
		return (int) $stats->get_data()['total'];
	}

	/**
	 * An attacker sends ever-new tokens, cookies, Basic passwords and User-Agents from 200
	 * addresses in ten networks: rows stop at the caps, every failure is still counted, nothing
	 * warns.
	 */
	public function test_an_adversarial_storm_stays_within_the_caps(): void {
		Settings::update(
			array(
				'trusted_proxies'     => '127.0.0.1', // The test's requests come through "a proxy".
				'failure_cap_network' => Settings::DEFAULTS['failure_cap_network'],
				'failure_cap_hour'    => Settings::DEFAULTS['failure_cap_hour'],
			)
		);
		$storm    = (int) ( getenv( 'AUTH_SENTINEL_STORM_REQUESTS' ) ?: self::STORM );
		$tag      = strtolower( wp_generate_password( 6, false ) );
		$mark     = $this->debug_log_mark();
		$before   = $this->counted();
		$first    = $this->last_row();
		$folded   = $this->folded();
		$requests = array();
		$block    = wp_rand( 0, 199 ); // Networks of their own: the caps are per hour.
		for ( $i = 0; $i < $storm; $i++ ) {
			$address = sprintf( '100.%d.%d.%d', 64 + intdiv( $block, 4 ), ( $block % 4 ) * 10 + $i % 10, 1 + intdiv( $i, 10 ) % 20 ); // 200 addresses, ten /24 networks.
			$headers = array( 'X-Forwarded-For: ' . $address, 'User-Agent: storm-' . $tag . '-' . $i );
			switch ( $i % 3 ) {
				case 0:
					$headers[] = 'Authorization: Bearer ' . rtrim( strtr( base64_encode( '{"alg":"HS256"}' ), '+/', '-_' ), '=' ) . '.' . rtrim( strtr( base64_encode( '{"i":' . $i . '}' ), '+/', '-_' ), '=' ) . '.sig' . $i;
					break;
				case 1:
					$headers[] = 'Cookie: ' . LOGGED_IN_COOKIE . '=storm' . $i . '|' . ( time() + 3600 ) . '|tok' . $i . '|hmac' . $i;
					break;
				default:
					$headers[] = 'Authorization: Basic ' . base64_encode( 'subscriber:storm-password-' . $i );
			}
			$requests[] = array( '/wp-json/wp/v2/users/me', $headers );
		}
		$started  = microtime( true );
		$statuses = $this->parallel( $requests );
		$seconds  = microtime( true ) - $started;

		$this->assertNotContains( 500, $statuses, 'no request failed with 500' );
		$this->assertNotContains( 0, $statuses, 'every request was answered' );
		global $wpdb;
		$rows      = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::events_table() . ' WHERE id > %d', $first ) );
		$overflows = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::events_table() . ' WHERE id > %d AND overflow = 1', $first ) );
		$hours     = intdiv( (int) ( $started + $seconds ), HOUR_IN_SECONDS ) - intdiv( (int) $started, HOUR_IN_SECONDS ) + 1; // The caps are per hour: a storm across o'clock has two.
		$cap       = 10 * Settings::DEFAULTS['failure_cap_network'] * $hours;
		$into      = $this->folded() - $folded;
		fwrite( STDERR, sprintf( "\nadversarial storm: %d requests in %.1f s, %d new rows (%d overflow), %d failures folded; cap %d per network x 10 networks\n", $storm, $seconds, $rows, $overflows, $into, Settings::DEFAULTS['failure_cap_network'] ) );
		$this->assertLessThanOrEqual( $cap + 20 * $hours, $rows, 'rows stop at the caps (plus one overflow row per hour, cause and kind)' );
		$this->assertSame( max( 0, $storm - ( $rows - $overflows ) ), $into, 'past the caps, every failure folds into an overflow row' );
		$this->assertSame( $before + $storm, $this->counted(), 'every failure is counted' );
		$this->assertSame( array(), array_values( preg_grep( '/PHP (Warning|Notice|Deprecated|Fatal)/', $this->debug_log_since( $mark ) ) ) );

		if ( $storm > $cap ) { // The overflow rows say how many credentials and networks they stand for.
			$events = $this->rest(
				'GET',
				'/auth-sentinel/v1/events',
				array(
					'search'   => 'overflow',
					'per_page' => 100,
				),
				$this->user( 'admin' )
			)->get_data();
			$folded = array_values(
				array_filter(
					(array) $events,
					static function ( $event ) {
						return null !== $event['overflow'];
					}
				)
			);
			$this->assertNotEmpty( $folded );
			$this->assertStringContainsString( 'distinct credentials', $folded[0]['explanation'] );
		}
	}

	/**
	 * A legitimate storm: 500 terminals on 500 addresses, each retrying its one stale token,
	 * are 500 rows — never folded — and count every retry.
	 */
	public function test_five_hundred_terminals_are_five_hundred_rows(): void {
		global $wpdb;
		// The default caps, the hourly one counted from the rows the other tests wrote this hour.
		$this_hour = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::events_table() . ' WHERE hour = %d AND overflow = 0', intdiv( time(), HOUR_IN_SECONDS ) ) );
		Settings::update(
			array(
				'trusted_proxies'     => '127.0.0.1',
				'failure_cap_network' => Settings::DEFAULTS['failure_cap_network'],
				'failure_cap_hour'    => $this_hour + Settings::DEFAULTS['failure_cap_hour'],
			)
		);
		$tag      = strtolower( wp_generate_password( 6, false ) );
		$before   = $this->counted();
		$first    = $this->last_row();
		$requests = array();
		// From 198.18.0.0/15 (benchmarking): no other test sends from these networks, whose caps are per hour.
		for ( $retry = 0; $retry < 2; $retry++ ) {
			for ( $t = 0; $t < 500; $t++ ) {
				$requests[] = array( '/wp-json/wp/v2/users/me', array( 'X-Forwarded-For: ' . sprintf( '198.%d.%d.7', 18 + intdiv( $t, 250 ), $t % 250 ), 'User-Agent: pos-' . $tag, 'Authorization: Bearer stale-token-of-terminal-' . $t ) );
			}
		}
		$started = time();
		$this->parallel( $requests );
		$hours = intdiv( time(), HOUR_IN_SECONDS ) - intdiv( $started, HOUR_IN_SECONDS ) + 1; // A row per terminal per hour.
		$rows  = $wpdb->get_row( $wpdb->prepare( 'SELECT COUNT(*) AS n, COUNT(DISTINCT ip) AS terminals, SUM(overflow) AS folded FROM ' . Schema::events_table() . ' WHERE id > %d', $first ), ARRAY_A );
		$this->assertSame( 500, (int) $rows['terminals'], 'every terminal has its row' );
		$this->assertSame( 0, (int) $rows['folded'], 'none is folded' );
		$this->assertLessThanOrEqual( 500 * $hours, (int) $rows['n'], 'one row per terminal (per hour)' );
		$this->assertSame( $before + 1000, $this->counted() );
	}

	/**
	 * Forwarded headers are believed only from a trusted proxy, read right to left.
	 */
	public function test_client_addresses_through_trusted_proxies_only(): void {
		$send = function ( string $forwarded ) {
			$this->agent = '';
			$this->http(
				'POST',
				'/wp-login.php',
				array(
					'headers' => array( $this->agent_header(), $forwarded ),
					'body'    => 'log=nobody-at-all&pwd=x',
				)
			);
			return $this->my_event()['ip'];
		};
		Settings::update( array( 'trusted_proxies' => '' ) );
		$this->assertSame( '127.0.0.1', $send( 'X-Forwarded-For: 203.0.113.9' ), 'an untrusted peer is not believed' );

		Settings::update( array( 'trusted_proxies' => "127.0.0.1\n10.0.0.0/8" ) );
		$this->assertSame( '203.0.113.9', $send( 'X-Forwarded-For: 203.0.113.9' ) );
		$this->assertSame( '203.0.113.9', $send( 'X-Forwarded-For: 6.6.6.6, 203.0.113.9, 10.1.2.3' ), 'right to left, past trusted hops; what the client wrote is ignored' );
		$this->assertSame( '2001:db8::7', $send( 'Forwarded: for="[2001:db8::7]:4711";proto=https' ) );
		$this->assertSame( '198.51.100.4', $send( 'CF-Connecting-IP: 198.51.100.4' ) );
	}

	/**
	 * The status endpoint's limit: an IPv6 client is its /64; all clients share a global cap; a
	 * broken store refuses.
	 */
	public function test_rate_limits_are_honest(): void {
		global $wpdb;
		Settings::update( array( 'trusted_proxies' => '127.0.0.1' ) );
		$wpdb->query( 'DELETE FROM ' . Schema::counters_table() );
		$ask = function ( string $address ) {
			return $this->http(
				'POST',
				'/wp-json/auth-sentinel/v1/token-status',
				array(
					'headers' => array( 'X-Forwarded-For: ' . $address ),
					'body'    => 'token=x.y.z',
				)
			)['status'];
		};
		// Windows are calendar minutes: start each run of requests early in one, so that it does not
		// straddle two (on SQLite 45 requests take several seconds).
		$fresh_minute = static function (): void {
			$left = 60 - time() % 60;
			if ( $left < 25 ) {
				sleep( $left + 1 );
			}
		};
		$fresh_minute();
		for ( $i = 1; $i <= 30; $i++ ) {
			$this->assertSame( 200, $ask( '2001:db8:1:2::' . dechex( $i ) ), "request $i" );
		}
		$this->assertSame( 429, $ask( '2001:db8:1:2:ffff::31' ), 'another address of the same /64 is the same client' );
		$this->assertSame( 200, $ask( '2001:db8:1:3::1' ), 'the next /64 is another client' );

		$wpdb->query( 'DELETE FROM ' . Schema::counters_table() );
		file_put_contents( AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/test-global-limit.php', "<?php\nadd_filter( 'auth_sentinel_token_status_global_limit', static function () { return 40; } );\n" );
		try {
			$fresh_minute();
			$statuses = array();
			for ( $i = 1; $i <= 45; $i++ ) {
				$statuses[] = $ask( '192.0.2.' . $i );
			}
			$this->assertSame( array_fill( 0, 40, 200 ), array_slice( $statuses, 0, 40 ) );
			$this->assertSame( array_fill( 0, 5, 429 ), array_slice( $statuses, 40 ), 'past the global cap, every address waits' );
		} finally {
			unlink( AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/test-global-limit.php' );
		}

		$table = Schema::counters_table();
		$back  = $this->take_table_away( $table );
		try {
			$this->assertSame( 429, $ask( '192.0.2.200' ), 'a broken store refuses (a public endpoint fails closed)' );
		} finally {
			$back();
		}
	}

	/**
	 * Only a token a site secret verifies is listed as in use; a user's list is bounded; an
	 * absurd expiry is not believed.
	 */
	public function test_tokens_in_use_are_verified_and_bounded(): void {
		$this->enable_fixtures( array( 'fixture-jwt-auth-wp-rest-api' ) );
		$secret = 'bounded-secret-0123456789abcdef0123456789abcdef01';
		$this->fixture_jwt_secret( $secret );
		$user = $this->user( 'subscriber' );
		$jar  = $this->sign_in( 'subscriber' );
		$b64  = static function ( array $part ): string {
			return rtrim( strtr( base64_encode( (string) wp_json_encode( $part ) ), '+/', '-_' ), '=' );
		};
		global $wpdb;
		$listed = function () use ( $wpdb, $user ) {
			return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::sessions_table() . " WHERE user_id = %d AND type = 'token' AND status = 'active'", $user ) );
		};
		$before = $listed();
		for ( $i = 0; $i < 30; $i++ ) { // Self-made, unsigned, beside a valid cookie.
			$this->http(
				'GET',
				'/wp-admin/profile.php',
				array(
					'cookies' => $jar,
					'headers' => array(
						'Authorization: Bearer ' . $b64( array( 'alg' => 'none' ) ) . '.' . $b64(
							array(
								'data' => array( 'user' => array( 'id' => $user ) ),
								'i'    => $i,
								'exp'  => 4102444800,
							)
						) . '.',
					),
				)
			);
		}
		$this->assertSame( $before, $listed(), 'unverified tokens are never listed' );

		for ( $i = 0; $i < 25; $i++ ) { // Genuine tokens, one with an absurd expiry.
			$head   = $b64(
				array(
					'typ' => 'JWT',
					'alg' => 'HS256',
				)
			);
			$claims = $b64(
				array(
					'iss'  => AUTH_SENTINEL_TEST_URL,
					'iat'  => time(),
					'nbf'  => time(),
					'exp'  => 0 === $i ? 4102444800 : time() + 3600,
					'data' => array( 'user' => array( 'id' => $user ) ),
					'n'    => $i,
				)
			);
			$token  = $head . '.' . $claims . '.' . rtrim( strtr( base64_encode( hash_hmac( 'sha256', $head . '.' . $claims, $secret, true ) ), '+/', '-_' ), '=' );
			$this->assertSame( 200, $this->bearer( 'GET', '/wp-json/wp/v2/users/me', $token )['status'] );
		}
		$this->assertSame( 20, $listed(), 'at most 20 per user: the oldest drop out' );
		$latest = (string) $wpdb->get_var( $wpdb->prepare( 'SELECT MAX(expires) FROM ' . Schema::sessions_table() . " WHERE user_id = %d AND type = 'token'", $user ) );
		$this->assertLessThanOrEqual( time() + 366 * DAY_IN_SECONDS, strtotime( $latest . ' UTC' ), 'an expiry in 2100 is not believed' );
	}

	/**
	 * Once an hour's cap is reached, a new credential of that hour folds without counting the
	 * hour's rows (two statements), and a raised cap lets rows in again.
	 */
	public function test_a_full_hour_folds_without_counting(): void {
		global $wpdb;
		$repository = new \AuthSentinel\Events\EventsRepository();
		$hour       = intdiv( time(), HOUR_IN_SECONDS );
		$row        = static function ( string $tag ) use ( $hour ): array {
			return array(
				'agg_key'     => substr( hash( 'sha256', $tag ), 0, 32 ),
				'hour'        => $hour,
				'first_seen'  => gmdate( 'Y-m-d H:i:s' ),
				'last_seen'   => gmdate( 'Y-m-d H:i:s' ),
				'count'       => 1,
				'source'      => 'token',
				'issuer'      => '',
				'server_code' => 'jwt_auth_invalid_token',
				'code'        => 'jwt_auth_invalid_token',
				'cause'       => 'corrupted',
				'user_id'     => 0,
				'ip'          => '198.51.100.9',
				'user_agent'  => 'full-hour ' . $tag,
				'route'       => '/wp-json/wp/v2/users/me',
				'token_fp'    => substr( hash( 'sha256', 'fp' . $tag ), 0, 32 ),
				'token_iss'   => '',
				'token_iat'   => null,
				'token_exp'   => null,
				'token_jti'   => '',
				'token_type'  => '',
				'details'     => '{}',
				'net'         => '198.51.100.0/24',
			);
		};
		$tag       = wp_generate_password( 8, false );
		$this_hour = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::events_table() . ' WHERE hour = %d AND overflow = 0', $hour ) );
		$cap       = $this_hour + 2;
		$this->assertSame( 'inserted', $repository->record( $row( $tag . 'a' ), 1000, $cap ) );
		$this->assertSame( 'inserted', $repository->record( $row( $tag . 'b' ), 1000, $cap ) );
		$this->assertSame( 'overflow', $repository->record( $row( $tag . 'c' ), 1000, $cap ), 'the third new row folds' );
		wp_cache_delete( 'alloptions', 'options' );
		$this->assertSame( $hour . ':' . $cap, get_option( 'auth_sentinel_events_full_hour' ) );

		$queries = $wpdb->num_queries;
		$this->assertSame( 'overflow', $repository->record( $row( $tag . 'd' ), 1000, $cap ) );
		$this->assertSame( 2, $wpdb->num_queries - $queries, 'a full hour costs a missed UPDATE and the summary row\'s UPDATE' );

		$this->assertSame( 'inserted', $repository->record( $row( $tag . 'e' ), 1000, $cap + 10 ), 'a raised cap lets rows in' );
		delete_option( 'auth_sentinel_events_full_hour' );
	}

	/**
	 * Pruning a large backlog stops after its time budget and goes on a minute later.
	 */
	public function test_pruning_runs_in_batches_within_a_budget(): void {
		$old   = gmdate( 'Y-m-d H:i:s', time() - 400 * DAY_IN_SECONDS );
		$tag   = wp_generate_password( 8, false );
		$batch = array();
		for ( $i = 0; $i < 5000; $i++ ) {
			$batch[] = array( md5( $tag . $i ), 1, $old, $old, 1, 'login_form', 'incorrect_password', 'login_failed', 'bad_credentials', '{}' );
		}
		$this->insert_rows( Schema::events_table(), array( 'agg_key', 'hour', 'first_seen', 'last_seen', 'count', 'source', 'server_code', 'code', 'cause', 'details' ), $batch );
		$repository = \AuthSentinel\Plugin::get( \AuthSentinel\Events\EventsRepository::class );
		$cutoff     = gmdate( 'Y-m-d H:i:s', time() - 90 * DAY_IN_SECONDS );
		$first      = $repository->prune( $cutoff, 1000, 0.0 );
		$this->assertSame(
			array(
				'deleted' => 1000,
				'done'    => false,
			),
			$first,
			'one batch, then the budget is spent'
		);
		$this->assertSame(
			array(
				'deleted' => 4000,
				'done'    => true,
			),
			$repository->prune( $cutoff, 1000, 60.0 )
		);
	}
}
