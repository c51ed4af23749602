<?php
/**
 * The wp auth-sentinel command.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Audit\AuditRepository;
use AuthSentinel\Database\Engine;
use AuthSentinel\Database\FullTextJob;
use AuthSentinel\Events\EventsRepository;
use AuthSentinel\Events\RollupRepository;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Inspects and manages Auth Sentinel's failures, secrets, sessions and audit.
 *
 * Every failed sign-in, cookie and token is recorded and diagnosed; changes of
 * the keys, salts and token secrets are noticed; every user's sessions can be
 * listed and revoked, and each revocation is audited.
 *
 * ## EXAMPLES
 *
 *     # What failed lately, and why.
 *     $ wp auth-sentinel events list --since="-1 day"
 *
 *     # Did the keys and salts change?
 *     $ wp auth-sentinel secrets status
 *
 *     # Sign one user out of everything.
 *     $ wp --user=admin auth-sentinel sessions revoke --account=maria
 *
 *     # The POS app shows API02003: what does it mean?
 *     $ wp auth-sentinel catalog get API02003
 *
 *     # After an upgrade on a large site: build the search index now.
 *     $ wp auth-sentinel search-index --build
 *
 * @since 0.1.0
 */
class MainCommand extends Command {

	/**
	 * The failures table.
	 *
	 * @var EventsRepository
	 */
	private $events;

	/**
	 * The audit table.
	 *
	 * @var AuditRepository
	 */
	private $audit;

	/**
	 * The statistics' rollup.
	 *
	 * @var RollupRepository
	 */
	private $rollup;

	/**
	 * Creates the command.
	 *
	 * @param EventsRepository $events The failures table.
	 * @param AuditRepository  $audit  The audit table.
	 * @param RollupRepository $rollup The statistics' rollup.
	 */
	public function __construct( EventsRepository $events, AuditRepository $audit, RollupRepository $rollup ) {
		$this->events = $events;
		$this->audit  = $audit;
		$this->rollup = $rollup;
	}

	/**
	 * Deletes failures and audit rows older than the retention settings.
	 *
	 * The same as the daily clean-up, run now and to the end: failures last seen
	 * more than the failure retention ago (90 days unless changed in Settings),
	 * audit rows older than the audit retention (365 days unless changed).
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel prune
	 *     Success: Deleted 120 failures (older than 90 days) and 45 audit rows (older than 365 days).
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function prune( $args, $assoc_args ): void {
		$event_days = max( 1, (int) Settings::get( 'events_retention_days' ) );
		$audit_days = max( 1, (int) Settings::get( 'audit_retention_days' ) );
		$events     = 0;
		$cutoff     = time() - $event_days * DAY_IN_SECONDS;
		$before     = gmdate( 'Y-m-d H:i:s', $cutoff );
		do {
			$result  = $this->events->prune( $before );
			$events += $result['deleted'];
		} while ( ! $result['done'] );
		// The statistics' buckets of the pruned period go with it, as in the daily clean-up
		// (Events\EventsRetention::prune()).
		$this->rollup->prune( intdiv( $cutoff, HOUR_IN_SECONDS ) + 1 );

		$audit  = 0;
		$before = gmdate( 'Y-m-d H:i:s', time() - $audit_days * DAY_IN_SECONDS );
		do {
			$result = $this->audit->prune( $before );
			$audit += $result['deleted'];
		} while ( ! $result['done'] );

		\WP_CLI::success(
			sprintf(
				'Deleted %d %s (older than %d days) and %d audit %s (older than %d days).',
				$events,
				1 === $events ? 'failure' : 'failures',
				$event_days,
				$audit,
				1 === $audit ? 'row' : 'rows',
				$audit_days
			)
		);
	}

	/**
	 * Shows the state of the search indexes, or builds those still missing now.
	 *
	 * On MariaDB and MySQL the failures, audit log and sessions each have a full-text index
	 * that searches read. The upgrade makes it at once for a table of up to 50,000 rows; a
	 * larger table's is built by a background task (WP-Cron), one table at a time, and until
	 * then its searches read every row. `--build` builds them now, in this shell, where no web
	 * server's time limit applies: about 20 seconds per million failures, during which failures
	 * recorded on that table wait up to a second and may be dropped.
	 *
	 * ## OPTIONS
	 *
	 * [--build]
	 * : Build every index still missing now, and wait for it.
	 *
	 * [--format=<format>]
	 * : Output format of the state.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel search-index
	 *     $ wp auth-sentinel search-index --build
	 *     Building the search index of wp_auth_sentinel_events...
	 *     Success: Search index built for wp_auth_sentinel_events in 19.7 s.
	 *
	 * @subcommand search-index
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function search_index( $args, $assoc_args ): void {
		if ( ! Engine::mysql() ) {
			\WP_CLI::success( 'This database (SQLite) has no full-text index: searches read every row.' );
			return;
		}
		if ( ! empty( $assoc_args['build'] ) ) {
			$built = FullTextJob::build_all(
				static function ( string $name, string $table ): void {
					\WP_CLI::log( sprintf( 'Building the search index of %s...', $table ) );
				}
			);
			if ( null === $built ) {
				\WP_CLI::error( 'Another process is building the search index now (or finished a moment ago). Try again in a minute, or see its state: wp auth-sentinel search-index' );
			}
			$status = FullTextJob::status();
			$failed = false;
			foreach ( (array) $built as $name => $error ) {
				if ( '' === $error ) {
					\WP_CLI::success( sprintf( 'Search index built for %s in %.1f s.', $status[ $name ]['table'], $status[ $name ]['seconds'] ) );
				} else {
					\WP_CLI::warning( sprintf( 'The search index of %s could not be built: %s', $status[ $name ]['table'], $error ) );
					$failed = true;
				}
			}
			if ( $failed ) {
				\WP_CLI::halt( 1 );
			}
			if ( ! $built ) {
				\WP_CLI::success( 'Every search index is built already.' );
			}
			return;
		}
		$rows = array();
		foreach ( FullTextJob::status() as $table ) {
			$rows[] = array(
				'table'   => $table['table'],
				'state'   => array(
					'ready'    => 'built',
					'building' => 'being built',
					'failed'   => 'failed',
				)[ $table['state'] ] ?? 'none',
				'since'   => $table['since'] ? self::iso( $table['since'] ) : '',
				'built'   => $table['at'] ? self::iso( $table['at'] ) : '',
				'seconds' => $table['at'] ? $table['seconds'] : '',
				'tries'   => $table['tries'],
				'error'   => $table['error'],
			);
		}
		\WP_CLI\Utils\format_items( (string) ( $assoc_args['format'] ?? 'table' ), $rows, array( 'table', 'state', 'since', 'built', 'seconds', 'tries', 'error' ) );
	}
}
