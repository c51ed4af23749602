<?php
/**
 * The personal data exporters.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Privacy;

use AuthSentinel\Audit\AuditSummary;
use AuthSentinel\Events\PasswordWatch;
use AuthSentinel\Sessions\NotBefore;
use AuthSentinel\Sessions\Revocations;
use AuthSentinel\Vocabulary\Cause;

defined( 'ABSPATH' ) || exit;

/**
 * Exports what Auth Sentinel holds about a person, for WordPress's "Export Personal Data" tool:
 * failed sign-ins, the audit trail, the sessions index and the account's sign-out times.
 *
 * Each group is its own exporter, called by WordPress with page 1, 2, … until it answers
 * `done`. Values are plain text, escaped. Fingerprints, token ids and secrets are left out:
 * they identify a credential, not a person, and a token's id is as good as the token to anyone
 * who can read the token plugin's storage.
 *
 * @since 0.1.0
 */
class Exporter {

	/**
	 * Items per page.
	 */
	const PER_PAGE = 200;

	/**
	 * The plugin's tables.
	 *
	 * @var PrivacyRepository
	 */
	private $repository;

	/**
	 * Creates the exporter.
	 *
	 * @param PrivacyRepository $repository The plugin's tables.
	 */
	public function __construct( PrivacyRepository $repository ) {
		$this->repository = $repository;
	}

	/**
	 * Adds the exporters to WordPress's list.
	 *
	 * @param mixed $exporters The exporters so far.
	 * @return array<string, array{exporter_friendly_name: string, callback: callable}>
	 */
	public function register( $exporters ): array {
		$exporters = is_array( $exporters ) ? $exporters : array();

		$exporters['auth-sentinel-failures'] = array(
			'exporter_friendly_name' => __( 'Auth Sentinel: failed sign-ins', 'auth-sentinel' ),
			'callback'               => array( $this, 'failures' ),
		);
		$exporters['auth-sentinel-audit']    = array(
			'exporter_friendly_name' => __( 'Auth Sentinel: audit trail', 'auth-sentinel' ),
			'callback'               => array( $this, 'audit' ),
		);
		$exporters['auth-sentinel-sessions'] = array(
			'exporter_friendly_name' => __( 'Auth Sentinel: sessions', 'auth-sentinel' ),
			'callback'               => array( $this, 'sessions' ),
		);
		$exporters['auth-sentinel-account']  = array(
			'exporter_friendly_name' => __( 'Auth Sentinel: account', 'auth-sentinel' ),
			'callback'               => array( $this, 'account' ),
		);
		return $exporters;
	}

	/**
	 * Exports one page of failed sign-ins: the account's, and those that typed the person's
	 * login or email address for an account that did not exist.
	 *
	 * @param string $email The address of the request.
	 * @param int    $page  1-based page.
	 * @return array{data: array<int, array<string, mixed>>, done: bool}
	 */
	public function failures( $email, $page = 1 ): array {
		$subject = Subject::from_email( (string) $email );
		if ( $subject->is_empty() ) {
			return ExportItems::result( array(), true );
		}
		$rows  = $this->repository->events_page( $subject->user_id, $subject->likes(), self::PER_PAGE, self::offset( $page ) );
		$items = array();
		foreach ( $rows as $row ) {
			$details = json_decode( (string) $row['details'], true );
			$details = is_array( $details ) ? $details : array();
			$mine    = $subject->user_id > 0 && (int) $row['user_id'] === $subject->user_id;
			if ( ! $mine && ! $subject->matches( $details ) ) {
				continue; // A LIKE candidate that names someone else.
			}
			$data  = array(
				ExportItems::pair( __( 'First attempt', 'auth-sentinel' ), ExportItems::time( $row['first_seen'] ) ),
				ExportItems::pair( __( 'Last attempt', 'auth-sentinel' ), ExportItems::time( $row['last_seen'] ) ),
				ExportItems::pair( __( 'Attempts', 'auth-sentinel' ), number_format_i18n( (int) $row['count'] ) ),
				ExportItems::pair( __( 'Cause', 'auth-sentinel' ), Cause::label( (string) $row['cause'] ) ),
				ExportItems::pair( __( 'Where', 'auth-sentinel' ), ExportItems::source( (string) $row['source'] ) ),
				ExportItems::pair( __( 'IP address', 'auth-sentinel' ), (string) $row['ip'] ),
				ExportItems::pair( __( 'Client', 'auth-sentinel' ), ExportItems::client( (string) $row['user_agent'] ) ),
				ExportItems::pair( __( 'User agent', 'auth-sentinel' ), (string) $row['user_agent'] ),
				ExportItems::pair( __( 'Address requested', 'auth-sentinel' ), (string) $row['route'] ),
			);
			$typed = $subject->typed_name( $details );
			if ( null !== $typed ) {
				$data[] = ExportItems::pair( __( 'Name typed', 'auth-sentinel' ), $typed );
			}
			if ( isset( $details['device'] ) && is_scalar( $details['device'] ) ) {
				$data[] = ExportItems::pair( __( 'Device', 'auth-sentinel' ), (string) $details['device'] );
			}
			$items[] = ExportItems::item(
				'auth-sentinel-failures',
				__( 'Auth Sentinel: failed sign-ins', 'auth-sentinel' ),
				__( 'Attempts to sign in or use a credential that the site refused, as recorded for its security (one entry per client and hour).', 'auth-sentinel' ),
				'auth-sentinel-failure-' . (int) $row['id'],
				$data
			);
		}
		return ExportItems::result( $items, count( $rows ) < self::PER_PAGE );
	}

