<?php
/**
 * Tells an app why its token no longer works, saying only what the token's holder may know.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Apps;

use AuthSentinel\Catalog\Catalog;
use AuthSentinel\Events\Issuers;
use AuthSentinel\Events\PasswordWatch;
use AuthSentinel\Events\TokenInspector;
use AuthSentinel\Rest\Dates;
use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Sessions\SessionsModule;

defined( 'ABSPATH' ) || exit;

/**
 * Diagnoses one token for the app that holds it. Never authenticates anyone and stores nothing.
 *
 * The answer depends on whether the signature verifies with a secret the site holds now:
 *
 * - Verified: the asker holds a token this site issued, so it may learn what happened to it:
 *   expired, wrong site (issued for another address), revoked (with the time, never by whom),
 *   password changed, or valid. A token whose user is gone is `unknown`, not "no such user".
 * - Not verified: nothing about any user is looked up. Only what the token itself claims is
 *   compared with public facts (its `iss` with this site's address, its `exp` with the clock),
 *   and whether the signing key of its kind of token changed after its `iat` (`secret_changed`,
 *   never naming the key). Otherwise `corrupted` when the site holds that kind of key (the
 *   signature is simply wrong), `unknown` when it does not.
 *
 * @since 0.1.0
 */
class TokenStatus {

	/**
	 * Every status an answer can have.
	 */
	const STATUSES = array( 'valid', 'expired', 'revoked', 'secret_changed', 'wrong_site', 'password_changed', 'corrupted', 'unknown' );

	/**
	 * Reads tokens.
	 *
	 * @var TokenInspector
	 */
	private $inspector;

	/**
	 * Knows the token plugins and their secrets.
	 *
	 * @var Issuers
	 */
	private $issuers;

	/**
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $facts;

	/**
	 * The error catalog, for the app code.
	 *
	 * @var Catalog
	 */
	private $catalog;

	/**
	 * The sessions module, for revocations made here.
	 *
	 * @var SessionsModule
	 */
	private $sessions;

	/**
	 * Creates the diagnosis.
	 *
	 * @param TokenInspector $inspector Reads tokens.
	 * @param Issuers        $issuers   Knows the token plugins.
	 * @param SecretFacts    $facts     What is known of the secrets' changes.
	 * @param Catalog        $catalog   The error catalog.
	 * @param SessionsModule $sessions  Knows the revocations.
	 */
	public function __construct( TokenInspector $inspector, Issuers $issuers, SecretFacts $facts, Catalog $catalog, SessionsModule $sessions ) {
		$this->inspector = $inspector;
		$this->issuers   = $issuers;
		$this->facts     = $facts;
		$this->catalog   = $catalog;
		$this->sessions  = $sessions;
	}

	/**
	 * Answers for one token.
	 *
	 * @param string $token The raw token (never stored, never logged).
	 * @return array{status: string, code: ?string, message: string, at?: string}
	 */
	public function of( string $token ): array {
		$decoded = $this->inspector->decode( $token );
		if ( ! $decoded['shape'] ) {
			return $this->answer( 'corrupted', null );
		}
		$claims = $this->inspector->public_claims( $decoded['claims'] );
		$type   = in_array( $claims['type'], array( 'access', 'refresh' ), true ) ? $claims['type'] : null;
		$alg    = $decoded['header']['alg'] ?? '';
		$parts  = explode( '.', $token );
		if ( ! is_string( $alg ) || 'none' === strtolower( $alg ) || '' === $parts[2] ) {
			return $this->answer( 'corrupted', $type ); // Unsigned: nobody issues those.
		}

		foreach ( $this->issuers->secrets( $type ) as $issuer => $secret ) {
			if ( $this->inspector->signed_with( $token, $secret ) ) {
				return $this->verified( $token, $issuer, $claims, $decoded['claims'], $type );
			}
		}
		return $this->unverified( $claims, $type );
	}

