<?php
/**
 * Notices when keys, salts, token secrets or the site address change.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

use AuthSentinel\Audit\AuditRepository;
use AuthSentinel\Database\JobLock;
use AuthSentinel\Sessions\SessionStore;

defined( 'ABSPATH' ) || exit;

/**
 * Compares the secrets in use with the last known fingerprints and records every change.
 *
 * On every request it only fingerprints what is already in memory and compares it with the
 * autoloaded state: no query, no write. Anything that differs, an option update of a watched
 * secret, the hourly cron, the Secrets screen and REST route run the full check, which reads
 * every source and records a change once, with the names that changed.
 *
 * @since 0.1.0
 */
class SecretsWatch {

	/**
	 * The audit action of a recorded change.
	 */
	const ACTION = 'secrets_changed';

	/**
	 * The hourly cron hook.
	 */
	const CRON_HOOK = \AuthSentinel\Hooks::SECRETS_CHECK;

	/**
	 * Resolves and fingerprints the secrets.
	 *
	 * @var SecretResolver
	 */
	private $resolver;

	/**
	 * Stores the known state.
	 *
	 * @var SecretsState
	 */
	private $state;

	/**
	 * Records changes.
	 *
	 * @var AuditRepository
	 */
	private $audit;

	/**
	 * Core's stored sign-in sessions (counted when a cookie key changes).
	 *
	 * @var SessionStore
	 */
	private $sessions;

	/**
	 * Whether a full check is already queued for shutdown.
	 *
	 * @var bool
	 */
	private $queued = false;

	/**
	 * Creates the watch.
	 *
	 * @param SecretResolver  $resolver Resolves the secrets.
	 * @param SecretsState    $state    Stores the known state.
	 * @param AuditRepository $audit    Records changes.
	 * @param SessionStore    $sessions Core's stored sign-in sessions.
	 */
	public function __construct( SecretResolver $resolver, SecretsState $state, AuditRepository $audit, SessionStore $sessions ) {
		$this->resolver = $resolver;
		$this->state    = $state;
		$this->audit    = $audit;
		$this->sessions = $sessions;
	}

	/**
	 * Queues one full check for the end of the request (several option updates make one change).
	 *
	 * @return void
	 */
	public function queue_check(): void {
		if ( ! $this->queued ) {
			$this->queued = true;
			add_action( 'shutdown', array( $this, 'shutdown_check' ), 1 );
		}
	}

	/**
	 * Runs the queued check.
	 *
	 * @return void
	 */
	public function shutdown_check(): void {
		$this->safe_check( 'option_update' );
	}

	/**
	 * Runs the hourly check, on one web node at a time (the compare-and-swap already records a
	 * change once; the lock spares the other nodes the reading).
	 *
	 * @return void
	 */
	public function cron_check(): void {
		JobLock::run(
			'secrets_check',
			5 * MINUTE_IN_SECONDS,
			function (): bool {
				$this->safe_check( 'cron' );
				return true;
			}
		);
	}

	/**
	 * Runs the full check, swallowing any failure.
	 *
	 * @param string $trigger What started the check.
	 * @return array<string, mixed>|null The recorded change, if any.
	 */
	public function safe_check( string $trigger ): ?array {
		try {
			return $this->check( $trigger );
		} catch ( \Throwable $e ) {
			$this->report( $e );
			return null;
		}
	}

