<?php
/**
 * The documentation's links stay inside the repository.
 *
 * @package AuthSentinel
 */

use PHPUnit\Framework\TestCase;

/**
 * Every link and image of README.md, CONTRIBUTING.md and docs/*.md is either a web address or a
 * file of the repository that exists (an anchor, when given, names a heading of that file);
 * nothing points outside the checkout, such as the design notes beside it.
 */
class DocsLinksTest extends TestCase {

	/**
	 * The documents checked, relative to the repository.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function documents(): array {
		$files = array( 'README.md', 'CONTRIBUTING.md' );
		foreach ( glob( AUTH_SENTINEL_ROOT . '/docs/*.md' ) as $file ) {
			$files[] = 'docs/' . basename( $file );
		}
		$cases = array();
		foreach ( $files as $file ) {
			$cases[ $file ] = array( $file );
		}
		return $cases;
	}

	/**
	 * The anchors GitHub makes for a Markdown file's headings.
	 *
	 * @param string $file The file.
	 * @return string[]
	 */
	private static function anchors( string $file ): array {
		preg_match_all( '/^#{1,6}\s+(.+?)\s*#*$/m', (string) file_get_contents( $file ), $headings );
		return array_map(
			static function ( string $heading ): string {
				$heading = strtolower( preg_replace( '/[`*_]|\[([^\]]*)\]\([^)]*\)/', '$1', $heading ) );
				return str_replace( ' ', '-', preg_replace( '/[^\p{L}\p{N} _-]/u', '', $heading ) );
			},
			$headings[1]
		);
	}

	/**
	 * Every link of a document resolves inside the repository.
	 *
	 * @dataProvider documents
	 * @param string $document The document, relative to the repository.
	 */
	public function test_links_resolve_inside_the_repository( string $document ): void {
		$path = AUTH_SENTINEL_ROOT . '/' . $document;
		$text = (string) file_get_contents( $path );
		// Code blocks and spans are not links.
		$prose = preg_replace( array( '/^```.*?^```/ms', '/`[^`\n]*`/' ), '', $text );
		preg_match_all( '/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\[[^\]]+\]:\s*(\S+)/m', $prose, $links, PREG_SET_ORDER );
		$root = realpath( AUTH_SENTINEL_ROOT );
		foreach ( $links as $link ) {
			$target = '' !== ( $link[2] ?? '' ) ? $link[2] : $link[1];
			if ( preg_match( '#^(https?:|mailto:)#', $target ) ) {
				continue;
			}
			$this->assertDoesNotMatchRegularExpression( '#^(file:|/)#', $target, "$document: $target is a path of one machine" );
			list( $file, $anchor ) = array_pad( explode( '#', $target, 2 ), 2, '' );
			$resolved              = '' === $file ? $path : realpath( dirname( $path ) . '/' . rawurldecode( $file ) );
			$this->assertNotFalse( $resolved, "$document links $target, which does not exist" );
			$this->assertStringStartsWith( $root . '/', $resolved, "$document links $target, outside the repository" );
			$this->assertNotSame( '', trim( (string) shell_exec( 'git -C ' . escapeshellarg( $root ) . ' ls-files -- ' . escapeshellarg( substr( $resolved, strlen( $root ) + 1 ) ) ) ), "$document links $target, which git does not track (a fresh clone lacks it)" );
			if ( '' !== $anchor && is_file( $resolved ) && '.md' === substr( $resolved, -3 ) ) {
				$this->assertContains( $anchor, self::anchors( $resolved ), "$document links $target: no such heading" );
			}
		}
		// Nor does the text send readers to the design notes beside the checkout.
		preg_match_all( '#\S*(?:\.\./shared/|shared/design/)\S*#', $text, $outside );
		$this->assertSame( array(), $outside[0], "$document names files outside the repository" );
	}

	/**
	 * CONTRIBUTING.md is true to the code: its layout names every folder of includes/ (as git
	 * tracks it) and its table of checks every check bin/test.sh runs.
	 */
	public function test_contributing_names_every_folder_and_check(): void {
		$text    = (string) file_get_contents( AUTH_SENTINEL_ROOT . '/CONTRIBUTING.md' );
		$tracked = explode( "\n", trim( (string) shell_exec( 'git -C ' . escapeshellarg( AUTH_SENTINEL_ROOT ) . ' ls-files includes' ) ) );
		$folders = array_unique( array_filter( array_map( static fn( $file ) => 3 === count( explode( '/', $file ) ) ? explode( '/', $file )[1] : '', $tracked ) ) );
		$this->assertGreaterThanOrEqual( 14, count( $folders ) );
		foreach ( $folders as $folder ) {
			$this->assertStringContainsString( "| `includes/$folder/` |", $text, "CONTRIBUTING's layout names includes/$folder/" );
		}

		$script = (string) preg_replace( '/^\s*#.*$/m', '', (string) file_get_contents( AUTH_SENTINEL_ROOT . '/bin/test.sh' ) );
		preg_match_all( '/\b(?:check|record) ([a-z][a-z-]*) /', $script, $named );
		preg_match( '/for suite in ([a-z ]+); do/', $script, $loop );
		$checks = array_unique( array_merge( $named[1], explode( ' ', $loop[1] ?? '' ) ) );
		$this->assertGreaterThanOrEqual( 15, count( $checks ) );
		foreach ( $checks as $check ) {
			$this->assertMatchesRegularExpression( '/^\| `' . preg_quote( $check, '/' ) . '` \|/m', $text, "CONTRIBUTING's table of checks has $check" );
		}
	}
}
