<?php
/**
 * Writes audit rows with the request's context.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Events\Recorder;

defined( 'ABSPATH' ) || exit;

/**
 * The one way the plugin's domains append to the audit trail: fills in the acting user, the
 * client's address (anonymised when the settings ask) and user agent, and never throws.
 *
 * @since 0.1.0
 */
class Auditor {

	/**
	 * The audit table.
	 *
	 * @var AuditRepository
	 */
	private $repository;

	/**
	 * Creates the auditor.
	 *
	 * @param AuditRepository $repository The audit table.
	 */
	public function __construct( AuditRepository $repository ) {
		$this->repository = $repository;
	}

	/**
	 * Returns the audit table.
	 *
	 * @return AuditRepository
	 */
	public function repository(): AuditRepository {
		return $this->repository;
	}

	/**
	 * Appends one row; a failed write is swallowed (bookkeeping never breaks the action).
	 *
	 * @param string               $action    What happened, e.g. session_revoked.
	 * @param array<string, mixed> $details   Non-secret details.
	 * @param int                  $target_id Whose account it concerns; 0 for none.
	 * @param int|null             $actor_id  Who did it; null for the current user, 0 for the system.
	 * @return int The row's id, 0 when nothing was written.
	 */
	public function record( string $action, array $details = array(), int $target_id = 0, ?int $actor_id = null ): int {
		try {
			$actor = null === $actor_id ? get_current_user_id() : $actor_id;
			$id    = $this->repository->add(
				$action,
				$details,
				$actor,
				$target_id,
				Recorder::client_ip(),
				Recorder::user_agent()
			);
			if ( $id > 0 ) {
				/**
				 * Fires after an audit row was written.
				 *
				 * @since 0.1.0
				 *
				 * @param string $action    The action.
				 * @param array  $details   Its details.
				 * @param int    $target_id The user it concerns.
				 * @param int    $id        The row id.
				 * @param int    $actor     Who did it, 0 for the site itself.
				 */
				do_action( 'auth_sentinel_audited', $action, $details, $target_id, $id, $actor );
			}
			return $id;
		} catch ( \Throwable $e ) {
			unset( $e );
			return 0;
		}
	}
}