	/**
	 * Reads every secret, updates the known state and records a change once.
	 *
	 * A secret seen for the first time (a salt WordPress generates on first use, an option a
	 * plugin creates) is learnt, not reported. Nothing is written when nothing differs.
	 *
	 * @param string $trigger What started the check: request, option_update, cron, screen, activation.
	 * @return array<string, mixed>|null The change recorded by this call (`at`, `changed`, `sessions`, `users`), or null.
	 */
	public function check( string $trigger ): ?array {
		$current   = $this->resolver->resolve( false );
		$generated = array();
		foreach ( $current as $name => $item ) {
			if ( 'salt' === $item['group'] && 'constant' !== $item['source'] ) {
				$generated[] = $name;
			}
		}
		$this->state->save_digest( $this->resolver->quick_digest(), $generated, $this->resolver->address_digest() );

		for ( $attempt = 0; $attempt < 3; $attempt++ ) {
			list( $known, $raw )    = $this->state->read();
			$now                    = time();
			list( $next, $changed ) = $this->merge( $known, $current, $now );

			if ( null !== $known && $next['items'] === $known['items'] ) {
				$this->state->mend_cache( $raw ); // Unchanged: no write; a stale cached copy is let go.
				return null;
			}

			$change = null;
			if ( $changed ) {
				$change = array(
					'at'      => $now,
					'changed' => $changed,
				);
				if ( array_intersect( $changed, SecretResolver::COOKIE_SALTS ) ) {
					$change += $this->sessions->count_live( $now );
				}
				$next['last_change'] = $change;
			}

			if ( ! $this->state->swap( $next, $raw ) ) {
				continue; // Another request got there first: look again.
			}

			if ( null !== $change ) {
				$this->audit->add(
					self::ACTION,
					array( 'trigger' => $trigger ) + $change,
					'option_update' === $trigger ? get_current_user_id() : 0
				);
				/**
				 * Fires once when watched secrets changed.
				 *
				 * @since 0.1.0
				 *
				 * @param array  $change  `at`, `changed` (names), and for cookie keys `sessions` and `users` signed out.
				 * @param string $trigger What found it.
				 */
				do_action( 'auth_sentinel_secrets_changed', $change, $trigger );
			}
			return $change;
		}
		return null;
	}

	/**
	 * Merges the current fingerprints into the known state.
	 *
	 * @param array<string, mixed>|null $known   The known state, or null the first time.
	 * @param array<string, mixed>      $current The resolved secrets.
	 * @param int                       $now     Current time.
	 * @return array{0: array<string, mixed>, 1: string[]} The next state and the names that changed.
	 */
	private function merge( ?array $known, array $current, int $now ): array {
		$old_items = null === $known ? array() : (array) $known['items'];
		$items     = array();
		$changed   = array();

		foreach ( $current as $name => $item ) {
			$old        = isset( $old_items[ $name ] ) ? $old_items[ $name ] : null;
			$changed_at = null === $old ? null : $old['changed_at'];
			$previous   = null === $old ? array() : (array) ( $old['previous'] ?? array() );
			if ( null !== $old && null !== $old['fp'] && $old['fp'] !== $item['fp'] ) {
				// A site address that returns to one it had is not a move: the address follows
				// the request's host (WP_HOME built from HTTP_HOST, a health check by IP, a
				// runtime's internal and public addresses). Learnt, not recorded; both stay known.
				$back = 'site' === $item['group'] && in_array( $item['fp'], $previous, true );
				if ( ! $back ) {
					$changed[]  = $name; // A value replaced or removed; a first value is no change.
					$changed_at = $now;
				}
				// The last few fingerprints, so a token issued for an old site address is recognised.
				$previous = array_slice( array_merge( array( $old['fp'] ), array_values( array_diff( $previous, array( $item['fp'] ) ) ) ), 0, 5 );
			}
			$items[ $name ] = array(
				'fp'         => $item['fp'],
				'group'      => $item['group'],
				'source'     => $item['source'],
				'strength'   => $item['strength'],
				'first_seen' => null === $old ? $now : $old['first_seen'],
				'changed_at' => $changed_at,
				'previous'   => $previous,
			);
		}

		$next = array(
			'since'       => null === $known ? $now : (int) $known['since'],
			'items'       => $items,
			'last_change' => null === $known ? null : $known['last_change'],
		);
		return array( $next, $changed );
	}

	/**
	 * Reports an internal failure to the debug log without disturbing the request.
	 *
	 * @param \Throwable $e The failure.
	 * @return void
	 */
	private function report( \Throwable $e ): void {
		if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
			error_log( 'Auth Sentinel: secrets check failed: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- Debug only.
		}
	}
}
