<?php
/**
 * Only the storage classes write SQL.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

/**
 * Repositories own SQL: `$wpdb` appears in the Database folder, the `*Repository` classes and
 * the session stores (the index, core's stored sessions, the not-before times, the token plugins'
 * own records) and nowhere else; the options written atomically go through one helper.
 */
class LayeringTest extends TestCase {

	/**
	 * The files allowed to use `$wpdb`, besides `includes/Database/*` and `*Repository.php`.
	 */
	const STORES = array(
		'Sessions/SessionIndex.php',
		'Sessions/SessionListing.php',
		'Sessions/SessionStore.php',
		'Sessions/NotBefore.php',
		'Sessions/IssuerSessions.php',
	);

	/**
	 * Lists the plugin's PHP files, relative to includes/.
	 *
	 * @return string[]
	 */
	private static function files(): array {
		$root  = dirname( __DIR__, 2 ) . '/includes/';
		$files = array();
		$walk  = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $root, \FilesystemIterator::SKIP_DOTS ) );
		foreach ( $walk as $file ) {
			if ( 'php' === $file->getExtension() ) {
				$files[] = substr( $file->getPathname(), strlen( $root ) );
			}
		}
		sort( $files );
		return $files;
	}

	/**
	 * Lists the plugin's PHP files whose code matches a pattern, relative to includes/.
	 *
	 * @param string $pattern A regular expression.
	 * @return string[]
	 */
	private static function files_matching( string $pattern ): array {
		return array_values(
			array_filter(
				self::files(),
				static function ( string $file ) use ( $pattern ): bool {
					return 1 === preg_match( $pattern, (string) file_get_contents( dirname( __DIR__, 2 ) . '/includes/' . $file ) );
				}
			)
		);
	}

	/**
	 * No domain class outside the stores touches the database handle.
	 */
	public function test_only_stores_use_wpdb(): void {
		$this->assertGreaterThan( 80, count( self::files() ), 'the plugin’s files are found' );
		$users   = self::files_matching( '/\$wpdb/' );
		$outside = array_values(
			array_filter(
				$users,
				static function ( string $file ): bool {
					return 0 !== strpos( $file, 'Database/' ) && ! preg_match( '/Repository\.php$/', $file ) && ! in_array( $file, self::STORES, true );
				}
			)
		);
		$this->assertSame( array(), $outside, 'only Database/, the repositories and the session stores use $wpdb' );
		$this->assertContains( 'Events/EventsRepository.php', $users, 'the check sees the files that do' );
	}

	/**
	 * The compare-and-swap and insert-if-absent statements on the options table are written once.
	 */
	public function test_atomic_option_writes_are_written_once(): void {
		$writers = self::files_matching( '/INSERT IGNORE INTO \{\$wpdb->options\}|UPDATE \{\$wpdb->options\}/' );
		$this->assertSame( array( 'Database/AtomicOption.php' ), $writers );
	}

	/**
	 * No class receives the container: only the composition root hands it around (the plugin,
	 * which makes it; `Wiring`, its factories; the command line's registration). A class takes
	 * its collaborators, or a typed provider for one it needs on some paths only.
	 */
	public function test_no_class_receives_the_container(): void {
		$takers = self::files_matching( '/[(,]\s*\??\s*[\w\\\\]*\bContainer\s+\$/' );
		$this->assertSame( array( 'Cli/Commands.php', 'Wiring.php' ), $takers );
	}
}
