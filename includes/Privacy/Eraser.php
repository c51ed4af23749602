<?php
/**
 * The personal data erasers.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Privacy;

use AuthSentinel\Events\PasswordWatch;
use AuthSentinel\Events\RollupRepository;
use AuthSentinel\Secrets\ChangeNotice;
use AuthSentinel\Sessions\NotBefore;
use AuthSentinel\Sessions\Revocations;
use AuthSentinel\Sessions\TokenTracker;

defined( 'ABSPATH' ) || exit;

/**
 * Erases what Auth Sentinel holds about a person, for WordPress's "Erase Personal Data" tool.
 *
 * A security log that forgets what happened is no log, so most records are anonymised, not
 * deleted; what is erased is what ties them to the person:
 *
 * - Failed sign-ins stay as anonymous counts (time, cause, source, route): the account link and
 *   the typed login go, the IP address is reduced to its network, the user agent, device, token
 *   id and fingerprints are erased. Nothing left points back to the person, so nothing is
 *   reported as retained.
 * - Audit rows about the person or by them keep the action, the time and the account ids (who
 *   did what to which account is the point of an audit trail); the IP address is reduced to
 *   its network and the user agent erased. Reported as retained, with the reason.
 * - The sessions index forgets the person's ended credentials and keeps the live ones (they
 *   must stay listable and revocable) without a full address or user agent.
 * - User meta: the throttle of seen tokens and the dismissed notice go; the last password
 *   change and the token revocations stay, since they keep revoked tokens refused.
 *
 * What a record keeps once it no longer names the person is `Anonymizer`'s.
 *
 * Each eraser works a batch per page: WordPress calls it with page 1, 2, … until `done`. A row
 * once handled no longer matches what a page looks for, so a page always starts from the first
 * row left. SQL is plain (MariaDB and SQLite); JSON is edited in PHP.
 *
 * @since 0.1.0
 */
class Eraser {

	/**
	 * Rows per page.
	 */
	const BATCH = 200;

	/**
	 * The plugin's tables.
	 *
	 * @var PrivacyRepository
	 */
	private $repository;

	/**
	 * The statistics' rollup (it names the busiest users).
	 *
	 * @var RollupRepository
	 */
	private $rollup;

	/**
	 * Creates the eraser.
	 *
	 * @param PrivacyRepository $repository The plugin's tables.
	 * @param RollupRepository  $rollup     The statistics' rollup.
	 */
	public function __construct( PrivacyRepository $repository, RollupRepository $rollup ) {
		$this->repository = $repository;
		$this->rollup     = $rollup;
	}

	/**
	 * Adds the erasers to WordPress's list.
	 *
	 * @param mixed $erasers The erasers so far.
	 * @return array<string, array{eraser_friendly_name: string, callback: callable}>
	 */
	public function register( $erasers ): array {
		$erasers = is_array( $erasers ) ? $erasers : array();

		$erasers['auth-sentinel-failures'] = array(
			'eraser_friendly_name' => __( 'Auth Sentinel: failed sign-ins', 'auth-sentinel' ),
			'callback'             => array( $this, 'failures' ),
		);
		$erasers['auth-sentinel-audit']    = array(
			'eraser_friendly_name' => __( 'Auth Sentinel: audit trail', 'auth-sentinel' ),
			'callback'             => array( $this, 'audit' ),
		);
		$erasers['auth-sentinel-sessions'] = array(
			'eraser_friendly_name' => __( 'Auth Sentinel: sessions', 'auth-sentinel' ),
			'callback'             => array( $this, 'sessions' ),
		);
		$erasers['auth-sentinel-account']  = array(
			'eraser_friendly_name' => __( 'Auth Sentinel: account', 'auth-sentinel' ),
			'callback'             => array( $this, 'account' ),
		);
		return $erasers;
	}

