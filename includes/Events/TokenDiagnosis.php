<?php
/**
 * Diagnoses tokens: why one was refused, or would be.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Secrets\Fingerprinter;

defined( 'ABSPATH' ) || exit;

/**
 * The one diagnosis of a token, for both the failures recorded (diagnose(), with what the issuer
 * answered) and the apps' status endpoint (judge() alone). It reads the token's claims without
 * trusting them, finds which of the site's secrets signed it (and so which plugin issued it) and
 * whose token it says it is, and builds the failure; why a well-formed token fails is decided by
 * `TokenCause`, in order, with the issuers' own records (`IssuerRecords`). It says `unknown`
 * rather than guess.
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
	 * Fingerprints tokens.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Decides the cause of a well-formed token (one that is not, or a garbage Bearer value, is
	 * diagnosed without it).
	 *
	 * @var callable(): TokenCause
	 */
	private $cause;

	/**
	 * Creates the diagnosis.
	 *
	 * @param TokenInspector $inspector     Reads tokens.
	 * @param Issuers        $issuers       Knows the issuers.
	 * @param Fingerprinter  $fingerprinter Fingerprints tokens.
	 * @param callable       $cause         Provides the TokenCause, built on the first call.
	 */
	public function __construct( TokenInspector $inspector, Issuers $issuers, Fingerprinter $fingerprinter, callable $cause ) {
		$this->inspector     = $inspector;
		$this->issuers       = $issuers;
		$this->fingerprinter = $fingerprinter;
		$this->cause         = $cause;
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
		$fact                = $user ? ( $this->cause )()->revocation( '', array(), array( (int) $user->ID ) ) : null;
		if ( is_array( $fact ) ) {
			$verdict          = array( 'details' => array() );
			$failure->cause   = ( $this->cause )()->ended( $verdict, $fact );
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

		$verdict['cause'] = ( $this->cause )()->of( $verdict, $token, $context, $claims, $raw, $signer, $refused_by, $users, (bool) $user );
		/**
		 * The verdict, complete: the cause's decision filled in `at` and `details`.
		 *
		 * @var array{cause: string, issuer: string, verified: bool, user_id: int, at: ?int, fingerprint: string, token: array<string, mixed>, details: array<string, mixed>, claims: array<string, mixed>} $verdict
		 */
		return $verdict;
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
}
