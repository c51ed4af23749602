<?php
/**
 * Keeps the sessions index in step with where credentials really live.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Audit\Auditor;
use AuthSentinel\Events\Recorder;
use AuthSentinel\Http\Request;
use AuthSentinel\Secrets\Fingerprinter;

defined( 'ABSPATH' ) || exit;

/**
 * Told of every cookie session saved or destroyed (by SessionTokens), every application
 * password created, used or deleted, every change of WCPOS's session meta and every token that
 * signs a user in; writes the index and the audit trail. Nothing here may break a sign-in:
 * every write is guarded. Who ended a credential and why comes from the revocation in progress
 * (during()), or is inferred: a user ending their own current session signed out.
 *
 * @since 0.1.0
 */
class Tracker {

	/**
	 * WCPOS's session meta key.
	 */
	const WCPOS_META = '_woocommerce_pos_refresh_tokens';

	/**
	 * Least time between two last-seen writes of one credential.
	 */
	const SEEN_EVERY = 15 * MINUTE_IN_SECONDS;

	/**
	 * Per-user meta of the tokens seen: fingerprint => last write time (bounded).
	 */
	const SEEN_META = 'auth_sentinel_seen_tokens';

	/**
	 * The most tokens in use listed per user.
	 */
	const MAX_TOKENS = 20;

	/**
	 * The longest a listed token is taken to live (a later `exp` is absurd).
	 */
	const LONGEST_LIFE = 365 * DAY_IN_SECONDS;

	/**
	 * The index.
	 *
	 * @var SessionIndex
	 */
	private $index;

	/**
	 * Fingerprints credentials.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * The revocation in progress: reason, by, keep (fingerprints to leave).
	 *
	 * @var array{reason: string, by: int, keep: string[]}|null
	 */
	private $context;

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
	 * @param SessionIndex  $index         The index.
	 * @param Fingerprinter $fingerprinter Fingerprints credentials.
	 * @param Auditor       $auditor       Writes the audit trail.
	 */
	public function __construct( SessionIndex $index, Fingerprinter $fingerprinter, Auditor $auditor ) {
		$this->index         = $index;
		$this->fingerprinter = $fingerprinter;
		$this->auditor       = $auditor;
	}

	/**
	 * Returns the fingerprint of a cookie session from its verifier.
	 *
	 * @param string $verifier Core's verifier (hash of the token).
	 * @return string
	 */
	public function cookie_fp( string $verifier ): string {
		return $this->fingerprinter->fingerprint( 'session', $verifier );
	}

	/**
	 * Returns the fingerprint of an application password from its uuid.
	 *
	 * @param string $uuid The uuid.
	 * @return string
	 */
	public function app_fp( string $uuid ): string {
		return $this->fingerprinter->fingerprint( 'app_password', $uuid );
	}

	/**
	 * Returns the fingerprint of an application password's secret (to recognise it once revoked).
	 *
	 * @param string $password The raw password (never stored).
	 * @return string
	 */
	public function app_secret_fp( string $password ): string {
		return $this->fingerprinter->app_password_secret( $password );
	}

	/**
	 * Returns the fingerprint of a WCPOS session from its jti.
	 *
	 * @param string $jti The refresh token's jti.
	 * @return string
	 */
	public function wcpos_fp( string $jti ): string {
		return $this->fingerprinter->fingerprint( 'wcpos', $jti );
	}

	/**
	 * Returns the fingerprint of a token (the same as the failures table's).
	 *
	 * @param string $token The raw token.
	 * @return string
	 */
	public function token_fp( string $token ): string {
		return $this->fingerprinter->token( $token );
	}

	/**
	 * Returns the verifier of the request's own cookie session, '' without one.
	 *
	 * @return string
	 */
	public static function current_verifier(): string {
		$token = function_exists( 'wp_get_session_token' ) ? wp_get_session_token() : '';
		return '' === $token ? '' : hash( 'sha256', $token );
	}

