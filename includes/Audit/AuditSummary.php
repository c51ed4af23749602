<?php
/**
 * Readable sentences for audit rows.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Settings\Settings;
use AuthSentinel\Vocabulary\AuditAction;

defined( 'ABSPATH' ) || exit;

/**
 * Turns an audit row into the sentence an administrator reads ("Revoked a browser session
 * (Chrome on Windows) of jane"), and names each known action; AuditPhrases words what the
 * sentence mentions. Pure: every name it needs is passed in, so a listing or an export looks
 * users up once per page or batch.
 *
 * @since 0.1.0
 */
class AuditSummary {

	/**
	 * Returns the name of one action (AuditAction's, as the Audit screen shows it); an unknown one
	 * is shown as written.
	 *
	 * @param string $action The action.
	 * @return string
	 */
	public static function label( string $action ): string {
		return AuditAction::labels()[ $action ] ?? $action;
	}

	/**
	 * Writes the sentence for one row.
	 *
	 * @param array<string, mixed>    $row   The row: action, details (array or JSON), actor_id, target_user_id.
	 * @param array<int, string|null> $users Logins by user id (the row's users; a missing or null one was deleted).
	 * @return string
	 */
	public static function of( array $row, array $users = array() ): string {
		$action  = (string) ( $row['action'] ?? '' );
		$details = $row['details'] ?? array();
		if ( is_string( $details ) ) {
			$details = json_decode( $details, true );
		}
		$details   = is_array( $details ) ? $details : array();
		$target_id = (int) ( $row['target_user_id'] ?? 0 );
		$actor_id  = (int) ( $row['actor_id'] ?? 0 );
		$target    = AuditPhrases::user_name( $target_id, $users );
		// Someone else's account: name it; one's own: the actor column already says who.
		$other = $target_id > 0 && $target_id !== $actor_id;

		switch ( $action ) {
			case 'sign_in':
				$text = self::sign_in( (string) ( $details['method'] ?? '' ) );
				break;

			case 'sign_out':
				$text = __( 'Signed out', 'auth-sentinel' );
				break;

			case 'session_created':
				$text = sprintf(
					/* translators: %s: a credential with its client, e.g. "a browser session (Chrome on Windows)". */
					__( 'Started %s', 'auth-sentinel' ),
					AuditPhrases::credential( $details )
				);
				if ( $other ) {
					/* translators: 1: what happened, 2: a user's login. */
					$text = sprintf( __( '%1$s for %2$s', 'auth-sentinel' ), $text, $target );
				}
				break;

			case 'session_revoked':
				$text = AuditPhrases::with_reason(
					sprintf(
						/* translators: 1: a credential with its client, e.g. "a browser session (Chrome on Windows)", 2: a user's login. */
						__( 'Revoked %1$s of %2$s', 'auth-sentinel' ),
						AuditPhrases::credential( $details ),
						$target
					),
					$details
				);
				break;

			case 'user_sessions_revoked':
				$counts = AuditPhrases::counts( (array) ( $details['counts'] ?? array() ) );
				$text   = AuditPhrases::with_reason(
					'' === $counts
						/* translators: %s: a user's login. */
						? sprintf( __( 'Revoked every credential of %s (none was active)', 'auth-sentinel' ), $target )
						/* translators: 1: a user's login, 2: what was revoked, e.g. "2 browser sessions, 1 application password". */
						: sprintf( __( 'Revoked every credential of %1$s: %2$s', 'auth-sentinel' ), $target, $counts ),
					$details
				);
				break;

			case 'all_sessions_revoked':
				$counts = AuditPhrases::counts( (array) ( $details['counts'] ?? array() ) );
				$text   = '' === $counts
					? __( 'Revoked everyone’s sessions (none was active)', 'auth-sentinel' )
					/* translators: %s: what was revoked, e.g. "12 browser sessions, 3 tokens". */
					: sprintf( __( 'Revoked everyone’s sessions: %s', 'auth-sentinel' ), $counts );
				break;

			case 'reauth_failed':
				$text = sprintf(
					/* translators: 1: a user's login, 2: how many wrong passwords in a row. */
					__( '%1$s entered a wrong password to confirm revoking everyone’s sessions (attempt %2$s)', 'auth-sentinel' ),
					$target,
					number_format_i18n( (int) ( $details['attempts'] ?? 1 ) )
				);
				break;

			case 'app_password_created':
				/* translators: 1: application password name, 2: a user's login. */
				$text = sprintf( __( 'Created the application password “%1$s” of %2$s', 'auth-sentinel' ), AuditPhrases::text( $details['name'] ?? '' ), $target );
				break;

			case 'app_password_first_used':
				/* translators: 1: application password name, 2: a user's login. */
				$text = sprintf( __( 'First use of the application password “%1$s” of %2$s', 'auth-sentinel' ), AuditPhrases::text( $details['name'] ?? '' ), $target );
				break;

			case 'app_password_revoked':
				/* translators: 1: application password name, 2: a user's login. */
				$text = sprintf( __( 'Revoked the application password “%1$s” of %2$s', 'auth-sentinel' ), AuditPhrases::text( $details['name'] ?? '' ), $target );
				break;

			case 'password_changed':
				/* translators: %s: a user's login. */
				$text = sprintf( __( 'Changed the password of %s', 'auth-sentinel' ), $target );
				break;

			case 'email_changed':
				/* translators: %s: a user's login. */
				$text = sprintf( __( 'Changed the email address of %s', 'auth-sentinel' ), $target );
				break;

			case 'role_changed':
				$text = sprintf(
					/* translators: 1: a user's login, 2: former roles, 3: new roles. */
					__( 'Changed the role of %1$s from %2$s to %3$s', 'auth-sentinel' ),
					$target,
					AuditPhrases::roles( (array) ( $details['from'] ?? array() ) ),
					AuditPhrases::roles( (array) ( $details['to'] ?? array() ) )
				);
				break;

			case 'secrets_changed':
				$text = sprintf(
					/* translators: %s: names of keys, e.g. "AUTH_KEY, AUTH_SALT". */
					__( 'Changed the secret keys: %s', 'auth-sentinel' ),
					AuditPhrases::names( (array) ( $details['changed'] ?? array() ) )
				);
				if ( ! empty( $details['sessions'] ) ) {
					$text = sprintf(
						/* translators: 1: what happened, 2: a number of sign-in sessions, 3: a number of users. */
						_n( '%1$s (%2$s sign-in session of %3$s users ended)', '%1$s (%2$s sign-in sessions of %3$s users ended)', (int) $details['sessions'], 'auth-sentinel' ),
						$text,
						number_format_i18n( (int) $details['sessions'] ),
						number_format_i18n( (int) ( $details['users'] ?? 0 ) )
					);
				}
				break;

			case 'settings_changed':
				$labels = Settings::labels();
				$names  = array();
				foreach ( (array) ( $details['changed'] ?? array() ) as $key ) {
					$names[] = $labels[ (string) $key ] ?? (string) $key;
				}
				$text = $names
					/* translators: %s: names of settings, e.g. "audit retention, IP anonymisation". */
					? sprintf( __( 'Changed settings: %s', 'auth-sentinel' ), implode( ', ', $names ) )
					: __( 'Saved the settings unchanged', 'auth-sentinel' );
				break;

			default:
				$text = $target_id > 0
					/* translators: 1: an action's name, 2: a user's login. */
					? sprintf( __( 'Recorded “%1$s” for %2$s', 'auth-sentinel' ), self::label( $action ), $target )
					/* translators: %s: an action's name. */
					: sprintf( __( 'Recorded “%s”', 'auth-sentinel' ), self::label( $action ) );
		}
		return $text;
	}

	/**
	 * Says how a user signed in.
	 *
	 * @param string $method login_form, xmlrpc, rest, ajax or other.
	 * @return string
	 */
	private static function sign_in( string $method ): string {
		switch ( $method ) {
			case 'login_form':
				return __( 'Signed in with the login form', 'auth-sentinel' );
			case 'xmlrpc':
				return __( 'Signed in over XML-RPC', 'auth-sentinel' );
			case 'rest':
				return __( 'Signed in through the REST API', 'auth-sentinel' );
			case 'ajax':
				return __( 'Signed in through an admin-ajax request', 'auth-sentinel' );
			default:
				return __( 'Signed in', 'auth-sentinel' );
		}
	}
}
