<?php
/**
 * Keeps the index in step with WordPress's cookie sessions.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Audit\Auditor;
use AuthSentinel\Events\ClientName;
use AuthSentinel\Events\Recorder;
use AuthSentinel\Guards;

defined( 'ABSPATH' ) || exit;

/**
 * Told of every cookie session saved or destroyed (by SessionTokens, core's own storage with a
 * voice), of a session being created, and of a valid cookie whose last use is due; writes the
 * index and the audit trail. Nothing here may break a sign-in: every write is guarded.
 *
 * @since 0.1.0
 */
class CookieTracker {

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
	 * Whether core is creating a session (attach_session_information ran).
	 *
	 * @var bool
	 */
	private $creating = false;

	/**
	 * Cookie sessions whose last use this request already handled.
	 *
	 * @var array<string, bool>
	 */
	private $touched = array();

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
	 * Notes that core is creating a session (attach_session_information filter).
	 *
	 * @param mixed $info The session's extra information.
	 * @return mixed Unchanged.
	 */
	public function creating( $info ) {
		$this->creating = true;
		return $info;
	}

	/**
	 * A cookie session was saved or destroyed.
	 *
	 * @param int                       $user_id  The user.
	 * @param string                    $verifier Its verifier.
	 * @param array<string, mixed>|null $session  The session; null when destroyed.
	 * @return void
	 */
	public function changed( int $user_id, string $verifier, ?array $session ): void {
		$this->guard(
			function () use ( $user_id, $verifier, $session ) {
				$fp = $this->fingerprints->cookie( $verifier );
				if ( null !== $session ) {
					$this->saved( $user_id, $fp, $session );
					return;
				}
				$own    = CredentialFingerprints::current_verifier() === $verifier;
				$reason = $this->context->reason( $own ? 'signed_out' : 'user' );
				$by     = $this->context->by();
				$row    = $this->index->find_fp( 'cookie', $fp );
				$ended  = $this->index->end(
					array(
						'fp'   => $fp,
						'type' => 'cookie',
					),
					$reason,
					$by
				);
				if ( $ended > 0 && ! $this->context->active() ) {
					$this->auditor->record(
						'signed_out' === $reason ? 'sign_out' : 'session_revoked',
						array(
							'session' => $row ? (int) $row['id'] : 0,
							'type'    => 'cookie',
							'reason'  => $reason,
						),
						$user_id,
						$by
					);
				}
			}
		);
	}

	/**
	 * A session was saved: indexed, and audited when it was just created.
	 *
	 * @param int                  $user_id The user.
	 * @param string               $fp      Its fingerprint.
	 * @param array<string, mixed> $session Core's session array.
	 * @return void
	 */
	private function saved( int $user_id, string $fp, array $session ): void {
		$created        = $this->creating;
		$this->creating = false;
		$this->index->upsert( $this->row( $user_id, $fp, $session ) );
		if ( ! $created ) {
			return;
		}
		$row = $this->index->find_fp( 'cookie', $fp );
		$this->auditor->record(
			'session_created',
			array(
				'session' => $row ? (int) $row['id'] : 0,
				'type'    => 'cookie',
				'client'  => ClientName::describe( (string) ( $session['ua'] ?? '' ) ),
				'expires' => (int) ( $session['expiration'] ?? 0 ),
			),
			$user_id,
			$user_id
		);
		/**
		 * Fires after a cookie session was created and indexed.
		 *
		 * @since 0.1.0
		 *
		 * @param int    $user_id The user.
		 * @param string $fp      The session's fingerprint.
		 */
		do_action( 'auth_sentinel_session_created', $user_id, $fp );
	}

	/**
	 * Every cookie session of a user ended, but maybe one.
	 *
	 * @param int         $user_id       The user.
	 * @param string|null $keep_verifier The one kept, null for none.
	 * @return void
	 */
	public function all_of_user_ended( int $user_id, ?string $keep_verifier ): void {
		$this->guard(
			function () use ( $user_id, $keep_verifier ) {
				$keep   = null === $keep_verifier ? array() : array( $this->fingerprints->cookie( $keep_verifier ) );
				$keep   = array_merge( $keep, $this->context->keep() );
				$by     = $this->context->by();
				$reason = $this->context->reason( $by === $user_id ? 'user' : 'admin' );
				$count  = $this->index->end(
					array(
						'user_id' => $user_id,
						'type'    => 'cookie',
					),
					$reason,
					$by,
					$keep
				);
				if ( $count > 0 && ! $this->context->active() ) {
					// Core's own "Log Out Everywhere (Else)" on the profile screen.
					$this->auditor->record(
						'user_sessions_revoked',
						array(
							'counts' => array( 'cookie' => $count ),
							'reason' => $reason,
						),
						$user_id,
						$by
					);
				}
			}
		);
	}

	/**
	 * Every cookie session of every user ended.
	 *
	 * @return void
	 */
	public function everyone_ended(): void {
		$this->guard(
			function () {
				$this->index->end( array( 'type' => 'cookie' ), $this->context->reason( 'revoke_all' ), $this->context->by(), $this->context->keep() );
			}
		);
	}

	/**
	 * Moves a valid cookie session's last use forward (auth_cookie_valid; the hook table's guard
	 * lets through only a session whose last use is older than Guards::SEEN_EVERY, read from
	 * core's own session array, which the request has already loaded).
	 *
	 * @param array<string, mixed> $elements The cookie's parts.
	 * @param \WP_User|mixed       $user     Its user.
	 * @return void
	 */
	public function cookie_valid( $elements, $user ): void {
		if ( ! is_array( $elements ) || empty( $elements['token'] ) || ! $user instanceof \WP_User ) {
			return;
		}
		$token = (string) $elements['token'];
		if ( isset( $this->touched[ $token ] ) ) {
			return;
		}
		$this->touched[ $token ] = true;
		$this->guard(
			function () use ( $token, $user ) {
				$manager = \WP_Session_Tokens::get_instance( $user->ID );
				$session = $manager->get( $token );
				if ( ! is_array( $session ) ) {
					return;
				}
				$seen = (int) ( $session['last_seen'] ?? $session['login'] ?? 0 );
				if ( time() - $seen < Guards::SEEN_EVERY ) {
					return;
				}
				$session['last_seen'] = time();
				$session['last_ip']   = Recorder::client_ip();
				$manager->update( $token, $session );
			}
		);
	}

	/**
	 * Builds the index row of a cookie session.
	 *
	 * @param int                  $user_id The user.
	 * @param string               $fp      Its fingerprint.
	 * @param array<string, mixed> $session Core's session array.
	 * @return array<string, mixed>
	 */
	public function row( int $user_id, string $fp, array $session ): array {
		$login = (int) ( $session['login'] ?? time() );
		return array(
			'type'       => 'cookie',
			'fp'         => $fp,
			'user_id'    => $user_id,
			'created'    => $login,
			'expires'    => (int) ( $session['expiration'] ?? 0 ),
			'last_seen'  => (int) ( $session['last_seen'] ?? $login ),
			'ip'         => (string) ( $session['last_ip'] ?? $session['ip'] ?? '' ),
			'user_agent' => (string) ( $session['ua'] ?? '' ),
		);
	}
}
