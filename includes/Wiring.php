<?php
/**
 * How the objects that need more than their constructor's types are built.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel;

use AuthSentinel\Alerts\AlertClaims;
use AuthSentinel\Alerts\AlertDelivery;
use AuthSentinel\Alerts\Alerts;
use AuthSentinel\Alerts\SpikeCheck;
use AuthSentinel\Events\Capture;
use AuthSentinel\Events\CookieDiagnosis;
use AuthSentinel\Events\IssuerRecords;
use AuthSentinel\Events\Issuers;
use AuthSentinel\Events\NonceDiagnosis;
use AuthSentinel\Events\PasswordFailures;
use AuthSentinel\Events\Recorder;
use AuthSentinel\Events\RestFailures;
use AuthSentinel\Events\TokenCause;
use AuthSentinel\Events\TokenDiagnosis;
use AuthSentinel\Events\TokenInspector;
use AuthSentinel\Secrets\Fingerprinter;
use AuthSentinel\Secrets\QuickCheck;
use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Secrets\SecretResolver;
use AuthSentinel\Secrets\SecretsState;
use AuthSentinel\Secrets\SecretsWatch;
use AuthSentinel\Sessions\CredentialFingerprints;
use AuthSentinel\Sessions\EndedCredentials;
use AuthSentinel\Sessions\Revocations;
use AuthSentinel\Sessions\SessionIndex;
use AuthSentinel\Sessions\TokenGate;
use AuthSentinel\Sessions\TokenTracker;

defined( 'ABSPATH' ) || exit;

/**
 * The one place that hands the container around. Most classes are built from their
 * constructor's types alone; the ones here take, besides, a setting, a callback, or a
 * collaborator needed on some of their paths only. Such a collaborator comes as a provider, a
 * function that returns it typed (`callable(): CookieDiagnosis`) and builds it the first time it
 * is called: a wrong password does not load the cookies', the tokens' or the secrets' classes,
 * and no class asks a container for what it likes.
 *
 * @since 0.1.0
 */
final class Wiring {

	/**
	 * Builders, by class.
	 *
	 * @return array<string, callable(Container): object>
	 */
	public static function factories(): array {
		return array(
			// The comparison on every request builds the full check only on a difference.
			QuickCheck::class       => static function ( Container $c ): QuickCheck {
				return new QuickCheck( $c->get( SecretsState::class ), $c->get( SecretResolver::class ), $c->get( Fingerprinter::class ), self::provider( $c, SecretsWatch::class ) );
			},
			// The gate checks revocations only for a token, and tells the failures capture of
			// each refusal: each built only then.
			TokenGate::class        => static function ( Container $c ): TokenGate {
				return new TokenGate(
					self::provider( $c, Revocations::class ),
					self::provider( $c, TokenTracker::class ),
					static function ( string $token, array $fact, array $claims, array $users ) use ( $c ): void {
						$c->get( Capture::class )->token_refused( $token, $fact, $claims, $users );
					}
				);
			},
			// A failure builds its own diagnosis only.
			Capture::class          => static function ( Container $c ): Capture {
				return new Capture(
					$c->get( Recorder::class ),
					self::provider( $c, Issuers::class ),
					self::provider( $c, CookieDiagnosis::class ),
					self::provider( $c, PasswordFailures::class ),
					self::provider( $c, RestFailures::class ),
					self::provider( $c, TokenDiagnosis::class ),
					self::provider( $c, QuickCheck::class )
				);
			},
			RestFailures::class     => static function ( Container $c ): RestFailures {
				return new RestFailures( $c->get( Issuers::class ), $c->get( Fingerprinter::class ), self::provider( $c, NonceDiagnosis::class ), self::provider( $c, TokenDiagnosis::class ) );
			},
			// A garbage Bearer value is diagnosed without the cause decision.
			TokenDiagnosis::class   => static function ( Container $c ): TokenDiagnosis {
				return new TokenDiagnosis( $c->get( TokenInspector::class ), $c->get( Issuers::class ), $c->get( Fingerprinter::class ), self::provider( $c, TokenCause::class ) );
			},
			TokenCause::class       => static function ( Container $c ): TokenCause {
				return new TokenCause( $c->get( TokenInspector::class ), $c->get( Issuers::class ), $c->get( Revocations::class ), self::provider( $c, SecretFacts::class ), self::provider( $c, IssuerRecords::class ) );
			},
			// A wrong application password on a site where none ended lately asks neither.
			EndedCredentials::class => static function ( Container $c ): EndedCredentials {
				return new EndedCredentials( self::provider( $c, SessionIndex::class ), self::provider( $c, CredentialFingerprints::class ) );
			},
			// A failure recorded while the spike gate is shut builds neither.
			Alerts::class           => static function ( Container $c ): Alerts {
				return new Alerts( $c->get( AlertClaims::class ), self::provider( $c, SpikeCheck::class ), self::provider( $c, AlertDelivery::class ) );
			},
		);
	}

	/**
	 * A provider: a function that returns the container's object of a class, built on the
	 * first call.
	 *
	 * @param Container $c     The container.
	 * @param string    $class The class.
	 * @return callable
	 *
	 * @phpstan-template T of object
	 * @phpstan-param class-string<T> $class
	 * @phpstan-return callable(): T
	 */
	private static function provider( Container $c, string $class ): callable {
		return static function () use ( $c, $class ) {
			return $c->get( $class );
		};
	}
}
