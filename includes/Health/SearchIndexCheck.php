<?php
/**
 * Site Health: the full-text indexes that searches read.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Database\FullTextJob;

defined( 'ABSPATH' ) || exit;

/**
 * Tells the administrator when a search index is still being made in the background after an
 * upgrade (searches of that table work, reading each row), when it could not be made, and when
 * each was made. MariaDB and MySQL only: SQLite has no full-text index.
 *
 * @since 0.2.0
 */
class SearchIndexCheck {

	/**
	 * Runs the check.
	 *
	 * @return array<string, mixed> A Site Health result.
	 */
	public function run(): array {
		$test   = 'auth_sentinel_search_index';
		$status = FullTextJob::status();
		$now    = time();
		$lines  = array();
		$failed = false;
		$busy   = false;
		foreach ( $status as $table ) {
			$name = '<code>' . esc_html( $table['table'] ) . '</code>';
			switch ( $table['state'] ) {
				case 'building':
					$busy    = true;
					$lines[] = sprintf(
						/* translators: 1: a table name, 2: a date and how long ago. */
						__( 'Search index being built for %1$s, waiting since %2$s.', 'auth-sentinel' ),
						$name,
						esc_html( Result::when( $table['since'], $now ) )
					) . ( '' !== $table['error'] ? ' ' . sprintf(
						/* translators: %s: the database's error. */
						__( 'The last try failed: %s. It is tried again later.', 'auth-sentinel' ),
						esc_html( $table['error'] )
					) : '' );
					break;
				case 'none': // Not made by an earlier version, and not waiting for the job.
					$failed  = true;
					$lines[] = sprintf(
						/* translators: %s: a table name. */
						__( '%s has no search index.', 'auth-sentinel' ),
						$name
					);
					break;
				case 'failed':
					$failed  = true;
					$lines[] = sprintf(
						/* translators: 1: a table name, 2: a number of tries, 3: the database's error. */
						__( 'The search index of %1$s could not be built (%2$d tries): %3$s', 'auth-sentinel' ),
						$name,
						$table['tries'],
						esc_html( $table['error'] )
					);
					break;
				case 'ready':
					$lines[] = $table['at'] ? sprintf(
						/* translators: 1: a table name, 2: a date and how long ago, 3: seconds. */
						__( 'Search index of %1$s built %2$s, in %3$s s.', 'auth-sentinel' ),
						$name,
						esc_html( Result::when( $table['at'], $now ) ),
						esc_html( number_format_i18n( $table['seconds'], 1 ) )
					) : sprintf(
						/* translators: %s: a table name. */
						__( 'Search index of %s built.', 'auth-sentinel' ),
						$name
					);
					break;
			}
		}
		$list = '<ul><li>' . implode( '</li><li>', $lines ) . '</li></ul>';
		if ( ! $busy && ! $failed ) {
			return Result::make(
				$test,
				'good',
				__( 'Auth Sentinel’s search indexes are built', 'auth-sentinel' ),
				array( __( 'Searches of the failures, the audit log and the sessions read their full-text indexes.', 'auth-sentinel' ), $list ),
				'errors',
				__( 'Open Errors', 'auth-sentinel' )
			);
		}
		return Result::make(
			$test,
			'recommended',
			$failed ? __( 'Auth Sentinel could not build a search index', 'auth-sentinel' ) : __( 'Auth Sentinel’s search index is being built', 'auth-sentinel' ),
			array(
				$list,
				__( 'Until it exists, searches of that table still find the same rows, but read every row to do so: slower on a large site. Recording failures is not affected, except that a failure recorded while the index is being written may be dropped after a one-second wait.', 'auth-sentinel' ),
				$failed
					? __( 'Build it from a shell, where no time limit applies, and see the database’s answer:', 'auth-sentinel' )
					: __( 'A background task builds one table at a time. On a large site you can build it now from a shell instead:', 'auth-sentinel' ),
				'<pre><code>wp auth-sentinel search-index --build</code></pre>',
			),
			'errors',
			__( 'Open Errors', 'auth-sentinel' )
		);
	}
}
