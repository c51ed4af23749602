<?php
/**
 * The wp auth-sentinel command.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Audit\AuditRepository;
use AuthSentinel\Events\EventsRepository;
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
	 * Creates the command.
	 *
	 * @param EventsRepository $events The failures table.
	 * @param AuditRepository  $audit  The audit table.
	 */
	public function __construct( EventsRepository $events, AuditRepository $audit ) {
		$this->events = $events;
		$this->audit  = $audit;
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
		$before     = gmdate( 'Y-m-d H:i:s', time() - $event_days * DAY_IN_SECONDS );
		do {
			$result  = $this->events->prune( $before );
			$events += $result['deleted'];
		} while ( ! $result['done'] );

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
}