	/**
	 * Exports one page of the audit trail: the rows about the person's account and the rows of
	 * what they did.
	 *
	 * @param string $email The address of the request.
	 * @param int    $page  1-based page.
	 * @return array{data: array<int, array<string, mixed>>, done: bool}
	 */
	public function audit( $email, $page = 1 ): array {
		$subject = Subject::from_email( (string) $email );
		if ( 0 === $subject->user_id ) {
			return ExportItems::result( array(), true );
		}
		$rows = $this->repository->audit_page( $subject->user_id, self::PER_PAGE, self::offset( $page ) );
		// Only the person's own login is named: anyone else shows as "user #12".
		$users = array( $subject->user_id => $subject->login );
		$items = array();
		foreach ( $rows as $row ) {
			$target  = (int) $row['target_user_id'];
			$actor   = (int) $row['actor_id'];
			$data    = array(
				ExportItems::pair( __( 'Time', 'auth-sentinel' ), ExportItems::time( $row['at'] ) ),
				ExportItems::pair( __( 'Action', 'auth-sentinel' ), AuditSummary::label( (string) $row['action'] ) ),
				ExportItems::pair( __( 'Done by', 'auth-sentinel' ), ExportItems::actor( $actor, $subject->user_id ) ),
				ExportItems::pair( __( 'Account concerned', 'auth-sentinel' ), $target === $subject->user_id ? __( 'Yours', 'auth-sentinel' ) : ( $target > 0 ? __( 'Another account', 'auth-sentinel' ) : __( 'None', 'auth-sentinel' ) ) ),
				ExportItems::pair( __( 'Details', 'auth-sentinel' ), AuditSummary::of( $row, $users ) ),
				ExportItems::pair( __( 'IP address', 'auth-sentinel' ), (string) $row['ip'] ),
				ExportItems::pair( __( 'User agent', 'auth-sentinel' ), (string) $row['user_agent'] ),
			);
			$items[] = ExportItems::item(
				'auth-sentinel-audit',
				__( 'Auth Sentinel: audit trail', 'auth-sentinel' ),
				__( 'Security events about your account (sign-ins, sessions, password and role changes) and security actions you took.', 'auth-sentinel' ),
				'auth-sentinel-audit-' . (int) $row['id'],
				$data
			);
		}
		return ExportItems::result( $items, count( $rows ) < self::PER_PAGE );
	}

