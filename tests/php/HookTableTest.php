<?php
/**
 * The hook table holds only rows that can run.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Guards;
use AuthSentinel\Hooks;
use AuthSentinel\Plugin;

/**
 * Every row of Hooks::TABLE and Hooks::ADMIN_TABLE names a class and a method that exist,
 * static when written `::`, public, accepting the hook's arguments, and a guard of Guards;
 * every class the tables name can be built by the container.
 */
class HookTableTest extends TestCase {

	/**
	 * Each row can run.
	 */
	public function test_every_row_names_a_real_listener_and_guard(): void {
		$this->assertGreaterThan( 80, count( self::rows() ) );
		foreach ( self::rows() as $i => $row ) {
			list( $hook, $class, $method, $priority, $accepted, $guard ) = $row;
			$where = "row $i ($hook → $class::$method)";
			if ( in_array( $row, Hooks::REST_ROUTE_TABLE, true ) ) {
				$this->assertCount( 7, $row, $where . ': hook, class, method, priority, arguments, guard, set-up guard' );
				$this->assertTrue( method_exists( Guards::class, $row[6] ), $where . ": the set-up guard {$row[6]} exists" );
			} else {
				$this->assertCount( 6, $row, $where . ': hook, class, method, priority, arguments, guard' );
			}
			$this->assertIsString( $hook, $where );
			$this->assertTrue( class_exists( $class ), $where . ': the class exists' );
			$static = 0 === strpos( $method, '::' );
			$name   = $static ? substr( $method, 2 ) : $method;
			$this->assertTrue( method_exists( $class, $name ), $where . ': the method exists' );
			$reflection = new \ReflectionMethod( $class, $name );
			$this->assertTrue( $reflection->isPublic(), $where . ': public' );
			$this->assertSame( $static, $reflection->isStatic(), $where . ': static exactly when written ::' );
			$this->assertLessThanOrEqual( $accepted, $reflection->getNumberOfRequiredParameters(), $where . ': no more required arguments than the hook gives' );
			$this->assertIsInt( $priority, $where );
			if ( '' !== $guard ) {
				$this->assertTrue( method_exists( Guards::class, $guard ), $where . ": the guard $guard exists" );
			}
		}
	}

	/**
	 * Every class the table builds, the container builds.
	 */
	public function test_the_container_builds_every_listener(): void {
		foreach ( self::rows() as $row ) {
			if ( 0 === strpos( $row[2], '::' ) ) {
				continue;
			}
			$this->assertIsObject( Plugin::get( $row[1] ), $row[1] );
			$this->assertInstanceOf( $row[1], Plugin::get( $row[1] ) );
		}
		foreach ( Hooks::ROUTES as $class ) {
			$this->assertTrue( method_exists( Plugin::get( $class ), 'register_routes' ), $class );
		}
	}

	/**
	 * Every row of every table.
	 *
	 * @return array<int, array<int, mixed>>
	 */
	private static function rows(): array {
		return array_merge( Hooks::TABLE, Hooks::COOKIE_TABLE, Hooks::SESSION_TABLE, Hooks::USER_TABLE, Hooks::USER_META_TABLE, Hooks::CAPABILITY_TABLE, Hooks::PLUGIN_TABLE, Hooks::REST_TABLE, Hooks::REST_ROUTE_TABLE, Hooks::OWN_ROUTES_TABLE, Hooks::TOOLS_TABLE, Hooks::CRON_TABLE, Hooks::NETWORK_TABLE, Hooks::ADMIN_TABLE );
	}

	/**
	 * Each row is hooked where its hook fires: the plugin's own actions once an object is built,
	 * the REST rows once the REST server is set up, the scheduled hooks' rows and the sign-in
	 * cookies' where cron runs (this process is the command line), the plumbing of the plugin's
	 * routes once they are registered, the rows of a session, a user and a user's roles once core
	 * asks for its session storage, cleans a user's cache and writes a user's roles, and the REST
	 * rows of `rest_api_init` (added while it runs) still run that first time: the routes exist.
	 */
	public function test_each_row_is_hooked_where_its_hook_fires(): void {
		$routes = rest_get_server()->get_routes( 'auth-sentinel/v1' );
		$this->assertArrayHasKey( '/auth-sentinel/v1/events', $routes );
		$this->assertArrayHasKey( '/auth-sentinel/v1/token-status', $routes );
		Plugin::get( \AuthSentinel\Secrets\SecretResolver::class ); // An object built: the plugin's own actions are hooked.
		$user = wp_insert_user( // Cleans the user's cache and writes its roles.
			array(
				'user_login' => 'hooks-' . wp_generate_password( 6, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $user );
		\WP_Session_Tokens::get_instance( $user );
		require_once ABSPATH . 'wp-admin/includes/user.php';
		wp_delete_user( $user );
		foreach ( array_merge( Hooks::TABLE, Hooks::COOKIE_TABLE, Hooks::SESSION_TABLE, Hooks::USER_TABLE, Hooks::USER_META_TABLE, Hooks::CAPABILITY_TABLE, Hooks::PLUGIN_TABLE, Hooks::REST_TABLE, Hooks::REST_ROUTE_TABLE, Hooks::OWN_ROUTES_TABLE, Hooks::TOOLS_TABLE, Hooks::CRON_TABLE ) as $row ) {
			$this->assertNotFalse( has_filter( $row[0] ), $row[0] . ' is hooked' );
		}
	}

	/**
	 * The options the guards let through are the ones the secrets watch resolves.
	 */
	public function test_the_watched_options_are_the_resolvers(): void {
		$salts = array_map( 'strtolower', \AuthSentinel\Secrets\SecretResolver::SALTS );
		$this->assertEqualsCanonicalizing( $salts, Guards::WATCHED_SITE_OPTIONS );
		$this->assertEqualsCanonicalizing(
			array_merge(
				\AuthSentinel\Secrets\SecretResolver::TOKEN_OPTIONS,
				array( \AuthSentinel\Secrets\TokenSecrets::SIMPLE_JWT_LOGIN_OPTION ),
				array_keys( \AuthSentinel\Secrets\SecretResolver::SITE_OPTIONS ),
				$salts
			),
			Guards::WATCHED_OPTIONS
		);
		$this->assertTrue( Guards::watched_option( 'home', 'http://a', 'http://b' ) );
		$this->assertFalse( Guards::watched_option( 'blogname', 'a', 'b' ) );
		$this->assertTrue( Guards::watched_site_option( 'nonce_salt', 'x', 'y', 1 ) );
		$this->assertFalse( Guards::watched_site_option( 'home', 'x', 'y', 1 ) );
	}
}
