<?php
/**
 * After the whole suite: no raw credential the tests sent is anywhere the plugin stores data.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests\Hygiene;

use AuthSentinel\Database\Schema;
use AuthSentinel\Tests\Fuzz\Fuzzer;

require_once dirname( __DIR__ ) . '/fuzz/Fuzzer.php';

/**
 * The test site's must-use plugin credential-witness.php wrote down every raw credential the
 * suite's requests carried — tokens in every form, cookies and their parts, passwords and
 * application passwords, the token plugins' secrets — and every set of keys and salts the site
 * had. This test dumps the database and looks for each of them:
 *
 * - in the plugin's tables, options, user meta and network options, and in the lines of the
 *   site's logs that concern the plugin: not one may appear;
 * - the keys and salts: not one may appear anywhere in the database.
 *
 * The token plugins keep their own secrets and refresh tokens in their own options, meta and
 * tables; those are theirs, not the plugin's, and are not searched for credentials.
 */
class DataHygieneTest extends \PHPUnit\Framework\TestCase {

	/**
	 * The values the witness wrote to a file, unique.
	 *
	 * @param string $file The file name beside wp-config.php.
	 * @return string[]
	 */
	private static function witnessed( string $file ): array {
		$path = AUTH_SENTINEL_TEST_SITE . '/' . $file;
		if ( ! is_readable( $path ) ) {
			return array();
		}
		$values = array();
		$handle = fopen( $path, 'r' );
		while ( false !== ( $line = fgets( $handle ) ) ) {
			$line = rtrim( $line, "\n" );
			if ( '' !== $line ) {
				$values[ $line ] = true;
			}
		}
		fclose( $handle );
		return array_keys( $values );
	}

	/**
	 * Dumps tables (or some rows of them) with mysqldump, data only.
	 *
	 * @param string[]    $tables The tables.
	 * @param string|null $where  A condition on their rows.
	 * @return string
	 */
	private static function dump( array $tables, ?string $where = null ): string {
		list( , $socket ) = array_pad( explode( ':', DB_HOST, 2 ), 2, '' );
		$command          = sprintf(
			'mysqldump --no-create-info --skip-extended-insert --skip-comments --socket=%s -u %s %s %s %s 2>&1',
			escapeshellarg( (string) $socket ),
			escapeshellarg( DB_USER ),
			null === $where ? '' : '--where=' . escapeshellarg( $where ),
			escapeshellarg( DB_NAME ),
			implode( ' ', array_map( 'escapeshellarg', $tables ) )
		);
		return (string) shell_exec( $command );
	}

	/**
	 * Returns the values found in a text (grep -F: many fixed strings at once).
	 *
	 * @param string[] $values   The values.
	 * @param string   $haystack The text.
	 * @return string[]
	 */
	private static function found( array $values, string $haystack ): array {
		$patterns = tempnam( sys_get_temp_dir(), 'as-witnessed' );
		$text     = tempnam( sys_get_temp_dir(), 'as-dump' );
		file_put_contents( $patterns, implode( "\n", $values ) . "\n" );
		file_put_contents( $text, $haystack );
		$out = (string) shell_exec( sprintf( 'grep -a -o -F -f %s %s | sort -u', escapeshellarg( $patterns ), escapeshellarg( $text ) ) );
		unlink( $patterns );
		unlink( $text );
		return array_values( array_filter( explode( "\n", $out ), 'strlen' ) );
	}

	/**
	 * Nothing the plugin stores or logs holds a raw credential; no table holds a key or salt.
	 */
	public function test_no_raw_credential_is_stored(): void {
		if ( defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE ) {
			$this->markTestSkipped( 'Dumped with mysqldump.' );
		}
		global $wpdb;
		// The fuzzer's fixed strings go to credentials and to other fields alike (FuzzTest).
		$credentials = array_values( array_diff( self::witnessed( 'credentials-seen.txt' ), Fuzzer::fixed() ) );
		$salts       = self::witnessed( 'salts-seen.txt' );
		$this->assertGreaterThan( 10, count( $credentials ), 'the witness saw the suite’s credentials' );
		$this->assertNotEmpty( $salts, 'and the site’s keys and salts' );

		$tables = array_values( array_intersect( Schema::tables(), $wpdb->get_col( 'SHOW TABLES' ) ) );
		$this->assertCount( count( Schema::tables() ), $tables, 'every table of the plugin exists' );
		$ours = self::dump( $tables )
			. self::dump( array( $wpdb->options ), "option_name LIKE '%auth\\_sentinel%'" )
			. self::dump( array( $wpdb->usermeta ), "meta_key LIKE 'auth\\_sentinel%'" );
		if ( is_multisite() ) {
			$ours .= self::dump( array( $wpdb->sitemeta ), "meta_key LIKE 'auth\\_sentinel%'" );
		}
		$this->assertStringContainsString( 'INSERT INTO', $ours, 'the dump holds the plugin’s rows' );
		$ours_in_database = strlen( $ours );
		// What log forwarding wrote to its JSON-lines files (docs/logging.md) is the plugin's too.
		foreach ( (array) glob( AUTH_SENTINEL_TEST_SITE . '/wp-content/uploads/auth-sentinel-logs/*.jsonl*' ) as $file ) {
			$ours .= (string) file_get_contents( (string) $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- A local test file.
		}
		foreach ( array( 'debug.log', 'php-errors.log' ) as $log ) {
			$path = AUTH_SENTINEL_TEST_SITE . '/' . $log;
			if ( is_readable( $path ) ) {
				$ours .= implode( "\n", preg_grep( '/auth.?sentinel/i', (array) file( $path ) ) );
			}
		}

		// The search itself works: a credential planted in a copy of the dump is found.
		$planted = $credentials[ intdiv( count( $credentials ), 2 ) ];
		$this->assertSame( array( $planted ), self::found( array( $planted ), $ours . "\n('" . $planted . "')" ) );

		$leaked = self::found( $credentials, $ours );
		$this->assertSame( array(), $leaked, sprintf( '%d of %d raw credentials are in the plugin’s data', count( $leaked ), count( $credentials ) ) );

		$everything = self::dump( $wpdb->get_col( 'SHOW TABLES' ) );
		$this->assertGreaterThan( $ours_in_database, strlen( $everything ), 'the whole database holds at least the plugin’s rows' );
		$this->assertSame( array(), self::found( $salts, $everything ), 'no key or salt is anywhere in the database' );
		fwrite( STDERR, sprintf( "\ndata hygiene: %d raw credentials and %d keys and salts looked for in %d KB of the plugin's data and %d KB of database: none found\n", count( $credentials ), count( $salts ), strlen( $ours ) / 1024, strlen( $everything ) / 1024 ) );
	}
}
