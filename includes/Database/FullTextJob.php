<?php
/**
 * The full-text indexes of large tables, made in the background after the upgrade.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * Makes the full-text indexes that the schema upgrade left for later (FullTextIndex::ensure():
 * tables of more than FullTextIndex::INLINE_ROWS rows): one table per run of a WP-Cron event, one
 * node at a time (JobLock), the next table a minute later. A run that fails (the table's lock not
 * given within FullTextIndex::LOCK_WAIT, a full disk) is tried again later, TRIES times in all,
 * each time later; then the table is left without its index (searches still work, reading each
 * row) and Site Health says so. `wp auth-sentinel search-index --build` makes them at once from a
 * shell.
 *
 * Until a table has its index, FullText::ready() is false for it and its searches test each row
 * (FullText::way()): the same rows found, more slowly.
 *
 * @since 0.2.0
 */
final class FullTextJob {

	/**
	 * The cron hook.
	 */
	const HOOK = \AuthSentinel\Hooks::SEARCH_INDEX;

	/**
	 * The job's lock (JobLock).
	 */
	const LOCK = 'search_index';

	/**
	 * Seconds after which a run that did not release the lock is presumed dead: longer than an
	 * index of tens of millions of rows takes.
	 */
	const TTL = 2 * HOUR_IN_SECONDS;

	/**
	 * Runs in all for one table before it is left without an index.
	 */
	const TRIES = 5;

	/**
	 * Schedules the job (again), in a number of seconds.
	 *
	 * @param int $delay Seconds.
	 * @return void
	 */
	public static function schedule( int $delay ): void {
		// Cleared first: WP-Cron refuses a second event of a hook within ten minutes of the first.
		wp_clear_scheduled_hook( self::HOOK );
		wp_schedule_single_event( time() + max( 0, $delay ), self::HOOK );
	}

	/**
	 * The cron event: makes the index of the next table waiting for one.
	 *
	 * @return void
	 */
	public static function run(): void {
		$ran = JobLock::run(
			self::LOCK,
			self::TTL,
			static function (): bool {
				self::build_next();
				return true;
			}
		);
		if ( null === $ran && self::waiting() ) {
			// Another node makes an index now: look again later, in case it dies.
			self::schedule( 10 * MINUTE_IN_SECONDS );
		}
	}

	/**
	 * Makes every index still missing, now, in this process (the command line).
	 *
	 * @param callable(string, string): void $told Told each table's name and table before its index is made.
	 * @return array<string, string>|null The database's error by table name ('' when made); null when another process holds the job's lock.
	 */
	public static function build_all( callable $told ): ?array {
		if ( ! Engine::mysql() ) {
			return array();
		}
		return JobLock::run(
			self::LOCK,
			self::TTL,
			static function () use ( $told ): array {
				$done  = array();
				$state = FullTextIndex::stored();
				foreach ( array_keys( FullText::COLUMNS ) as $name ) {
					// Those waiting for the job, given up on, or left without one by an earlier version.
					if ( empty( $state['tables'][ $name ] ) ) {
						$told( $name, FullTextIndex::table( $name ) );
						$done[ $name ] = self::build( $name, true );
					}
				}
				return $done;
			}
		);
	}

	/**
	 * Makes the index of the first table waiting for one, then schedules what follows: the next
	 * table in a minute, the same again later after a failure, nothing when none waits.
	 *
	 * @return void
	 */
	private static function build_next(): void {
		$error = null;
		foreach ( (array) ( FullTextIndex::stored()['pending'] ?? array() ) as $name => $waiting ) {
			if ( (int) $waiting['tries'] < self::TRIES ) {
				// Scheduled again before the work: should this process die in it (a time limit, a
				// restart), the next run finds the index made, or tries again.
				self::schedule( ( (int) $waiting['tries'] + 1 ) * 10 * MINUTE_IN_SECONDS );
				$error = self::build( (string) $name, false );
				break;
			}
		}
		if ( ! self::waiting() ) {
			wp_clear_scheduled_hook( self::HOOK );
		} elseif ( '' === $error ) {
			self::schedule( MINUTE_IN_SECONDS );
		}
	}

	/**
	 * Makes one table's index and records the outcome.
	 *
	 * @param string $name 'events', 'audit' or 'sessions'.
	 * @param bool   $now  Whether it runs from the command line.
	 * @return string The database's error, '' when made.
	 */
	private static function build( string $name, bool $now ): string {
		if ( ! Engine::mysql() || ! isset( FullText::COLUMNS[ $name ] ) ) {
			return '';
		}
		if ( function_exists( 'set_time_limit' ) && false === strpos( (string) ini_get( 'disable_functions' ), 'set_time_limit' ) ) {
			set_time_limit( 0 ); // The statement's own wait is not PHP's time, but a slow server's may be.
		}
		$start = microtime( true );
		$error = FullTextIndex::has_index( FullTextIndex::table( $name ) ) ? '' : FullTextIndex::add_index( $name );
		$state = FullTextIndex::stored();
		if ( '' === $error ) {
			$state['tables'][ $name ] = true;
			$state['built'][ $name ]  = array(
				'at'      => time(),
				'seconds' => round( microtime( true ) - $start, 1 ),
			);
			unset( $state['pending'][ $name ] );
			FullTextIndex::store( $state );
			return '';
		}
		$tries                     = (int) ( $state['pending'][ $name ]['tries'] ?? 0 ) + 1;
		$state['pending'][ $name ] = array(
			'since' => (int) ( $state['pending'][ $name ]['since'] ?? time() ),
			'tries' => $now ? 0 : $tries,
			'error' => $error,
		);
		FullTextIndex::store( $state );
		return $error;
	}

	/**
	 * Tells whether a table still waits for the job (not given up on).
	 *
	 * @return bool
	 */
	private static function waiting(): bool {
		foreach ( (array) ( FullTextIndex::stored()['pending'] ?? array() ) as $waiting ) {
			if ( (int) $waiting['tries'] < self::TRIES ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the state of each table's index, for Site Health and the command line, and
	 * schedules the job again if a table waits for it and its event was lost.
	 *
	 * @return array<string, array{table: string, state: string, since: int, at: int, seconds: float, tries: int, error: string}>
	 *         By table name; state: ready, building, failed (given up after TRIES runs) or none
	 *         (SQLite: no full-text index).
	 */
	public static function status(): array {
		$state = FullTextIndex::stored();
		$out   = array();
		foreach ( array_keys( FullText::COLUMNS ) as $name ) {
			$waiting      = $state['pending'][ $name ] ?? null;
			$built        = $state['built'][ $name ] ?? null;
			$out[ $name ] = array(
				'table'   => FullTextIndex::table( $name ),
				'state'   => ! empty( $state['tables'][ $name ] ) ? 'ready' : ( null === $waiting ? 'none' : ( (int) $waiting['tries'] < self::TRIES ? 'building' : 'failed' ) ),
				'since'   => (int) ( $waiting['since'] ?? 0 ),
				'at'      => (int) ( $built['at'] ?? 0 ),
				'seconds' => (float) ( $built['seconds'] ?? 0 ),
				'tries'   => (int) ( $waiting['tries'] ?? 0 ),
				'error'   => (string) ( $waiting['error'] ?? '' ),
			);
		}
		if ( self::waiting() && ! wp_next_scheduled( self::HOOK ) ) {
			self::schedule( MINUTE_IN_SECONDS );
		}
		return $out;
	}
}
