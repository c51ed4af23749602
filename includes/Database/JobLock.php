<?php
/**
 * A lock for scheduled jobs that several web nodes may run at once.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

defined( 'ABSPATH' ) || exit;

/**
 * One row of the options table per job, taken by an insert-if-absent (AtomicOption): on a site
 * with several web nodes, each running `wp cron event run --due-now` from system cron (or WP-Cron
 * firing on two of them), one runs the job and the others return at once. MySQL's GET_LOCK() was
 * not used: it is per connection (a proxy or a replica set may not keep it) and SQLite has none.
 *
 * The row holds `expiry:holder`. A holder that died leaves it until the expiry; the next run
 * after that takes it over by a compare-and-swap on the value it read, so two late runs cannot
 * both take it. When a job run by cron (WP-Cron, or `wp cron event run`, which defines
 * DOING_CRON) is done, its holder keeps the row for a short rest (REST seconds) instead of
 * deleting it: the same due event started a few seconds later on another node (two system
 * crons are never in step) finds it done, rather than free, and does not run it again. Run
 * otherwise (activation, a test, a command), the holder deletes the row when done.
 *
 * @since 0.2.0
 */
final class JobLock {

	/**
	 * Prefix of the lock options (the job's name follows).
	 */
	const PREFIX = 'auth_sentinel_lock_';

	/**
	 * Seconds a finished job stays taken (shorter than the one-minute continuation of a pruning
	 * that ran out of time, so that the continuation runs).
	 */
	const REST = 30;

	/**
	 * Runs a job unless another process runs it now.
	 *
	 * @template T
	 * @param string        $job  The job's name (a few lowercase words).
	 * @param int           $ttl  Seconds after which a holder that did not release is presumed dead.
	 * @param callable(): T $work The job.
	 * @return T|null What the job returned; null when another process holds the lock.
	 */
	public static function run( string $job, int $ttl, callable $work ) {
		$held = self::acquire( $job, $ttl );
		if ( null === $held ) {
			return null;
		}
		try {
			return $work();
		} finally {
			// A swap or a delete on the value it wrote: only its holder releases it.
			if ( wp_doing_cron() ) {
				AtomicOption::swap( self::PREFIX . $job, $held, sprintf( '%010d:done', time() + self::REST ) );
			} else {
				AtomicOption::delete( self::PREFIX . $job, $held );
			}
		}
	}

	/**
	 * Takes the lock; the stored value (to release it with) or null when another holds it.
	 *
	 * @param string $job The job's name.
	 * @param int    $ttl Seconds.
	 * @return string|null
	 */
	public static function acquire( string $job, int $ttl ): ?string {
		$name  = self::PREFIX . $job;
		$now   = time();
		$value = sprintf( '%010d:%s', $now + max( 1, $ttl ), bin2hex( random_bytes( 8 ) ) );
		for ( $attempt = 0; $attempt < 2; $attempt++ ) {
			$inserted = AtomicOption::insert( $name, $value, false );
			if ( true === $inserted ) {
				return $value;
			}
			if ( null === $inserted ) {
				return null; // The options table failed: do nothing rather than twice.
			}
			$seen = AtomicOption::read( $name );
			if ( null === $seen ) {
				continue; // Released between the two statements: try again.
			}
			if ( (int) substr( $seen, 0, 10 ) > $now ) {
				return null; // Held.
			}
			return AtomicOption::swap( $name, $seen, $value ) ? $value : null; // Expired: one late run takes it.
		}
		return null;
	}
}
