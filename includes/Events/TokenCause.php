<?php
/**
 * Decides why a well-formed token was refused.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Sessions\Revocations;

defined( 'ABSPATH' ) || exit;

/**
 * The cause decision of the token diagnosis, given what `TokenDiagnosis` read of the token (its
 * claims, the secret that signed it, its users): in order, a revocation here or by the issuer, a
 * missing user claim, a password the issuer says changed, two plugins in conflict, expiry, the
 * site address (only for the issuers that check it), the user, the issuer's own records
 * (`IssuerRecords`), a header only the raw request carried, and for a signature no secret
 * verifies, a change of its issuer's secret or tampering. It says `unknown` rather than guess.
 *
 * @since 0.1.0
 */
final class TokenCause {

	/**
	 * Reads tokens.
	 *
	 * @var TokenInspector
	 */
	private $inspector;

	/**
	 * Knows the issuers.
	 *
	 * @var Issuers
	 */
	private $issuers;

	/**
	 * The revocations made here (deny list, not-before times).
	 *
	 * @var Revocations
	 */
	private $revocations;

	/**
	 * What is known of the secrets' changes (a token of another address, a signature no secret
	 * verifies).
	 *
	 * @var callable(): SecretFacts
	 */
	private $secret_facts;

	/**
	 * The issuers' own records (a token a held secret verifies).
	 *
	 * @var callable(): IssuerRecords
	 */
	private $issuer_records;

	/**
	 * Creates the decision.
	 *
	 * @param TokenInspector $inspector      Reads tokens.
	 * @param Issuers        $issuers        Knows the issuers.
	 * @param Revocations    $revocations    The revocations made here.
	 * @param callable       $secret_facts   Provides the SecretFacts, built on the first call.
	 * @param callable       $issuer_records Provides the IssuerRecords, built on the first call.
	 */
	public function __construct( TokenInspector $inspector, Issuers $issuers, Revocations $revocations, callable $secret_facts, callable $issuer_records ) {
		$this->inspector      = $inspector;
		$this->issuers        = $issuers;
		$this->revocations    = $revocations;
		$this->secret_facts   = $secret_facts;
		$this->issuer_records = $issuer_records;
	}

	/**
	 * Asks the revocations made here about a token or a user; never throws.
	 *
	 * @param string               $token  The raw token ('' for a user's tokens as a whole).
	 * @param array<string, mixed> $claims Its claims.
	 * @param int[]                $users  Whose token it may be.
	 * @return array{at: int, by: int, reason: string}|null
	 */
	public function revocation( string $token, array $claims, array $users ): ?array {
		try {
			return $this->revocations->check( $token, $claims, $users );
		} catch ( \Throwable $e ) {
			return null;
		}
	}

