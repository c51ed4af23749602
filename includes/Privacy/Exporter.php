<?php
/**
 * The personal data exporters.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Privacy;

use AuthSentinel\Audit\AuditSummary;
use AuthSentinel\Events\ClientName;
use AuthSentinel\Events\PasswordWatch;
use AuthSentinel\Health\CauseLabels;
use AuthSentinel\Http\Text;
use AuthSentinel\Sessions\Revocations;

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
			return self::result( array(), true );
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
				self::pair( __( 'First attempt', 'auth-sentinel' ), self::time( $row['first_seen'] ) ),
				self::pair( __( 'Last attempt', 'auth-sentinel' ), self::time( $row['last_seen'] ) ),
				self::pair( __( 'Attempts', 'auth-sentinel' ), number_format_i18n( (int) $row['count'] ) ),
				self::pair( __( 'Cause', 'auth-sentinel' ), CauseLabels::label( (string) $row['cause'] ) ),
				self::pair( __( 'Where', 'auth-sentinel' ), self::source( (string) $row['source'] ) ),
				self::pair( __( 'IP address', 'auth-sentinel' ), (string) $row['ip'] ),
				self::pair( __( 'Client', 'auth-sentinel' ), self::client( (string) $row['user_agent'] ) ),
				self::pair( __( 'User agent', 'auth-sentinel' ), (string) $row['user_agent'] ),
				self::pair( __( 'Address requested', 'auth-sentinel' ), (string) $row['route'] ),
			);
			$typed = $subject->typed_name( $details );
			if ( null !== $typed ) {
				$data[] = self::pair( __( 'Name typed', 'auth-sentinel' ), $typed );
			}
			if ( isset( $details['device'] ) && is_scalar( $details['device'] ) ) {
				$data[] = self::pair( __( 'Device', 'auth-sentinel' ), (string) $details['device'] );
			}
			$items[] = self::item(
				'auth-sentinel-failures',
				__( 'Auth Sentinel: failed sign-ins', 'auth-sentinel' ),
				__( 'Attempts to sign in or use a credential that the site refused, as recorded for its security (one entry per client and hour).', 'auth-sentinel' ),
				'auth-sentinel-failure-' . (int) $row['id'],
				$data
			);
		}
		return self::result( $items, count( $rows ) < self::PER_PAGE );
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
			return self::result( array(), true );
		}
		$rows = $this->repository->audit_page( $subject->user_id, self::PER_PAGE, self::offset( $page ) );
		// Only the person's own login is named: anyone else shows as "user #12".
		$users = array( $subject->user_id => $subject->login );
		$items = array();
		foreach ( $rows as $row ) {
			$target  = (int) $row['target_user_id'];
			$actor   = (int) $row['actor_id'];
			$data    = array(
				self::pair( __( 'Time', 'auth-sentinel' ), self::time( $row['at'] ) ),
				self::pair( __( 'Action', 'auth-sentinel' ), AuditSummary::label( (string) $row['action'] ) ),
				self::pair( __( 'Done by', 'auth-sentinel' ), self::actor( $actor, $subject->user_id ) ),
				self::pair( __( 'Account concerned', 'auth-sentinel' ), $target === $subject->user_id ? __( 'Yours', 'auth-sentinel' ) : ( $target > 0 ? __( 'Another account', 'auth-sentinel' ) : __( 'None', 'auth-sentinel' ) ) ),
				self::pair( __( 'Details', 'auth-sentinel' ), AuditSummary::of( $row, $users ) ),
				self::pair( __( 'IP address', 'auth-sentinel' ), (string) $row['ip'] ),
				self::pair( __( 'User agent', 'auth-sentinel' ), (string) $row['user_agent'] ),
			);
			$items[] = self::item(
				'auth-sentinel-audit',
				__( 'Auth Sentinel: audit trail', 'auth-sentinel' ),
				__( 'Security events about your account (sign-ins, sessions, password and role changes) and security actions you took.', 'auth-sentinel' ),
				'auth-sentinel-audit-' . (int) $row['id'],
				$data
			);
		}
		return self::result( $items, count( $rows ) < self::PER_PAGE );
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
			return self::result( array(), true );
		}
		$rows  = $this->repository->sessions_page( $subject->user_id, self::PER_PAGE, self::offset( $page ) );
		$items = array();
		foreach ( $rows as $row ) {
			$data = array(
				self::pair( __( 'Type', 'auth-sentinel' ), self::type( (string) $row['type'] ) ),
				self::pair( __( 'Created', 'auth-sentinel' ), self::time( $row['created'] ) ),
				self::pair( __( 'Last seen', 'auth-sentinel' ), self::time( $row['last_seen'] ) ),
				self::pair( __( 'Expires', 'auth-sentinel' ), self::time( $row['expires'] ) ),
				self::pair( __( 'IP address', 'auth-sentinel' ), (string) $row['ip'] ),
				self::pair( __( 'Client', 'auth-sentinel' ), self::client( (string) $row['user_agent'] ) ),
				self::pair( __( 'User agent', 'auth-sentinel' ), (string) $row['user_agent'] ),
				self::pair( __( 'Name', 'auth-sentinel' ), (string) $row['label'] ),
				self::pair( __( 'Status', 'auth-sentinel' ), self::status( $row ) ),
			);
			if ( 'active' !== $row['status'] ) {
				$data[] = self::pair( __( 'Ended', 'auth-sentinel' ), self::time( $row['ended_at'] ) );
			}
			$items[] = self::item(
				'auth-sentinel-sessions',
				__( 'Auth Sentinel: sessions', 'auth-sentinel' ),
				__( 'Your sign-in sessions, application passwords and app tokens as the site lists them for its administrators.', 'auth-sentinel' ),
				'auth-sentinel-session-' . (int) $row['id'],
				$data
			);
		}
		return self::result( $items, count( $rows ) < self::PER_PAGE );
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
			return self::result( array(), true );
		}
		$data     = array();
		$password = (int) get_user_meta( $subject->user_id, PasswordWatch::META, true );
		if ( $password > 0 ) {
			$data[] = self::pair( __( 'Password last changed', 'auth-sentinel' ), self::time( gmdate( 'Y-m-d H:i:s', $password ) ) );
		}
		$not_before = get_user_meta( $subject->user_id, Revocations::USER_META, true );
		if ( is_array( $not_before ) && ! empty( $not_before['at'] ) ) {
			$data[] = self::pair( __( 'App tokens issued before this time are refused', 'auth-sentinel' ), self::time( gmdate( 'Y-m-d H:i:s', (int) $not_before['at'] ) ) );
		}
		$denied = get_user_meta( $subject->user_id, Revocations::DENY_META, true );
		if ( is_array( $denied ) && $denied ) {
			$data[] = self::pair( __( 'Individually revoked app tokens', 'auth-sentinel' ), number_format_i18n( count( $denied ) ) );
		}
		if ( ! $data ) {
			return self::result( array(), true );
		}
		$item = self::item(
			'auth-sentinel-account',
			__( 'Auth Sentinel: account', 'auth-sentinel' ),
			__( 'Security times Auth Sentinel keeps with your account.', 'auth-sentinel' ),
			'auth-sentinel-account-' . $subject->user_id,
			$data
		);
		return self::result( array( $item ), true );
	}

	/**
	 * Builds one export item.
	 *
	 * @param string                                         $group_id    The group.
	 * @param string                                         $label       The group's name.
	 * @param string                                         $description The group's description.
	 * @param string                                         $item_id     The item's id.
	 * @param array<int, array{name: string, value: string}> $data   Name/value pairs.
	 * @return array<string, mixed>
	 */
	private static function item( string $group_id, string $label, string $description, string $item_id, array $data ): array {
		return array(
			'group_id'          => $group_id,
			'group_label'       => $label,
			'group_description' => $description,
			'item_id'           => $item_id,
			// An empty value says nothing: leave it out.
			'data'              => array_values(
				array_filter(
					$data,
					static function ( $pair ) {
						return '' !== $pair['value'];
					}
				)
			),
		);
	}

	/**
	 * Builds one name/value pair. The value is escaped plain text: WordPress escapes the name
	 * in its report but only filters the value through wp_kses(), which would mangle a user
	 * agent or a typed name holding `<`, rather than show it as it was recorded.
	 *
	 * @param string $name  The name.
	 * @param string $value The value.
	 * @return array{name: string, value: string}
	 */
	private static function pair( string $name, string $value ): array {
		return array(
			'name'  => $name,
			'value' => esc_html( Text::line( $value ) ),
		);
	}

	/**
	 * Builds an exporter's answer.
	 *
	 * @param array<int, array<string, mixed>> $items The items.
	 * @param bool                             $done  Whether this was the last page.
	 * @return array{data: array<int, array<string, mixed>>, done: bool}
	 */
	private static function result( array $items, bool $done ): array {
		return array(
			'data' => $items,
			'done' => $done,
		);
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

	/**
	 * Formats a stored GMT time: "2024-05-01 12:00:00 UTC", or '' for none.
	 *
	 * @param mixed $gmt GMT datetime.
	 * @return string
	 */
	private static function time( $gmt ): string {
		$gmt = (string) $gmt;
		if ( '' === $gmt || 0 === strpos( $gmt, '0000-00-00' ) ) {
			return '';
		}
		/* translators: %s: a date and time in UTC, e.g. 2024-05-01 12:00:00. */
		return sprintf( __( '%s UTC', 'auth-sentinel' ), $gmt );
	}

	/**
	 * Names the client of a user agent ("Chrome on Windows"); '' when that says no more than the
	 * user agent itself.
	 *
	 * @param string $agent The user agent.
	 * @return string
	 */
	private static function client( string $agent ): string {
		if ( '' === $agent ) {
			return '';
		}
		$client = ClientName::describe( $agent );
		return $client === $agent ? '' : $client;
	}

	/**
	 * Names who did an audited action, from the person's point of view.
	 *
	 * @param int $actor   The actor's id; 0 for the site itself.
	 * @param int $user_id The person's id.
	 * @return string
	 */
	private static function actor( int $actor, int $user_id ): string {
		if ( $actor === $user_id ) {
			return __( 'You', 'auth-sentinel' );
		}
		return 0 === $actor ? __( 'The site (automatic, or someone not signed in)', 'auth-sentinel' ) : __( 'Another user (an administrator)', 'auth-sentinel' );
	}

	/**
	 * Names where a failed credential came from.
	 *
	 * @param string $source cookie, login_form, xmlrpc, application_password, rest_nonce, token or rest.
	 * @return string
	 */
	private static function source( string $source ): string {
		$labels = array(
			'cookie'               => __( 'Browser sign-in cookie', 'auth-sentinel' ),
			'login_form'           => __( 'Login form', 'auth-sentinel' ),
			'xmlrpc'               => __( 'XML-RPC', 'auth-sentinel' ),
			'application_password' => __( 'Application password', 'auth-sentinel' ),
			'rest_nonce'           => __( 'REST API nonce', 'auth-sentinel' ),
			'token'                => __( 'App token', 'auth-sentinel' ),
			'token_login'          => __( 'App sign-in (a token plugin’s login)', 'auth-sentinel' ),
			'rest'                 => __( 'REST API', 'auth-sentinel' ),
		);
		return $labels[ $source ] ?? $source;
	}

	/**
	 * Names a kind of credential.
	 *
	 * @param string $type cookie, app_password, wcpos or token.
	 * @return string
	 */
	private static function type( string $type ): string {
		$labels = array(
			'cookie'       => __( 'Browser session', 'auth-sentinel' ),
			'app_password' => __( 'Application password', 'auth-sentinel' ),
			'wcpos'        => __( 'WooCommerce POS session', 'auth-sentinel' ),
			'token'        => __( 'App token', 'auth-sentinel' ),
		);
		return $labels[ $type ] ?? $type;
	}

	/**
	 * Names the state of a credential.
	 *
	 * @param array<string, mixed> $row The index row.
	 * @return string
	 */
	private static function status( array $row ): string {
		if ( 'revoked' === $row['status'] ) {
			return __( 'Revoked', 'auth-sentinel' );
		}
		if ( 'active' !== $row['status'] ) {
			return __( 'Ended', 'auth-sentinel' );
		}
		if ( ! empty( $row['expires'] ) && (string) $row['expires'] <= gmdate( 'Y-m-d H:i:s' ) ) {
			return __( 'Expired', 'auth-sentinel' );
		}
		return __( 'Active', 'auth-sentinel' );
	}
}
