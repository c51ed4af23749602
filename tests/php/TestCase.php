<?php
/**
 * Base of the integration tests: REST requests in-process and over HTTP, users, and the
 * site's wp-config.php, all against the real test site.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Database\Engine;

require_once dirname( __DIR__ ) . '/lib/Curl.php';

/**
 * Helpers shared by the integration tests.
 */
abstract class TestCase extends \PHPUnit\Framework\TestCase {

	/**
	 * Application passwords made for users, by login.
	 *
	 * @var array<string, string>
	 */
	private static $app_passwords = array();

	/**
	 * The salts file as it was before a test changed it.
	 *
	 * @var string|null
	 */
	private $original_salts;

	/**
	 * Whether tearDown() put the keys back (see settle_salts()).
	 *
	 * @var bool
	 */
	private $salts_restored = false;

	/**
	 * Forgets what this process cached: the site under test changes the database between tests.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		wp_cache_flush();
		\AuthSentinel\Http\Request::reset(); // A test may forge the request's globals.
		self::new_request_for_the_recorder();
	}

	/**
	 * Makes each test a request of its own for the failures' recorder, which counts a credential
	 * once per request (one request may check a cookie twice): without this, a test's failed
	 * sign-in for a login that an earlier test of the process failed with (the fuzz's in-process
	 * cases, say) was not recorded.
	 *
	 * @return void
	 */
	private static function new_request_for_the_recorder(): void {
		if ( ! class_exists( \AuthSentinel\Plugin::class ) || ! \AuthSentinel\Plugin::container()->built( \AuthSentinel\Events\Recorder::class ) ) {
			return;
		}
		$recorder = \AuthSentinel\Plugin::get( \AuthSentinel\Events\Recorder::class );
		foreach ( array(
			'seen'  => array(),
			'route' => '',
		) as $name => $fresh ) {
			$property = new \ReflectionProperty( $recorder, $name );
			$property->setAccessible( true );
			$property->setValue( $recorder, $fresh );
		}
	}

	/**
	 * The must-use plugin that lifts /token-status's rate limit for one test, if written.
	 *
	 * @var string
	 */
	private $limit_lifted = '';

	/**
	 * Lifts /token-status's rate limit until the end of the test (tests ask it more than 30
	 * times a minute, and AppsTokenStatusTest uses a minute's share on purpose).
	 *
	 * @return void
	 */
	protected function lift_token_status_limit(): void {
		$this->limit_lifted = AUTH_SENTINEL_TEST_SITE . '/wp-content/mu-plugins/test-token-status-limit.php';
		file_put_contents( $this->limit_lifted, "<?php\nadd_filter( 'auth_sentinel_token_status_rate_limit', static function () { return 100000; } );\nadd_filter( 'auth_sentinel_token_status_global_limit', static function () { return 1000000; } );\n" );
	}

	/**
	 * Puts wp-config.php back as it was, so the next test starts from the same keys.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		if ( '' !== $this->limit_lifted ) {
			unlink( $this->limit_lifted );
			$this->limit_lifted = '';
		}
		if ( null !== $this->original_salts ) {
			file_put_contents( $this->salts_file(), $this->original_salts );
			$this->original_salts = null;
			$this->salts_restored = true;
			$this->http( 'GET', '/' ); // Lets the site see its keys back.
		}
		parent::tearDown();
	}

	/**
	 * Returns the user id of a login made by the installer.
	 *
	 * @param string $login admin, editor, author or subscriber.
	 * @return int
	 */
	protected function user( string $login ): int {
		$user = get_user_by( 'login', $login );
		$this->assertInstanceOf( \WP_User::class, $user, "user $login exists" );
		return (int) $user->ID;
	}

	/**
	 * Runs code and keeps every SQL statement it sends (WordPress's `query` filter).
	 *
	 * @param callable           $run     The code.
	 * @param array<int, string> $queries Set to the statements sent, in order.
	 * @return mixed What the code returned.
	 */
	protected function recording( callable $run, &$queries ) {
		$queries = array();
		$record  = static function ( $query ) use ( &$queries ) {
			$queries[] = (string) $query;
			return $query;
		};
		add_filter( 'query', $record );
		try {
			return $run();
		} finally {
			remove_filter( 'query', $record );
		}
	}

