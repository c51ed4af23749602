<?php
/**
 * Diagnoses rejected bearer tokens.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Secrets\Fingerprinter;
use AuthSentinel\Secrets\SecretFacts;

defined( 'ABSPATH' ) || exit;

/**
 * Tells apart the causes of a token failure from the issuer's code, the token's decoded (never
 * trusted) claims, which of the site's secrets signed it, the site's address and the secrets'
 * change history. Says `unknown` rather than guess.
 *
 * @since 0.1.0
 */
class TokenDiagnosis {

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
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $secrets;

	/**
	 * Fingerprints tokens.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Creates the diagnosis.
	 *
	 * @param TokenInspector $inspector     Reads tokens.
	 * @param Issuers        $issuers       Knows the issuers.
	 * @param SecretFacts    $secrets What is known of the secrets' changes.
	 * @param Fingerprinter  $fingerprinter Fingerprints tokens.
	 */
	public function __construct( TokenInspector $inspector, Issuers $issuers, SecretFacts $secrets, Fingerprinter $fingerprinter ) {
		$this->inspector     = $inspector;
		$this->issuers       = $issuers;
		$this->secrets       = $secrets;
		$this->fingerprinter = $fingerprinter;
	}

	/**
	 * Diagnoses one rejected request that carried (or should have carried) a bearer token.
	 *
	 * @param string      $code     The error code the site answered with.
	 * @param string|null $token    The raw token, null when the request had none (never stored).
	 * @param bool        $stripped Whether the server moved the Authorization header out of the plugins' sight.
	 * @param int|null    $numeric  Simple JWT Login's numeric error code, if any.
	 * @param array|null  $revoked  When the token gate refused it: at, by, reason.
	 * @return Failure
	 */
	public function diagnose( string $code, ?string $token, bool $stripped, ?int $numeric = null, ?array $revoked = null ): Failure {
		$failure         = new Failure( 'token', $code, 'unknown' );
		$issuer          = $this->issuers->from_code( $code );
		$failure->issuer = '' === $issuer ? 'unknown' : $issuer;
		if ( null !== $numeric ) {
			$failure->details['issuer_code'] = $numeric;
		}

		if ( in_array( $code, Issuers::NO_HEADER, true ) && $stripped ) {
			$failure->cause = 'header_stripped';
		}
		if ( null === $token ) {
			return $failure;
		}

		$decoded             = $this->inspector->decode( $token );
		$fingerprint         = $this->fingerprinter->token( $token );
		$failure->credential = $fingerprint;
		if ( ! $decoded['shape'] ) {
			$failure->token              = array( 'fingerprint' => $fingerprint );
			$failure->details['problem'] = $decoded['problem'];
			$failure->cause              = 'header_stripped' === $failure->cause ? $failure->cause : 'corrupted';
			return $failure;
		}

		$claims          = $this->inspector->public_claims( $decoded['claims'] );
		$failure->token  = array( 'fingerprint' => $fingerprint ) + array_intersect_key( $claims, array_flip( array( 'iss', 'iat', 'exp', 'jti', 'type' ) ) );
		$issuer          = $this->issuers->refine( $issuer, $claims );
		$failure->issuer = '' === $issuer ? 'unknown' : $issuer;
		if ( null !== $claims['device'] ) {
			$failure->details['device'] = $claims['device'];
		}
		$user = null !== $claims['user_id'] && $claims['user_id'] > 0 ? get_userdata( $claims['user_id'] ) : false;
		if ( $user ) {
			$failure->user_id = (int) $user->ID;
		}
		if ( 'header_stripped' === $failure->cause ) {
			return $failure;
		}

		if ( null !== $revoked ) {
			CookieDiagnosis::add_ended( $failure, $revoked );
			$failure->cause = 'revoked';
			return $failure;
		}
		$failure->cause = $this->cause( $failure, $code, $issuer, $token, $claims, (bool) $user, $numeric );
		return $failure;
	}