	/**
	 * Answers for a token signed with a secret the site holds now.
	 *
	 * @param string               $token  The raw token.
	 * @param string               $issuer The plugin whose secret signed it.
	 * @param array<string, mixed> $claims Its public claims.
	 * @param array<string, mixed> $raw    All its claims.
	 * @param string|null          $type   access, refresh or null.
	 * @return array{status: string, code: ?string, message: string, at?: string}
	 */
	private function verified( string $token, string $issuer, array $claims, array $raw, ?string $type ): array {
		if ( null !== $claims['exp'] && $claims['exp'] < time() ) {
			return $this->answer( 'expired', $type, $claims['exp'] );
		}
		if ( null !== $claims['iss'] && ! $this->is_this_site( $claims['iss'] ) ) {
			return $this->answer( 'wrong_site', $type );
		}

		$revocation = $this->sessions->token_revocation( $token );
		$user       = null !== $claims['user_id'] && $claims['user_id'] > 0 ? get_userdata( $claims['user_id'] ) : false;
		if ( null !== $revocation ) {
			$by = (int) ( $revocation['by'] ?? 0 );
			if ( $by > 0 && $user && $by === (int) $user->ID ) {
				$message = __( 'This session was signed out. Sign in again.', 'auth-sentinel' );
			} elseif ( $by > 0 ) {
				$message = __( 'Your session was ended by an administrator. Sign in again.', 'auth-sentinel' );
			} else {
				$message = __( 'Your session was ended by the site’s security rules. Sign in again.', 'auth-sentinel' );
			}
			return $this->answer( 'revoked', $type, (int) ( $revocation['at'] ?? 0 ), $message );
		}
		if ( ! $user ) {
			return $this->answer( 'unknown', $type ); // Never "no such user".
		}

		$user_id = (int) $user->ID;
		if ( Issuers::WCPOS === $issuer && $this->wcpos_revoked( $raw, $type, $user_id ) ) {
			return $this->answer( 'revoked', $type );
		}
		$data = isset( $raw['data']['user'] ) && is_array( $raw['data']['user'] ) ? $raw['data']['user'] : array();
		if ( Issuers::JWT_REST_API === $issuer && isset( $data['pass'] ) ) {
			// JWT Auth (usefulteam) puts a per-user pass in its tokens and renews it when the password changes.
			if ( ! is_string( $data['pass'] ) || get_user_meta( $user_id, 'jwt_auth_pass', true ) !== $data['pass'] ) {
				$at = PasswordWatch::changed_at( $user_id );
				return $this->answer( 'password_changed', $type, null !== $at && $at > (int) $claims['iat'] ? $at : null );
			}
			if ( ! empty( $data['device'] ) && ! in_array( $data['device'], (array) get_user_meta( $user_id, 'jwt_auth_device', false ), true ) ) {
				return $this->answer( 'revoked', $type ); // The device was signed out.
			}
		}
		return $this->answer( 'valid', $type );
	}

	/**
	 * Answers for a token no secret the site holds verifies: only the token's own claims and
	 * public facts are used; no user is looked up.
	 *
	 * @param array<string, mixed> $claims Its public claims.
	 * @param string|null          $type   access, refresh or null.
	 * @return array{status: string, code: ?string, message: string, at?: string}
	 */
	private function unverified( array $claims, ?string $type ): array {
		if ( null !== $claims['iss'] && ! $this->is_this_site( $claims['iss'] ) ) {
			return $this->answer( 'wrong_site', $type ); // What the token says of itself, against the site's public address.
		}
		if ( null !== $claims['exp'] && $claims['exp'] < time() ) {
			return $this->answer( 'expired', $type, $claims['exp'] );
		}

		// The family of token plugins it looks like: WCPOS tokens carry a type, the JWT plugins' do not.
		$family     = null !== $type ? Issuers::WCPOS : Issuers::JWT_REST_API;
		$changed_at = $this->facts->last_change_of( $this->issuers->secret_names( $family, $type ) );
		if ( null !== $changed_at && null !== $claims['iat'] && $claims['iat'] < $changed_at && ( null === $claims['exp'] || $claims['exp'] > $changed_at ) ) {
			return $this->answer( 'secret_changed', $type, $changed_at );
		}
		if ( isset( $this->issuers->secrets( $type )[ $family ] ) ) {
			return $this->answer( 'corrupted', $type ); // The site holds that key, and no change of it explains the signature.
		}
		return $this->answer( 'unknown', $type );
	}

