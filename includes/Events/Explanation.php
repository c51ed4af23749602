<?php
/**
 * Plain-language explanations of diagnoses.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

defined( 'ABSPATH' ) || exit;

/**
 * Writes the one sentence that tells an administrator why a credential failed, from the facts
 * the diagnosis kept. Written when shown, so it speaks the reader's language and time zone.
 *
 * @since 0.1.0
 */
class Explanation {

	/**
	 * Explains one stored failure.
	 *
	 * @param array<string, mixed> $row     The failure's row.
	 * @param array<string, mixed> $details Its decoded details.
	 * @return string
	 */
	public static function of( array $row, array $details ): string {
		if ( ! empty( $details['overflow'] ) ) {
			return self::overflow( $row, $details );
		}
		$source = (string) $row['source'];
		$what   = self::credential( $source );
		$issuer = self::issuer( (string) $row['issuer'] );

		switch ( (string) $row['cause'] ) {
			case 'expired':
				if ( isset( $details['age_h'] ) ) {
					/* translators: %d: hours. */
					return sprintf( __( 'The REST nonce is about %d hours old; WordPress accepts nonces for 24 hours. The page that sent it was open too long.', 'auth-sentinel' ), (int) $details['age_h'] );
				}
				$at = null !== $row['token_exp'] ? (int) $row['token_exp'] : (int) ( $details['expiration'] ?? 0 );
				/* translators: 1: the credential (e.g. "token"), 2: date and time. */
				return $at > 0 ? sprintf( __( 'The %1$s expired at %2$s.', 'auth-sentinel' ), $what, self::time( $at ) ) : sprintf( __( 'The %s has expired.', 'auth-sentinel' ), $what ); // phpcs:ignore WordPress.WP.I18n.MissingTranslatorsComment
			case 'revoked':
				if ( isset( $details['revoked_reason'] ) ) {
					return self::revoked( $details, $what );
				}
				if ( 'cookie' === $source ) {
					return __( 'The session this cookie belongs to no longer exists: the user signed out elsewhere, or the session was ended.', 'auth-sentinel' );
				}
				/* translators: %s: plugin name. */
				return sprintf( __( '%s reports that this token was revoked.', 'auth-sentinel' ), $issuer );
			case 'secret_changed':
				$names  = implode( ', ', array_map( 'strval', (array) ( $details['changed'] ?? array() ) ) );
				$issued = null !== $row['token_iat'] ? (int) $row['token_iat'] : (int) ( $details['issued_at'] ?? 0 );
				if ( $issued > 0 ) {
					/* translators: 1: secret names, 2: date and time of the change, 3: the credential, 4: when it was issued. */
					return sprintf( __( '%1$s changed at %2$s; this %3$s was issued before that, at %4$s, so its signature no longer matches.', 'auth-sentinel' ), $names, self::time( (int) ( $details['changed_at'] ?? 0 ) ), $what, self::time( $issued ) );
				}
				/* translators: 1: secret names, 2: date and time of the change, 3: the credential. */
				return sprintf( __( '%1$s changed at %2$s, while this %3$s was still valid, so its signature no longer matches.', 'auth-sentinel' ), $names, self::time( (int) ( $details['changed_at'] ?? 0 ) ), $what );
			case 'password_changed':
				if ( isset( $details['revoked_reason'] ) ) {
					return self::revoked( $details, $what ); // Ended here by the revoke-on-password-change policy.
				}
				if ( isset( $details['password_changed_at'] ) ) {
					/* translators: 1: date and time, 2: the credential. */
					return sprintf( __( 'The user’s password changed at %1$s, after this %2$s was issued.', 'auth-sentinel' ), self::time( (int) $details['password_changed_at'] ), $what );
				}
				/* translators: %s: plugin name. */
				return sprintf( __( '%s reports that the user’s password changed after this token was issued.', 'auth-sentinel' ), $issuer );
			case 'corrupted':
				return self::corrupted( $row, $details, $what, $issuer );
			case 'wrong_site':
				$iss = (string) $row['token_iss'];
				if ( ! empty( $details['previous_address'] ) ) {
					/* translators: %s: the token's issuer URL. */
					return sprintf( __( 'The token was issued for %s, this site’s previous address: the site address changed since.', 'auth-sentinel' ), $iss );
				}
				/* translators: 1: the token's issuer URL, 2: this site's URL. */
				return sprintf( __( 'The token was issued by %1$s, not by this site (%2$s): the app is connected to another WordPress site.', 'auth-sentinel' ), '' === $iss ? __( 'another site', 'auth-sentinel' ) : $iss, home_url() );
			case 'unknown_user':
				if ( isset( $details['token_user'] ) ) {
					/* translators: %d: user id. */
					return sprintf( __( 'The token names user #%d, who does not exist on this site (deleted, or from another site).', 'auth-sentinel' ), (int) $details['token_user'] );
				}
				/* translators: %s: a login name. */
				return sprintf( __( 'No user “%s” exists on this site.', 'auth-sentinel' ), (string) ( $details['login'] ?? '' ) );
			case 'bad_credentials':
				return 'application_password' === $source
					? __( 'The application password is wrong, or was revoked.', 'auth-sentinel' )
					: __( 'The password is wrong.', 'auth-sentinel' );
			case 'header_stripped':
				/* translators: %s: plugin name. */
				return sprintf( __( 'The client sent an Authorization header, but the web server passed it to PHP only under another name, so %s never saw the token. Configure the server to pass the header on.', 'auth-sentinel' ), $issuer );
			case 'plugin_conflict':
				/* translators: 1: plugin that issued the token, 2: plugin that rejected it. */
				return sprintf( __( 'The token was signed by %1$s, but %2$s validated it first and rejected it: two token plugins handle the same requests.', 'auth-sentinel' ), self::issuer( (string) ( $details['issued_by'] ?? '' ) ), self::issuer( (string) ( $details['rejected_by'] ?? '' ) ) );
			default:
				/* translators: %s: an error code. */
				return sprintf( __( 'Auth Sentinel could not tell why the site answered %s; nothing it knows explains it.', 'auth-sentinel' ), (string) $row['server_code'] );
		}
	}

