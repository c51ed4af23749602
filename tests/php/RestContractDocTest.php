<?php
/**
 * docs/rest-api.md against the routes the plugin registers.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

/**
 * The REST contract in the repository cannot drift from the code: every route and method the
 * plugin registers under auth-sentinel/v1 has a section in docs/rest-api.md, and no section is
 * left without one; each parameter is there with its type, allowed values and bounds, default
 * and whether it is required, exactly as registered; each field of a route's schema is there
 * with its type; each error code named is one the code sends, and each error the routes send
 * is named.
 */
class RestContractDocTest extends TestCase {

	const DOC = 'docs/rest-api.md';

	/**
	 * Error codes of WordPress's REST server that the doc may name.
	 */
	const CORE_CODES = array( 'rest_invalid_param', 'rest_missing_callback_param', 'rest_invalid_page_number', 'rest_no_route' );

	/**
	 * The doc's sections: "METHODS /path" => params (name => cells), fields (name => cells), errors.
	 *
	 * @var array<string, array{params: array<string, string[]>, fields: array<string, string[]>, errors: string[]|null}>
	 */
	private static $doc;

	/**
	 * Reads the doc once.
	 *
	 * @return void
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		$text     = (string) file_get_contents( dirname( __DIR__, 2 ) . '/' . self::DOC );
		self::$doc = array();
		foreach ( array_slice( preg_split( '/^### /m', $text ), 1 ) as $section ) {
			$heading = trim( strtok( $section, "\n" ) );
			$entry   = array(
				'params' => array(),
				'fields' => array(),
				'errors' => null,
			);
			foreach ( explode( "\n", $section ) as $line ) {
				if ( preg_match( '/^\| `([^`]+)`( \(required\))? \|(.*)\|\s*$/', $line, $row ) ) {
					$cells = array_map( 'trim', preg_split( '/(?<!\\\\)\|/', $row[3] ) );
					if ( 4 === count( $cells ) ) { // Parameter: type, values, default, description.
						$entry['params'][ $row[1] ] = array( '' !== $row[2] ? 'required' : '', $cells[0], $cells[1], $cells[2], $cells[3] );
					} elseif ( 2 === count( $cells ) ) { // Field: type, description.
						$entry['fields'][ $row[1] ] = $cells;
					}
				}
				if ( 0 === strpos( $line, 'Errors:' ) ) {
					preg_match_all( '/`([a-z_]+)` \((?=\d{3})/', $line, $codes );
					$entry['errors'] = $codes[1];
				}
			}
			self::$doc[ $heading ] = $entry;
		}
	}

	/**
	 * The registered routes of the namespace as the REST index describes them (context=help):
	 * path => data (endpoints with their args, and the schema).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function routes(): array {
		$server = rest_get_server();
		$routes = array();
		foreach ( $server->get_routes( 'auth-sentinel/v1' ) as $route => $handlers ) {
			if ( '/auth-sentinel/v1' === $route ) {
				continue; // The namespace's index, made by WordPress.
			}
			$path            = preg_replace( '/\(\?P<(\w+)>[^)]*\)/', '{$1}', substr( $route, strlen( '/auth-sentinel/v1' ) ) );
			$routes[ $path ] = $server->get_data_for_route( $route, $handlers, 'help' );
		}
		return $routes;
	}

	/**
	 * The heading of an endpoint: its methods, then its path.
	 *
	 * @param array<string, mixed> $endpoint The endpoint.
	 * @param string               $path     The path.
	 * @return string
	 */
	private static function heading( array $endpoint, string $path ): string {
		return implode( ', ', $endpoint['methods'] ) . ' ' . $path;
	}

	/**
	 * How the doc writes a schema's type: "string", "string or null", "array of string",
	 * "string (date-time)".
	 *
	 * @param array<string, mixed> $schema The schema.
	 * @return string
	 */
	private static function type_of( array $schema ): string {
		if ( ! isset( $schema['type'] ) ) {
			return 'any';
		}
		$types = array();
		foreach ( (array) $schema['type'] as $type ) {
			$types[] = 'array' === $type && isset( $schema['items']['type'] ) ? 'array of ' . str_replace( ' or ', '/', self::type_of( $schema['items'] ) ) : $type;
		}
		return implode( ' or ', $types ) . ( isset( $schema['format'] ) ? ' (' . $schema['format'] . ')' : '' );
	}

	/**
	 * How the doc writes a parameter's allowed values: the enum, the bounds, the length, the pattern.
	 *
	 * @param array<string, mixed> $arg The parameter.
	 * @return string
	 */
	private static function values_of( array $arg ): string {
		$parts = array();
		$enum  = $arg['enum'] ?? $arg['items']['enum'] ?? null;
		if ( is_array( $enum ) ) {
			$parts[] = implode( ', ', array_map( static fn( $v ) => '`' . $v . '`', $enum ) );
		}
		if ( isset( $arg['minimum'], $arg['maximum'] ) ) {
			$parts[] = $arg['minimum'] . ' to ' . $arg['maximum'];
		} elseif ( isset( $arg['minimum'] ) ) {
			$parts[] = '≥ ' . $arg['minimum'];
		} elseif ( isset( $arg['maximum'] ) ) {
			$parts[] = '≤ ' . $arg['maximum'];
		}
		if ( isset( $arg['minLength'] ) || isset( $arg['maxLength'] ) ) {
			$parts[] = 'length ' . ( $arg['minLength'] ?? 0 ) . ' to ' . ( $arg['maxLength'] ?? '∞' );
		}
		if ( isset( $arg['pattern'] ) ) {
			$parts[] = 'pattern `' . $arg['pattern'] . '`';
		}
		return implode( '; ', $parts );
	}

