<?php
/**
 * The vocabularies are spelled once: the PHP classes, the REST schema and the admin app agree.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Admin\PageConfig;
use AuthSentinel\Vocabulary\AuditAction;
use AuthSentinel\Vocabulary\Cause;
use AuthSentinel\Vocabulary\SessionType;
use AuthSentinel\Vocabulary\Source;

/**
 * Compares the enums of the REST routes the screens call, the vocabulary classes and the page
 * configuration with src/admin/test-utils/vocabularies.json — the file the admin app's Jest
 * tests compare the TypeScript unions with (src/admin/data/test/vocabulary.test.ts). A value
 * added on one side only fails one of the two tests.
 *
 * After a deliberate change, rewrite the file with AUTH_SENTINEL_UPDATE_FIXTURES=1 and review
 * its diff.
 */
class VocabularyTest extends TestCase {

	/**
	 * The enums compared: name in the file => route, parameter, and whether the items carry a
	 * property of the same name and meaning (the sessions' `status` filter, "active, ended or
	 * all", is not the status of one session).
	 */
	const ENUMS = array(
		'events.cause'     => array( '/auth-sentinel/v1/events', 'cause', true ),
		'events.source'    => array( '/auth-sentinel/v1/events', 'source', true ),
		'events.orderby'   => array( '/auth-sentinel/v1/events', 'orderby', false ),
		'sessions.type'    => array( '/auth-sentinel/v1/sessions', 'type', true ),
		'sessions.status'  => array( '/auth-sentinel/v1/sessions', 'status', false ),
		'sessions.orderby' => array( '/auth-sentinel/v1/sessions', 'orderby', false ),
		'audit.action'     => array( '/auth-sentinel/v1/audit', 'action', true ),
	);

	/**
	 * Returns the path of the shared file.
	 *
	 * @return string
	 */
	private function fixture_file(): string {
		return dirname( __DIR__, 2 ) . '/src/admin/test-utils/vocabularies.json';
	}

	/**
	 * Reads the enum of a parameter of a route's GET endpoint, and of the item property of the
	 * same name when the schema declares one; both must agree.
	 *
	 * @param string $route The route.
	 * @param string $name  The parameter.
	 * @param bool   $item  Whether the items' property of that name must agree.
	 * @return array<int, string> Sorted.
	 */
	private function schema_enum( string $route, string $name, bool $item ): array {
		$routes = rest_get_server()->get_routes( 'auth-sentinel/v1' );
		$this->assertArrayHasKey( $route, $routes, "$route is registered" );
		$found = null;
		foreach ( $routes[ $route ] as $endpoint ) {
			if ( isset( $endpoint['methods']['GET'], $endpoint['args'][ $name ]['enum'] ) ) {
				$found = $endpoint['args'][ $name ]['enum'];
			}
		}
		$this->assertIsArray( $found, "GET $route declares the values of $name" );
		sort( $found );

		if ( $item ) {
			$options = $this->rest( 'OPTIONS', $route, array(), $this->user( 'admin' ) )->get_data();
			$values  = $options['schema']['properties'][ $name ]['enum'] ?? null;
			if ( is_array( $values ) ) {
				$values = array_values( array_filter( $values, 'is_string' ) );
				sort( $values );
				$this->assertSame( $found, $values, "the items of $route name the same values of $name as its filter" );
			}
		}
		return $found;
	}

	/**
	 * Builds what the file must hold.
	 *
	 * @return array{vocabularies: array<string, mixed>, enums: array<string, array<int, string>>}
	 */
	private function expected(): array {
		$enums = array();
		foreach ( self::ENUMS as $key => list( $route, $name, $item ) ) {
			$enums[ $key ] = $this->schema_enum( $route, $name, $item );
		}
		return array(
			'vocabularies' => PageConfig::vocabularies(),
			'enums'        => $enums,
		);
	}

	/**
	 * Each vocabulary class names every value once, in its display order, and holds exactly the
	 * values the REST schema accepts.
	 */
	public function test_classes_match_the_rest_schema(): void {
		$classes = array(
			'events.cause'  => array( Cause::VALUES, Cause::labels() ),
			'audit.action'  => array( AuditAction::VALUES, AuditAction::labels() ),
			'sessions.type' => array( SessionType::VALUES, SessionType::labels() ),
			'events.source' => array( Source::VALUES, Source::labels() ),
		);
		foreach ( $classes as $key => list( $values, $labels ) ) {
			$this->assertSame( $values, array_keys( $labels ), "$key: one name per value, in display order" );
			$this->assertNotContains( '', $labels, "$key: every name is set" );
			$sorted = $values;
			sort( $sorted );
			list( $route, $name, $item ) = self::ENUMS[ $key ];
			$this->assertSame( $this->schema_enum( $route, $name, $item ), $sorted, "$key: the same values as the REST schema" );
		}
		$this->assertSame( Cause::VALUES, array_keys( Cause::tones() ), 'one badge tone per cause, in display order' );
		$this->assertSame( array(), array_diff( Cause::tones(), array( 'error', 'warning', 'info' ) ), 'tones the badges have' );
	}

	/**
	 * The page configuration and the REST enums are what the admin app's tests compare with.
	 */
	public function test_the_admin_app_fixture_is_current(): void {
		$expected = $this->expected();
		$json     = wp_json_encode( $expected, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) . "\n";
		if ( getenv( 'AUTH_SENTINEL_UPDATE_FIXTURES' ) ) {
			file_put_contents( $this->fixture_file(), $json ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents,WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents
		}
		$this->assertFileExists( $this->fixture_file() );
		$this->assertSame(
			$expected,
			json_decode( (string) file_get_contents( $this->fixture_file() ), true ), // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			'src/admin/test-utils/vocabularies.json is out of date: run this test with AUTH_SENTINEL_UPDATE_FIXTURES=1 and check the TypeScript lists (npm run test:unit).'
		);
	}
}