	/**
	 * Runs a revocation with its reason and actor, so that what core reports is attributed.
	 *
	 * @param string   $reason Why.
	 * @param int      $by     Who.
	 * @param string[] $keep   Fingerprints to leave.
	 * @param callable $work   The revocation.
	 * @return mixed What $work returns.
	 */
	public function during( string $reason, int $by, array $keep, callable $work ) {
		$outer         = $this->context;
		$this->context = array(
			'reason' => $reason,
			'by'     => $by,
			'keep'   => $keep,
		);
		try {
			return $work();
		} finally {
			$this->context = $outer;
		}
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
	public function cookie_changed( int $user_id, string $verifier, ?array $session ): void {
		$this->guard(
			function () use ( $user_id, $verifier, $session ) {
				$fp = $this->cookie_fp( $verifier );
				if ( null !== $session ) {
					$created        = $this->creating;
					$this->creating = false;
					$this->index->upsert( $this->cookie_row( $user_id, $fp, $session ) );
					if ( $created ) {
						$row = $this->index->find_fp( 'cookie', $fp );
						$this->auditor->record(
							'session_created',
							array(
								'session' => $row ? (int) $row['id'] : 0,
								'type'    => 'cookie',
								'client'  => \AuthSentinel\Events\ClientName::describe( (string) ( $session['ua'] ?? '' ) ),
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
					return;
				}
				$own    = self::current_verifier() === $verifier;
				$reason = $this->context['reason'] ?? ( $own ? 'signed_out' : 'user' );
				$by     = $this->context['by'] ?? get_current_user_id();
				$row    = $this->index->find_fp( 'cookie', $fp );
				if ( $this->index->end(
					array(
						'fp'   => $fp,
						'type' => 'cookie',
					),
					$reason,
					$by
				) > 0 && null === $this->context ) {
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
	 * Every cookie session of a user ended, but maybe one.
	 *
	 * @param int         $user_id       The user.
	 * @param string|null $keep_verifier The one kept, null for none.
	 * @return void
	 */
	public function cookies_ended( int $user_id, ?string $keep_verifier ): void {
		$this->guard(
			function () use ( $user_id, $keep_verifier ) {
				$keep   = null === $keep_verifier ? array() : array( $this->cookie_fp( $keep_verifier ) );
				$keep   = array_merge( $keep, $this->context['keep'] ?? array() );
				$by     = $this->context['by'] ?? get_current_user_id();
				$reason = $this->context['reason'] ?? ( $by === $user_id ? 'user' : 'admin' );
				$count  = $this->index->end(
					array(
						'user_id' => $user_id,
						'type'    => 'cookie',
					),
					$reason,
					$by,
					$keep
				);
				if ( $count > 0 && null === $this->context ) {
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
	public function all_cookies_ended(): void {
		$this->guard(
			function () {
				$this->index->end( array( 'type' => 'cookie' ), $this->context['reason'] ?? 'revoke_all', $this->context['by'] ?? get_current_user_id(), $this->context['keep'] ?? array() );
			}
		);
	}

	/**
	 * Moves a valid cookie session's last use forward, at most every SEEN_EVERY seconds: the time
	 * is kept in core's own session array (which the request has already loaded), so checking it
	 * costs nothing and writing costs two queries a quarter of an hour.
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
				if ( time() - $seen < self::SEEN_EVERY ) {
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
	private function cookie_row( int $user_id, string $fp, array $session ): array {
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

	/**
	 * An application password was created.
	 *
	 * @param int                  $user_id The user.
	 * @param array<string, mixed> $item    The new item (no password in it, only its hash).
	 * @return void
	 */
	public function app_password_created( $user_id, $item ): void {
		$this->guard(
			function () use ( $user_id, $item ) {
				if ( ! is_array( $item ) || empty( $item['uuid'] ) ) {
					return;
				}
				$this->index->upsert( $this->app_row( (int) $user_id, $item ) );
				$this->auditor->record( 'app_password_created', self::app_details( $item ), (int) $user_id );
			}
		);
	}

	/**
	 * An application password was renamed.
	 *
	 * @param int                  $user_id The user.
	 * @param array<string, mixed> $item    The item.
	 * @return void
	 */
	public function app_password_updated( $user_id, $item ): void {
		$this->guard(
			function () use ( $user_id, $item ) {
				if ( is_array( $item ) && ! empty( $item['uuid'] ) ) {
					$this->index->upsert( $this->app_row( (int) $user_id, $item ) );
				}
			}
		);
	}

	/**
	 * An application password was deleted.
	 *
	 * @param int                  $user_id The user.
	 * @param array<string, mixed> $item    The item.
	 * @return void
	 */
	public function app_password_deleted( $user_id, $item ): void {
		$this->guard(
			function () use ( $user_id, $item ) {
				if ( ! is_array( $item ) || empty( $item['uuid'] ) ) {
					return;
				}
				$by     = $this->context['by'] ?? get_current_user_id();
				$reason = $this->context['reason'] ?? ( $by === (int) $user_id ? 'user' : 'admin' );
				$fp     = $this->app_fp( (string) $item['uuid'] );
				$row    = $this->index->find_fp( 'app_password', $fp );
				if ( ! $row ) {
					$this->index->upsert( $this->app_row( (int) $user_id, $item ) );
				}
				$this->index->end(
					array(
						'type' => 'app_password',
						'fp'   => $fp,
					),
					$reason,
					$by
				);
				$this->auditor->record( 'app_password_revoked', self::app_details( $item ) + array( 'reason' => $reason ), (int) $user_id, $by );
			}
		);
	}

	/**
	 * An application password signed a user in: note its first use, and its use at the pace core
	 * itself records it (once a day), with the fingerprint of its secret so that a later failure
	 * with the same password can be told apart as revoked.
	 *
	 * @param \WP_User             $user The user.
	 * @param array<string, mixed> $item The item, as it was before this use.
	 * @return void
	 */
	public function app_password_used( $user, $item ): void {
		if ( ! $user instanceof \WP_User || ! is_array( $item ) || empty( $item['uuid'] ) ) {
			return;
		}
		$first = empty( $item['last_used'] );
		if ( ! $first && (int) $item['last_used'] + DAY_IN_SECONDS > time() ) {
			return; // Core wrote nothing either.
		}
		$this->guard(
			function () use ( $user, $item, $first ) {
				$basic    = Request::current()->basic();
				$password = null === $basic ? '' : $basic[1];
				$row      = $this->app_row( (int) $user->ID, $item );

				$row['last_seen']  = time();
				$row['ip']         = Recorder::client_ip();
				$row['user_agent'] = Recorder::user_agent();
				$row['secret_fp']  = '' === $password ? '' : $this->app_secret_fp( $password );
				$this->index->upsert( $row );
				if ( $first ) {
					$this->auditor->record( 'app_password_first_used', self::app_details( $item ), (int) $user->ID, (int) $user->ID );
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
	private function app_row( int $user_id, array $item ): array {
		$created = (int) ( $item['created'] ?? time() );
		return array(
			'type'      => 'app_password',
			'fp'        => $this->app_fp( (string) $item['uuid'] ),
			'user_id'   => $user_id,
			'created'   => $created,
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
	private static function app_details( array $item ): array {
		return array(
			'uuid' => (string) ( $item['uuid'] ?? '' ),
			'name' => mb_substr( (string) ( $item['name'] ?? '' ), 0, 100 ),
		);
	}

	/**
	 * WCPOS's session meta changed: index what is there, end what is gone.
	 *
	 * @param mixed  $meta_id   Unused.
	 * @param int    $user_id   The user.
	 * @param string $meta_key  The key.
	 * @return void
	 */
	public function wcpos_meta_changed( $meta_id, $user_id, $meta_key ): void {
		unset( $meta_id );
		if ( self::WCPOS_META !== $meta_key ) {
			return;
		}
		$this->guard(
			function () use ( $user_id ) {
				$this->sync_wcpos( (int) $user_id );
			}
		);
	}

	/**
	 * Indexes one user's WCPOS sessions and ends the rows of those gone.
	 *
	 * @param int $user_id The user.
	 * @return void
	 */
	public function sync_wcpos( int $user_id ): void {
		wp_cache_delete( $user_id, 'user_meta' );
		$sessions = get_user_meta( $user_id, self::WCPOS_META, true );
		$sessions = is_array( $sessions ) ? $sessions : array();
		$live     = array();
		foreach ( $sessions as $jti => $session ) {
			if ( ! is_array( $session ) ) {
				continue;
			}
			$fp     = $this->wcpos_fp( (string) $jti );
			$live[] = $fp;
			$device = isset( $session['device_info'] ) && is_array( $session['device_info'] ) ? $session['device_info'] : array();
			$this->index->upsert(
				array(
					'type'       => 'wcpos',
					'fp'         => $fp,
					'user_id'    => $user_id,
					'created'    => (int) ( $session['created'] ?? time() ),
					'expires'    => (int) ( $session['expires'] ?? 0 ),
					'last_seen'  => (int) ( $session['last_active'] ?? $session['created'] ?? time() ),
					'ip'         => (string) ( $session['ip_address'] ?? '' ),
					'user_agent' => (string) ( $session['user_agent'] ?? '' ),
					'label'      => 'WCPOS' . ( ! empty( $device['device_type'] ) && 'unknown' !== $device['device_type'] ? ' (' . sanitize_key( (string) $device['device_type'] ) . ')' : '' ),
					'ref'        => (string) $jti,
				)
			);
		}
		$by     = $this->context['by'] ?? get_current_user_id();
		$reason = $this->context['reason'] ?? ( 0 === $by ? 'expired' : ( $by === $user_id ? 'user' : 'admin' ) );
		$this->index->end(
			array(
				'user_id' => $user_id,
				'type'    => 'wcpos',
			),
			$reason,
			$by,
			$live
		);
	}

	/**
	 * A token signed a user in: list it (at most every SEEN_EVERY seconds per token; the times are
	 * kept in a small user meta WordPress has already loaded with the user).
	 *
	 * @param int                  $user_id The user.
	 * @param string               $token   The raw token (only fingerprinted).
	 * @param array<string, mixed> $claims  Its decoded claims.
	 * @param string               $label   The plugin that issued it.
	 * @return void
	 */
	public function token_seen( int $user_id, string $token, array $claims, string $label ): void {
		if ( ! empty( $claims['refresh_jti'] ) ) {
			return; // A WCPOS access token: its session is listed, and WCPOS records its use.
		}
		$fp   = $this->token_fp( $token );
		$seen = get_user_meta( $user_id, self::SEEN_META, true );
		$seen = is_array( $seen ) ? $seen : array();
		if ( isset( $seen[ $fp ] ) && time() - (int) $seen[ $fp ] < self::SEEN_EVERY ) {
			return;
		}
		$this->guard(
			function () use ( $user_id, $fp, $claims, $label, $seen ) {
				$now         = time();
				$seen[ $fp ] = $now;
				arsort( $seen );
				update_user_meta( $user_id, self::SEEN_META, array_slice( $seen, 0, self::MAX_TOKENS, true ) );
				$iat = isset( $claims['iat'] ) && is_numeric( $claims['iat'] ) ? (int) $claims['iat'] : $now;
				$exp = isset( $claims['exp'] ) && is_numeric( $claims['exp'] ) ? (int) $claims['exp'] : null;
				if ( null !== $exp && $exp > $now + self::LONGEST_LIFE ) {
					$exp = $now + self::LONGEST_LIFE; // An absurd expiry: listed as if it ended in a year.
				}
				$this->index->upsert(
					array(
						'type'       => 'token',
						'fp'         => $fp,
						'user_id'    => $user_id,
						'created'    => min( $iat, $now ),
						'expires'    => $exp,
						'last_seen'  => $now,
						'ip'         => Recorder::client_ip(),
						'user_agent' => Recorder::user_agent(),
						'label'      => $label,
						'ref'        => isset( $claims['jti'] ) && is_scalar( $claims['jti'] ) ? (string) $claims['jti'] : '',
					)
				);
				// A bounded list per user: the tokens seen longest ago drop out of it.
				$this->index->keep_newest( $user_id, 'token', self::MAX_TOKENS );
			}
		);
	}

	/**
	 * A user was deleted: their credentials went with them.
	 *
	 * @param int $user_id The user.
	 * @return void
	 */
	public function user_deleted( $user_id ): void {
		$this->guard(
			function () use ( $user_id ) {
				$this->index->end( array( 'user_id' => (int) $user_id ), 'deleted', get_current_user_id() );
			}
		);
	}

	/**
	 * Indexes the credentials stored while the plugin was not watching, a batch at a time.
	 *
	 * @param string $key    The meta key to scan: session_tokens, _application_passwords or WCPOS's.
	 * @param int    $after  The last umeta_id done.
	 * @param int    $limit  Users per batch.
	 * @return int The last umeta_id done, 0 when finished.
	 */
	public function reindex( string $key, int $after, int $limit = 500 ): int {
		global $wpdb;
		$rows = $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A batched scan; nothing to cache.
			$wpdb->prepare( "SELECT umeta_id, user_id FROM {$wpdb->usermeta} WHERE meta_key = %s AND umeta_id > %d ORDER BY umeta_id LIMIT %d", $key, $after, $limit ),
			ARRAY_A
		);
		if ( ! $rows ) {
			return 0;
		}
		$ids = array_map( 'intval', wp_list_pluck( $rows, 'user_id' ) );
		update_meta_cache( 'user', $ids );
		// Where these credentials were created is not known: only network administrators list them.
		$this->index->on_site(
			0,
			function () use ( $ids, $key ) {
				$this->reindex_users( $ids, $key );
			}
		);
		$last = end( $rows );
		return count( $rows ) < $limit ? 0 : (int) $last['umeta_id'];
	}

	/**
	 * Indexes the credentials of one meta key of some users.
	 *
	 * @param int[]  $ids The users.
	 * @param string $key The meta key.
	 * @return void
	 */
	private function reindex_users( array $ids, string $key ): void {
		foreach ( $ids as $user_id ) {
			$this->guard(
				function () use ( $key, $user_id ) {
					if ( 'session_tokens' === $key ) {
						foreach ( SessionTokens::stored( $user_id ) as $verifier => $session ) {
							$this->index->upsert( $this->cookie_row( $user_id, $this->cookie_fp( $verifier ), $session ) );
						}
					} elseif ( '_application_passwords' === $key ) {
						foreach ( \WP_Application_Passwords::get_user_application_passwords( $user_id ) as $item ) {
							$this->index->upsert( $this->app_row( $user_id, $item ) );
						}
					} else {
						$this->sync_wcpos( $user_id );
					}
				}
			);
		}
	}

	/**
	 * Runs index bookkeeping; a failure is swallowed so that sign-in goes on as WordPress would.
	 *
	 * @param callable $work The bookkeeping.
	 * @return void
	 */
	private function guard( callable $work ): void {
		try {
			$work();
		} catch ( \Throwable $e ) {
			if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
				error_log( 'Auth Sentinel: could not index a session: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- Debug only.
			}
		}
	}
}
