<?php
/**
 * Tells an app why its token no longer works, saying only what the token's holder may know.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Apps;

use AuthSentinel\Catalog\Catalog;
use AuthSentinel\Catalog\CatalogEntries;
use AuthSentinel\Events\TokenDiagnosis;
use AuthSentinel\Sessions\TokenTracker;
use AuthSentinel\Rest\Dates;

defined( 'ABSPATH' ) || exit;

/**
 * Answers for one token with the same diagnosis the failures list uses (so the app and the
 * administrator are told the same cause), filtered by what the asker may learn. Never
 * authenticates anyone and stores nothing.
 *
 * - A genuine token — one a secret the site holds verifies, or one this site saw in use before
 *   (a token signed with a key that changed since can no longer be verified) — learns its cause:
 *   expired, revoked (when, and whether by a policy; never by whom), password changed, secret
 *   changed (when), wrong site, its account gone, the header stripped on the way, or valid.
 * - Any other token learns only what it says of itself against public facts: expired by its own
 *   `exp`, another site by its own `iss`; otherwise "corrupted", without a time and whatever
 *   keys the site holds. A forged token so learns nothing about users, key rotations or which
 *   token plugins run here.
 *
 * @since 0.1.0
 */
class TokenStatus {

	/**
	 * Every status an answer can have.
	 */
	const STATUSES = array( 'valid', 'expired', 'revoked', 'secret_changed', 'wrong_site', 'password_changed', 'unknown_user', 'header_stripped', 'corrupted', 'unknown' );

	/**
	 * The one token diagnosis.
	 *
	 * @var TokenDiagnosis
	 */
	private $diagnosis;

	/**
	 * The error catalog, for the token's entry.
	 *
	 * @var Catalog
	 */
	private $catalog;

	/**
	 * The catalog's entries, for the entry's app code.
	 *
	 * @var CatalogEntries
	 */
	private $entries;

	/**
	 * Tells whether the site saw a token in use.
	 *
	 * @var TokenTracker
	 */
	private $tokens;

	/**
	 * Creates the status.
	 *
	 * @param TokenDiagnosis $diagnosis The diagnosis shared with the failures.
	 * @param Catalog        $catalog   The error catalog.
	 * @param CatalogEntries $entries   The catalog's entries.
	 * @param TokenTracker   $tokens    Tells whether the site saw a token in use.
	 */
	public function __construct( TokenDiagnosis $diagnosis, Catalog $catalog, CatalogEntries $entries, TokenTracker $tokens ) {
		$this->diagnosis = $diagnosis;
		$this->catalog   = $catalog;
		$this->entries   = $entries;
		$this->tokens    = $tokens;
	}

	/**
	 * Answers for one token.
	 *
	 * @param string $token    The raw token (never stored, never logged).
	 * @param bool   $stripped Whether it reached the site only in the raw request headers.
	 * @return array{status: string, code: ?string, message: string, at?: string}
	 */
	public function of( string $token, bool $stripped = false ): array {
		$verdict = $this->diagnosis->judge( $token, array( 'stripped' => $stripped ) );
		$claims  = $verdict['claims'];
		$type    = in_array( $claims['type'] ?? null, array( 'access', 'refresh' ), true ) ? (string) $claims['type'] : null;
		$cause   = $verdict['cause'];

		if ( ! $verdict['verified'] && 'corrupted' !== $cause && ! $this->tokens->seen_before( $token ) ) {
			// Not shown to be genuine: only what the token says of itself.
			if ( null !== ( $claims['exp'] ?? null ) && $claims['exp'] < time() ) {
				return $this->answer( 'expired', $type, $claims['exp'] );
			}
			return $this->answer( 'wrong_site' === $cause ? 'wrong_site' : 'corrupted', $type );
		}

		$at = in_array( $cause, array( 'expired', 'revoked', 'secret_changed', 'password_changed' ), true ) ? $verdict['at'] : null;
		return $this->answer( $cause, $type, $at, $this->message( $cause, $verdict['details'] ) );
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
			'message' => '' === $message ? self::message_of( $status ) : $message,
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
		$aliases = (array) ( $this->entries->get( $entry )['aliases'] ?? array() );
		return $aliases ? (string) reset( $aliases ) : $entry;
	}

	/**
	 * The sentence for a genuine token's status, with what happened where it is known.
	 *
	 * @param string               $status  The status.
	 * @param array<string, mixed> $details The diagnosis's facts.
	 * @return string
	 */
	private function message( string $status, array $details ): string {
		$reason = (string) ( $details['revoked_reason'] ?? '' );
		if ( 'password_changed' === $status && 'policy_password' === $reason ) {
			return __( 'Your session was ended when your password was changed (the site’s policy). Sign in again with the new password.', 'auth-sentinel' );
		}
		if ( 'revoked' !== $status || '' === $reason ) {
			return '';
		}
		switch ( $reason ) {
			case 'policy_email':
				return __( 'Your session was ended when your email address was changed (the site’s policy). Sign in again.', 'auth-sentinel' );
			case 'policy_role':
				return __( 'Your session was ended when your role on the site was changed (the site’s policy). Sign in again.', 'auth-sentinel' );
			case 'user':
			case 'signed_out':
				return __( 'This session was signed out. Sign in again.', 'auth-sentinel' );
			case 'revoke_all':
				return __( 'Every session of the site was ended by an administrator. Sign in again.', 'auth-sentinel' );
			case 'admin':
				return __( 'Your session was ended by an administrator. Sign in again.', 'auth-sentinel' );
			default:
				return __( 'Your session was ended by the site’s security rules. Sign in again.', 'auth-sentinel' );
		}
	}

	/**
	 * The sentence shown to the app's user for a status.
	 *
	 * @param string $status The status.
	 * @return string
	 */
	public static function message_of( string $status ): string {
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
			case 'unknown_user':
				return __( 'The account this token belongs to no longer exists on this site. Ask the site’s administrator.', 'auth-sentinel' );
			case 'header_stripped':
				return __( 'The token itself is valid, but the site’s web server removes the Authorization header before WordPress sees it. Tell the site’s administrator.', 'auth-sentinel' );
			case 'corrupted':
				return __( 'This token is damaged or was altered; sign in again.', 'auth-sentinel' );
			default:
				return __( 'This site cannot tell why this token is refused; sign in again. If it keeps happening, contact the site’s administrator.', 'auth-sentinel' );
		}
	}
}
