<?php
/**
 * Diagnoses tokens: why one was refused, or would be.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Secrets\Fingerprinter;
use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Sessions\IssuerSessions;
use AuthSentinel\Sessions\Revocations;

defined( 'ABSPATH' ) || exit;

/**
 * The one diagnosis of a token, for both the failures recorded (diagnose(), with what the issuer
 * answered) and the apps' status endpoint (judge() alone). It reads the token's claims without
 * trusting them, finds which of the site's secrets signed it (and so which plugin issued it),
 * and checks, in order: a revocation here or by the issuer, a missing user claim, a password the
 * issuer says changed, two plugins in conflict, expiry, the site address (only for the issuers
 * that check it), the user, the issuer's own records (JWT Auth's pass and devices, WCPOS's
 * sessions and blacklist, Simple JWT Login's revoked tokens), a header only the raw request
 * carried, and for a signature no secret verifies, a change of its issuer's secret or tampering.
 * It says `unknown` rather than guess.
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
	 * The revocations made here (deny list, not-before times).
	 *
	 * @var Revocations
	 */
	private $revocations;

	/**
	 * What the token plugins keep of their own (Simple JWT Login's revoked tokens).
	 *
	 * @var IssuerSessions
	 */
	private $issuer_sessions;

	/**
	 * Creates the diagnosis.
	 *
	 * @param TokenInspector $inspector       Reads tokens.
	 * @param Issuers        $issuers         Knows the issuers.
	 * @param SecretFacts    $secrets         What is known of the secrets' changes.
	 * @param Fingerprinter  $fingerprinter   Fingerprints tokens.
	 * @param Revocations    $revocations     The revocations made here.
	 * @param IssuerSessions $issuer_sessions What the token plugins keep of their own.
	 */
	public function __construct( TokenInspector $inspector, Issuers $issuers, SecretFacts $secrets, Fingerprinter $fingerprinter, Revocations $revocations, IssuerSessions $issuer_sessions ) {
		$this->inspector       = $inspector;
		$this->issuers         = $issuers;
		$this->secrets         = $secrets;
		$this->fingerprinter   = $fingerprinter;
		$this->revocations     = $revocations;
		$this->issuer_sessions = $issuer_sessions;
	}

	/**
	 * Asks the revocations made here about a token or a user; never throws.
	 *
	 * @param string               $token  The raw token ('' for a user's tokens as a whole).
	 * @param array<string, mixed> $claims Its claims.
	 * @param int[]                $users  Whose token it may be.
	 * @return array{at: int, by: int, reason: string}|null
	 */
	private function revocation( string $token, array $claims, array $users ): ?array {
		try {
			return $this->revocations->check( $token, $claims, $users );
		} catch ( \Throwable $e ) {
			return null;
		}
	}

	/**
	 * Diagnoses a refused refresh cookie of JWT Auth (Useful Team): "<user id>.<random>", kept by
	 * the plugin in the user's meta. Revoking a user here deletes those, so a refused cookie of a
	 * user whose tokens were all refused here was revoked here; otherwise the plugin's own code
	 * says why (replaced by a newer one, expired, unknown).
	 *
	 * @param string $code    The error code the plugin answered with.
	 * @param int    $user_id The user the cookie names.
	 * @param string $value   Its random part (only fingerprinted).
	 * @return Failure
	 */
	public function refresh_cookie( string $code, int $user_id, string $value ): Failure {
		$failure             = new Failure( 'token', $code, 'unknown' );
		$failure->issuer     = Issuers::JWT_AUTH;
		$failure->credential = $this->fingerprinter->fingerprint( 'refresh_cookie', $user_id . '.' . $value );
		$failure->token      = array(
			'fingerprint' => $failure->credential,
			'type'        => 'refresh',
		);
		$user                = $user_id > 0 ? get_userdata( $user_id ) : false;
		$failure->user_id    = $user ? (int) $user->ID : 0;
		$fact                = $user ? $this->revocation( '', array(), array( (int) $user->ID ) ) : null;
		if ( is_array( $fact ) ) {
			$verdict          = array( 'details' => array() );
			$failure->cause   = $this->ended( $verdict, $fact );
			$failure->details = $verdict['details'];
		} elseif ( ! $user ) {
			$failure->details['token_user'] = $user_id;
			$failure->cause                 = 'unknown_user';
		} elseif ( 'jwt_auth_expired_refresh_token' === $code ) {
			$failure->cause = 'expired';
		} elseif ( 'jwt_auth_obsolete_refresh_token' === $code ) {
			$failure->cause = 'revoked'; // Replaced by a newer refresh token of the same device.
		}
		return $failure;
	}

	/**
	 * Diagnoses one refused request that carried (or should have carried) a token.
	 *
	 * @param string                    $code     The error code the site answered with.
	 * @param string|null               $token    The raw token, null when the request had none (never stored).
	 * @param bool                      $stripped Whether the server hid the Authorization header from the plugins.
	 * @param int|null                  $numeric  Simple JWT Login's numeric error code, if any.
	 * @param array<string, mixed>|null $revoked  When the token gate refused it: at, by, reason.
	 * @param string                    $route    The REST route that refused, '' when not known.
	 * @return Failure
	 */
	public function diagnose( string $code, ?string $token, bool $stripped, ?int $numeric = null, ?array $revoked = null, string $route = '' ): Failure {
		$issuer  = $this->issuers->from_code( $code );
		$issuer  = '' !== $issuer ? $issuer : $this->issuers->from_route( $route );
		$failure = new Failure( 'token', null !== $numeric && Issuers::SIMPLE_JWT_LOGIN === $issuer ? $code . ':' . $numeric : $code, 'unknown' );

		$failure->issuer = '' === $issuer ? 'unknown' : $issuer;
		if ( null !== $numeric ) {
			$failure->details['issuer_code'] = $numeric;
		}
		if ( null === $token ) {
			if ( in_array( $code, Issuers::NO_HEADER, true ) && $stripped ) {
				$failure->cause = 'header_stripped';
			}
			return $failure;
		}

		$verdict             = $this->judge(
			$token,
			array(
				'code'     => $code,
				'numeric'  => $numeric,
				'revoked'  => $revoked,
				'issuer'   => $issuer,
				'stripped' => $stripped,
			)
		);
		$failure->credential = $verdict['fingerprint'];
		$failure->token      = $verdict['token'];
		$failure->issuer     = '' === $verdict['issuer'] ? $failure->issuer : $verdict['issuer'];
		$failure->user_id    = $verdict['user_id'];
		$failure->details    = $verdict['details'] + $failure->details;
		// The issuer refused a token that holds up here: something this plugin cannot see.
		$failure->cause = 'valid' === $verdict['cause'] ? 'unknown' : $verdict['cause'];
		if ( 'corrupted' === $failure->cause && in_array( $code, Issuers::NO_HEADER, true ) && $stripped ) {
			$failure->cause = 'header_stripped';
		}
		return $failure;
	}

	/**
	 * Judges a token: why it fails, or that it holds up.
	 *
	 * @param string               $token   The raw token (never stored).
	 * @param array<string, mixed> $context What is known of the refusal: code, numeric, revoked,
	 *                                      issuer (the plugin that refused), stripped (the token
	 *                                      reached only the raw request headers).
	 * @return array{cause: string, issuer: string, verified: bool, user_id: int, at: ?int, fingerprint: string, token: array<string, mixed>, details: array<string, mixed>, claims: array<string, mixed>}
	 */
	public function judge( string $token, array $context = array() ): array {
		$verdict = array(
			'cause'       => 'unknown',
			'issuer'      => (string) ( $context['issuer'] ?? '' ),
			'verified'    => false,
			'user_id'     => 0,
			'at'          => null,
			'fingerprint' => $this->fingerprinter->token( $token ),
			'token'       => array(),
			'details'     => array(),
			'claims'      => array(),
		);
		$decoded = $this->inspector->decode( $token );
		if ( ! $decoded['shape'] ) {
			$verdict['token']              = array( 'fingerprint' => $verdict['fingerprint'] );
			$verdict['details']['problem'] = $decoded['problem'];
			$verdict['cause']              = 'corrupted';
			return $verdict;
		}

		$raw               = $decoded['claims'];
		$claims            = $this->inspector->public_claims( $raw );
		$verdict['claims'] = $claims;
		$verdict['token']  = array( 'fingerprint' => $verdict['fingerprint'] ) + array_intersect_key( $claims, array_flip( array( 'iss', 'iat', 'exp', 'jti', 'type' ) ) );
		if ( null !== $claims['device'] ) {
			$verdict['details']['device'] = $claims['device'];
		}

		$signer              = $this->signer( $token, $claims['type'] );
		$verdict['verified'] = '' !== $signer;
		$refused_by          = (string) ( $context['issuer'] ?? '' );
		$issuer              = $this->issuers->refine( '' !== $signer ? $signer : ( '' !== $refused_by ? $refused_by : $this->guess( $claims, $raw ) ), $claims );
		$verdict['issuer']   = $issuer;

		$users              = $this->inspector->claimed_users( $raw, Issuers::SIMPLE_JWT_LOGIN === $issuer );
		$user               = $users ? get_userdata( $users[0] ) : false;
		$verdict['user_id'] = $user ? (int) $user->ID : 0;

		$verdict['cause'] = $this->cause( $verdict, $token, $context, $claims, $raw, $signer, $refused_by, $users, (bool) $user );
		/**
		 * The verdict, complete: cause() filled in `at` and `details`.
		 *
		 * @var array{cause: string, issuer: string, verified: bool, user_id: int, at: ?int, fingerprint: string, token: array<string, mixed>, details: array<string, mixed>, claims: array<string, mixed>} $verdict
		 */
		return $verdict;
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
	private function cause( array &$verdict, string $token, array $context, array $claims, array $raw, string $signer, string $refused_by, array $users, bool $user ): string {
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
			$verdict['details']['previous_address'] = $this->secrets->was_previously( 'siteurl', untrailingslashit( $claims['iss'] ) )
				|| $this->secrets->was_previously( 'home', untrailingslashit( $claims['iss'] ) );
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
			$own = $this->issuer_records( $verdict, $token, $raw, $claims );
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
		$changed_at = $names ? $this->secrets->last_change_of( $names ) : null;
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
	 * What the issuer's own records say of a token its secret verifies: JWT Auth's pass (renewed
	 * when the password changes) and devices, WCPOS's blacklist and sessions, Simple JWT Login's
	 * revoked tokens. '' when they hold nothing against it.
	 *
	 * @param array<string, mixed> $verdict The verdict (details are added).
	 * @param string               $token   The raw token.
	 * @param array<string, mixed> $raw     All its claims.
	 * @param array<string, mixed> $claims  Its public claims.
	 * @return string
	 */
	private function issuer_records( array &$verdict, string $token, array $raw, array $claims ): string {
		$user_id = $verdict['user_id'];
		switch ( $verdict['issuer'] ) {
			case Issuers::JWT_AUTH:
				$data = isset( $raw['data']['user'] ) && is_array( $raw['data']['user'] ) ? $raw['data']['user'] : array();
				if ( $user_id > 0 && ( ! isset( $data['pass'] ) || ! is_string( $data['pass'] ) || get_user_meta( $user_id, 'jwt_auth_pass', true ) !== $data['pass'] ) ) {
					return $this->password_changed( $verdict );
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
	private function ended( array &$verdict, array $fact ): string {
		$verdict['details']['revoked_at']     = (int) ( $fact['at'] ?? 0 );
		$verdict['details']['revoked_by']     = (int) ( $fact['by'] ?? 0 );
		$verdict['details']['revoked_reason'] = sanitize_key( (string) ( $fact['reason'] ?? '' ) );
		$verdict['at']                        = (int) ( $fact['at'] ?? 0 );
		return 'policy_password' === ( $fact['reason'] ?? '' ) ? 'password_changed' : 'revoked';
	}

	/**
	 * Returns the plugin whose secret verifies a token, '' when none does.
	 *
	 * @param string      $token The raw token.
	 * @param string|null $type  Its type claim.
	 * @return string
	 */
	private function signer( string $token, ?string $type ): string {
		foreach ( $this->issuers->secrets( $type ) as $candidate => $secret ) {
			if ( $this->inspector->signed_with( $token, $secret ) ) {
				return $candidate;
			}
		}
		return '';
	}

	/**
	 * Guesses the issuer of a token no secret verifies and no answer named, from its claims'
	 * shape: WCPOS tokens carry a type, Simple JWT Login's an `id` beside no `data`, the JWT
	 * plugins' a `data.user`.
	 *
	 * @param array<string, mixed> $claims Its public claims.
	 * @param array<string, mixed> $raw    All its claims.
	 * @return string
	 */
	private function guess( array $claims, array $raw ): string {
		if ( null !== $claims['type'] ) {
			return Issuers::WCPOS;
		}
		if ( isset( $raw['data']['user'] ) ) {
			return Issuers::JWT_REST_API;
		}
		return isset( $raw['id'] ) || isset( $raw['email'] ) ? Issuers::SIMPLE_JWT_LOGIN : '';
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
