<?php
/**
 * Ends credentials: one, all of a user's, everyone's.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Audit\Auditor;

defined( 'ABSPATH' ) || exit;

/**
 * Decides what a revocation ends and in which order: one credential, every credential of a user,
 * everyone's (`EveryoneRevocation`; a site's members: `SiteMembersRevocation`). It refuses stateless tokens (deny list,
 * not-before times), ends what is stored (`CredentialStorage`: core's session meta, application
 * passwords, WCPOS's session meta; the token plugins' refresh credentials through
 * `IssuerSessions`), ends the index rows and writes the audit trail.
 *
 * Fails closed and says so: the refusals of stateless tokens are written first (so that every
 * token is refused even if a later step fails), every write is read back, each step runs even
 * when an earlier one failed, and anything storage does not confirm ends in a RevocationFailed
 * that lists what was ended and what was not. A credential created after the revocation began
 * (a sign-in during "revoke everyone") is left alone: it was not there to revoke.
 *
 * @since 0.1.0
 */
class Revoker {

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
	 * The revocation in progress, for the trackers that hear core end credentials.
	 *
	 * @var RevocationContext
	 */
	private $context;

	/**
	 * Token refusals.
	 *
	 * @var Revocations
	 */
	private $revocations;

	/**
	 * The not-before times.
	 *
	 * @var NotBefore
	 */
	private $not_before;

	/**
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * The token plugins' refresh credentials.
	 *
	 * @var IssuerSessions
	 */
	private $issuers;

	/**
	 * The storage writer, once made.
	 *
	 * @var CredentialStorage|null
	 */
	private $storage;

	/**
	 * Creates the revoker.
	 *
	 * @param SessionIndex           $index        The index.
	 * @param CredentialFingerprints $fingerprints The fingerprints.
	 * @param RevocationContext      $context      The revocation in progress.
	 * @param Revocations            $revocations  Token refusals.
	 * @param NotBefore              $not_before   The not-before times.
	 * @param Auditor                $auditor      The audit trail.
	 * @param IssuerSessions         $issuers      The token plugins' refresh credentials.
	 */
	public function __construct( SessionIndex $index, CredentialFingerprints $fingerprints, RevocationContext $context, Revocations $revocations, NotBefore $not_before, Auditor $auditor, IssuerSessions $issuers ) {
		$this->index        = $index;
		$this->fingerprints = $fingerprints;
		$this->context      = $context;
		$this->revocations  = $revocations;
		$this->not_before   = $not_before;
		$this->auditor      = $auditor;
		$this->issuers      = $issuers;
	}

	/**
	 * Returns the writer of core's and the issuers' credential storage, made on first use (so
	 * that building the revoker, as the policies do on every sign-in, loads no more than it did).
	 *
	 * @return CredentialStorage
	 */
	private function storage(): CredentialStorage {
		if ( null === $this->storage ) {
			$this->storage = new CredentialStorage( $this->fingerprints, $this->revocations );
		}
		return $this->storage;
	}

	/**
	 * Returns the fingerprints of the caller's own credentials, which a revocation leaves alone.
	 *
	 * @param string $cookie The verifier of the caller's cookie session, '' for none.
	 * @param string $app    The uuid of the caller's application password, '' for none.
	 * @return string[]
	 */
	private function kept( string $cookie, string $app ): array {
		return array_values(
			array_filter(
				array(
					'' === $cookie ? '' : $this->fingerprints->cookie( $cookie ),
					'' === $app ? '' : $this->fingerprints->app_password( $app ),
				)
			)
		);
	}