	/**
	 * Tells whether WCPOS itself revoked a token it signed: its jti or its session blacklisted,
	 * or, for a refresh token, its session gone.
	 *
	 * @param array<string, mixed> $raw     All claims.
	 * @param string|null          $type    access or refresh.
	 * @param int                  $user_id The token's user.
	 * @return bool
	 */
	private function wcpos_revoked( array $raw, ?string $type, int $user_id ): bool {
		foreach ( array( 'jti', 'refresh_jti' ) as $claim ) {
			$jti = isset( $raw[ $claim ] ) && is_string( $raw[ $claim ] ) ? $raw[ $claim ] : '';
			if ( '' !== $jti && strlen( $jti ) <= 150 && false !== get_transient( 'wcpos_blacklist_' . $jti ) ) {
				return true;
			}
		}
		if ( 'refresh' === $type ) {
			$sessions = get_user_meta( $user_id, '_woocommerce_pos_refresh_tokens', true );
			$jti      = isset( $raw['jti'] ) && is_string( $raw['jti'] ) ? $raw['jti'] : '';
			$session  = is_array( $sessions ) && '' !== $jti && isset( $sessions[ $jti ] ) && is_array( $sessions[ $jti ] ) ? $sessions[ $jti ] : null;
			return null === $session || ( isset( $session['expires'] ) && (int) $session['expires'] < time() );
		}
		return false;
	}

	/**
	 * Builds an answer.
	 *
	 * @param string      $status  The status.
	 * @param string|null $type    The token's type, for the catalog entry.
	 * @param int|null    $at      When it happened, if the holder may know.
	 * @param string      $message A message other than the status's own.
	 * @return array{status: string, code: ?string, message: string, at?: string}
	 */
	private function answer( string $status, ?string $type, ?int $at = null, string $message = '' ): array {
		$answer = array(
			'status'  => $status,
			'code'    => $this->code( $status, $type ),
			'message' => '' === $message ? self::message( $status ) : $message,
		);
		if ( null !== $at && $at > 0 ) {
			$answer['at'] = (string) Dates::iso( $at );
		}
		return $answer;
	}

	/**
	 * Returns the app code of the catalog entry a status belongs to (API02003 …), or the
	 * entry's own code when it has no app alias; null for a valid token.
	 *
	 * @param string      $status The status.
	 * @param string|null $type   The token's type.
	 * @return string|null
	 */
	private function code( string $status, ?string $type ): ?string {
		if ( 'valid' === $status ) {
			return null;
		}
		// "Not recognised by the server" is the catalog's token_invalid, like a corrupted token.
		$entry   = $this->catalog->code_for( '', 'unknown' === $status ? 'corrupted' : $status, $type, 'token' );
		$aliases = (array) ( $this->catalog->get( $entry )['aliases'] ?? array() );
		return $aliases ? (string) reset( $aliases ) : $entry;
	}

	/**
	 * The sentence shown to the app's user for a status.
	 *
	 * @param string $status The status.
	 * @return string
	 */
	public static function message( string $status ): string {
		switch ( $status ) {
			case 'valid':
				return __( 'This token is valid.', 'auth-sentinel' );
			case 'expired':
				return __( 'Your session expired; sign in again.', 'auth-sentinel' );
			case 'revoked':
				return __( 'Your session was ended. Sign in again.', 'auth-sentinel' );
			case 'secret_changed':
				return __( 'The site’s security keys changed; sign in again.', 'auth-sentinel' );
			case 'wrong_site':
				return __( 'This token belongs to another site. Check the site address the app is connected to, then sign in again.', 'auth-sentinel' );
			case 'password_changed':
				return __( 'Your password changed since you signed in; sign in again with the new password.', 'auth-sentinel' );
			case 'corrupted':
				return __( 'This token is damaged or was altered; sign in again.', 'auth-sentinel' );
			default:
				return __( 'This site cannot tell why this token is refused; sign in again. If it keeps happening, contact the site’s administrator.', 'auth-sentinel' );
		}
	}

	/**
	 * Tells whether an issuer URL is this site's address.
	 *
	 * @param string $iss The token's iss claim.
	 * @return bool
	 */
	private function is_this_site( string $iss ): bool {
		$iss = untrailingslashit( $iss );
		return in_array( $iss, array( untrailingslashit( (string) get_option( 'siteurl' ) ), untrailingslashit( (string) get_option( 'home' ) ) ), true );
	}
}
