<?php
/**
 * Ends everyone's credentials but the caller's current session.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Audit\Auditor;

defined( 'ABSPATH' ) || exit;

/**
 * "Revoke everyone" on a site, or on a whole network: every token issued before now is refused
 * first (a not-before time for the site or the network), then WCPOS's sessions, the token
 * plugins' refresh credentials, core's cookie sessions (in bulk, `SessionStore`; the caller's
 * own through core) and, if asked, application passwords; each step runs even when an earlier
 * one failed, the index rows of what ended end, and one audit row says what was and was not
 * ended. Built by the revoker, which keeps the caller's current credentials out.
 *
 * @since 0.1.0
 */
final class EveryoneRevocation {

	/**
	 * The index.
	 *
	 * @var SessionIndex
	 */
	private $index;

	/**
	 * The revocation in progress, for the trackers that hear core end credentials.
	 *
	 * @var RevocationContext
	 */
	private $context;

	/**
	 * The not-before times.
	 *
	 * @var NotBefore
	 */
	private $not_before;

	/**
	 * The token plugins' refresh credentials.
	 *
	 * @var IssuerSessions
	 */
	private $issuers;

	/**
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * Writes to the credentials' storage.
	 *
	 * @var CredentialStorage
	 */
	private $storage;

	/**
	 * Creates the revocation.
	 *
	 * @param SessionIndex      $index       The index.
	 * @param RevocationContext $context     The revocation in progress.
	 * @param NotBefore         $not_before  The not-before times.
	 * @param IssuerSessions    $issuers     The token plugins' refresh credentials.
	 * @param Auditor           $auditor     The audit trail.
	 * @param CredentialStorage $storage     Writes to the credentials' storage.
	 */
	public function __construct( SessionIndex $index, RevocationContext $context, NotBefore $not_before, IssuerSessions $issuers, Auditor $auditor, CredentialStorage $storage ) {
		$this->index      = $index;
		$this->context    = $context;
		$this->not_before = $not_before;
		$this->issuers    = $issuers;
		$this->auditor    = $auditor;
		$this->storage    = $storage;
	}

	/**
	 * Revokes everyone's credentials but the caller's current ones.
	 *
	 * @param int      $by                    Who revokes.
	 * @param bool     $application_passwords Whether application passwords go too.
	 * @param string   $keep_cookie           The verifier of the caller's cookie session, '' for none.
	 * @param string   $keep_app              The uuid of the caller's application password, '' for none.
	 * @param string[] $keep                  The fingerprints of both, which stay.
	 * @return array{revoked: array<string, int>, not_before: int}
	 * @throws RevocationFailed When a step is not confirmed; it lists what was and was not ended.
	 */
	public function revoke( int $by, bool $application_passwords, string $keep_cookie, string $keep_app, array $keep ): array {
		$counts = $this->index->count_by_type( array(), $keep );
		if ( ! $application_passwords ) {
			unset( $counts['app_password'] );
		}
		$steps = new RevocationSteps( $counts );

		$not_before = $this->context->during(
			'revoke_all',
			$by,
			$keep,
			function () use ( $steps, $by, $keep_cookie, $keep_app, $keep, $application_passwords ) {
				$at    = $steps->run(
					'token',
					function () use ( $by ) {
						return $this->not_before->site_not_before( $by, is_multisite() );
					}
				);
				$store = new SessionStore();
				$steps->run(
					'wcpos',
					function () use ( $store, $by ) {
						$store->delete_everyones( \AuthSentinel\Guards::WCPOS_META, $by );
					}
				);
				$steps->run(
					'refresh',
					function () use ( $by ) {
						return $this->issuers->end_all( $by );
					}
				);
				$steps->run(
					'cookie',
					function () use ( $store, $by, $keep_cookie ) {
						$store->delete_everyones( 'session_tokens', $by );
						// The caller's other sessions go through core's storage; the current one stays.
						$mine = SessionTokens::stored( $by );
						if ( ! SessionTokens::store( $by, '' !== $keep_cookie && isset( $mine[ $keep_cookie ] ) ? array( $keep_cookie => $mine[ $keep_cookie ] ) : array() ) ) {
							throw new \RuntimeException( 'A session is still stored.' );
						}
					}
				);
				if ( $application_passwords ) {
					$steps->run(
						'app_password',
						function () use ( $store, $keep_app ) {
							foreach ( $store->owners( \WP_Application_Passwords::USERMETA_KEY_APPLICATION_PASSWORDS ) as $owner ) {
								foreach ( \WP_Application_Passwords::get_user_application_passwords( $owner ) as $item ) {
									if ( $item['uuid'] !== $keep_app ) {
										$this->storage->end_app_password( $owner, (string) $item['uuid'] );
									}
								}
							}
						}
					);
				}
				$types = array_diff( SessionIndex::TYPES, $steps->failed_kinds(), $application_passwords ? array() : array( 'app_password' ) );
				if ( $types ) {
					$this->index->end( array( 'type' => array_values( $types ) ), 'revoke_all', $by, $keep );
				}
				return is_int( $at ) ? $at : 0;
			}
		);
		$this->auditor->record(
			'all_sessions_revoked',
			array_filter(
				array(
					'counts'  => $steps->ended(),
					'failed'  => $steps->left(),
					'network' => is_multisite(),
				)
			),
			0,
			$by
		);
		$steps->throw_if_failed( 'Some credentials could not be confirmed ended.' );
		return array(
			'revoked'    => $steps->ended(),
			'not_before' => (int) $not_before,
		);
	}
}
