<?php
/**
 * Decides which alerts go out, and sends them after the response.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

use AuthSentinel\Secrets\SecretsWatch;

defined( 'ABSPATH' ) || exit;

/**
 * Collects what happened during a request and sends the alerts at `shutdown`, after the
 * response went to the client (fastcgi_finish_request() or litespeed_finish_request() where
 * the server offers it). A shutdown send was chosen over a cron event because WP-Cron may be
 * off or late, and an alert about a key change should not wait for the next visitor: the
 * client never waits on PHP-FPM or LiteSpeed; elsewhere it waits at most for the mail to be
 * handed over and the three-second webhook timeout.
 *
 * Only the kinds listed in `alert_on`, and at most one alert per kind per hour, claimed
 * atomically (AlertClaims), so that a storm of requests sends one alert, not thousands.
 *
 * Failure spikes: Recorder fires `auth_sentinel_failure_recorded` after each failure written;
 * this only raises a flag. At shutdown the spike gate (autoloaded option or object cache: no
 * query while closed) lets one request a minute read the hour's total (one indexed query);
 * past `alert_spike_threshold` the alert is claimed and sent. A failure storm that stops
 * inside the minute is caught by a one-off cron re-check a minute later, scheduled only when
 * the total already reached a tenth of the threshold.
 *
 * The parts: AlertRules (which kinds are wanted, and where they go), SpikeCheck (is the hour a
 * spike), AlertDelivery (claim, write, send, audit). This class only collects and times.
 *
 * Nothing here may break the request: every step is guarded, and a failure to send is audited
 * without the URL or the error text (either may hold a secret).
 *
 * @since 0.1.0
 */
class Alerts {

	/**
	 * The kinds of alert, as `alert_on` lists them.
	 */
	const KINDS = AlertRules::KINDS;

	/**
	 * The one-off re-check of an hour's failures (argument: the hour).
	 */
	const RECHECK_HOOK = \AuthSentinel\Hooks::ALERTS_RECHECK;

	/**
	 * The late shutdown priority the alerts are sent at (after the secrets watch's own
	 * shutdown check, which may find a change).
	 */
	const SHUTDOWN_PRIORITY = PHP_INT_MAX - 100;

	/**
	 * The spike gate.
	 *
	 * @var AlertClaims
	 */
	private $claims;

	/**
	 * The spike check, once a spike alert may be due.
	 *
	 * @var callable(): SpikeCheck
	 */
	private $spikes;

	/**
	 * The delivery (the audit, the webhook), once an alert is due.
	 *
	 * @var callable(): AlertDelivery
	 */
	private $delivery;

	/**
	 * Alerts waiting for shutdown: kind => facts.
	 *
	 * @var array<string, array<string, mixed>>
	 */
	private $pending = array();

	/**
	 * Whether a failure was recorded in this request.
	 *
	 * @var bool
	 */
	private $failed = false;

	/**
	 * Whether the shutdown send is hooked.
	 *
	 * @var bool
	 */
	private $hooked = false;

	/**
	 * Whether the shutdown send already ran (later events are sent at once).
	 *
	 * @var bool
	 */
	private $flushed = false;

	/**
	 * Creates the alerts.
	 *
	 * @param AlertClaims $claims   The spike gate.
	 * @param callable    $spikes   Provides the SpikeCheck, built on the first call.
	 * @param callable    $delivery Provides the AlertDelivery, built on the first call.
	 */
	public function __construct( AlertClaims $claims, callable $spikes, callable $delivery ) {
		$this->claims   = $claims;
		$this->spikes   = $spikes;
		$this->delivery = $delivery;
	}

	/**
	 * Follows an audit row that may call for an alert (auth_sentinel_audited): a change of
	 * secrets found by the scheduled check, or "revoke everyone".
	 *
	 * @param mixed $action  The action.
	 * @param mixed $details Its details.
	 * @return void
	 */
	public function audited( $action, $details = array() ): void {
		$details = is_array( $details ) ? $details : array();
		if ( SecretsWatch::ACTION === $action ) {
			$this->secrets_changed( $details );
		} elseif ( 'all_sessions_revoked' === $action ) {
			$this->all_sessions_revoked( $details );
		}
	}

	/**
	 * Notes that watched secrets changed.
	 *
	 * @param array<string, mixed> $change `at`, `changed` (names), and for cookie keys `sessions` and `users`.
	 * @return void
	 */
	public function secrets_changed( $change ): void {
		$change = is_array( $change ) ? $change : array();
		$names  = array();
		foreach ( (array) ( $change['changed'] ?? array() ) as $name ) {
			if ( is_string( $name ) && preg_match( '/^[A-Za-z0-9_]{1,64}$/', $name ) ) {
				$names[] = $name;
			}
		}
		$facts = array(
			'at'      => isset( $change['at'] ) ? (int) $change['at'] : time(),
			'changed' => $names,
		);
		foreach ( array( 'sessions', 'users' ) as $count ) {
			if ( isset( $change[ $count ] ) && is_numeric( $change[ $count ] ) ) {
				$facts[ $count ] = (int) $change[ $count ];
			}
		}
		$this->notice( 'secrets_changed', $facts );
	}

