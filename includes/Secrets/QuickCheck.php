<?php
/**
 * The comparison of the secrets on every request.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

defined( 'ABSPATH' ) || exit;

/**
 * Compares what is in memory with the known state — one HMAC over the constants and autoloaded
 * secrets, one over the site address (which must be among the last few seen); for salts kept in
 * the database, their fingerprint only if core already read them this request — and hands over
 * to the full check (SecretsWatch, built only then) on a difference.
 * Never throws: a failure here must not break the request.
 *
 * @since 0.1.0
 */
class QuickCheck {

	/**
	 * The known state.
	 *
	 * @var SecretsState
	 */
	private $state;

	/**
	 * Reads the secrets.
	 *
	 * @var SecretResolver
	 */
	private $resolver;

	/**
	 * The fingerprint key.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Returns the full check, built on demand.
	 *
	 * @var callable(): SecretsWatch
	 */
	private $watch;

	/**
	 * Creates the comparison.
	 *
	 * @param SecretsState   $state         The known state.
	 * @param SecretResolver $resolver      Reads the secrets.
	 * @param Fingerprinter  $fingerprinter The fingerprint key.
	 * @param callable       $watch         Returns the full check: function (): SecretsWatch.
	 */
	public function __construct( SecretsState $state, SecretResolver $resolver, Fingerprinter $fingerprinter, callable $watch ) {
		$this->state         = $state;
		$this->resolver      = $resolver;
		$this->fingerprinter = $fingerprinter;
		$this->watch         = $watch;
	}

	/**
	 * Compares, and runs the full check on a difference (init, first).
	 *
	 * @return void
	 */
	public function run(): void {
		try {
			$stored = $this->state->digest();
			if ( null === $stored || ! $this->fingerprinter->has_key() ) {
				( $this->watch )()->queue_check(); // First run: learn the secrets once, at the end of the request.
				return;
			}
			if ( $this->differs( $stored ) ) {
				( $this->watch )()->check( 'request' );
			}
		} catch ( \Throwable $e ) {
			if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
				error_log( 'Auth Sentinel: secrets check failed: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- Debug only.
			}
		}
	}

	/**
	 * Tells whether the secrets in memory differ from the known state.
	 *
	 * @param array{0: string, 1: string[], 2: string[]} $stored The known digest, the salts kept in the database, the addresses seen lately.
	 * @return bool
	 */
	private function differs( array $stored ): bool {
		list( $digest, $generated, $addresses ) = $stored;
		if ( ! hash_equals( $digest, $this->resolver->quick_digest() ) ) {
			return true;
		}
		if ( ! in_array( $this->resolver->address_digest(), $addresses, true ) ) {
			return true; // An address not seen lately: the full check decides whether it moved.
		}
		$in_memory = $generated ? $this->resolver->resolve_salts( $generated, true ) : array();
		if ( ! $in_memory ) {
			return false;
		}
		$known = $this->state->cached();
		foreach ( $in_memory as $name => $item ) {
			if ( ! isset( $known['items'][ $name ] ) || $known['items'][ $name ]['fp'] !== $item['fp'] ) {
				return true;
			}
		}
		return false;
	}
}