	/**
	 * Revokes one credential.
	 *
	 * @param array<string, mixed> $row    Its index row (active).
	 * @param int                  $by     Who revokes.
	 * @param string               $reason Why (admin, user, limit…).
	 * @return void
	 * @throws RevocationFailed When storage still holds the credential afterwards, or holds nothing
	 *                          this row stands for (then nothing was revoked and the row stays).
	 */
	public function revoke( array $row, int $by, string $reason = 'admin' ): void {
		$user_id = (int) $row['user_id'];
		$fp      = (string) $row['fp'];
		$type    = (string) $row['type'];
		$expires = null === $row['expires'] ? 0 : (int) strtotime( $row['expires'] . ' UTC' );
		try {
			$this->context->during(
				$reason,
				$by,
				array(),
				function () use ( $row, $user_id, $fp, $type, $expires, $by, $reason ) {
					switch ( $type ) {
						case 'cookie':
							$this->storage()->end_cookie( $user_id, $fp );
							break;
						case 'app_password':
							$this->storage()->end_app_password( $user_id, (string) $row['ref'] );
							break;
						case 'wcpos':
							$jti = (string) $row['ref'];
							$this->revocations->deny( $user_id, $this->revocations->jti_key( $jti ), $expires, $by, $reason );
							$this->storage()->end_wcpos_sessions( $user_id, array( $jti ) );
							break;
						case 'token':
							$keys = array( $fp => $expires );
							if ( '' !== (string) $row['ref'] ) {
								$keys[ $this->revocations->jti_key( (string) $row['ref'] ) ] = $expires;
							}
							$this->revocations->deny_many( $user_id, $keys, $by, $reason );
							break;
					}
					$this->index->end( array( 'id' => (int) $row['id'] ), $reason, $by );
				}
			);
		} catch ( RevocationFailed $e ) {
			throw $e;
		} catch ( \Throwable $e ) {
			throw new RevocationFailed( $e->getMessage(), array(), array( $type => 1 ) );
		}
		$this->auditor->record(
			'session_revoked',
			array(
				'session' => (int) $row['id'],
				'type'    => $type,
				'reason'  => $reason,
				'label'   => (string) $row['label'],
				'client'  => \AuthSentinel\Events\ClientName::describe( (string) $row['user_agent'] ),
			),
			$user_id,
			$by
		);
	}

	/**
	 * Revokes every credential of one user: every token issued before now (first), WCPOS
	 * sessions, the token plugins' refresh credentials, cookie sessions and application passwords.
	 *
	 * With `site` (a site administrator of a network), only what was created on that site ends,
	 * and the user's tokens are refused on that site only; the token plugins' refresh credentials,
	 * which mint tokens for any site, end anyway.
	 *
	 * @param int                                             $user_id The user.
	 * @param int                                             $by      Who revokes.
	 * @param string                                          $reason  Why: admin, user, policy_password, policy_email, policy_role, revoke_all.
	 * @param array{application_passwords?: bool, site?: int} $options What to include (application passwords by default), and where.
	 * @return array{revoked: array<string, int>, not_before: int}
	 * @throws RevocationFailed When a step is not confirmed; it lists what was and was not ended.
	 */
	public function revoke_user( int $user_id, int $by, string $reason = 'admin', array $options = array() ): array {
		$with_apps   = $options['application_passwords'] ?? true;
		$site        = is_multisite() ? (int) ( $options['site'] ?? 0 ) : 0;
		$keep_cookie = $by === $user_id ? CredentialFingerprints::current_verifier() : '';
		$keep_app    = $by === $user_id ? self::current_app_password() : '';
		$keep        = $this->kept( $keep_cookie, $keep_app );
		$scope       = array( 'user_id' => $user_id ) + ( $site > 0 ? array( 'site_id' => $site ) : array() );
		$counts      = $this->index->count_by_type( $scope, $keep );
		if ( ! $with_apps ) {
			unset( $counts['app_password'] );
		}
		// On one site: only the credentials created there (their index rows say which).
		$only  = $site > 0 ? $this->index->active_on_site( $user_id, $site ) : null;
		$steps = new RevocationSteps( $counts );

		$not_before = $this->context->during(
			$reason,
			$by,
			$keep,
			function () use ( $steps, $user_id, $by, $reason, $site, $only, $keep_cookie, $keep_app, $keep, $with_apps, $scope ) {
				$at = $steps->run(
					'token',
					function () use ( $user_id, $by, $reason, $site ) {
						return $this->not_before->user_not_before( $user_id, $by, $reason, $site );
					}
				);
				$steps->run(
					'wcpos',
					function () use ( $user_id, $by, $reason, $only ) {
						$jtis = null === $only ? null : self::refs( $only, 'wcpos' );
						if ( null === $jtis || $jtis ) {
							$this->storage()->end_wcpos_sessions( $user_id, $jtis, $by, $reason );
						}
					}
				);
				$steps->run(
					'refresh',
					function () use ( $user_id ) {
						return $this->issuers->end_user( $user_id );
					}
				);
				$steps->run(
					'cookie',
					function () use ( $user_id, $keep_cookie, $only ) {
						$this->storage()->keep_cookies( $user_id, $keep_cookie, null === $only ? null : array_column( self::rows_of( $only, 'cookie' ), 'fp' ) );
					}
				);
				if ( $with_apps ) {
					$steps->run(
						'app_password',
						function () use ( $user_id, $keep_app, $only ) {
							$uuids = null === $only ? array_column( \WP_Application_Passwords::get_user_application_passwords( $user_id ), 'uuid' ) : self::refs( $only, 'app_password' );
							foreach ( $uuids as $uuid ) {
								if ( $uuid !== $keep_app ) {
									$this->storage()->end_app_password( $user_id, (string) $uuid );
								}
							}
						}
					);
				}
				$types = array_diff( SessionIndex::TYPES, $steps->failed_kinds(), $with_apps ? array() : array( 'app_password' ) );
				if ( $types ) {
					$this->index->end( $scope + array( 'type' => array_values( $types ) ), $reason, $by, $keep );
				}
				return is_int( $at ) ? $at : 0;
			}
		);
		$this->auditor->record(
			'user_sessions_revoked',
			array_filter(
				array(
					'counts' => $steps->ended(),
					'reason' => $reason,
					'site'   => $site,
					'failed' => $steps->left(),
				)
			),
			$user_id,
			$by
		);
		$steps->throw_if_failed( 'Some of the user’s credentials could not be confirmed ended.' );
		/**
		 * Fires after every credential of a user was revoked.
		 *
		 * @since 0.1.0
		 *
		 * @param int    $user_id The user.
		 * @param int    $by      Who.
		 * @param string $reason  Why.
		 */
		do_action( 'auth_sentinel_user_sessions_revoked', $user_id, $by, $reason );
		return array(
			'revoked'    => $steps->ended(),
			'not_before' => (int) $not_before,
		);
	}