	/**
	 * Anonymises a batch of failed sign-ins: the account's, and those that typed the person's
	 * login or email address for an account that did not exist.
	 *
	 * @param string $email The address of the request.
	 * @param int    $page  1-based page.
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}|\WP_Error
	 */
	public function failures( $email, $page = 1 ) {
		$subject = Subject::from_email( (string) $email );
		if ( $subject->is_empty() ) {
			return self::result( false, false, array(), true );
		}
		$likes    = $subject->likes();
		$messages = array();
		$hours    = array(); // The hours whose sums named the person: summed again from what is left.
		if ( 1 === (int) $page ) {
			$total = $this->repository->events_count( $subject->user_id, $likes );
			if ( $total > 0 ) {
				$messages[] = sprintf(
					/* translators: %s: a number of records. */
					_n(
						'Auth Sentinel kept %s failed sign-in record as an anonymous count for the site’s security history: the account and the name typed were removed, the IP address reduced to its network, the user agent erased.',
						'Auth Sentinel kept %s failed sign-in records as anonymous counts for the site’s security history: the account and the name typed were removed, the IP address reduced to its network, the user agent erased.',
						$total,
						'auth-sentinel'
					),
					number_format_i18n( $total )
				);
			}
		}

		// Scan from the start: rows handled by earlier pages no longer match. A LIKE candidate
		// that names someone else is stepped over, so the scan goes on past it.
		$handled = 0;
		$after   = 0;
		do {
			$rows = $this->repository->events_after( $subject->user_id, $likes, $after, self::BATCH );
			$more = count( $rows ) === self::BATCH;
			foreach ( $rows as $row ) {
				$after = (int) $row['id'];
				$mine  = $subject->user_id > 0 && (int) $row['user_id'] === $subject->user_id;
				if ( ! $mine && ! $subject->matches( (string) $row['details'] ) ) {
					continue;
				}
				if ( ! $this->repository->update_event( (int) $row['id'], Anonymizer::anonymous_event( $row ) ) ) {
					$this->forget_hours( $hours ); // The rows already anonymised are not counted as they were.
					return self::failed();
				}
				$hours[ (int) ( $row['hour'] ?? 0 ) ] = true;
				if ( ++$handled >= self::BATCH ) {
					$this->forget_hours( $hours );
					return self::result( true, false, $messages, false );
				}
			}
		} while ( $more );

		$this->forget_hours( $hours );
		return self::result( $handled > 0, false, $messages, true );
	}

	/**
	 * Forgets the statistics' buckets of some hours (their busiest users and user agents may
	 * name what was just erased); the rollup sums them again from the anonymised failures.
	 *
	 * @param array<int, true> $hours Hours (Unix time / 3600).
	 * @return void
	 */
	private function forget_hours( array $hours ): void {
		foreach ( array_keys( $hours ) as $hour ) {
			if ( $hour > 0 ) {
				$this->rollup->forget( $hour, $hour );
			}
		}
	}

	/**
	 * Anonymises a batch of audit rows about the person or by them.
	 *
	 * @param string $email The address of the request.
	 * @param int    $page  1-based page.
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}|\WP_Error
	 */
	public function audit( $email, $page = 1 ) {
		$subject = Subject::from_email( (string) $email );
		if ( 0 === $subject->user_id ) {
			return self::result( false, false, array(), true );
		}
		$messages = array();
		$retained = false;
		if ( 1 === (int) $page ) {
			$total = $this->repository->audit_count( $subject->user_id );
			if ( $total > 0 ) {
				$retained   = true;
				$messages[] = sprintf(
					/* translators: %s: a number of entries. */
					_n(
						'Auth Sentinel kept %s audit trail entry (what happened, when, and which accounts were involved) as the site’s security record; its IP address was reduced to its network and its user agent erased.',
						'Auth Sentinel kept %s audit trail entries (what happened, when, and which accounts were involved) as the site’s security record; their IP addresses were reduced to their network and their user agents erased.',
						$total,
						'auth-sentinel'
					),
					number_format_i18n( $total )
				);
			}
		}
		$rows = $this->repository->audit_identifying( $subject->user_id, self::BATCH );
		foreach ( $rows as $row ) {
			if ( ! $this->repository->update_audit( (int) $row['id'], Anonymizer::anonymous_ip( (string) $row['ip'] ), '', Anonymizer::without_client( (string) $row['details'] ) ) ) {
				return self::failed();
			}
		}
		return self::result( (bool) $rows, $retained || (bool) $rows, $messages, count( $rows ) < self::BATCH );
	}