	/**
	 * Exports one page of the person's credentials in the sessions index: browser sessions,
	 * application passwords and app tokens, live or ended.
	 *
	 * @param string $email The address of the request.
	 * @param int    $page  1-based page.
	 * @return array{data: array<int, array<string, mixed>>, done: bool}
	 */
	public function sessions( $email, $page = 1 ): array {
		$subject = Subject::from_email( (string) $email );
		if ( 0 === $subject->user_id ) {
			return ExportItems::result( array(), true );
		}
		$rows  = $this->repository->sessions_page( $subject->user_id, self::PER_PAGE, self::offset( $page ) );
		$items = array();
		foreach ( $rows as $row ) {
			$data = array(
				ExportItems::pair( __( 'Type', 'auth-sentinel' ), ExportItems::type( (string) $row['type'] ) ),
				ExportItems::pair( __( 'Created', 'auth-sentinel' ), ExportItems::time( $row['created'] ) ),
				ExportItems::pair( __( 'Last seen', 'auth-sentinel' ), ExportItems::time( $row['last_seen'] ) ),
				ExportItems::pair( __( 'Expires', 'auth-sentinel' ), ExportItems::time( $row['expires'] ) ),
				ExportItems::pair( __( 'IP address', 'auth-sentinel' ), (string) $row['ip'] ),
				ExportItems::pair( __( 'Client', 'auth-sentinel' ), ExportItems::client( (string) $row['user_agent'] ) ),
				ExportItems::pair( __( 'User agent', 'auth-sentinel' ), (string) $row['user_agent'] ),
				ExportItems::pair( __( 'Name', 'auth-sentinel' ), (string) $row['label'] ),
				ExportItems::pair( __( 'Status', 'auth-sentinel' ), ExportItems::status( $row ) ),
			);
			if ( 'active' !== $row['status'] ) {
				$data[] = ExportItems::pair( __( 'Ended', 'auth-sentinel' ), ExportItems::time( $row['ended_at'] ) );
			}
			$items[] = ExportItems::item(
				'auth-sentinel-sessions',
				__( 'Auth Sentinel: sessions', 'auth-sentinel' ),
				__( 'Your sign-in sessions, application passwords and app tokens as the site lists them for its administrators.', 'auth-sentinel' ),
				'auth-sentinel-session-' . (int) $row['id'],
				$data
			);
		}
		return ExportItems::result( $items, count( $rows ) < self::PER_PAGE );
	}

	/**
	 * Exports the account's security times: the last password change, and the last time every
	 * app token of the account was revoked. The revoked tokens' fingerprints are left out.
	 *
	 * @param string $email The address of the request.
	 * @param int    $page  1-based page (there is one).
	 * @return array{data: array<int, array<string, mixed>>, done: bool}
	 */
	public function account( $email, $page = 1 ): array {
		unset( $page );
		$subject = Subject::from_email( (string) $email );
		if ( 0 === $subject->user_id ) {
			return ExportItems::result( array(), true );
		}
		$data     = array();
		$password = (int) get_user_meta( $subject->user_id, PasswordWatch::META, true );
		if ( $password > 0 ) {
			$data[] = ExportItems::pair( __( 'Password last changed', 'auth-sentinel' ), ExportItems::time( gmdate( 'Y-m-d H:i:s', $password ) ) );
		}
		$not_before = get_user_meta( $subject->user_id, NotBefore::USER_META, true );
		if ( is_array( $not_before ) && ! empty( $not_before['at'] ) ) {
			$data[] = ExportItems::pair( __( 'App tokens issued before this time are refused', 'auth-sentinel' ), ExportItems::time( gmdate( 'Y-m-d H:i:s', (int) $not_before['at'] ) ) );
		}
		$denied = get_user_meta( $subject->user_id, Revocations::DENY_META, true );
		if ( is_array( $denied ) && $denied ) {
			$data[] = ExportItems::pair( __( 'Individually revoked app tokens', 'auth-sentinel' ), number_format_i18n( count( $denied ) ) );
		}
		if ( ! $data ) {
			return ExportItems::result( array(), true );
		}
		$item = ExportItems::item(
			'auth-sentinel-account',
			__( 'Auth Sentinel: account', 'auth-sentinel' ),
			__( 'Security times Auth Sentinel keeps with your account.', 'auth-sentinel' ),
			'auth-sentinel-account-' . $subject->user_id,
			$data
		);
		return ExportItems::result( array( $item ), true );
	}

	/**
	 * Returns the rows to skip before a page.
	 *
	 * @param mixed $page 1-based page.
	 * @return int
	 */
	private static function offset( $page ): int {
		return ( max( 1, (int) $page ) - 1 ) * self::PER_PAGE;
	}
}