	/**
	 * Returns the rows of one kind.
	 *
	 * @param array<int, array<string, mixed>> $rows Index rows.
	 * @param string                           $type The kind.
	 * @return array<int, array<string, mixed>>
	 */
	private static function rows_of( array $rows, string $type ): array {
		return array_values(
			array_filter(
				$rows,
				static function ( $row ) use ( $type ) {
					return $type === $row['type'];
				}
			)
		);
	}

	/**
	 * Returns the references (jti, uuid) of the rows of one kind.
	 *
	 * @param array<int, array<string, mixed>> $rows Index rows.
	 * @param string                           $type The kind.
	 * @return string[]
	 */
	private static function refs( array $rows, string $type ): array {
		return array_values( array_filter( array_map( 'strval', array_column( self::rows_of( $rows, $type ), 'ref' ) ) ) );
	}

	/**
	 * Revokes everyone's credentials but the caller's current session.
	 *
	 * On a network: a site administrator's "everyone" is the members of their site (never a
	 * network administrator), and of them only what was created on the site; a network
	 * administrator's is the members of one site (`$site`, all their credentials), or with `$site`
	 * 0 every user of the network, with a network-wide not-before time.
	 *
	 * @param int  $by                    Who revokes (their current session stays).
	 * @param bool $application_passwords Whether application passwords go too.
	 * @param int  $site                  Only the members of this site; 0 for everyone.
	 * @param bool $everywhere            With a site: end the members' credentials of every site.
	 * @return array{revoked: array<string, int>, not_before: int}
	 * @throws RevocationFailed When a step is not confirmed; it lists what was and was not ended.
	 */
	public function revoke_all( int $by, bool $application_passwords = true, int $site = 0, bool $everywhere = false ): array {
		if ( $site > 0 ) {
			return ( new SiteMembersRevocation( $this, $this->auditor ) )->revoke( $by, $application_passwords, $site, $everywhere );
		}
		$keep_cookie = CredentialFingerprints::current_verifier();
		$keep_app    = self::current_app_password();
		$everyone    = new EveryoneRevocation( $this->index, $this->context, $this->not_before, $this->issuers, $this->auditor, $this->storage() );
		return $everyone->revoke( $by, $application_passwords, $keep_cookie, $keep_app, $this->kept( $keep_cookie, $keep_app ) );
	}

	/**
	 * Returns the uuid of the application password this request signed in with, '' without one.
	 *
	 * @return string
	 */
	public static function current_app_password(): string {
		$uuid = function_exists( 'rest_get_authenticated_app_password' ) ? rest_get_authenticated_app_password() : null;
		return is_string( $uuid ) ? $uuid : '';
	}
}
