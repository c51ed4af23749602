<?php
/**
 * Index bookkeeping that never breaks a sign-in.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * For the trackers: runs index bookkeeping, and swallows a failure so that sign-in goes on as
 * WordPress would have it.
 *
 * @since 0.1.0
 */
trait GuardedWrites {

	/**
	 * Runs bookkeeping; a failure is swallowed (and logged when debugging).
	 *
	 * @param callable $work The bookkeeping.
	 * @return void
	 */
	protected function guard( callable $work ): void {
		try {
			$work();
		} catch ( \Throwable $e ) {
			if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
				error_log( 'Auth Sentinel: could not index a session: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- Debug only.
			}
		}
	}
}