	/**
	 * Explains a row that counts the failures past the caps of new rows.
	 *
	 * @param array<string, mixed> $row     The row.
	 * @param array<string, mixed> $details Its details (credentials, networks: estimates or null).
	 * @return string
	 */
	private static function overflow( array $row, array $details ): string {
		$count       = (int) $row['count'];
		$credentials = isset( $details['credentials'] ) ? sprintf(
			/* translators: %s: a number. */
			_n( 'about %s distinct credential', 'about %s distinct credentials', (int) $details['credentials'], 'auth-sentinel' ),
			number_format_i18n( (int) $details['credentials'] )
		) : __( 'hundreds of distinct credentials or more', 'auth-sentinel' );
		$networks = isset( $details['networks'] ) ? sprintf(
			/* translators: %s: a number. */
			_n( 'about %s network', 'about %s networks', (int) $details['networks'], 'auth-sentinel' ),
			number_format_i18n( (int) $details['networks'] )
		) : __( 'hundreds of networks or more', 'auth-sentinel' );
		return sprintf(
			/* translators: 1: a number of failures, 2: e.g. "about 340 distinct credentials", 3: e.g. "about 12 networks". */
			_n(
				'%1$s failure of this cause and kind, from %2$s from %3$s, was counted here without a row of its own: its clients were over the cap of new rows an hour (Settings), as in an attack with ever-new credentials.',
				'%1$s failures of this cause and kind, from %2$s from %3$s, were counted here without a row each: their clients were over the cap of new rows an hour (Settings), as in an attack with ever-new credentials.',
				$count,
				'auth-sentinel'
			),
			number_format_i18n( $count ),
			$credentials,
			$networks
		);
	}

	/**
	 * Explains a credential ended here, naming who ended it and why.
	 *
	 * @param array<string, mixed> $details The failure's details (revoked_at, revoked_by, revoked_reason).
	 * @param string               $what    The credential's name.
	 * @return string
	 */
	private static function revoked( array $details, string $what ): string {
		$at   = self::time( (int) ( $details['revoked_at'] ?? 0 ) );
		$user = (int) ( $details['revoked_by'] ?? 0 ) > 0 ? get_userdata( (int) $details['revoked_by'] ) : false;
		$by   = $user ? $user->display_name : __( 'the system', 'auth-sentinel' );
		switch ( (string) $details['revoked_reason'] ) {
			case 'admin':
				/* translators: 1: the credential, 2: who, 3: date and time. */
				return sprintf( __( 'This %1$s was revoked by %2$s at %3$s.', 'auth-sentinel' ), $what, $by, $at );
			case 'revoke_all':
				/* translators: 1: the credential, 2: who, 3: date and time. */
				return sprintf( __( 'This %1$s was revoked when %2$s revoked everyone’s sessions at %3$s.', 'auth-sentinel' ), $what, $by, $at );
			case 'user':
				/* translators: 1: the credential, 2: date and time. */
				return sprintf( __( 'The user ended this %1$s themselves at %2$s.', 'auth-sentinel' ), $what, $at );
			case 'signed_out':
				/* translators: %s: date and time. */
				return sprintf( __( 'The user signed out of this session at %s.', 'auth-sentinel' ), $at );
			case 'policy_password':
				return $user
					/* translators: 1: the credential, 2: date and time, 3: who changed the password. */
					? sprintf( __( 'This %1$s was ended at %2$s when %3$s changed the user’s password (the site’s revocation policy).', 'auth-sentinel' ), $what, $at, $by )
					/* translators: 1: the credential, 2: date and time. */
					: sprintf( __( 'This %1$s was ended at %2$s when the user’s password was changed (the site’s revocation policy).', 'auth-sentinel' ), $what, $at );
			case 'policy_email':
				return $user
					/* translators: 1: the credential, 2: date and time, 3: who changed the address. */
					? sprintf( __( 'This %1$s was ended at %2$s when %3$s changed the user’s email address (the site’s revocation policy).', 'auth-sentinel' ), $what, $at, $by )
					/* translators: 1: the credential, 2: date and time. */
					: sprintf( __( 'This %1$s was ended at %2$s when the user’s email address was changed (the site’s revocation policy).', 'auth-sentinel' ), $what, $at );
			case 'policy_role':
				return $user
					/* translators: 1: the credential, 2: date and time, 3: who changed the role. */
					? sprintf( __( 'This %1$s was ended at %2$s when %3$s changed the user’s role (the site’s revocation policy).', 'auth-sentinel' ), $what, $at, $by )
					/* translators: 1: the credential, 2: date and time. */
					: sprintf( __( 'This %1$s was ended at %2$s when the user’s role was changed (the site’s revocation policy).', 'auth-sentinel' ), $what, $at );
			case 'limit':
				/* translators: %s: date and time. */
				return sprintf( __( 'This session was ended at %s: the user signed in more times than their role’s session limit allows, and it was the oldest.', 'auth-sentinel' ), $at );
			default:
				/* translators: 1: the credential, 2: date and time. */
				return sprintf( __( 'This %1$s ended at %2$s.', 'auth-sentinel' ), $what, $at );
		}
	}