	/**
	 * Notes that every session was revoked.
	 *
	 * @param array<string, mixed> $details The audit row's details.
	 * @return void
	 */
	public function all_sessions_revoked( array $details ): void {
		$facts = array(
			'at'       => time(),
			'actor_id' => get_current_user_id(),
		);
		// The sessions module counts what ended by kind: cookie, app_password, wcpos, token.
		if ( isset( $details['counts'] ) && is_array( $details['counts'] ) ) {
			$facts['counts'] = array();
			foreach ( $details['counts'] as $type => $n ) {
				if ( is_string( $type ) && is_numeric( $n ) ) {
					$facts['counts'][ sanitize_key( $type ) ] = (int) $n;
				}
			}
			$facts['sessions'] = (int) array_sum( $facts['counts'] );
		}
		foreach ( array( 'sessions', 'users' ) as $count ) {
			if ( isset( $details[ $count ] ) && is_numeric( $details[ $count ] ) ) {
				$facts[ $count ] = (int) $details[ $count ];
			}
		}
		$this->notice( 'all_sessions_revoked', $facts );
	}

	/**
	 * Notes that a failure was recorded: the spike check runs at shutdown, gated.
	 *
	 * @return void
	 */
	public function failure_recorded(): void {
		if ( $this->failed ) {
			return;
		}
		$this->failed = true;
		$this->hook();
	}

	/**
	 * Sends what the request collected; hooked at shutdown.
	 *
	 * @return void
	 */
	public function flush(): void {
		$this->flushed = true;
		try {
			$now   = time();
			$check = $this->failed && AlertRules::wants( 'failure_spike' ) && $this->claims->open_gate( $now );
			if ( ! $check && ! $this->pending ) {
				return;
			}
			self::finish_request();
			if ( $check ) {
				$this->check_spike( intdiv( $now, HOUR_IN_SECONDS ), true );
			}
			foreach ( array_keys( $this->pending ) as $kind ) {
				$facts = $this->pending[ $kind ];
				unset( $this->pending[ $kind ] );
				( $this->delivery )()->deliver( $kind, $facts, intdiv( $now, HOUR_IN_SECONDS ) );
			}
		} catch ( \Throwable $e ) {
			AlertDelivery::report( $e );
		}
	}

	/**
	 * Re-checks an hour's failures a minute after a gated check found them rising (cron).
	 *
	 * @param int|string $hour The hour (Unix time / 3600).
	 * @return void
	 */
	public function recheck( $hour ): void {
		try {
			$hour = (int) $hour;
			if ( $hour > 0 && AlertRules::wants( 'failure_spike' ) ) {
				$this->check_spike( $hour, false );
			}
		} catch ( \Throwable $e ) {
			AlertDelivery::report( $e );
		}
	}

	/**
	 * Queues one alert for shutdown (the first facts of a kind in a request win).
	 *
	 * @param string               $kind  The kind.
	 * @param array<string, mixed> $facts What happened.
	 * @return void
	 */
	private function notice( string $kind, array $facts ): void {
		try {
			if ( isset( $this->pending[ $kind ] ) || ! AlertRules::wants( $kind ) ) {
				return;
			}
			if ( $this->flushed ) {
				( $this->delivery )()->deliver( $kind, $facts, intdiv( time(), HOUR_IN_SECONDS ) ); // Later in shutdown than our own send.
				return;
			}
			$this->pending[ $kind ] = $facts;
			$this->hook();
		} catch ( \Throwable $e ) {
			AlertDelivery::report( $e );
		}
	}

	/**
	 * Checks an hour's failures and sends the spike alert when there is one.
	 *
	 * @param int  $hour  The hour (Unix time / 3600).
	 * @param bool $gated Whether this is the request's gated check (it may schedule a re-check).
	 * @return void
	 */
	private function check_spike( int $hour, bool $gated ): void {
		$spike = ( $this->spikes )()->check( $hour, $gated );
		if ( null !== $spike ) {
			( $this->delivery )()->deliver( 'failure_spike', $spike, $hour );
		}
	}

	/**
	 * Hooks the shutdown send once.
	 *
	 * @return void
	 */
	private function hook(): void {
		if ( ! $this->hooked ) {
			$this->hooked = true;
			add_action( 'shutdown', array( $this, 'flush' ), self::SHUTDOWN_PRIORITY );
		}
	}

	/**
	 * Hands the response to the client before sending, where the server allows it.
	 *
	 * @return void
	 */
	private static function finish_request(): void {
		if ( function_exists( 'fastcgi_finish_request' ) ) {
			fastcgi_finish_request();
		} elseif ( function_exists( 'litespeed_finish_request' ) ) {
			litespeed_finish_request();
		}
	}
}
