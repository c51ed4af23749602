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
 * Every row of Hooks::TABLE names a class and a method that exist, static when written `::`,
 * public, accepting the hook's arguments, and a guard of Guards; every class the table names
 * can be built by the container.
 */
class HookTableTest extends TestCase {

	/**
	 * Each row can run.
	 */
	public function test_every_row_names_a_real_listener_and_guard(): void {
		$this->assertGreaterThan( 60, count( Hooks::TABLE ) );
		foreach ( Hooks::TABLE as $i => $row ) {
			$this->assertCount( 6, $row, "row $i has hook, class, method, priority, arguments, guard" );
			list( $hook, $class, $method, $priority, $accepted, $guard ) = $row;
			$where = "row $i ($hook → $class::$method)";
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
		foreach ( Hooks::TABLE as $row ) {
			if ( 0 === strpos( $row[2], '::' ) ) {
				continue;
			}
			$this->assertIsObject( Plugin::get( $row[1] ), $row[1] );
			$this->assertInstanceOf( $row[1], Plugin::get( $row[1] ) );
		}
	}
}