	/**
	 * Explains a corrupted credential.
	 *
	 * @param array<string, mixed> $row     The row.
	 * @param array<string, mixed> $details Its details.
	 * @param string               $what    The credential's name.
	 * @param string               $issuer  The plugin's name.
	 * @return string
	 */
	private static function corrupted( array $row, array $details, string $what, string $issuer ): string {
		switch ( (string) ( $details['problem'] ?? '' ) ) {
			case 'too_long':
				return __( 'The token is longer than any real token (over 8 KB): it is not a token.', 'auth-sentinel' );
			case 'parts':
				return __( 'The token is not three dot-separated parts, so it is not a JWT: it was cut off or mangled.', 'auth-sentinel' );
			case 'alphabet':
				return __( 'The token holds characters a JWT cannot contain: it was mangled in storage or transit.', 'auth-sentinel' );
			case 'json':
				return __( 'The token’s parts do not decode to JSON: it was cut off or mangled.', 'auth-sentinel' );
			case 'no_user_claim':
				return __( 'The token names no user: it was not issued by this site’s token plugin, or was altered.', 'auth-sentinel' );
			case 'shape':
				return __( 'What was sent as a REST nonce is not a WordPress nonce.', 'auth-sentinel' );
		}
		if ( 'auth_cookie_malformed' === $row['server_code'] ) {
			return __( 'The sign-in cookie is not in WordPress’s format: it was altered or cut off.', 'auth-sentinel' );
		}
		if ( 'token' === $row['source'] ) {
			/* translators: %s: plugin name. */
			return sprintf( __( 'The token’s signature does not match the %s secret, and no change of that secret explains it: the token was altered, or signed elsewhere.', 'auth-sentinel' ), $issuer );
		}
		/* translators: %s: the credential. */
		return sprintf( __( 'The %s’s signature does not match although neither the password nor the keys changed: it was altered.', 'auth-sentinel' ), $what );
	}

	/**
	 * Names a credential source.
	 *
	 * @param string $source The source.
	 * @return string
	 */
	private static function credential( string $source ): string {
		switch ( $source ) {
			case 'cookie':
				return __( 'sign-in cookie', 'auth-sentinel' );
			case 'rest_nonce':
				return __( 'REST nonce', 'auth-sentinel' );
			case 'application_password':
				return __( 'application password', 'auth-sentinel' );
			default:
				return __( 'token', 'auth-sentinel' );
		}
	}

	/**
	 * Names a token plugin.
	 *
	 * @param string $issuer The issuer slug.
	 * @return string
	 */
	public static function issuer( string $issuer ): string {
		$names = array(
			Issuers::JWT_REST_API     => 'JWT Authentication for WP REST API',
			Issuers::JWT_AUTH         => 'JWT Auth',
			Issuers::SIMPLE_JWT_LOGIN => 'Simple JWT Login',
			Issuers::WCPOS            => 'WooCommerce POS',
			'auth-sentinel'           => 'Auth Sentinel',
			'unknown'                 => __( 'the token plugin', 'auth-sentinel' ),
		);
		return $names[ $issuer ] ?? __( 'the token plugin', 'auth-sentinel' );
	}

	/**
	 * Formats a Unix time in the site's time zone.
	 *
	 * @param int $time Unix time.
	 * @return string
	 */
	private static function time( int $time ): string {
		return (string) wp_date( 'Y-m-d H:i', $time );
	}
}
