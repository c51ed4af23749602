<?php
/**
 * Keeps the index in step with WordPress's application passwords.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Audit\Auditor;
use AuthSentinel\Events\Recorder;
use AuthSentinel\Http\Credentials;

defined( 'ABSPATH' ) || exit;

/**
 * Told of every application password created, renamed, used (its first use, then at most once
 * a day, as core records it) or deleted; writes the index and the audit trail. Every write is
 * guarded.
 *
 * @since 0.1.0
 */
class AppPasswordTracker {

	use GuardedWrites;

	/**
	 * The index.
	 *
	 * @var SessionIndex
	 */
	private $index;

	/**
	 * The fingerprints.
	 *
	 * @var CredentialFingerprints
	 */
	private $fingerprints;

	/**
	 * The revocation in progress, if any.
	 *
	 * @var RevocationContext
	 */
	private $context;

	/**
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * Creates the tracker.
	 *
	 * @param SessionIndex           $index        The index.
	 * @param CredentialFingerprints $fingerprints The fingerprints.
	 * @param RevocationContext      $context      The revocation in progress, if any.
	 * @param Auditor                $auditor      Writes the audit trail.
	 */
	public function __construct( SessionIndex $index, CredentialFingerprints $fingerprints, RevocationContext $context, Auditor $auditor ) {
		$this->index        = $index;
		$this->fingerprints = $fingerprints;
		$this->context      = $context;
		$this->auditor      = $auditor;
	}

	/**
	 * An application password was created (wp_create_application_password).
	 *
	 * @param int                  $user_id The user.
	 * @param array<string, mixed> $item    The new item (no password in it, only its hash).
	 * @return void
	 */
	public function created( $user_id, $item ): void {
		$this->guard(
			function () use ( $user_id, $item ) {
				if ( ! is_array( $item ) || empty( $item['uuid'] ) ) {
					return;
				}
				$this->index->upsert( $this->row( (int) $user_id, $item ) );
				$this->auditor->record( 'app_password_created', self::details( $item ), (int) $user_id );
			}
		);
	}

	/**
	 * An application password was renamed (wp_update_application_password).
	 *
	 * @param int                  $user_id The user.
	 * @param array<string, mixed> $item    The item.
	 * @return void
	 */
	public function updated( $user_id, $item ): void {
		$this->guard(
			function () use ( $user_id, $item ) {
				if ( is_array( $item ) && ! empty( $item['uuid'] ) ) {
					$this->index->upsert( $this->row( (int) $user_id, $item ) );
				}
			}
		);
	}

	/**
	 * An application password was deleted (wp_delete_application_password).
	 *
	 * @param int                  $user_id The user.
	 * @param array<string, mixed> $item    The item.
	 * @return void
	 */
	public function deleted( $user_id, $item ): void {
		$this->guard(
			function () use ( $user_id, $item ) {
				if ( ! is_array( $item ) || empty( $item['uuid'] ) ) {
					return;
				}
				$by     = $this->context->by();
				$reason = $this->context->reason( $by === (int) $user_id ? 'user' : 'admin' );
				$fp     = $this->fingerprints->app_password( (string) $item['uuid'] );
				if ( ! $this->index->find_fp( 'app_password', $fp ) ) {
					$this->index->upsert( $this->row( (int) $user_id, $item ) );
				}
				$this->index->end(
					array(
						'type' => 'app_password',
						'fp'   => $fp,
					),
					$reason,
					$by
				);
				$this->auditor->record( 'app_password_revoked', self::details( $item ) + array( 'reason' => $reason ), (int) $user_id, $by );
			}
		);
	}

	/**
	 * An application password signed a user in (application_password_did_authenticate; the hook
	 * table's guard lets through its first use, or its first in a day, when core writes too):
	 * its use, with the fingerprint of its secret so that a later failure with the same password
	 * can be told apart as revoked.
	 *
	 * @param \WP_User             $user The user.
	 * @param array<string, mixed> $item The item, as it was before this use.
	 * @return void
	 */
	public function used( $user, $item ): void {
		if ( ! $user instanceof \WP_User || ! is_array( $item ) || empty( $item['uuid'] ) ) {
			return;
		}
		$first = empty( $item['last_used'] );
		if ( ! $first && (int) $item['last_used'] + DAY_IN_SECONDS > time() ) {
			return; // Core wrote nothing either.
		}
		$this->guard(
			function () use ( $user, $item, $first ) {
				$basic    = Credentials::current()->basic();
				$password = null === $basic ? '' : $basic[1];
				$row      = $this->row( (int) $user->ID, $item );

				$row['last_seen']  = time();
				$row['ip']         = Recorder::client_ip();
				$row['user_agent'] = Recorder::user_agent();
				$row['secret_fp']  = '' === $password ? '' : $this->fingerprints->app_password_secret( $password );
				$this->index->upsert( $row );
				if ( $first ) {
					$this->auditor->record( 'app_password_first_used', self::details( $item ), (int) $user->ID, (int) $user->ID );
				}
			}
		);
	}

	/**
	 * Builds the index row of an application password.
	 *
	 * @param int                  $user_id The user.
	 * @param array<string, mixed> $item    Core's item.
	 * @return array<string, mixed>
	 */
	public function row( int $user_id, array $item ): array {
		return array(
			'type'      => 'app_password',
			'fp'        => $this->fingerprints->app_password( (string) $item['uuid'] ),
			'user_id'   => $user_id,
			'created'   => (int) ( $item['created'] ?? time() ),
			'expires'   => null,
			'last_seen' => empty( $item['last_used'] ) ? null : (int) $item['last_used'],
			'ip'        => (string) ( $item['last_ip'] ?? '' ),
			'label'     => (string) ( $item['name'] ?? '' ),
			'ref'       => (string) $item['uuid'],
		);
	}

	/**
	 * Returns the audit details of an application password.
	 *
	 * @param array<string, mixed> $item Core's item.
	 * @return array<string, string>
	 */
	private static function details( array $item ): array {
		return array(
			'uuid' => (string) ( $item['uuid'] ?? '' ),
			'name' => mb_substr( (string) ( $item['name'] ?? '' ), 0, 100 ),
		);
	}
}
