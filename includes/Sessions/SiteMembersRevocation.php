<?php
/**
 * Ends the credentials of the members of one site of a network.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Audit\Auditor;

defined( 'ABSPATH' ) || exit;

/**
 * "Revoke everyone" on one site of a network: the members of the site (never network
 * administrators), one user at a time through `Revoker::revoke_user()`, audited once, with the
 * counts of every member added up. Built by the revoker when a revocation names a site.
 *
 * @since 0.1.0
 */
final class SiteMembersRevocation {

	/**
	 * Ends each member's credentials.
	 *
	 * @var Revoker
	 */
	private $revoker;

	/**
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * Creates the revocation.
	 *
	 * @param Revoker $revoker Ends each member's credentials.
	 * @param Auditor $auditor The audit trail.
	 */
	public function __construct( Revoker $revoker, Auditor $auditor ) {
		$this->revoker = $revoker;
		$this->auditor = $auditor;
	}

	/**
	 * Revokes the credentials of the members of one site of a network (never network
	 * administrators), one user at a time through Revoker::revoke_user(), then audits it once.
	 * A network administrator ends the members' every credential; a site administrator only what
	 * was created on the site, and their tokens on the site.
	 *
	 * @param int  $by                    Who revokes (their current session stays).
	 * @param bool $application_passwords Whether application passwords go too.
	 * @param int  $site                  The site.
	 * @param bool $everywhere            Whether the members' credentials of every site end.
	 * @return array{revoked: array<string, int>, not_before: int}
	 * @throws RevocationFailed When a member's credentials are not confirmed ended.
	 */
	public function revoke( int $by, bool $application_passwords, int $site, bool $everywhere ): array {
		$supers = array();
		foreach ( get_super_admins() as $login ) {
			$user = get_user_by( 'login', $login );
			if ( $user ) {
				$supers[] = (int) $user->ID;
			}
		}
		$ids    = array_map(
			'intval',
			get_users(
				array(
					'blog_id' => $site,
					'fields'  => 'ID',
					'exclude' => $supers,
				)
			)
		);
		$counts = array_fill_keys( SessionIndex::TYPES, 0 );
		$left   = array();
		$at     = time();
		foreach ( $ids as $user_id ) {
			try {
				$done = $this->revoker->revoke_user(
					$user_id,
					$by,
					'revoke_all',
					array(
						'application_passwords' => $application_passwords,
						'site'                  => $everywhere ? 0 : $site,
					)
				);
				$at   = $done['not_before'];
			} catch ( RevocationFailed $e ) {
				$done = array( 'revoked' => $e->ended );
				foreach ( $e->left as $kind => $n ) {
					$left[ $kind ] = ( $left[ $kind ] ?? 0 ) + $n;
				}
			}
			foreach ( $done['revoked'] as $type => $n ) {
				$counts[ $type ] = ( $counts[ $type ] ?? 0 ) + $n;
			}
		}
		if ( ! $application_passwords ) {
			unset( $counts['app_password'] );
		}
		$this->auditor->record(
			'all_sessions_revoked',
			array_filter(
				array(
					'counts' => $counts,
					'site'   => $site,
					'failed' => $left,
				)
			),
			0,
			$by
		);
		if ( $left ) {
			throw new RevocationFailed( 'Some members’ credentials could not be confirmed ended.', $counts, $left );
		}
		return array(
			'revoked'    => $counts,
			'not_before' => $at,
		);
	}
}
