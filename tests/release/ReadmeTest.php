<?php
/**
 * readme.txt: the page WordPress.org shows for the plugin.
 *
 * @package AuthSentinel
 */

use PHPUnit\Framework\TestCase;

/**
 * Parses readme.txt as the WordPress.org plugin directory does (a "=== Name ===" title, header
 * fields, a short description, "== Section ==" parts) and checks it against plugin.php.
 */
class ReadmeTest extends TestCase {

	/**
	 * The header fields WordPress.org reads.
	 */
	const FIELDS = array( 'Contributors', 'Tags', 'Requires at least', 'Tested up to', 'Requires PHP', 'Stable tag', 'License', 'License URI' );

	/**
	 * The parsed readme: name, fields, short description, sections (title => text).
	 *
	 * @var array{name: string, fields: array<string, string>, short: string, sections: array<string, string>}
	 */
	private static $readme;

	/**
	 * Parses readme.txt once.
	 *
	 * @return void
	 */
	public static function setUpBeforeClass(): void {
		$text = str_replace( "\r\n", "\n", (string) file_get_contents( AUTH_SENTINEL_ROOT . '/readme.txt' ) );
		$name = preg_match( '/^=== (.+) ===$/m', $text, $m ) ? $m[1] : '';
		list( $head, $body ) = array_pad( preg_split( '/^(?==+ )(?!=== )/m', substr( $text, strpos( $text, "\n" ) + 1 ), 2 ), 2, '' );
		$fields = array();
		$short  = '';
		foreach ( explode( "\n\n", trim( $head ), 2 ) as $i => $block ) {
			if ( 0 === $i ) {
				foreach ( explode( "\n", $block ) as $line ) {
					if ( preg_match( '/^([^:]+):\s*(.*)$/', $line, $field ) ) {
						$fields[ $field[1] ] = trim( $field[2] );
					}
				}
			} else {
				$short = trim( $block );
			}
		}
		$sections = array();
		foreach ( preg_split( '/^== (.+) ==$/m', $body, -1, PREG_SPLIT_DELIM_CAPTURE | PREG_SPLIT_NO_EMPTY ) as $i => $part ) {
			if ( 0 === $i % 2 ) {
				$title = trim( $part );
			} else {
				$sections[ $title ] = trim( $part );
			}
		}
		self::$readme = compact( 'name', 'fields', 'short', 'sections' );
	}

	/**
	 * The plugin's own header.
	 *
	 * @return array<string, string>
	 */
	private static function plugin(): array {
		return auth_sentinel_release_headers( AUTH_SENTINEL_ROOT . '/plugin.php', array( 'Plugin Name', 'Version', 'Requires at least', 'Requires PHP', 'License', 'Description' ) );
	}

	/**
	 * Every header field WordPress.org needs is there, in its format.
	 */
	public function test_headers_are_complete(): void {
		$fields = self::$readme['fields'];
		foreach ( self::FIELDS as $field ) {
			$this->assertNotSame( '', $fields[ $field ] ?? '', "readme.txt has \"$field:\"" );
		}
		$this->assertSame( array(), array_diff( array_keys( $fields ), self::FIELDS ), 'no field WordPress.org does not know' );
		$this->assertMatchesRegularExpression( '/^[a-z0-9-]+(,\s*[a-z0-9-]+)*$/', $fields['Contributors'], 'WordPress.org user names, comma separated' );
		$tags = array_map( 'trim', explode( ',', $fields['Tags'] ) );
		$this->assertLessThanOrEqual( 5, count( $tags ), 'WordPress.org shows five tags at most' );
		$this->assertSame( $tags, array_unique( $tags ) );
		foreach ( array( 'Requires at least', 'Tested up to' ) as $field ) {
			$this->assertMatchesRegularExpression( '/^\d+\.\d+(\.\d+)?$/', $fields[ $field ], "$field is a WordPress version" );
		}
		$this->assertMatchesRegularExpression( '/^\d+\.\d+(\.\d+)?$/', $fields['Requires PHP'] );
		$this->assertMatchesRegularExpression( '#^https://www\.gnu\.org/licenses/gpl-2\.0\.html$#', $fields['License URI'] );
	}

	/**
	 * The readme agrees with plugin.php (and package.json): name, version, requirements, license.
	 */
	public function test_headers_agree_with_the_plugin(): void {
		$fields = self::$readme['fields'];
		$plugin = self::plugin();
		$this->assertSame( $plugin['Plugin Name'], self::$readme['name'] );
		$this->assertSame( $plugin['Version'], $fields['Stable tag'], 'Stable tag is the version plugin.php says' );
		$this->assertSame( json_decode( (string) file_get_contents( AUTH_SENTINEL_ROOT . '/package.json' ), true )['version'], $fields['Stable tag'] );
		$this->assertSame( $plugin['Requires at least'], $fields['Requires at least'] );
		$this->assertSame( $plugin['Requires PHP'], $fields['Requires PHP'] );
		$this->assertSame( $plugin['License'], $fields['License'] );
		$this->assertTrue( version_compare( $fields['Tested up to'], $fields['Requires at least'], '>=' ), 'tested up to a version it supports' );
		$core = (string) @file_get_contents( AUTH_SENTINEL_ROOT . '/.wp-core/wp-includes/version.php' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- Absent before bin/wp-core.sh ran.
		if ( preg_match( "/wp_version = '(\d+\.\d+)/", $core, $m ) ) {
			$this->assertTrue( version_compare( $fields['Tested up to'], $m[1], '>=' ), "tested up to the WordPress the tests run ($m[1])" );
		}
	}

	/**
	 * The short description is plugin.php's, within WordPress.org's 150 characters.
	 */
	public function test_short_description(): void {
		$this->assertSame( self::plugin()['Description'], self::$readme['short'] );
		$this->assertLessThanOrEqual( 150, strlen( self::$readme['short'] ) );
	}

	/**
	 * The sections, in WordPress.org's order, with the questions people ask first and a
	 * changelog entry for this version.
	 */
	public function test_sections(): void {
		$sections = self::$readme['sections'];
		$this->assertSame( array( 'Description', 'Installation', 'Frequently Asked Questions', 'Screenshots', 'Changelog' ), array_keys( $sections ) );
		foreach ( $sections as $title => $text ) {
			$this->assertGreaterThan( 100, strlen( $text ), "$title says something" );
		}
		preg_match_all( '/^= (.+) =$/m', $sections['Frequently Asked Questions'], $questions );
		$this->assertContains( 'Why was my app signed out?', $questions[1] );
		$this->assertContains( 'Does it store tokens?', $questions[1] );
		$this->assertMatchesRegularExpression( '/^= ' . preg_quote( self::$readme['fields']['Stable tag'], '/' ) . ' =$/m', $sections['Changelog'], 'the changelog has the released version' );
		preg_match_all( '/^(\d+)\. \S/m', $sections['Screenshots'], $shots );
		$this->assertSame( range( 1, count( $shots[1] ) ), array_map( 'intval', $shots[1] ), 'screenshot captions numbered 1, 2, 3…' );
		$this->assertGreaterThanOrEqual( 3, count( $shots[1] ) );
	}
}
