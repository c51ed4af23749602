<?php
/**
 * The inventory of credentials as a whole: indexing what exists, upkeep, counts.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Database\JobLock;

defined( 'ABSPATH' ) || exit;

/**
 * Indexes the credentials stored while the plugin was not watching (at activation, then a
 * batch at a time in the hourly upkeep), forgets rows that ended long ago, ends a deleted
 * user's rows, and counts what is live.
 *
 * @since 0.1.0
 */
class Inventory {

	use GuardedWrites;

	/**
	 * The hourly upkeep: index the sessions made while the plugin was off, forget the ended.
	 */
	const CRON_HOOK = \AuthSentinel\Hooks::SESSIONS_UPKEEP;

	/**
	 * Option holding the reindex cursor: {key, after}; absent when done.
	 */
	const REINDEX_OPTION = 'auth_sentinel_sessions_reindex';

	/**
	 * The meta keys reindexed, in order.
	 */
	const REINDEX_KEYS = array( 'session_tokens', '_application_passwords', \AuthSentinel\Guards::WCPOS_META );

	/**
	 * How long ended rows stay (to explain later failures), in days.
	 */
	const KEEP_ENDED_DAYS = 30;

	/**
	 * Users per reindex batch.
	 */
	const BATCH = 500;

	/**
	 * The index.
	 *
	 * @var SessionIndex
	 */
	private $index;

	/**
	 * The listing of the index, for the count of live credentials.
	 *
	 * @var SessionListing
	 */
	private $listing;

	/**
	 * Core's credential storage in user meta.
	 *
	 * @var SessionStore
	 */
	private $store;

	/**
	 * The fingerprints.
	 *
	 * @var CredentialFingerprints
	 */
	private $fingerprints;

	/**
	 * Cookie sessions.
	 *
	 * @var CookieTracker
	 */
	private $cookies;

	/**
	 * Application passwords.
	 *
	 * @var AppPasswordTracker
	 */
	private $app_passwords;

	/**
	 * Tokens and WCPOS sessions.
	 *
	 * @var TokenTracker
	 */
	private $tokens;

	/**
	 * Creates the inventory.
	 *
	 * @param SessionIndex           $index         The index.
	 * @param SessionListing         $listing       The listing of the index.
	 * @param SessionStore           $store         Core's credential storage.
	 * @param CredentialFingerprints $fingerprints  The fingerprints.
	 * @param CookieTracker          $cookies       Cookie sessions.
	 * @param AppPasswordTracker     $app_passwords Application passwords.
	 * @param TokenTracker           $tokens        Tokens and WCPOS sessions.
	 */
	public function __construct( SessionIndex $index, SessionListing $listing, SessionStore $store, CredentialFingerprints $fingerprints, CookieTracker $cookies, AppPasswordTracker $app_passwords, TokenTracker $tokens ) {
		$this->index         = $index;
		$this->listing       = $listing;
		$this->store         = $store;
		$this->fingerprints  = $fingerprints;
		$this->cookies       = $cookies;
		$this->app_passwords = $app_passwords;
		$this->tokens        = $tokens;
	}

	/**
	 * A user was deleted: their credentials went with them (deleted_user).
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
	 * Counts the live credentials of every kind.
	 *
	 * @return int
	 */
	public function count_active(): int {
		return $this->listing->count_active();
	}

	/**
	 * Indexes the credentials that exist at activation (the first batches; the upkeep finishes).
	 *
	 * @return void
	 */
	public function activate(): void {
		update_option(
			self::REINDEX_OPTION,
			array(
				'key'   => 0,
				'after' => 0,
			),
			false
		);
		$this->reindex( 10 );
	}

	/**
	 * Continues the reindex for a few batches, on one web node at a time (the cursor is read,
	 * advanced and written back by the lock's holder only).
	 *
	 * @param int $batches How many batches of BATCH users at most.
	 * @return bool Whether the reindex is finished (false while another node runs it).
	 */
	public function reindex( int $batches ): bool {
		return true === JobLock::run(
			'sessions_reindex',
			10 * MINUTE_IN_SECONDS,
			function () use ( $batches ): bool {
				return $this->reindex_batches( $batches );
			}
		);
	}

	/**
	 * The reindex's batches (the lock's holder only).
	 *
	 * @param int $batches How many batches of BATCH users at most.
	 * @return bool Whether the reindex is finished.
	 */
	private function reindex_batches( int $batches ): bool {
		$cursor = get_option( self::REINDEX_OPTION );
		if ( ! is_array( $cursor ) ) {
			return true;
		}
		$key   = (int) ( $cursor['key'] ?? 0 );
		$after = (int) ( $cursor['after'] ?? 0 );
		$keys  = count( self::REINDEX_KEYS );
		for ( $i = 0; $i < $batches && $key < $keys; $i++ ) {
			$after = $this->reindex_batch( self::REINDEX_KEYS[ $key ], $after );
			if ( 0 === $after ) {
				++$key;
			}
		}
		if ( $key >= $keys ) {
			delete_option( self::REINDEX_OPTION );
			return true;
		}
		update_option(
			self::REINDEX_OPTION,
			array(
				'key'   => $key,
				'after' => $after,
			),
			false
		);
		return false;
	}

	/**
	 * Indexes one batch of the users holding one meta key.
	 *
	 * @param string $key   session_tokens, _application_passwords or WCPOS's.
	 * @param int    $after The last umeta_id done.
	 * @return int The last umeta_id done, 0 when finished.
	 */
	public function reindex_batch( string $key, int $after ): int {
		$rows = $this->store->scan( $key, $after, self::BATCH );
		if ( ! $rows ) {
			return 0;
		}
		$ids = array_map( 'intval', wp_list_pluck( $rows, 'user_id' ) );
		update_meta_cache( 'user', $ids );
		// Where these credentials were created is not known: only network administrators list them.
		$this->index->on_site(
			0,
			function () use ( $ids, $key ) {
				foreach ( $ids as $user_id ) {
					$this->guard(
						function () use ( $key, $user_id ) {
							$this->reindex_user( $user_id, $key );
						}
					);
				}
			}
		);
		$last = end( $rows );
		return count( $rows ) < self::BATCH ? 0 : (int) $last['umeta_id'];
	}

	/**
	 * Indexes one user's credentials of one meta key.
	 *
	 * @param int    $user_id The user.
	 * @param string $key     The meta key.
	 * @return void
	 */
	private function reindex_user( int $user_id, string $key ): void {
		if ( 'session_tokens' === $key ) {
			foreach ( SessionTokens::stored( $user_id ) as $verifier => $session ) {
				$this->index->upsert( $this->cookies->row( $user_id, $this->fingerprints->cookie( $verifier ), $session ) );
			}
		} elseif ( '_application_passwords' === $key ) {
			foreach ( \WP_Application_Passwords::get_user_application_passwords( $user_id ) as $item ) {
				$this->index->upsert( $this->app_passwords->row( $user_id, $item ) );
			}
		} else {
			$this->tokens->sync_wcpos( $user_id );
		}
	}

	/**
	 * The hourly upkeep: finish a reindex, forget rows ended long ago; on one web node at a time.
	 *
	 * @return void
	 */
	public function upkeep(): void {
		JobLock::run(
			'sessions_upkeep',
			10 * MINUTE_IN_SECONDS,
			function (): bool {
				$this->reindex( 40 );
				$this->index->prune( time() - self::KEEP_ENDED_DAYS * DAY_IN_SECONDS );
				return true;
			}
		);
	}
}