	/**
	 * Deletes a batch of the person's ended credentials from the sessions index, then
	 * anonymises the live ones.
	 *
	 * @param string $email The address of the request.
	 * @param int    $page  1-based page.
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}|\WP_Error
	 */
	public function sessions( $email, $page = 1 ) {
		$subject = Subject::from_email( (string) $email );
		if ( 0 === $subject->user_id ) {
			return self::result( false, false, array(), true );
		}
		$now      = gmdate( 'Y-m-d H:i:s' );
		$messages = array();
		$retained = false;
		if ( 1 === (int) $page ) {
			$live = $this->repository->sessions_live_count( $subject->user_id, $now );
			if ( $live > 0 ) {
				$retained   = true;
				$messages[] = sprintf(
					/* translators: %s: a number of sessions. */
					_n(
						'Auth Sentinel kept %s live sign-in session or app credential in its list, so that it can still be seen and revoked; its IP address was reduced to its network and its user agent erased. WordPress itself keeps the address and browser of a live sign-in session until the session ends: sign the person out everywhere to remove them.',
						'Auth Sentinel kept %s live sign-in sessions or app credentials in its list, so that they can still be seen and revoked; their IP addresses were reduced to their network and their user agents erased. WordPress itself keeps the address and browser of a live sign-in session until the session ends: sign the person out everywhere to remove them.',
						$live,
						'auth-sentinel'
					),
					number_format_i18n( $live )
				);
			}
		}
		$deleted = $this->repository->delete_ended_sessions( $subject->user_id, $now, self::BATCH );
		if ( $deleted < 0 ) {
			return self::failed();
		}
		if ( $deleted >= self::BATCH ) {
			return self::result( true, $retained, $messages, false );
		}
		$rows = $this->repository->sessions_identifying( $subject->user_id, self::BATCH );
		foreach ( $rows as $row ) {
			if ( ! $this->repository->update_session( (int) $row['id'], Anonymizer::anonymous_ip( (string) $row['ip'] ), '' ) ) {
				return self::failed();
			}
		}
		return self::result( $deleted > 0 || (bool) $rows, $retained || (bool) $rows, $messages, count( $rows ) < self::BATCH );
	}

	/**
	 * Deletes the account's bookkeeping meta and keeps what enforces revocations.
	 *
	 * @param string $email The address of the request.
	 * @param int    $page  1-based page (there is one).
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}
	 */
	public function account( $email, $page = 1 ): array {
		unset( $page );
		$subject = Subject::from_email( (string) $email );
		if ( 0 === $subject->user_id ) {
			return self::result( false, false, array(), true );
		}
		$removed = false;
		foreach ( array( TokenTracker::SEEN_META, ChangeNotice::DISMISSED_META ) as $key ) {
			if ( metadata_exists( 'user', $subject->user_id, $key ) ) {
				$removed = delete_user_meta( $subject->user_id, $key ) || $removed;
			}
		}
		$retained = false;
		foreach ( array( PasswordWatch::META, NotBefore::USER_META, Revocations::DENY_META ) as $key ) {
			$retained = $retained || metadata_exists( 'user', $subject->user_id, $key );
		}
		$messages = $retained
			? array( __( 'Auth Sentinel kept the time of the account’s last password change and its app token revocations: they keep revoked sign-ins refused, and hold no IP address or user agent.', 'auth-sentinel' ) )
			: array();
		return self::result( $removed, $retained, $messages, true );
	}

	/**
	 * Stops an erasure whose write failed: a row left as it was would be picked again by every
	 * following page, so going on could never end.
	 *
	 * @return \WP_Error
	 */
	private static function failed(): \WP_Error {
		return new \WP_Error( 'auth_sentinel_erasure_failed', __( 'Auth Sentinel could not update its records; nothing further was changed. Try again later.', 'auth-sentinel' ) );
	}

	/**
	 * Builds an eraser's answer.
	 *
	 * @param bool     $removed  Whether personal data was removed or anonymised.
	 * @param bool     $retained Whether some was kept.
	 * @param string[] $messages Why, for the administrator.
	 * @param bool     $done     Whether this was the last page.
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}
	 */
	private static function result( bool $removed, bool $retained, array $messages, bool $done ): array {
		return array(
			'items_removed'  => $removed,
			'items_retained' => $retained,
			'messages'       => $messages,
			'done'           => $done,
		);
	}
}
