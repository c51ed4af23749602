<?php
/**
 * Hostile input, in bulk: every credential shape and transport, every route's parameters.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Audit\AuditCsv;
use AuthSentinel\Http\Request;
use AuthSentinel\Settings\Settings;
use AuthSentinel\Tests\Fuzz\Fuzzer;

require_once __DIR__ . '/FixtureTrait.php';
require_once __DIR__ . '/ParallelTrait.php';
require_once __DIR__ . '/fuzz/Fuzzer.php';

/**
 * Case N of seed S is always the same input (Fuzz\Fuzzer). To run one case again:
 *
 *     AUTH_SENTINEL_FUZZ_CASE=N phpunit -c tests/php/phpunit.xml.dist --filter FuzzTest
 *
 * AUTH_SENTINEL_FUZZ_SEED changes the seed, AUTH_SENTINEL_FUZZ_CASES and
 * AUTH_SENTINEL_FUZZ_HTTP the number of cases (bench/fuzz.sh runs a million).
 *
 * In-process, each case forges the request globals (as WordPress leaves them, slashed), runs
 * the authentication hooks of WordPress and of the plugin (determine_current_user,
 * rest_authentication_errors), sometimes core's password check, and sends a REST request with
 * fuzzed parameters to one of the plugin's routes as nobody, an editor or the administrator.
 * Over HTTP, each case is a whole request to the running site: sign-in form, XML-RPC, wp-admin,
 * REST with a credential in each transport, the token plugins' routes, the plugin's routes.
 *
 * No case may raise a PHP warning, notice, deprecation or error, throw, answer 500 from the
 * plugin, or answer a REST error without a code.
 */
class FuzzTest extends TestCase {

	use FixtureTrait;
	use ParallelTrait;

	/**
	 * Problems found: one line each.
	 *
	 * @var string[]
	 */
	private $problems = array();

	/**
	 * The settings before the test.
	 *
	 * @var mixed
	 */
	private $saved_settings;

	/**
	 * The request globals before the test.
	 *
	 * @var array<string, array<string, mixed>>
	 */
	private $saved_globals = array();

	/**
	 * Bytes of CSV written by the exports.
	 *
	 * @var int
	 */
	private $csv_bytes = 0;

	/**
	 * Keeps the settings and globals to put back.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->saved_settings = get_option( Settings::OPTION );
		$this->saved_globals  = array(
			'server' => $_SERVER,
			'get'    => $_GET,
			'post'   => $_POST,
			'cookie' => $_COOKIE,
		);
		// The default caps of new rows: the fuzz must not fill the table for the other tests.
		Settings::update(
			array(
				'failure_cap_network' => Settings::DEFAULTS['failure_cap_network'],
				'failure_cap_hour'    => Settings::DEFAULTS['failure_cap_hour'],
				'trusted_proxies'     => "127.0.0.1\n10.0.0.0/8",
			)
		);
	}

	/**
	 * Puts back the settings, the globals and the fixtures.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		$_SERVER = $this->saved_globals['server'];
		$_GET    = $this->saved_globals['get'];
		$_POST   = $this->saved_globals['post'];
		$_COOKIE = $this->saved_globals['cookie'];
		Request::reset();
		wp_set_current_user( 0 );
		remove_all_filters( 'application_password_is_api_request' );
		remove_all_filters( 'auth_sentinel_token_status_rate_limit' );
		remove_all_filters( 'auth_sentinel_token_status_global_limit' );
		update_option( Settings::OPTION, $this->saved_settings );
		wp_cache_delete( 'alloptions', 'options' );
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * The seed.
	 *
	 * @return string
	 */
	private static function seed(): string {
		return (string) ( getenv( 'AUTH_SENTINEL_FUZZ_SEED' ) ?: 'auth-sentinel-fuzz-1' );
	}

