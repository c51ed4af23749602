<?php
/**
 * The words of audit sentences.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

defined( 'ABSPATH' ) || exit;

/**
 * Names what an audit sentence (AuditSummary) mentions: a user by login, a credential with its
 * client, credentials counted by kind, why a revocation happened, roles and the names of keys.
 * Pure as AuditSummary is: the logins are passed in.
 *
 * @since 0.1.0
 */
final class AuditPhrases {

	/**
	 * Names a user for a sentence: the login, or "user #12" once deleted.
	 *
	 * @param int                     $user_id The user.
	 * @param array<int, string|null> $users   Logins by id.
	 * @return string
	 */
	public static function user_name( int $user_id, array $users ): string {
		if ( $user_id <= 0 ) {
			return __( 'no user', 'auth-sentinel' );
		}
		/* translators: %d: a user id. */
		return isset( $users[ $user_id ] ) ? (string) $users[ $user_id ] : sprintf( __( 'user #%d', 'auth-sentinel' ), $user_id );
	}

	/**
	 * Names one credential with its client: "a browser session (Chrome on Windows)".
	 *
	 * @param array<string, mixed> $details The row's details: type, client or label.
	 * @return string
	 */
	public static function credential( array $details ): string {
		switch ( (string) ( $details['type'] ?? '' ) ) {
			case 'cookie':
				$kind = __( 'a browser session', 'auth-sentinel' );
				break;
			case 'app_password':
				$kind = __( 'an application password', 'auth-sentinel' );
				break;
			case 'wcpos':
				$kind = __( 'a WooCommerce POS session', 'auth-sentinel' );
				break;
			case 'token':
				$kind = __( 'a token', 'auth-sentinel' );
				break;
			default:
				$kind = __( 'a session', 'auth-sentinel' );
		}
		$client = self::text( $details['client'] ?? ( $details['label'] ?? '' ) );
		/* translators: 1: a kind of credential, e.g. "a browser session", 2: its client, e.g. "Chrome on Windows". */
		return '' === $client ? $kind : sprintf( __( '%1$s (%2$s)', 'auth-sentinel' ), $kind, $client );
	}

	/**
	 * Lists revoked credentials by kind: "2 browser sessions, 1 application password".
	 *
	 * @param array<string, mixed> $counts Kind => number.
	 * @return string Empty when nothing was revoked.
	 */
	public static function counts( array $counts ): string {
		$parts = array();
		foreach ( $counts as $type => $count ) {
			$count = (int) $count;
			if ( $count <= 0 ) {
				continue;
			}
			switch ( (string) $type ) {
				case 'cookie':
					/* translators: %s: a number. */
					$format = _n( '%s browser session', '%s browser sessions', $count, 'auth-sentinel' );
					break;
				case 'app_password':
					/* translators: %s: a number. */
					$format = _n( '%s application password', '%s application passwords', $count, 'auth-sentinel' );
					break;
				case 'wcpos':
					/* translators: %s: a number. */
					$format = _n( '%s WooCommerce POS session', '%s WooCommerce POS sessions', $count, 'auth-sentinel' );
					break;
				case 'token':
					/* translators: %s: a number. */
					$format = _n( '%s token', '%s tokens', $count, 'auth-sentinel' );
					break;
				default:
					/* translators: %s: a number. */
					$format = _n( '%s other credential', '%s other credentials', $count, 'auth-sentinel' );
			}
			$parts[] = sprintf( $format, number_format_i18n( $count ) );
		}
		return implode( ', ', $parts );
	}

	/**
	 * Adds why a revocation happened, when it was not simply someone's decision.
	 *
	 * @param string               $text    The sentence.
	 * @param array<string, mixed> $details The row's details: reason.
	 * @return string
	 */
	public static function with_reason( string $text, array $details ): string {
		$reasons = array(
			'signed_out'      => __( 'on sign-out', 'auth-sentinel' ),
			'policy_password' => __( 'after a password change', 'auth-sentinel' ),
			'policy_email'    => __( 'after an email address change', 'auth-sentinel' ),
			'policy_role'     => __( 'after a role change', 'auth-sentinel' ),
			'limit'           => __( 'over the role’s session limit', 'auth-sentinel' ),
			'revoke_all'      => __( 'while revoking everyone’s sessions', 'auth-sentinel' ),
		);
		$reason  = (string) ( $details['reason'] ?? '' );
		/* translators: 1: what happened, 2: why, e.g. "after a password change". */
		return isset( $reasons[ $reason ] ) ? sprintf( __( '%1$s %2$s', 'auth-sentinel' ), $text, $reasons[ $reason ] ) : $text;
	}

	/**
	 * Names roles: "Editor, Shop manager", or "no role".
	 *
	 * @param array<int, mixed> $slugs Role slugs.
	 * @return string
	 */
	public static function roles( array $slugs ): string {
		$names = array();
		$known = wp_roles()->role_names;
		foreach ( $slugs as $slug ) {
			$slug    = (string) $slug;
			$names[] = isset( $known[ $slug ] ) ? translate_user_role( $known[ $slug ] ) : $slug;
		}
		return $names ? implode( ', ', $names ) : __( 'no role', 'auth-sentinel' );
	}

	/**
	 * Joins names, at most ten.
	 *
	 * @param array<int, mixed> $names Names.
	 * @return string
	 */
	public static function names( array $names ): string {
		$names = array_map( array( self::class, 'text' ), $names );
		$more  = count( $names ) - 10;
		$text  = implode( ', ', array_slice( $names, 0, 10 ) );
		/* translators: 1: a list of names, 2: how many more. */
		return $more > 0 ? sprintf( __( '%1$s and %2$d more', 'auth-sentinel' ), $text, $more ) : $text;
	}

	/**
	 * Reads a scalar detail as short plain text.
	 *
	 * @param mixed $value The value.
	 * @return string
	 */
	public static function text( $value ): string {
		return is_scalar( $value ) ? mb_substr( trim( (string) $value ), 0, 100 ) : '';
	}
}
