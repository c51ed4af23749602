<?php
/**
 * Forgets failures older than the retention setting.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Database\JobLock;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The daily pruning of the failures table, within a time budget; a backlog goes on a minute
 * later. The audit trail prunes on the same hook (Audit\AuditRetention).
 *
 * @since 0.1.0
 */
class EventsRetention {

	/**
	 * The daily pruning hook (failures and audit rows).
	 */
	const HOOK = \AuthSentinel\Hooks::PRUNE;

	/**
	 * The failures table.
	 *
	 * @var EventsRepository
	 */
	private $events;

	/**
	 * The statistics' rollup.
	 *
	 * @var RollupRepository
	 */
	private $rollup;

	/**
	 * Creates the pruning.
	 *
	 * @param EventsRepository $events The failures table.
	 * @param RollupRepository $rollup The statistics' rollup.
	 */
	public function __construct( EventsRepository $events, RollupRepository $rollup ) {
		$this->events = $events;
		$this->rollup = $rollup;
	}

	/**
	 * Deletes failures older than the retention setting, within a time budget; on one web node
	 * at a time (Database\JobLock): another that runs it meanwhile returns 0 at once.
	 *
	 * @return int Rows deleted.
	 */
	public function prune(): int {
		return (int) JobLock::run(
			'prune_events',
			10 * MINUTE_IN_SECONDS,
			function (): int {
				$days   = max( 1, (int) Settings::get( 'events_retention_days' ) );
				$before = time() - $days * DAY_IN_SECONDS;
				$result = $this->events->prune( gmdate( 'Y-m-d H:i:s', $before ) );
				// The buckets of the pruned period go with it (the day that straddles the limit is
				// computed again from what is left, when next asked for).
				$this->rollup->prune( intdiv( $before, HOUR_IN_SECONDS ) + 1 );
				if ( ! $result['done'] ) {
					self::again();
				}
				return $result['deleted'];
			}
		);
	}

	/**
	 * Runs the pruning once more in a minute (a backlog longer than one run may take).
	 *
	 * @return void
	 */
	public static function again(): void {
		// WordPress keeps one: the failures and the audit trail may both ask.
		wp_schedule_single_event( time() + MINUTE_IN_SECONDS, self::HOOK );
	}
}
