<?php
/**
 * Forgets audit rows older than the retention setting.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Database\JobLock;
use AuthSentinel\Events\EventsRetention;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Prunes the audit trail on the daily pruning hook, within a time budget.
 *
 * @since 0.1.0
 */
class AuditRetention {

	/**
	 * The audit table.
	 *
	 * @var AuditRepository
	 */
	private $audit;

	/**
	 * Creates the pruning.
	 *
	 * @param AuditRepository $audit The audit table.
	 */
	public function __construct( AuditRepository $audit ) {
		$this->audit = $audit;
	}

	/**
	 * Deletes audit rows older than the retention setting; on one web node at a time
	 * (Database\JobLock): another that runs it meanwhile returns 0 at once.
	 *
	 * @return int Rows deleted.
	 */
	public function prune(): int {
		return (int) JobLock::run(
			'prune_audit',
			10 * MINUTE_IN_SECONDS,
			function (): int {
				$days   = max( 1, (int) Settings::get( 'audit_retention_days' ) );
				$result = $this->audit->prune( gmdate( 'Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS ) );
				if ( ! $result['done'] ) {
					EventsRetention::again();
				}
				return $result['deleted'];
			}
		);
	}
}