	/**
	 * The cases to run: one when AUTH_SENTINEL_FUZZ_CASE names it, else 0 … count - 1 from an offset.
	 *
	 * @param int    $offset The first case.
	 * @param string $count  The variable that sets the count.
	 * @param int    $fallback The count by default.
	 * @return int[]
	 */
	private static function cases( int $offset, string $count, int $fallback ): array {
		$one = getenv( 'AUTH_SENTINEL_FUZZ_CASE' );
		if ( false !== $one && '' !== $one ) {
			return (int) $one >= $offset && (int) $one < $offset + 10000000 ? array( (int) $one ) : array();
		}
		$n = (int) ( getenv( $count ) ?: $fallback );
		return $n > 0 ? range( $offset, $offset + $n - 1 ) : array();
	}

	/**
	 * Notes a problem of a case (stops collecting at 30).
	 *
	 * @param int    $case  The case.
	 * @param string $what  What went wrong.
	 * @param mixed  $input What was sent.
	 * @return void
	 */
	private function problem( int $case, string $what, $input ): void {
		if ( count( $this->problems ) < 30 ) {
			$this->problems[] = sprintf( "case %d: %s\n    input: %s", $case, $what, Fuzzer::describe( $input ) );
		}
	}

	/**
	 * Names the plugin's innermost frame on the stack, if any (where a core warning came from).
	 *
	 * @return string
	 */
	private static function plugin_frame(): string {
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) { // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- A test's report.
			if ( isset( $frame['file'] ) && 0 === strpos( $frame['file'], dirname( __DIR__, 2 ) . '/includes/' ) ) {
				return ' (from ' . basename( $frame['file'] ) . ':' . ( $frame['line'] ?? 0 ) . ')';
			}
		}
		return '';
	}

	/**
	 * Fails with the problems found and how to run one of them again.
	 *
	 * @param int $cases How many cases ran.
	 * @return void
	 */
	private function assert_no_problems( int $cases ): void {
		$this->assertSame(
			array(),
			$this->problems,
			sprintf( "%d problem(s) in %d cases (seed %s). Run one again: AUTH_SENTINEL_FUZZ_CASE=<case> phpunit -c tests/php/phpunit.xml.dist --filter FuzzTest\n", count( $this->problems ), $cases, self::seed() ) . implode( "\n", $this->problems )
		);
	}

	/**
	 * The plugin's routes, with their methods and parameters.
	 *
	 * @return array<int, array{0: string, 1: string, 2: string[]}> Method, route pattern, parameter names.
	 */
	private static function routes(): array {
		$routes = array();
		foreach ( rest_get_server()->get_routes( 'auth-sentinel/v1' ) as $route => $handlers ) {
			if ( '/auth-sentinel/v1' === $route ) {
				continue; // WordPress's own index of the namespace, not the plugin's code.
			}
			foreach ( $handlers as $handler ) {
				foreach ( array_keys( $handler['methods'] ) as $method ) {
					$routes[] = array( $method, $route, array_keys( $handler['args'] ?? array() ) );
				}
			}
		}
		return $routes;
	}

	/**
	 * Fills a route pattern's placeholders; never an id of something that exists for the
	 * destructive routes (the fuzz must not end the other tests' sessions).
	 *
	 * @param Fuzzer $f      The case.
	 * @param string $method The method.
	 * @param string $route  The pattern.
	 * @return string
	 */
	private static function path( Fuzzer $f, string $method, string $route ): string {
		return (string) preg_replace_callback(
			'/\(\?P<(\w+)>[^)]*\)/',
			static function ( $match ) use ( $f, $method ) {
				if ( 'code' === $match[1] ) {
					return $f->pick( array( 'API02003', 'jwt_auth_invalid_token', 'nope', str_repeat( 'x', 300 ), 'a.b:c-d_e' ) );
				}
				$safe = 'DELETE' === $method ? $f->int( 10000000, 2000000000 ) : $f->pick( array( 0, 1, 2, $f->int( 3, 99999999 ), PHP_INT_MAX ) );
				return (string) $safe;
			},
			$route
		);
	}

	/**
	 * Forges a request's globals, as WordPress leaves them (slashed).
	 *
	 * @param Fuzzer $f The case.
	 * @return array<string, mixed> What was forged (for the report).
	 */
	private function forge( Fuzzer $f ): array {
		$server = $this->saved_globals['server'];
		foreach ( array( 'HTTP_AUTHORIZATION', 'REDIRECT_HTTP_AUTHORIZATION', 'PHP_AUTH_USER', 'PHP_AUTH_PW', 'HTTP_X_FORWARDED_FOR', 'HTTP_FORWARDED', 'HTTP_CF_CONNECTING_IP', 'HTTP_X_REAL_IP' ) as $name ) {
			unset( $server[ $name ] );
		}
		$server['REMOTE_ADDR']     = $f->chance( 0.7 ) ? $f->pick( array( '127.0.0.1', '10.1.2.3', '203.0.113.' . $f->int( 1, 254 ) ) ) : $f->address();
		$server['HTTP_USER_AGENT'] = 'fuzz ' . $f->text( 60 );
		$server['REQUEST_METHOD']  = $f->pick( array( 'GET', 'POST', 'DELETE' ) );
		$server['REQUEST_URI']     = '/' . $f->pick( array( 'wp-json/wp/v2/users/me', 'wp-login.php', 'wp-admin/', 'xmlrpc.php', '' ) ) . '?' . $f->text( 30 );
		$get                       = array();
		$post                      = array();
		$cookie                    = array();
		if ( $f->chance( 0.6 ) ) {
			$server['HTTP_AUTHORIZATION'] = $f->authorization();
			if ( 0 === strpos( $server['HTTP_AUTHORIZATION'], 'Basic ' ) ) {
				$pair = (string) base64_decode( substr( $server['HTTP_AUTHORIZATION'], 6 ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- What PHP does for Basic.
				if ( false !== strpos( $pair, ':' ) ) {
					list( $server['PHP_AUTH_USER'], $server['PHP_AUTH_PW'] ) = explode( ':', $pair, 2 );
				}
			}
		}
		if ( $f->chance( 0.15 ) ) {
			$server['REDIRECT_HTTP_AUTHORIZATION'] = $f->authorization();
			if ( $f->chance( 0.5 ) ) {
				$server['HTTP_AUTHORIZATION'] = '';
			}
		}
		if ( $f->chance( 0.25 ) ) {
			$get[ $f->pick( array( 'authorization', 'JWT', 'jwt', 'token' ) ) ] = $f->chance( 0.8 ) ? $f->token() : array( $f->token() );
		}
		if ( $f->chance( 0.3 ) ) {
			$server['HTTP_X_FORWARDED_FOR'] = implode( $f->pick( array( ', ', ',', ' ' ) ), array_map( array( $f, 'address' ), array_fill( 0, $f->int( 1, 4 ), 0 ) ) );
		}
		if ( $f->chance( 0.1 ) ) {
			$server['HTTP_FORWARDED'] = 'for=' . $f->address() . ';proto=https, for="[' . $f->address() . ']"';
		}
		if ( $f->chance( 0.05 ) ) {
			$server[ $f->pick( array( 'HTTP_CF_CONNECTING_IP', 'HTTP_X_REAL_IP' ) ) ] = $f->address();
		}
		if ( $f->chance( 0.4 ) ) {
			$cookie[ $f->pick( array( LOGGED_IN_COOKIE, AUTH_COOKIE, SECURE_AUTH_COOKIE ) ) ] = $f->cookie();
		}
		if ( $f->chance( 0.05 ) ) {
			$cookie[ $f->pick( array( 'refresh_token', 'jwt_auth_refresh_token', 'wcpos_refresh' ) ) ] = $f->token();
		}
		if ( $f->chance( 0.1 ) ) {
			$post['token'] = $f->token();
		}
		$_SERVER = add_magic_quotes( $server );
		$_GET    = add_magic_quotes( $get );
		$_POST   = add_magic_quotes( $post );
		$_COOKIE = add_magic_quotes( $cookie );
		return array_filter(
			array(
				'server' => array_diff_key( $server, $this->saved_globals['server'] ) + array_intersect_key( $server, array_flip( array( 'REMOTE_ADDR', 'HTTP_AUTHORIZATION', 'HTTP_USER_AGENT' ) ) ),
				'get'    => $get,
				'post'   => $post,
				'cookie' => $cookie,
			)
		);
	}

	/**
	 * Checks a REST response: never a 500, every error with a code and a message.
	 *
	 * @param int               $case     The case.
	 * @param \WP_REST_Response $response The response.
	 * @param mixed             $input    What was sent.
	 * @return void
	 */
	private function check_response( int $case, \WP_REST_Response $response, $input ): void {
		$status = $response->get_status();
		if ( $status >= 500 ) {
			$this->problem( $case, 'answered ' . $status . ': ' . Fuzzer::describe( $response->get_data() ), $input );
			return;
		}
		if ( $status >= 400 ) {
			$data = $response->get_data();
			if ( ! is_array( $data ) || empty( $data['code'] ) || ! is_string( $data['code'] ) || ! isset( $data['message'] ) ) {
				$this->problem( $case, 'an error without a code: ' . Fuzzer::describe( $data ), $input );
			}
		}
		if ( 200 === $status && $response instanceof AuditCsv ) {
			$this->csv_bytes = 0;
			$response->write(
				function ( string $chunk ): bool {
					$this->csv_bytes += strlen( $chunk );
					return $this->csv_bytes < 200000;
				}
			);
		}
	}

	/**
	 * 100,000 cases through the real WordPress, in this process.
	 */
	public function test_in_process(): void {
		$cases = self::cases( 0, 'AUTH_SENTINEL_FUZZ_CASES', 100000 );
		if ( ! $cases ) {
			$this->markTestSkipped( 'The case asked for is an HTTP case.' );
		}
		$routes = self::routes();
		$this->assertGreaterThan( 15, count( $routes ) );
		$actors = array( 0, $this->user( 'editor' ), $this->user( 'admin' ), $this->user( 'admin' ) );
		// The apps' route answers each case rather than the rate limit; app passwords are tried as in an API request.
		add_filter( 'application_password_is_api_request', '__return_true' );
		add_filter( 'auth_sentinel_token_status_rate_limit', static function () { return PHP_INT_MAX; } );
		add_filter( 'auth_sentinel_token_status_global_limit', static function () { return PHP_INT_MAX; } );
		$mark     = $this->debug_log_mark();
		$statuses = array();
		$started  = microtime( true );
		$case     = -1;
		$input    = null;
		set_error_handler( // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- The test's own net.
			function ( $level, $message, $file, $line ) use ( &$case, &$input ) {
				$this->problem( $case, sprintf( 'PHP error %d: %s at %s:%d%s', $level, $message, str_replace( ABSPATH, '', (string) $file ), $line, self::plugin_frame() ), $input );
				return true;
			}
		);
		try {
			foreach ( $cases as $case ) {
				$f     = new Fuzzer( self::seed(), $case );
				$input = $this->forge( $f );
				try {
					Request::reset();
					wp_set_current_user( 0 );
					$user = apply_filters( 'determine_current_user', false );
					wp_set_current_user( is_numeric( $user ) ? (int) $user : 0 );
					$auth = apply_filters( 'rest_authentication_errors', null );
					if ( is_wp_error( $auth ) && '' === (string) $auth->get_error_code() ) {
						$this->problem( $case, 'an authentication error without a code', $input );
					}
					if ( $f->chance( 0.003 ) ) { // The sign-in form (password hashing is slow: rarely).
						wp_authenticate( (string) $f->pick( Fuzzer::LOGINS ), $f->text( 30 ) );
					}
					if ( $f->chance( 0.35 ) ) {
						list( $method, $route, $names ) = $f->pick( $routes );
						if ( $f->chance( 0.3 ) ) {
							list( $method, $route, $names ) = array( 'POST', '/auth-sentinel/v1/token-status', array( 'token' ) );
						}
						$request = new \WP_REST_Request( $method, self::path( $f, $method, $route ) );
						$params  = array();
						foreach ( array_merge( $names, array( $f->text( 8 ) ) ) as $name ) {
							if ( $f->chance( 0.5 ) && 'password' !== $name ) {
								$params[ $name ] = $f->param( (string) $name );
							}
						}
						if ( 'GET' === $method ) {
							$request->set_query_params( $params );
						} elseif ( $f->chance( 0.5 ) ) {
							$request->set_header( 'Content-Type', 'application/json' );
							$request->set_body( $f->chance( 0.9 ) ? (string) wp_json_encode( $params, JSON_PARTIAL_OUTPUT_ON_ERROR ) : $f->text( 200 ) );
						} else {
							$request->set_body_params( $params );
						}
						wp_set_current_user( (int) $f->pick( $actors ) );
						$input['rest'] = array( $method, $request->get_route(), $params );
						$response      = rest_do_request( $request );
						$statuses[ $response->get_status() ] = ( $statuses[ $response->get_status() ] ?? 0 ) + 1;
						$this->check_response( $case, $response, $input );
					}
				} catch ( \Throwable $e ) {
					$this->problem( $case, get_class( $e ) . ': ' . $e->getMessage() . ' at ' . str_replace( ABSPATH, '', $e->getFile() ) . ':' . $e->getLine(), $input );
				}
				if ( count( $this->problems ) >= 30 ) {
					break;
				}
			}
		} finally {
			restore_error_handler();
		}
		$seconds = microtime( true ) - $started;
		ksort( $statuses );
		fwrite( STDERR, sprintf( "\nfuzz in-process: %d cases in %.1f s (%.0f/s), REST answers %s\n", count( $cases ), $seconds, count( $cases ) / max( 0.001, $seconds ), (string) wp_json_encode( $statuses ) ) );
		foreach ( preg_grep( '/PHP (Warning|Notice|Deprecated|Fatal)|WordPress database error/', $this->debug_log_since( $mark ) ) as $line ) {
			$this->problem( -1, 'logged: ' . $line, null );
		}
		$this->assert_no_problems( count( $cases ) );
	}

	/**
	 * 5,000 cases as whole requests to the running site, eight at a time.
	 */
	public function test_over_http(): void {
		$cases = self::cases( 10000000, 'AUTH_SENTINEL_FUZZ_HTTP', 5000 );
		if ( ! $cases ) {
			$this->markTestSkipped( 'The case asked for is an in-process case.' );
		}
		// One request first: on a site that has served none, the fixture issuers make their tables
		// in the first request, and eight at once would each try (a race the real plugins have too).
		$this->http( 'GET', '/' );
		$routes = array_values(
			array_filter(
				self::routes(),
				static function ( $route ) {
					return 'GET' === $route[0]; // As the administrator: reads only.
				}
			)
		);
		$admin  = 'Authorization: Basic ' . base64_encode( 'admin:' . $this->app_password( 'admin' ) );
		$mark   = $this->debug_log_mark();
		$total  = 0;
		$counts = array();
		// Half with the token plugins' fixtures active (their routes and refusals), half without.
		foreach ( array_chunk( $cases, (int) ceil( count( $cases ) / 2 ) ) as $half => $chunk ) {
			if ( 0 === $half ) {
				$this->enable_fixtures( array( 'fixture-jwt-auth', 'fixture-simple-jwt-login', 'fixture-wcpos' ) );
			} else {
				$this->restore_fixtures();
			}
			$requests = array();
			$inputs   = array();
			foreach ( $chunk as $case ) {
				$f                 = new Fuzzer( self::seed(), $case );
				list( $r, $input ) = $this->http_case( $f, $routes, $admin );
				$requests[ $case ] = $r;
				$inputs[ $case ]   = $input;
			}
			$started = microtime( true );
			$answers = $this->parallel_responses( array_values( $requests ) );
			$seconds = microtime( true ) - $started;
			$keys    = array_keys( $requests );
			foreach ( $answers as $i => $answer ) {
				$case                         = $keys[ $i ];
				$counts[ $answer['status'] ] = ( $counts[ $answer['status'] ] ?? 0 ) + 1;
				$this->check_http( $case, $requests[ $case ], $answer, $inputs[ $case ] );
			}
			$total += count( $chunk );
			fwrite( STDERR, sprintf( "\nfuzz over HTTP (%s): %d requests in %.1f s\n", 0 === $half ? 'with the token plugins' : 'without', count( $chunk ), $seconds ) );
		}
		ksort( $counts );
		fwrite( STDERR, sprintf( "fuzz over HTTP: statuses %s\n", (string) wp_json_encode( $counts ) ) );
		foreach ( preg_grep( '/PHP (Warning|Notice|Deprecated|Fatal)|WordPress database error/', $this->debug_log_since( $mark ) ) as $line ) {
			$this->problem( -1, 'logged: ' . $line, null );
		}
		$this->assert_no_problems( $total );
	}

	/**
	 * Builds one whole request.
	 *
	 * @param Fuzzer                                         $f      The case.
	 * @param array<int, array{0: string, 1: string, 2: string[]}> $routes The plugin's GET routes.
	 * @param string                                         $admin  The administrator's Authorization header.
	 * @return array{0: array{0: string, 1: string[], 2: string, 3?: string}, 1: array<string, mixed>}
	 */
	private function http_case( Fuzzer $f, array $routes, string $admin ): array {
		$clean   = static function ( string $value ): string {
			return str_replace( array( "\r", "\n", "\0" ), '', $value ); // A header is one line.
		};
		$headers = array( 'User-Agent: ' . $clean( 'fuzz ' . $f->text( 60 ) ), 'X-Forwarded-For: ' . $clean( $f->address() ) );
		if ( $f->chance( 0.5 ) ) {
			$headers[] = 'Authorization: ' . $clean( $f->authorization() );
		}
		if ( $f->chance( 0.3 ) ) {
			$headers[] = 'Cookie: ' . $f->pick( array( LOGGED_IN_COOKIE, AUTH_COOKIE, 'refresh_token' ) ) . '=' . rawurlencode( $f->cookie() );
		}
		$method = 'GET';
		$body   = null;
		switch ( $f->int( 0, 8 ) ) {
			case 0:
				$path   = '/wp-login.php';
				$method = 'POST';
				$body   = http_build_query(
					array(
						'log' => $f->pick( Fuzzer::LOGINS ) . ( $f->chance( 0.5 ) ? '' : $f->text( 10 ) ),
						'pwd' => $f->text( 40 ),
					)
				);
				break;
			case 1:
				$path   = '/xmlrpc.php';
				$method = 'POST';
				$body   = '<?xml version="1.0"?><methodCall><methodName>wp.getUsersBlogs</methodName><params><param><value><string>' . htmlspecialchars( $f->pick( Fuzzer::LOGINS ), ENT_XML1 ) . '</string></value></param><param><value><string>' . htmlspecialchars( $f->text( 30 ), ENT_XML1 | ENT_SUBSTITUTE ) . '</string></value></param></params></methodCall>';
				break;
			case 2:
				$path = $f->pick( array( '/wp-admin/', '/wp-admin/profile.php', '/' ) );
				break;
			case 3:
				$path   = '/wp-json/auth-sentinel/v1/token-status';
				$method = 'POST';
				if ( $f->chance( 0.5 ) ) {
					$headers[] = 'Content-Type: application/json';
					$body      = $f->chance( 0.8 ) ? (string) wp_json_encode( array( 'token' => $f->param( 'token' ) ), JSON_PARTIAL_OUTPUT_ON_ERROR ) : $f->text( 100 );
				} else {
					$body = http_build_query( array( 'token' => $f->token() ) );
				}
				break;
			case 4:
				list( , $route, $names ) = $f->pick( $routes );
				$params                  = array();
				foreach ( $names as $name ) {
					if ( $f->chance( 0.5 ) ) {
						$params[ $name ] = $f->param( (string) $name );
					}
				}
				// Web servers refuse URLs over 8 KB themselves (414; PHP's own server hangs up): longer values go in-process.
				$path = substr( '/wp-json' . self::path( $f, 'GET', $route ) . '?' . http_build_query( $params ), 0, 8000 );
				if ( $f->chance( 0.7 ) ) {
					$headers = array_values( preg_grep( '/^Authorization:/', $headers, PREG_GREP_INVERT ) );
					$headers[] = $admin;
				}
				break;
			case 5:
				$path = '/' . $f->pick( array( '?rest_route=/wp/v2/users/me&', 'wp-json/wp/v2/users/me?' ) ) . $f->pick( array( 'authorization', 'JWT', 'token' ) ) . '=' . rawurlencode( $f->token() );
				break;
			case 6:
				$path   = '/wp-json' . $f->pick( array( '/jwt-auth/v1/token', '/jwt-auth/v1/token/validate', '/jwt-auth/v1/token/refresh', '/simple-jwt-login/v1/auth', '/simple-jwt-login/v1/auth/refresh', '/simple-jwt-login/v1/auth/validate', '/wcpos/v1/auth/login', '/wcpos/v1/auth/refresh' ) );
				$method = 'POST';
				$headers[] = 'Content-Type: application/json';
				$body      = (string) wp_json_encode(
					array(
						'username'      => $f->pick( Fuzzer::LOGINS ),
						'password'      => $f->text( 20 ),
						'refresh_token' => $f->token(),
						'JWT'           => $f->token(),
						'token'         => $f->token(),
					),
					JSON_PARTIAL_OUTPUT_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE
				);
				break;
			default:
				$path = '/wp-json/wp/v2/users/me';
		}
		return array( array( $path, $headers, $method, $body ), compact( 'method', 'path', 'headers', 'body' ) );
	}

	/**
	 * Checks a whole answer: no 500 of the plugin, every REST error with a code.
	 *
	 * @param int                                                $case    The case.
	 * @param array{0: string, 1: string[], 2: string, 3?: string} $request The request.
	 * @param array{status: int, body: string, seconds: float}   $answer  The answer.
	 * @param array<string, mixed>                               $input   What was sent.
	 * @return void
	 */
	private function check_http( int $case, array $request, array $answer, array $input ): void {
		$status = $answer['status'];
		if ( 0 === $status ) {
			$this->problem( $case, 'no answer', $input );
			return;
		}
		$rest = false !== strpos( $request[0], '/wp-json/' ) || false !== strpos( $request[0], 'rest_route=' );
		$json = json_decode( $answer['body'], true );
		if ( $status >= 500 ) {
			// Simple JWT Login answers 500 itself for some of its errors (a deleted user): its
			// shape, not ours, and not the plugin's doing.
			$issuer = is_array( $json ) && isset( $json['data']['error_code'] ) && false === ( $json['success'] ?? true );
			if ( ! $issuer ) {
				$this->problem( $case, 'answered ' . $status . ': ' . substr( $answer['body'], 0, 300 ), $input );
			}
			return;
		}
		if ( $rest && $status >= 400 ) {
			$coded = is_array( $json ) && ( ( isset( $json['code'] ) && is_string( $json['code'] ) && '' !== $json['code'] ) || isset( $json['data']['error_code'] ) );
			if ( ! $coded ) {
				$this->problem( $case, 'a REST error without a code (' . $status . '): ' . substr( $answer['body'], 0, 300 ), $input );
			}
		}
	}
}
