<?php
/**
 * The steps of one revocation and what each ended.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * Runs each step of a revocation even when an earlier one failed, and keeps what was ended and
 * what was not, by kind of credential, for an honest answer.
 *
 * @since 0.1.0
 */
final class RevocationSteps {

	/**
	 * The live credentials found before the revocation began, by kind.
	 *
	 * @var array<string, int>
	 */
	private $counts;

	/**
	 * Kinds whose step failed => how many were not confirmed ended.
	 *
	 * @var array<string, int>
	 */
	private $left = array();

	/**
	 * Refresh credentials of the token plugins ended.
	 *
	 * @var int
	 */
	private $refresh = 0;

	/**
	 * The first failure's message.
	 *
	 * @var string
	 */
	private $first_error = '';

	/**
	 * Starts with the credentials found before.
	 *
	 * @param array<string, int> $counts Live credentials by kind.
	 */
	public function __construct( array $counts ) {
		$this->counts = $counts;
	}

	/**
	 * Runs one step; a failure is kept, never thrown.
	 *
	 * @param string   $kind cookie, app_password, wcpos, token or refresh.
	 * @param callable $step The step; it may return a count (refresh) or a time (token).
	 * @return mixed What the step returned, null when it failed.
	 */
	public function run( string $kind, callable $step ) {
		try {
			$result = $step();
			if ( 'refresh' === $kind && is_int( $result ) ) {
				$this->refresh += $result;
			}
			return $result;
		} catch ( \Throwable $e ) {
			$this->left[ $kind ] = max( 1, (int) ( $this->counts[ $kind ] ?? 0 ) );
			if ( '' === $this->first_error ) {
				$this->first_error = $e->getMessage();
			}
			return null;
		}
	}

	/**
	 * Returns the kinds whose step failed.
	 *
	 * @return string[]
	 */
	public function failed_kinds(): array {
		return array_keys( $this->left );
	}

	/**
	 * Returns what was ended, by kind (a failed kind counts 0).
	 *
	 * @return array<string, int>
	 */
	public function ended(): array {
		$ended = $this->counts;
		foreach ( array_keys( $this->left ) as $kind ) {
			if ( isset( $ended[ $kind ] ) ) {
				$ended[ $kind ] = 0;
			}
		}
		if ( $this->refresh > 0 ) {
			$ended['refresh'] = $this->refresh;
		}
		return $ended;
	}

	/**
	 * Returns what was not confirmed ended, by kind.
	 *
	 * @return array<string, int>
	 */
	public function left(): array {
		return $this->left;
	}

	/**
	 * Throws when a step failed.
	 *
	 * @param string $message What to say.
	 * @return void
	 * @throws RevocationFailed With what was and was not ended.
	 */
	public function throw_if_failed( string $message ): void {
		if ( $this->left ) {
			throw new RevocationFailed( $message . ' ' . $this->first_error, $this->ended(), $this->left );
		}
	}
}