	/**
	 * The fields of a schema, nested ones as parent.child and parent[].child: name => type.
	 *
	 * @param array<string, mixed> $properties The properties.
	 * @param string               $prefix     Their parent's name.
	 * @return array<string, string>
	 */
	private static function fields( array $properties, string $prefix = '' ): array {
		$fields = array();
		foreach ( $properties as $name => $schema ) {
			$fields[ $prefix . $name ] = self::type_of( $schema );
			$types                     = (array) ( $schema['type'] ?? array() );
			if ( in_array( 'object', $types, true ) && ! empty( $schema['properties'] ) ) {
				$fields += self::fields( $schema['properties'], $prefix . $name . '.' );
			}
			if ( in_array( 'array', $types, true ) && ! empty( $schema['items']['properties'] ) ) {
				$fields += self::fields( $schema['items']['properties'], $prefix . $name . '[].' );
			}
		}
		return $fields;
	}

	/**
	 * Every route and method the plugin registers has its section, and every section its route.
	 */
	public function test_every_route_and_method_is_documented(): void {
		$code = array();
		foreach ( self::routes() as $path => $data ) {
			foreach ( $data['endpoints'] as $endpoint ) {
				$code[] = self::heading( $endpoint, $path );
			}
		}
		$this->assertGreaterThanOrEqual( 15, count( $code ) );
		$documented = array_keys( self::$doc );
		$this->assertSame( array(), array_values( array_diff( $code, $documented ) ), 'routes the doc lacks' );
		$this->assertSame( array(), array_values( array_diff( $documented, $code ) ), 'sections of the doc for routes that do not exist' );
	}

	/**
	 * Each parameter is documented as registered: required or not, type, values, default.
	 */
	public function test_parameters_are_documented_as_registered(): void {
		foreach ( self::routes() as $path => $data ) {
			foreach ( $data['endpoints'] as $endpoint ) {
				$heading  = self::heading( $endpoint, $path );
				$expected = array();
				foreach ( (array) ( $endpoint['args'] ?? array() ) as $name => $arg ) {
					$expected[ $name ] = array(
						! empty( $arg['required'] ) ? 'required' : '',
						self::type_of( $arg ),
						self::values_of( $arg ),
						array_key_exists( 'default', $arg ) ? '`' . wp_json_encode( $arg['default'], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) . '`' : '',
					);
				}
				$documented = array_map( static fn( $cells ) => array_slice( $cells, 0, 4 ), self::$doc[ $heading ]['params'] ?? array() );
				$this->assertSame( $expected, $documented, "$heading: parameters (required, type, values, default) as registered" );
				foreach ( self::$doc[ $heading ]['params'] ?? array() as $name => $cells ) {
					$this->assertNotSame( '', $cells[4], "$heading: `$name` is described" );
				}
			}
		}
	}

	/**
	 * Each field of a route's schema is documented with its type, under the route's GET (or its
	 * only method), and no other field is.
	 */
	public function test_fields_are_documented_as_registered(): void {
		$with_schema = 0;
		foreach ( self::routes() as $path => $data ) {
			$methods = array_map( static fn( $endpoint ) => self::heading( $endpoint, $path ), $data['endpoints'] );
			$home    = preg_grep( '/^GET\b/', $methods ) ? array_values( preg_grep( '/^GET\b/', $methods ) )[0] : $methods[0];
			$fields  = isset( $data['schema']['properties'] ) ? self::fields( $data['schema']['properties'] ) : array();
			$with_schema += $fields ? 1 : 0;
			foreach ( $methods as $heading ) {
				$documented = self::$doc[ $heading ]['fields'] ?? array();
				if ( $heading !== $home ) {
					$this->assertSame( array(), $documented, "$heading: the fields are under $home" );
					continue;
				}
				$this->assertSame( $fields, array_map( static fn( $cells ) => $cells[0], $documented ), "$heading: the schema's fields and their types" );
				foreach ( $documented as $name => $cells ) {
					$this->assertNotSame( '', $cells[1], "$heading: `$name` is described" );
				}
			}
		}
		$this->assertGreaterThanOrEqual( 12, $with_schema, 'routes with a schema' );
	}

	/**
	 * Each section names its errors; each code named is sent by the plugin (or by WordPress's REST
	 * server), and each error code the routes send is named somewhere.
	 */
	public function test_error_codes_are_the_ones_sent(): void {
		$root  = dirname( __DIR__, 2 );
		$files = array_merge( glob( $root . '/includes/Rest/*.php' ), glob( $root . '/includes/*/*Controller.php' ), array( $root . '/includes/Sessions/TokenGate.php' ) );
		$sent  = array();
		foreach ( $files as $file ) {
			preg_match_all( '/(?:WP_Error\(\s*|->error\(\s*\d+,\s*)\'([a-z_]+)\'/', (string) file_get_contents( $file ), $codes );
			$sent = array_merge( $sent, $codes[1] );
		}
		$sent = array_values( array_unique( $sent ) );
		$this->assertContains( 'auth_sentinel_forbidden', $sent );

		$named = array();
		foreach ( self::$doc as $heading => $entry ) {
			$this->assertNotNull( $entry['errors'], "$heading has an Errors: line" );
			$named = array_merge( $named, (array) $entry['errors'] );
		}
		$text = (string) file_get_contents( $root . '/' . self::DOC );
		foreach ( array_unique( $named ) as $code ) {
			$this->assertTrue( in_array( $code, $sent, true ) || in_array( $code, self::CORE_CODES, true ), "the doc names $code, which no route sends" );
		}
		foreach ( $sent as $code ) {
			$this->assertStringContainsString( '`' . $code . '`', $text, "$code is sent but not in the doc" );
		}
	}
}
