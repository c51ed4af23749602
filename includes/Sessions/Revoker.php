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
 * Revokes credentials where they live (core's session meta, application passwords, WCPOS's
 * session meta) and refuses stateless tokens (deny list, not-before times). Fails closed: a
 * revocation that cannot be confirmed in storage throws, and the index row stays active.
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
	 * The tracker.
	 *
	 * @var Tracker
	 */
	private $tracker;

	/**
	 * Token refusals.
	 *
	 * @var Revocations
	 */
	private $revocations;

	/**
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * Creates the revoker.
	 *
	 * @param SessionIndex $index       The index.
	 * @param Tracker      $tracker     The tracker.
	 * @param Revocations  $revocations Token refusals.
	 * @param Auditor      $auditor     The audit trail.
	 */
	public function __construct( SessionIndex $index, Tracker $tracker, Revocations $revocations, Auditor $auditor ) {
		$this->index       = $index;
		$this->tracker     = $tracker;
		$this->revocations = $revocations;
		$this->auditor     = $auditor;
	}

	/**
	 * Revokes one credential.
	 *
	 * @param array<string, mixed> $row    Its index row (active).
	 * @param int                  $by     Who revokes.
	 * @param string               $reason Why (admin, user, limit…).
	 * @return void
	 * @throws \RuntimeException When storage still holds the credential afterwards.
	 */
	public function revoke( array $row, int $by, string $reason = 'admin' ): void {
		$user_id = (int) $row['user_id'];
		$fp      = (string) $row['fp'];
		$this->tracker->during(
			$reason,
			$by,
			array(),
			function () use ( $row, $user_id, $fp, $by, $reason ) {
				switch ( $row['type'] ) {
					case 'cookie':
						$sessions = SessionTokens::stored( $user_id );
						foreach ( array_keys( $sessions ) as $verifier ) {
							if ( $this->tracker->cookie_fp( (string) $verifier ) === $fp ) {
								unset( $sessions[ $verifier ] );
							}
						}
						if ( ! SessionTokens::store( $user_id, $sessions ) ) {
							throw new \RuntimeException( 'The session is still stored.' );
						}
						break;
					case 'app_password':
						$uuid = (string) $row['ref'];
						if ( \WP_Application_Passwords::get_user_application_password( $user_id, $uuid ) ) {
							\WP_Application_Passwords::delete_application_password( $user_id, $uuid );
							wp_cache_delete( $user_id, 'user_meta' );
							if ( in_array( $uuid, array_column( \WP_Application_Passwords::get_user_application_passwords( $user_id ), 'uuid' ), true ) ) {
								throw new \RuntimeException( 'The application password is still stored.' );
							}
						}
						break;
					case 'wcpos':
						$jti = (string) $row['ref'];
						if ( ! $this->revocations->deny( $user_id, $this->revocations->jti_key( $jti ), null === $row['expires'] ? 0 : (int) strtotime( $row['expires'] . ' UTC' ), $by, $reason ) ) {
							throw new \RuntimeException( 'The session could not be denied.' );
						}
						$sessions = get_user_meta( $user_id, Tracker::WCPOS_META, true );
						if ( is_array( $sessions ) && isset( $sessions[ $jti ] ) ) {
							unset( $sessions[ $jti ] );
							update_user_meta( $user_id, Tracker::WCPOS_META, $sessions );
						}
						break;
					case 'token':
						if ( ! $this->revocations->deny( $user_id, $fp, null === $row['expires'] ? 0 : (int) strtotime( $row['expires'] . ' UTC' ), $by, $reason ) ) {
							throw new \RuntimeException( 'The token could not be denied.' );
						}
						break;
				}
				$this->index->end( array( 'id' => (int) $row['id'] ), $reason, $by );
			}
		);
		$this->auditor->record(
			'session_revoked',
			array(
				'session' => (int) $row['id'],
				'type'    => (string) $row['type'],
				'reason'  => $reason,
				'label'   => (string) $row['label'],
				'client'  => \AuthSentinel\Events\ClientName::describe( (string) $row['user_agent'] ),
			),
			$user_id,
			$by
		);
	}

	/**
	 * Revokes every credential of one user: cookie sessions, application passwords, WCPOS
	 * sessions, and every token issued before now.
	 *
	 * @param int                                 $user_id The user.
	 * @param int                                 $by      Who revokes.
	 * @param string                              $reason  Why: admin, user, policy_password, policy_email, policy_role.
	 * @param array{application_passwords?: bool} $options What to include (application passwords by default).
	 * @return array{revoked: array<string, int>, not_before: int}
	 * @throws \RuntimeException When a cookie session is still stored afterwards.
	 */
	public function revoke_user( int $user_id, int $by, string $reason = 'admin', array $options = array() ): array {
		$keep_cookie = $by === $user_id ? Tracker::current_verifier() : '';
		$keep_app    = $by === $user_id ? self::current_app_password() : '';
		$keep        = array_filter(
			array(
				'' === $keep_cookie ? '' : $this->tracker->cookie_fp( $keep_cookie ),
				'' === $keep_app ? '' : $this->tracker->app_fp( $keep_app ),
			)
		);
		$counts      = $this->index->count_by_type( array( 'user_id' => $user_id ), $keep );
		$with_apps   = $options['application_passwords'] ?? true;

		$not_before = $this->tracker->during(
			$reason,
			$by,
			$keep,
			function () use ( $user_id, $by, $reason, $keep_cookie, $keep_app, $keep, $with_apps ) {
				$sessions = SessionTokens::stored( $user_id );
				$kept     = '' !== $keep_cookie && isset( $sessions[ $keep_cookie ] ) ? array( $keep_cookie => $sessions[ $keep_cookie ] ) : array();
				if ( ! SessionTokens::store( $user_id, $kept ) ) {
					throw new \RuntimeException( 'A session is still stored.' );
				}
				if ( $with_apps ) {
					foreach ( \WP_Application_Passwords::get_user_application_passwords( $user_id ) as $item ) {
						if ( $item['uuid'] !== $keep_app ) {
							\WP_Application_Passwords::delete_application_password( $user_id, $item['uuid'] );
						}
					}
				}
				$wcpos = get_user_meta( $user_id, Tracker::WCPOS_META, true );
				foreach ( is_array( $wcpos ) ? $wcpos : array() as $jti => $session ) {
					$exp = is_array( $session ) ? (int) ( $session['expires'] ?? 0 ) : 0;
					$this->revocations->deny( $user_id, $this->revocations->jti_key( (string) $jti ), $exp, $by, $reason );
				}
				delete_user_meta( $user_id, Tracker::WCPOS_META );
				$at    = $this->revocations->user_not_before( $user_id, $by, $reason );
				$where = array( 'user_id' => $user_id );
				if ( ! $with_apps ) {
					$where['type'] = array( 'cookie', 'wcpos', 'token' );
				}
				$this->index->end( $where, $reason, $by, $keep );
				return $at;
			}
		);
		if ( ! $with_apps ) {
			unset( $counts['app_password'] );
		}
		$this->auditor->record(
			'user_sessions_revoked',
			array(
				'counts' => $counts,
				'reason' => $reason,
			),
			$user_id,
			$by
		);
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
			'revoked'    => $counts,
			'not_before' => $not_before,
		);
	}

	/**
	 * Revokes everyone's credentials but the caller's current session.
	 *
	 * On a network, a site administrator's "everyone" is the members of their site, never a
	 * network administrator: pass that site; 0 is every user of the network.
	 *
	 * @param int  $by                    Who revokes (their current session stays).
	 * @param bool $application_passwords Whether application passwords go too.
	 * @param int  $site                  Only the members of this site; 0 for everyone.
	 * @return array{revoked: array<string, int>, not_before: int}
	 * @throws \RuntimeException When a cookie session is still stored afterwards.
	 */
	public function revoke_all( int $by, bool $application_passwords = true, int $site = 0 ): array {
		global $wpdb;
		if ( $site > 0 ) {
			return $this->revoke_site_members( $by, $application_passwords, $site );
		}
		$keep_cookie = Tracker::current_verifier();
		$keep_app    = self::current_app_password();
		$keep        = array_values(
			array_filter(
				array(
					'' === $keep_cookie ? '' : $this->tracker->cookie_fp( $keep_cookie ),
					'' === $keep_app ? '' : $this->tracker->app_fp( $keep_app ),
				)
			)
		);
		$counts      = $this->index->count_by_type( array(), $keep );

		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- Statements over every user's meta at once; caches are cleared after.
		$not_before = $this->tracker->during(
			'revoke_all',
			$by,
			$keep,
			function () use ( $wpdb, $by, $keep_cookie, $keep_app, $keep, $application_passwords ) {
				// Everyone else's cookie sessions in one statement; the caller's others through core.
				$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key = %s AND user_id <> %d", 'session_tokens', $by ) );
				$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key = %s", Tracker::WCPOS_META ) );
				self::forget_user_meta_cache();
				$mine = SessionTokens::stored( $by );
				if ( ! SessionTokens::store( $by, '' !== $keep_cookie && isset( $mine[ $keep_cookie ] ) ? array( $keep_cookie => $mine[ $keep_cookie ] ) : array() ) ) {
					throw new \RuntimeException( 'A session is still stored.' );
				}
				$left = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key = %s AND user_id <> %d", 'session_tokens', $by ) );
				if ( $left > 0 ) {
					throw new \RuntimeException( 'Sessions are still stored.' );
				}
				if ( $application_passwords ) {
					$owners = $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT user_id FROM {$wpdb->usermeta} WHERE meta_key = %s", \WP_Application_Passwords::USERMETA_KEY_APPLICATION_PASSWORDS ) );
					foreach ( array_map( 'intval', (array) $owners ) as $owner ) {
						foreach ( \WP_Application_Passwords::get_user_application_passwords( $owner ) as $item ) {
							if ( $item['uuid'] !== $keep_app ) {
								\WP_Application_Passwords::delete_application_password( $owner, $item['uuid'] );
							}
						}
					}
				}
				$at    = $this->revocations->site_not_before( $by );
				$where = $application_passwords ? array() : array( 'type' => array( 'cookie', 'wcpos', 'token' ) );
				$this->index->end( $where, 'revoke_all', $by, $keep );
				return $at;
			}
		);
		// phpcs:enable
		if ( ! $application_passwords ) {
			unset( $counts['app_password'] );
		}
		$this->auditor->record( 'all_sessions_revoked', array( 'counts' => $counts ), 0, $by );
		return array(
			'revoked'    => $counts,
			'not_before' => $not_before,
		);
	}

	/**
	 * Revokes every credential of the members of one site of a network (not network
	 * administrators), one user at a time through revoke_user(), then audits it once.
	 *
	 * @param int  $by                    Who revokes (their current session stays).
	 * @param bool $application_passwords Whether application passwords go too.
	 * @param int  $site                  The site.
	 * @return array{revoked: array<string, int>, not_before: int}
	 */
	private function revoke_site_members( int $by, bool $application_passwords, int $site ): array {
		$supers = array_filter( array_map( 'get_user_by', array_fill( 0, count( get_super_admins() ), 'login' ), get_super_admins() ) );
		$skip   = array_map(
			static function ( $user ) {
				return (int) $user->ID;
			},
			$supers
		);
		$ids    = get_users(
			array(
				'blog_id' => $site,
				'fields'  => 'ID',
				'exclude' => $skip,
			)
		);
		$counts = array_fill_keys( SessionIndex::TYPES, 0 );
		$at     = time();
		foreach ( array_map( 'intval', $ids ) as $user_id ) {
			$done = $this->revoke_user( $user_id, $by, 'revoke_all', array( 'application_passwords' => $application_passwords ) );
			foreach ( $done['revoked'] as $type => $n ) {
				$counts[ $type ] += $n;
			}
			$at = $done['not_before'];
		}
		if ( ! $application_passwords ) {
			unset( $counts['app_password'] );
		}
		$this->auditor->record(
			'all_sessions_revoked',
			array(
				'counts' => $counts,
				'site'   => $site,
			),
			0,
			$by
		);
		return array(
			'revoked'    => $counts,
			'not_before' => $at,
		);
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

	/**
	 * Drops cached user meta after a statement that changed many users' meta at once.
	 *
	 * @return void
	 */
	private static function forget_user_meta_cache(): void {
		if ( function_exists( 'wp_cache_supports' ) && wp_cache_supports( 'flush_group' ) ) {
			wp_cache_flush_group( 'user_meta' );
			return;
		}
		wp_cache_flush();
	}
}