	/**
	 * Works out the cause of a well-formed token's rejection.
	 *
	 * @param Failure              $failure The failure (details are added to it).
	 * @param string               $code    The error code.
	 * @param string               $issuer  The plugin that rejected it, '' when unknown.
	 * @param string               $token   The raw token.
	 * @param array<string, mixed> $claims  Its public claims.
	 * @param bool                 $user    Whether its user exists.
	 * @param int|null             $numeric Simple JWT Login's numeric code.
	 * @return string
	 */
	private function cause( Failure $failure, string $code, string $issuer, string $token, array $claims, bool $user, ?int $numeric ): string {
		$said = null === $numeric ? '' : ( Issuers::SIMPLE_JWT_LOGIN_CODES[ $numeric ] ?? '' );
		if ( in_array( $code, Issuers::REVOKED, true ) || 'revoked' === $said ) {
			if ( 'auth_sentinel_token_revoked' === $code ) {
				/**
				 * Asks why a token was refused here: {at, by, reason}, or null.
				 *
				 * @since 0.1.0
				 *
				 * @param array|null $fact  What is known so far.
				 * @param string     $token The raw token (never stored).
				 */
				CookieDiagnosis::add_ended( $failure, apply_filters( 'auth_sentinel_token_revocation', null, $token ) );
			}
			return 'revoked';
		}
		if ( in_array( $code, Issuers::NO_USER_CLAIM, true ) && null === $claims['user_id'] ) {
			$failure->details['problem'] = 'no_user_claim';
			return 'corrupted';
		}
		if ( in_array( $code, Issuers::OBSOLETE, true ) ) {
			$at = $failure->user_id > 0 ? PasswordWatch::changed_at( $failure->user_id ) : null;
			if ( null !== $at ) {
				$failure->details['password_changed_at'] = $at;
			}
			return 'password_changed';
		}

		// Which plugin's secret really signed it? Another plugin than the one that said no: a conflict.
		$signer = '';
		foreach ( $this->issuers->secrets( $claims['type'] ) as $candidate => $secret ) {
			if ( $this->inspector->signed_with( $token, $secret ) ) {
				$signer = $candidate;
				break;
			}
		}
		if ( '' !== $signer && '' !== $issuer && ! $this->issuers->same_family( $signer, $issuer ) ) {
			$failure->details['issued_by']   = $signer;
			$failure->details['rejected_by'] = $issuer;
			return 'plugin_conflict';
		}

		if ( ( null !== $claims['exp'] && $claims['exp'] < time() ) || in_array( $code, Issuers::EXPIRED, true ) || 'expired' === $said ) {
			return 'expired';
		}

		if ( null !== $claims['iss'] && ! $this->is_this_site( $claims['iss'] ) ) {
			$previous                             = $this->secrets->was_previously( 'siteurl', untrailingslashit( $claims['iss'] ) )
				|| $this->secrets->was_previously( 'home', untrailingslashit( $claims['iss'] ) );
			$failure->details['previous_address'] = $previous;
			return 'wrong_site';
		}
		if ( in_array( $code, Issuers::BAD_ISS, true ) ) {
			return 'wrong_site';
		}

		if ( ! $user && ( null !== $claims['user_id'] || in_array( $code, Issuers::NO_USER, true ) ) ) {
			$failure->details['token_user'] = $claims['user_id'];
			return 'unknown_user';
		}

		if ( '' === $signer ) {
			$names      = $this->issuers->secret_names( '' !== $issuer ? $issuer : ( null !== $claims['type'] ? Issuers::WCPOS : Issuers::JWT_REST_API ), $claims['type'] );
			$changed_at = $this->secrets->last_change_of( $names );
			if ( null !== $changed_at && ( null === $claims['iat'] || $claims['iat'] < $changed_at ) ) {
				$failure->details['changed_at'] = $changed_at;
				$failure->details['changed']    = $names;
				return 'secret_changed';
			}
			// The site holds this issuer's secret and the signature still fails: the token was altered.
			foreach ( array_keys( $this->issuers->secrets( $claims['type'] ) ) as $held ) {
				if ( '' !== $issuer && $this->issuers->same_family( $held, $issuer ) ) {
					return 'corrupted';
				}
			}
		}
		return 'unknown';
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