	/**
	 * Works out the cause of a well-formed token's refusal ('valid' when it holds up).
	 *
	 * @param array<string, mixed> $verdict    The verdict so far (details and `at` are added).
	 * @param string               $token      The raw token.
	 * @param array<string, mixed> $context    What is known of the refusal.
	 * @param array<string, mixed> $claims     Its public claims.
	 * @param array<string, mixed> $raw        All its claims.
	 * @param string               $signer     The plugin whose secret verifies it, '' for none.
	 * @param string               $refused_by The plugin that refused it, '' when not known.
	 * @param int[]                $users      The users its claims name.
	 * @param bool                 $user       Whether its user exists.
	 * @return string
	 */
	public function of( array &$verdict, string $token, array $context, array $claims, array $raw, string $signer, string $refused_by, array $users, bool $user ): string {
		$code    = (string) ( $context['code'] ?? '' );
		$numeric = isset( $context['numeric'] ) ? (int) $context['numeric'] : null;
		$said    = null === $numeric ? '' : ( Issuers::SIMPLE_JWT_LOGIN_CODES[ $numeric ] ?? '' );
		$issuer  = $verdict['issuer'];

		// Revoked here: the gate said so (no second check), or the deny list and not-before times do.
		$revoked = $context['revoked'] ?? null;
		if ( null === $revoked ) {
			$revoked = $this->revocation( $token, $raw, array_unique( array_merge( $users, $this->inspector->claimed_users( $raw, true ) ) ) );
		}
		if ( is_array( $revoked ) ) {
			return $this->ended( $verdict, $revoked );
		}
		if ( in_array( $code, Issuers::REVOKED, true ) || 'revoked' === $said ) {
			return 'revoked';
		}
		if ( ( in_array( $code, Issuers::NO_USER_CLAIM, true ) && null === $claims['user_id'] ) || 'no_user_claim' === $said ) {
			$verdict['details']['problem'] = 'no_user_claim';
			return 'corrupted';
		}
		if ( 'shape' === $said ) {
			$verdict['details']['problem'] = 'json';
			return 'corrupted';
		}
		if ( in_array( $code, Issuers::OBSOLETE, true ) ) {
			return $this->password_changed( $verdict );
		}

		// Another plugin's secret signed it than the one that said no: a conflict.
		if ( '' !== $signer && '' !== $refused_by && ! $this->issuers->same_family( $signer, $refused_by ) ) {
			$verdict['details']['issued_by']   = $signer;
			$verdict['details']['rejected_by'] = $refused_by;
			return 'plugin_conflict';
		}

		if ( ( null !== $claims['exp'] && $claims['exp'] < time() ) || in_array( $code, Issuers::EXPIRED, true ) || 'expired' === $said ) {
			$verdict['at'] = $claims['exp'];
			return 'expired';
		}

		if ( null !== $claims['iss'] && $this->issuers->checks_iss( $issuer ) && ! $this->is_this_site( $claims['iss'] ) ) {
			$verdict['details']['previous_address'] = ( $this->secret_facts )()->was_previously( 'siteurl', untrailingslashit( $claims['iss'] ) )
				|| ( $this->secret_facts )()->was_previously( 'home', untrailingslashit( $claims['iss'] ) );
			return 'wrong_site';
		}
		if ( in_array( $code, Issuers::BAD_ISS, true ) ) {
			return 'wrong_site';
		}

		if ( ! $user && ( $users || null !== $claims['user_id'] || in_array( $code, Issuers::NO_USER, true ) || 'no_user' === $said ) ) {
			$verdict['details']['token_user'] = $claims['user_id'] ?? ( $users[0] ?? null );
			return 'unknown_user';
		}

		if ( '' !== $signer ) {
			$own = ( $this->issuer_records )()->against( $verdict, $token, $raw, $claims );
			if ( 'password_changed' === $own ) {
				return $this->password_changed( $verdict );
			}
			if ( '' !== $own ) {
				return $own;
			}
			// Only the raw request carried the header, and this issuer reads $_SERVER.
			if ( ! empty( $context['stripped'] ) && Issuers::SIMPLE_JWT_LOGIN !== $issuer ) {
				return 'header_stripped';
			}
			return 'valid';
		}

		// No secret the site holds verifies it: its issuer's secret changed since, or it was altered.
		$names      = $this->issuers->secret_names( $issuer, $claims['type'] );
		$changed_at = $names ? ( $this->secret_facts )()->last_change_of( $names ) : null;
		if ( null !== $changed_at && ( null === $claims['iat'] || $claims['iat'] < $changed_at ) ) {
			$verdict['details']['changed_at'] = $changed_at;
			$verdict['details']['changed']    = $names;
			$verdict['at']                    = $changed_at;
			return 'secret_changed';
		}
		foreach ( array_keys( $this->issuers->secrets( $claims['type'] ) ) as $held ) {
			if ( '' !== $issuer && 'unknown' !== $issuer && $this->issuers->same_family( $held, $issuer ) ) {
				return 'corrupted'; // The site holds this issuer's secret and the signature still fails.
			}
		}
		return 'unknown';
	}

	/**
	 * A password change ended the token: when, if known.
	 *
	 * @param array<string, mixed> $verdict The verdict (details and `at` are added).
	 * @return string
	 */
	private function password_changed( array &$verdict ): string {
		$at = $verdict['user_id'] > 0 ? PasswordWatch::changed_at( $verdict['user_id'] ) : null;
		if ( null !== $at ) {
			$verdict['details']['password_changed_at'] = $at;
			$verdict['at']                             = $at;
		}
		return 'password_changed';
	}

	/**
	 * A revocation made here ended the token: by whom and why; a revocation policy's reason is
	 * the change that triggered it.
	 *
	 * @param array<string, mixed> $verdict The verdict (details and `at` are added).
	 * @param array<string, mixed> $fact    at, by, reason.
	 * @return string
	 */
	public function ended( array &$verdict, array $fact ): string {
		$verdict['details']['revoked_at']     = (int) ( $fact['at'] ?? 0 );
		$verdict['details']['revoked_by']     = (int) ( $fact['by'] ?? 0 );
		$verdict['details']['revoked_reason'] = sanitize_key( (string) ( $fact['reason'] ?? '' ) );
		$verdict['at']                        = (int) ( $fact['at'] ?? 0 );
		return 'policy_password' === ( $fact['reason'] ?? '' ) ? 'password_changed' : 'revoked';
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