	/**
	 * Inserts many rows into one of the plugin's tables, as fast as the engine allows: on SQLite
	 * one prepared statement past the driver's MySQL parser (which takes about a second for
	 * 3,000 rows), on MariaDB multi-row INSERTs of 500 rows.
	 *
	 * @param string                                 $table   The table.
	 * @param array<int, string>                     $columns Its columns, in the rows' order.
	 * @param array<int, array<int, int|string|null>> $rows    The rows' values.
	 * @return void
	 */
	protected function insert_rows( string $table, array $columns, array $rows ): void {
		global $wpdb;
		$list   = implode( ', ', $columns );
		$sqlite = Engine::sqlite_connection();
		if ( null !== $sqlite ) {
			$sqlite->beginTransaction();
			try {
				$statement = $sqlite->prepare( "INSERT INTO \"{$table}\" ({$list}) VALUES (" . implode( ', ', array_fill( 0, count( $columns ), '?' ) ) . ')' );
				foreach ( $rows as $row ) {
					$this->assertTrue( $statement->execute( $row ) );
				}
				$sqlite->commit();
			} finally {
				if ( $sqlite->inTransaction() ) {
					$sqlite->rollBack(); // A failed row leaves no transaction open for the next test.
				}
			}
			return;
		}
		foreach ( array_chunk( $rows, 500 ) as $chunk ) {
			$values = array();
			foreach ( $chunk as $row ) {
				$values[] = '(' . implode(
					', ',
					array_map(
						static function ( $value ): string {
							if ( null === $value ) {
								return 'NULL';
							}
							return is_int( $value ) ? (string) $value : "'" . esc_sql( (string) $value ) . "'";
						},
						$row
					)
				) . ')';
			}
			$this->assertNotFalse( $wpdb->query( "INSERT INTO {$table} ({$list}) VALUES " . implode( ', ', $values ) ), $wpdb->last_error ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test rows, each value escaped.
		}
	}

	/**
	 * Dispatches a REST request in-process as a given user (0 for anonymous).
	 *
	 * @param string $method HTTP method.
	 * @param string $route  Route, e.g. /auth-sentinel/v1/secrets.
	 * @param array  $params Query or body parameters.
	 * @param int    $user   User id.
	 * @return \WP_REST_Response
	 */
	protected function rest( string $method, string $route, array $params = array(), int $user = 0 ): \WP_REST_Response {
		wp_set_current_user( $user );
		$request = new \WP_REST_Request( $method, $route );
		foreach ( $params as $key => $value ) {
			$request->set_param( $key, $value );
		}
		$response = rest_do_request( $request );
		wp_set_current_user( 0 );
		return $response;
	}

	/**
	 * Sends a real HTTP request to the running site.
	 *
	 * @param string $method  HTTP method.
	 * @param string $path    Path with query, e.g. /wp-json/auth-sentinel/v1/secrets.
	 * @param array  $options `as` (login, authenticates with an application password), `headers`, `body`, `cookies` (jar file), `node` (2: the second web node, same Host).
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	protected function http( string $method, string $path, array $options = array() ): array {
		$headers = $options['headers'] ?? array();
		if ( isset( $options['as'] ) ) {
			$headers[] = 'Authorization: Basic ' . base64_encode( $options['as'] . ':' . $this->app_password( $options['as'] ) );
		}
		$curl = array(
			CURLOPT_HTTPHEADER => $headers,
			CURLOPT_CONNECT_TO => self::connect_to( (int) ( $options['node'] ?? 1 ) ),
		);
		if ( isset( $options['body'] ) ) {
			$curl[ CURLOPT_POSTFIELDS ] = $options['body'];
		}
		return Curl::send( AUTH_SENTINEL_TEST_URL . $path, $method, $curl + Curl::jar( (string) ( $options['cookies'] ?? '' ) ) );
	}

	/**
	 * Where curl connects for a web node: node 1 is the site's address, node 2 another server of
	 * the same site (AUTH_SENTINEL_NODE2_URL), reached with the site's URL and Host as a load
	 * balancer would forward it (CURLOPT_CONNECT_TO).
	 *
	 * @param int $node 1 or 2.
	 * @return string[]
	 */
	protected static function connect_to( int $node ): array {
		if ( 2 !== $node ) {
			return array();
		}
		if ( '' === AUTH_SENTINEL_TEST_NODE2_URL ) {
			throw new \RuntimeException( 'No second node: set AUTH_SENTINEL_NODE2_URL.' );
		}
		$site = wp_parse_url( AUTH_SENTINEL_TEST_URL );
		$node = wp_parse_url( AUTH_SENTINEL_TEST_NODE2_URL );
		return array( sprintf( '%s:%d:%s:%d', $site['host'], $site['port'] ?? 80, $node['host'], $node['port'] ?? 80 ) );
	}

	/**
	 * Signs a user in through wp-login.php and returns the cookie jar file.
	 *
	 * @param string $login The login; the installer gave every user the password "password".
	 * @return string Cookie jar path.
	 */
	protected function sign_in( string $login ): string {
		$jar = tempnam( sys_get_temp_dir(), 'as-cookies' );
		$this->http( 'GET', '/wp-login.php', array( 'cookies' => $jar ) );
		$response = $this->http(
			'POST',
			'/wp-login.php',
			array(
				'cookies' => $jar,
				'body'    => http_build_query(
					array(
						'log'        => $login,
						'pwd'        => 'password',
						'testcookie' => '1',
					)
				),
			)
		);
		$this->assertSame( 302, $response['status'], "$login signs in" );
		return $jar;
	}

	/**
	 * Forgets the application passwords made for users (after a test revoked everyone's).
	 *
	 * @return void
	 */
	protected static function forget_app_passwords(): void {
		self::$app_passwords = array();
	}

	/**
	 * Returns an application password for a user, made on first use.
	 *
	 * @param string $login The login.
	 * @return string
	 */
	protected function app_password( string $login ): string {
		if ( ! isset( self::$app_passwords[ $login ] ) ) {
			list( $password )              = \WP_Application_Passwords::create_new_application_password( $this->user( $login ), array( 'name' => 'integration tests' ) );
			self::$app_passwords[ $login ] = $password;
		}
		return self::$app_passwords[ $login ];
	}

	/**
	 * Returns the path of the site's keys and salts file (required by wp-config.php).
	 *
	 * @return string
	 */
	protected function salts_file(): string {
		return AUTH_SENTINEL_TEST_SITE . '/salts.php';
	}

	/**
	 * Edits the keys and salts in wp-config: a string defines a constant, null removes it.
	 * Restored after the test.
	 *
	 * @param array<string, string|null> $changes Constant name => value or null.
	 * @return void
	 */
	protected function edit_salts( array $changes ): void {
		$current = (string) file_get_contents( $this->salts_file() );
		if ( null === $this->original_salts ) {
			$this->original_salts = $current;
		}
		foreach ( $changes as $name => $value ) {
			$current = (string) preg_replace( "/^define\\( '" . preg_quote( $name, '/' ) . "'.*\\n/m", '', $current );
			if ( null !== $value ) {
				$current .= sprintf( "define( '%s', %s );\n", $name, var_export( $value, true ) );
			}
		}
		file_put_contents( $this->salts_file(), $current );
	}

	/**
	 * After tearDown() put the keys back (a change too), waits for the next second: a cookie
	 * issued in the second of a key change is taken for one the change broke. Call it after
	 * parent::tearDown() in a test whose next test signs in.
	 *
	 * @return void
	 */
	protected function settle_salts(): void {
		if ( $this->salts_restored ) {
			$this->salts_restored = false;
			sleep( 1 );
		}
	}

	/**
	 * Runs PHP code inside the site in a fresh process (which sees wp-config.php as it is now).
	 *
	 * @param string $code PHP code without the opening tag.
	 * @return string What it printed.
	 */
	protected function run_in_site( string $code ): string {
		$file = tempnam( sys_get_temp_dir(), 'as-run' ) . '.php';
		file_put_contents( $file, "<?php\n" . $code );
		$output = (string) shell_exec(
			sprintf(
				'php %s %s %s %s 2>&1',
				escapeshellarg( dirname( __DIR__ ) . '/bin/wp-run.php' ),
				escapeshellarg( AUTH_SENTINEL_TEST_SITE ),
				escapeshellarg( AUTH_SENTINEL_TEST_URL ),
				escapeshellarg( $file )
			)
		);
		unlink( $file );
		return $output;
	}

	/**
	 * Returns the secrets report as the administrator sees it over HTTP.
	 *
	 * @return array{secrets: array, history: array}
	 */
	protected function secrets_report(): array {
		$response = $this->http( 'GET', '/wp-json/auth-sentinel/v1/secrets', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $response['status'], $response['body'] );
		return $response['json'];
	}

	/**
	 * Returns the changes recorded after a given one, newest first.
	 *
	 * @param array $report The report.
	 * @param int   $after  Id of the last change known before.
	 * @return array<int, array<string, mixed>>
	 */
	protected function changes_since( array $report, int $after ): array {
		return array_values(
			array_filter(
				$report['history'],
				static function ( $change ) use ( $after ) {
					return $change['id'] > $after;
				}
			)
		);
	}

	/**
	 * Returns the id of the newest recorded change, 0 when none.
	 *
	 * @return int
	 */
	protected function last_change_id(): int {
		$history = $this->secrets_report()['history'];
		return $history ? (int) $history[0]['id'] : 0;
	}

	/**
	 * Returns one secret of a report by name.
	 *
	 * @param array  $report The report.
	 * @param string $name   The secret's name.
	 * @return array|null
	 */
	protected function secret( array $report, string $name ): ?array {
		foreach ( $report['secrets'] as $secret ) {
			if ( $secret['name'] === $name ) {
				return $secret;
			}
		}
		return null;
	}

	/**
	 * The size of the site's debug.log now, to read what a test adds.
	 *
	 * @return int
	 */
	protected function debug_log_mark(): int {
		$file = AUTH_SENTINEL_TEST_SITE . '/debug.log';
		clearstatcache( true, $file );
		return is_file( $file ) ? (int) filesize( $file ) : 0;
	}

	/**
	 * The lines added to the site's debug.log since a mark.
	 *
	 * @param int $mark From debug_log_mark().
	 * @return string[]
	 */
	protected function debug_log_since( int $mark ): array {
		$file = AUTH_SENTINEL_TEST_SITE . '/debug.log';
		clearstatcache( true, $file );
		if ( ! is_file( $file ) || filesize( $file ) <= $mark ) {
			return array();
		}
		$added = (string) file_get_contents( $file, false, null, $mark );
		return array_values( array_filter( explode( "\n", $added ), 'strlen' ) );
	}

	/**
	 * Takes one of the plugin's tables away; returns the function that brings it back. On
	 * MariaDB the table is renamed (its rows come back); SQLite's driver does not rename tables,
	 * so there it is dropped and made again, empty.
	 *
	 * @param string $table The table.
	 * @return callable(): void
	 */
	protected function take_table_away( string $table ): callable {
		global $wpdb;
		$sqlite = defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE;
		$wpdb->query( $sqlite ? "DROP TABLE {$table}" : "RENAME TABLE {$table} TO {$table}_away" );
		$suppress = $wpdb->suppress_errors( true );
		$this->assertFalse( $wpdb->query( "SELECT 1 FROM {$table} LIMIT 1" ), 'the table is away' );
		$wpdb->query( 'SELECT 1' ); // Clears the error the probe left.
		$wpdb->suppress_errors( $suppress );
		return static function () use ( $table, $sqlite ) {
			global $wpdb;
			if ( $sqlite ) {
				\AuthSentinel\Database\Schema::install();
			} else {
				$wpdb->query( "RENAME TABLE {$table}_away TO {$table}" );
			}
		};
	}
}
