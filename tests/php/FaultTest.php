<?php
/**
 * Faults of the plugin's own tables: missing, locked by another connection, not writable by the
 * database user, full. Sign-in goes on as WordPress has it; revocation and the token gate fail
 * closed; the next healthy request records again.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Database\QueryFaults;
use AuthSentinel\Database\Schema;
use AuthSentinel\Tests\Security\SecurityTrait;

require_once __DIR__ . '/EventsTrait.php';
require_once __DIR__ . '/FixtureTrait.php';
require_once __DIR__ . '/security/SecurityTrait.php';

/**
 * Before the fix, a failure written to a table that another connection had locked waited for
 * MySQL's lock_wait_timeout (a year by default): the sign-in form hung; a full or write-protected
 * table logged a database error per failed request.
 */
class FaultTest extends TestCase {

	use EventsTrait;
	use FixtureTrait;
	use SecurityTrait;

	/**
	 * Seconds any one request may take under a fault (a lock wait is one second per statement).
	 */
	const PATIENCE = 8.0;

	/**
	 * The connection that holds a lock, while one is held.
	 *
	 * @var \mysqli|null
	 */
	private $locker;

	/**
	 * Undoes the fault of the running case.
	 *
	 * @var callable|null
	 */
	private $heal;

	/**
	 * Skips on SQLite: the faults are MariaDB's (renaming is tested on both elsewhere).
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		if ( defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE ) {
			$this->markTestSkipped( 'Locks, grants and triggers are MariaDB’s.' );
		}
	}

	/**
	 * Heals the fault and puts the site back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		$this->heal();
		delete_option( QueryFaults::FAULT_OPTION );
		$this->forget_made_users();
		$this->restore_fixtures();
		parent::tearDown();
	}

	/**
	 * Every fault on every table the plugin writes on a visitor's path.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public function faults(): array {
		$cases = array();
		foreach ( array( 'missing', 'locked', 'denied', 'full' ) as $fault ) {
			foreach ( array( 'events', 'audit', 'sessions', 'counters' ) as $table ) {
				$cases[ $fault . ' ' . $table ] = array( $fault, $table );
			}
		}
		return $cases;
	}

	/**
	 * Signs in, fails, uses and revokes credentials while one table has a fault.
	 *
	 * @dataProvider faults
	 * @param string $fault missing|locked|denied|full.
	 * @param string $name  events|audit|sessions|counters.
	 */
	public function test_sign_in_goes_on_and_revocation_fails_closed( string $fault, string $name ): void {
		global $wpdb;
		$table = $wpdb->prefix . 'auth_sentinel_' . $name;
		$this->enable_fixtures( array( 'fixture-wcpos' ) );
		$this->lift_token_status_limit(); // Only a fault of the counters may refuse the apps' route here.
		list( $user_id, $login ) = $this->make_user();
		$token                   = $this->in_site( 'return fixture_wcpos_issue( ' . $user_id . ' )["access_token"];' );
		$this->assertSame( 200, $this->timed( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( 'Authorization: Bearer ' . $token ) ) )['status'], 'the token works before' );
		$garbage = $this->timed( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( $this->agent_header(), 'Authorization: Bearer not.a.token' ) ) );
		$this->app_password( 'admin' ); // Made while healthy: the administrator revokes with it below.
		$mark = $this->debug_log_mark();

		$this->break_table( $fault, $table );

		// A wrong password: WordPress's own answer.
		$wrong = $this->login_attempt( $login, 'wrong-password' );
		$this->assertSame( 200, $wrong['status'], $wrong['body'] );
		$this->assertStringContainsString( 'is incorrect', $wrong['body'] );

		// The right one: signed in, and wp-admin opens.
		$jar = $this->sign_in( $login );
		$this->assertSame( 200, $this->timed( 'GET', '/wp-admin/profile.php', array( 'cookies' => $jar ) )['status'], 'wp-admin opens' );

		// A token: a good one works, a bad one gets the issuer's own answer.
		$this->assertSame( 200, $this->timed( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( 'Authorization: Bearer ' . $token ) ) )['status'], 'the token works during the fault' );
		$bad = $this->timed( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( $this->agent_header(), 'Authorization: Bearer not.a.token' ) ) );
		$this->assertSame( array( $garbage['status'], $garbage['json']['code'] ?? null ), array( $bad['status'], $bad['json']['code'] ?? null ), 'a bad token gets the same answer as without the fault' );

		// Revocation: answered with a code, and whatever it says, the credentials are refused.
		$revoke = $this->timed( 'DELETE', '/wp-json/auth-sentinel/v1/users/' . $user_id . '/sessions?application_passwords=0', array( 'as' => 'admin' ) );
		if ( 200 !== $revoke['status'] ) {
			$this->assertSame( 500, $revoke['status'], $revoke['body'] );
			$this->assertSame( 'auth_sentinel_revoke_failed', $revoke['json']['code'] ?? null, $revoke['body'] );
		}
		$after = $this->timed( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => array( 'Authorization: Bearer ' . $token ) ) );
		$this->assertSame( 401, $after['status'], 'the revoked token is refused: ' . $after['body'] );
		$this->assertSame( 'auth_sentinel_token_revoked', $after['json']['code'] ?? null );
		$this->assertSame( 302, $this->timed( 'GET', '/wp-admin/profile.php', array( 'cookies' => $jar ) )['status'], 'the revoked cookie session is signed out' );

		// The apps' status route: its rate limit fails closed without its counters.
		$status = $this->timed( 'POST', '/wp-json/auth-sentinel/v1/token-status', array( 'body' => array( 'token' => 'not.a.token' ) ) );
		$this->assertSame( 'counters' === $name ? 429 : 200, $status['status'], $status['body'] );

		$this->heal();

		// The next failure is recorded again, and Site Health tells of the fault.
		$this->login_attempt( $login, 'wrong-again' );
		$this->assertNotEmpty( $this->my_events( array( 'source' => 'login_form' ) ), 'recording resumed' );
		wp_cache_delete( 'alloptions', 'options' );
		$faults = QueryFaults::faults();
		$this->assertArrayHasKey( 'auth_sentinel_' . $name, $faults, 'the fault is remembered for Site Health' );
		$this->assertSame( 'denied' === $fault ? 'denied' : ( 'locked' === $fault ? 'locked' : ( 'full' === $fault ? 'full' : 'missing' ) ), $faults[ 'auth_sentinel_' . $name ]['kind'] );
		$health = ( new \AuthSentinel\Health\StorageCheck() )->run();
		$this->assertSame( 'recommended', $health['status'] );
		$this->assertStringContainsString( 'auth_sentinel_' . $name, $health['description'] );

		$log = $this->debug_log_since( $mark );
		$this->assertSame( array(), array_values( preg_grep( '/PHP (Warning|Notice|Deprecated|Fatal)|WordPress database error/', $log ) ), 'nothing was logged' );
	}

	/**
	 * Sends a request and asserts it was answered, without a 500, within the patience.
	 *
	 * @param string $method  HTTP method.
	 * @param string $path    The path.
	 * @param array  $options For http().
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function timed( string $method, string $path, array $options = array() ): array {
		if ( isset( $options['body'] ) && is_array( $options['body'] ) ) {
			$options['body'] = http_build_query( $options['body'] );
		}
		$started  = microtime( true );
		$response = $this->http( $method, $path, $options );
		$took     = microtime( true ) - $started;
		$this->assertLessThan( self::PATIENCE, $took, sprintf( '%s %s answered in %.1f s', $method, $path, $took ) );
		$this->assertNotSame( 0, $response['status'], $method . ' ' . $path . ' was answered' );
		if ( 500 === $response['status'] ) {
			$this->assertIsArray( $response['json'], 'a 500 is a JSON error: ' . $response['body'] );
		}
		return $response;
	}

	/**
	 * Tries a password on wp-login.php with this test's user agent.
	 *
	 * @param string $login    The login.
	 * @param string $password The password.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function login_attempt( string $login, string $password ): array {
		return $this->timed(
			'POST',
			'/wp-login.php',
			array(
				'headers' => array( $this->agent_header() ),
				'body'    => array(
					'log' => $login,
					'pwd' => $password,
				),
			)
		);
	}

	/**
	 * Gives a table a fault.
	 *
	 * @param string $fault missing|locked|denied|full.
	 * @param string $table The table.
	 * @return void
	 */
	private function break_table( string $fault, string $table ): void {
		global $wpdb;
		switch ( $fault ) {
			case 'missing':
				$this->heal = $this->take_table_away( $table );
				break;
			case 'locked':
				// Another connection holds a write lock for the whole fault.
				list( $host, $socket ) = array_pad( explode( ':', DB_HOST, 2 ), 2, null );
				$this->locker          = new \mysqli( $host, DB_USER, DB_PASSWORD, DB_NAME, 0, $socket );
				$this->assertTrue( $this->locker->query( "LOCK TABLES {$table} WRITE" ) );
				$this->heal = function () {
					$this->locker->query( 'UNLOCK TABLES' );
					$this->locker->close();
					$this->locker = null;
				};
				break;
			case 'denied':
				// The site connects as a user who may read, change and delete this table's rows, not add any.
				$user = 'as_fault_' . strtolower( wp_generate_password( 6, false ) );
				$wpdb->query( $wpdb->prepare( 'CREATE USER %s@%s IDENTIFIED BY %s', $user, 'localhost', 'fault-password' ) );
				foreach ( $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix ) . '%' ) ) as $each ) {
					$rights = $each === $table ? 'SELECT, UPDATE, DELETE' : 'SELECT, INSERT, UPDATE, DELETE';
					$wpdb->query( sprintf( 'GRANT %s ON `%s`.`%s` TO %s', $rights, DB_NAME, $each, $wpdb->prepare( '%s@%s', $user, 'localhost' ) ) );
				}
				$file = AUTH_SENTINEL_TEST_SITE . '/db-user.php';
				file_put_contents( $file, sprintf( "<?php\ndefine( 'DB_USER', %s );\ndefine( 'DB_PASSWORD', 'fault-password' );\n", var_export( $user, true ) ) );
				$this->heal = static function () use ( $file, $user ) {
					global $wpdb;
					unlink( $file );
					$wpdb->query( $wpdb->prepare( 'DROP USER %s@%s', $user, 'localhost' ) );
				};
				break;
			case 'full':
				$wpdb->query( "CREATE TRIGGER as_fault_full BEFORE INSERT ON {$table} FOR EACH ROW SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 1114, MESSAGE_TEXT = 'The table is full'" );
				$this->heal = static function () {
					global $wpdb;
					$wpdb->query( 'DROP TRIGGER IF EXISTS as_fault_full' );
				};
				break;
		}
		$this->assertSame( '', $wpdb->last_error, 'the fault was made' );
	}

	/**
	 * Undoes the fault, once.
	 *
	 * @return void
	 */
	private function heal(): void {
		if ( null !== $this->heal ) {
			$heal       = $this->heal;
			$this->heal = null;
			$heal();
		}
	}
}
