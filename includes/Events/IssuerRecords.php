<?php
/**
 * What the token plugins' own records say of a token.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Sessions\IssuerSessions;

defined( 'ABSPATH' ) || exit;

/**
 * The per-issuer rules of the diagnosis: for a token its issuer's secret verifies, what that
 * issuer keeps against it — JWT Auth's pass (renewed when the password changes) and devices,
 * WCPOS's blacklist and refresh sessions, Simple JWT Login's revoked tokens. Read only, never
 * trusted to say more than "refused".
 *
 * @since 0.1.0
 */
final class IssuerRecords {

	/**
	 * What the token plugins keep of their own (Simple JWT Login's revoked tokens).
	 *
	 * @var IssuerSessions
	 */
	private $issuer_sessions;

	/**
	 * Creates the reader.
	 *
	 * @param IssuerSessions $issuer_sessions What the token plugins keep of their own.
	 */
	public function __construct( IssuerSessions $issuer_sessions ) {
		$this->issuer_sessions = $issuer_sessions;
	}

	/**
	 * What the issuer's own records say of a token its secret verifies: JWT Auth's pass (renewed
	 * when the password changes) and devices, WCPOS's blacklist and sessions, Simple JWT Login's
	 * revoked tokens. '' when they hold nothing against it; `password_changed` when JWT Auth's pass
	 * no longer matches (the decision adds when).
	 *
	 * @param array<string, mixed> $verdict The verdict (details are added).
	 * @param string               $token   The raw token.
	 * @param array<string, mixed> $raw     All its claims.
	 * @param array<string, mixed> $claims  Its public claims.
	 * @return string
	 */
	public function against( array &$verdict, string $token, array $raw, array $claims ): string {
		$user_id = $verdict['user_id'];
		switch ( $verdict['issuer'] ) {
			case Issuers::JWT_AUTH:
				$data = isset( $raw['data']['user'] ) && is_array( $raw['data']['user'] ) ? $raw['data']['user'] : array();
				if ( $user_id > 0 && ( ! isset( $data['pass'] ) || ! is_string( $data['pass'] ) || get_user_meta( $user_id, 'jwt_auth_pass', true ) !== $data['pass'] ) ) {
					return 'password_changed'; // The decision adds when, if known.
				}
				if ( $user_id > 0 && ! empty( $data['device'] ) && ! in_array( $data['device'], (array) get_user_meta( $user_id, 'jwt_auth_device', false ), true ) ) {
					$verdict['details']['problem'] = 'device_removed';
					return 'revoked';
				}
				return '';
			case Issuers::WCPOS:
				foreach ( array( 'jti', 'refresh_jti' ) as $claim ) {
					$jti = isset( $raw[ $claim ] ) && is_string( $raw[ $claim ] ) ? $raw[ $claim ] : '';
					if ( '' !== $jti && strlen( $jti ) <= 150 && false !== get_transient( 'wcpos_blacklist_' . $jti ) ) {
						return 'revoked';
					}
				}
				if ( 'refresh' === $claims['type'] && $user_id > 0 ) {
					$sessions = get_user_meta( $user_id, '_woocommerce_pos_refresh_tokens', true );
					$jti      = (string) ( $claims['jti'] ?? '' );
					$session  = is_array( $sessions ) && '' !== $jti && isset( $sessions[ $jti ] ) && is_array( $sessions[ $jti ] ) ? $sessions[ $jti ] : null;
					if ( null === $session || ( isset( $session['expires'] ) && (int) $session['expires'] < time() ) ) {
						return 'revoked';
					}
				}
				return '';
			case Issuers::SIMPLE_JWT_LOGIN:
				return $this->issuer_sessions->simple_jwt_login_revoked( $token, $user_id ) ? 'revoked' : '';
			default:
				return '';
		}
	}
}
