<?php
/**
 * Decides which alerts go out, and sends them after the response.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

use AuthSentinel\Audit\Auditor;
use AuthSentinel\Events\EventsRepository;
use AuthSentinel\Secrets\SecretsWatch;
use AuthSentinel\Settings\Settings;

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
 * Nothing here may break the request: every step is guarded, and a failure to send is audited
 * without the URL or the error text (either may hold a secret).
 *
 * @since 0.1.0
 */
class Alerts {

	/**
	 * The kinds of alert, as `alert_on` lists them.
	 */
	const KINDS = array( 'secrets_changed', 'failure_spike', 'all_sessions_revoked' );

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
	 * The failures table (the spike check counts an hour's failures).
	 *
	 * @var EventsRepository
	 */
	private $events;

	/**
	 * Writes the audit trail (each alert sent is audited).
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * The claims and the spike gate.
	 *
	 * @var AlertClaims
	 */
	private $claims;

	/**
	 * Sends webhooks.
	 *
	 * @var Webhook
	 */
	private $webhook;

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
	 * @param EventsRepository $events  The failures table.
	 * @param Auditor          $auditor Writes the audit trail.
	 * @param AlertClaims|null $claims  The claims (default: the options table).
	 * @param Webhook|null     $webhook Sends webhooks.
	 */
	public function __construct( EventsRepository $events, Auditor $auditor, ?AlertClaims $claims = null, ?Webhook $webhook = null ) {
		$this->events  = $events;
		$this->auditor = $auditor;
		$this->claims  = $claims ?? new AlertClaims();
		$this->webhook = $webhook ?? new Webhook();
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
			$check = $this->failed && $this->wants( 'failure_spike' ) && $this->claims->open_gate( $now );
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
				$this->deliver( $kind, $facts, intdiv( $now, HOUR_IN_SECONDS ) );
			}
		} catch ( \Throwable $e ) {
			self::report( $e );
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
			if ( $hour > 0 && $this->wants( 'failure_spike' ) ) {
				$this->check_spike( $hour, false );
			}
		} catch ( \Throwable $e ) {
			self::report( $e );
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
			if ( isset( $this->pending[ $kind ] ) || ! $this->wants( $kind ) ) {
				return;
			}
			if ( $this->flushed ) {
				$this->deliver( $kind, $facts, intdiv( time(), HOUR_IN_SECONDS ) ); // Later in shutdown than our own send.
				return;
			}
			$this->pending[ $kind ] = $facts;
			$this->hook();
		} catch ( \Throwable $e ) {
			self::report( $e );
		}
	}

	/**
	 * Reads the hour's total and sends the spike alert when it is past the threshold.
	 *
	 * @param int  $hour  The hour (Unix time / 3600).
	 * @param bool $gated Whether this is the request's gated check (it may schedule a re-check).
	 * @return void
	 */
	private function check_spike( int $hour, bool $gated ): void {
		$threshold = (int) Settings::get( 'alert_spike_threshold' );
		$causes    = array();
		foreach ( $this->events->per_hour(
			array(
				'since_hour' => $hour,
				'until_hour' => $hour,
			)
		) as $row ) {
			$causes[ $row['cause'] ] = ( $causes[ $row['cause'] ] ?? 0 ) + $row['failures'];
		}
		$failures = (int) array_sum( $causes );

		if ( $failures > $threshold ) {
			$this->claims->close_gate_for_hour( $hour ); // Sent now or by someone else: nothing more to check this hour.
			$this->deliver(
				'failure_spike',
				array(
					'at'        => time(),
					'hour'      => $hour,
					'failures'  => $failures,
					'threshold' => $threshold,
					'causes'    => $causes,
				),
				$hour
			);
			return;
		}
		$args = array( $hour );
		if ( $gated && $failures * 10 >= $threshold && ! wp_next_scheduled( self::RECHECK_HOOK, $args ) ) {
			wp_schedule_single_event( time() + 60, self::RECHECK_HOOK, $args );
		}
	}

	/**
	 * Claims and sends one alert; audits what went out.
	 *
	 * @param string               $kind  The kind.
	 * @param array<string, mixed> $facts What happened.
	 * @param int                  $hour  The hour the alert is claimed for.
	 * @return void
	 */
	private function deliver( string $kind, array $facts, int $hour ): void {
		$settings = Settings::all();
		$channels = $this->channels( $settings );
		if ( ! $channels || ! in_array( $kind, (array) $settings['alert_on'], true ) || ! $this->claims->claim( $kind, $hour ) ) {
			return;
		}

		$switched = switch_to_locale( get_locale() ); // The site's language, not the visitor's.
		try {
			$message = AlertMessage::build( $kind, $facts );
		} finally {
			if ( $switched ) {
				restore_previous_locale();
			}
		}

		$sent   = array();
		$failed = array();
		foreach ( $channels as $channel => $target ) {
			try {
				if ( 'email' === $channel ) {
					$ok = wp_mail(
						$target,
						$message['subject'],
						$message['body'],
						array( 'Content-Type: text/plain; charset=UTF-8', 'Auto-Submitted: auto-generated' )
					);
				} else {
					$ok = $this->webhook->send(
						$target,
						(string) $settings['alert_webhook_secret'],
						$kind,
						array(
							'event'   => $kind,
							'site'    => home_url( '/' ),
							'at'      => gmdate( 'Y-m-d\TH:i:s\Z', (int) ( $facts['at'] ?? time() ) ),
							'summary' => $message['summary'],
							'data'    => $message['data'],
						)
					);
				}
			} catch ( \Throwable $e ) {
				self::report( $e );
				$ok = false;
			}
			if ( $ok ) {
				$sent[] = $channel;
			} else {
				$failed[] = $channel;
			}
		}

		$this->auditor->record(
			$sent ? 'alert_sent' : 'alert_failed',
			array(
				'kind'     => $kind,
				'channels' => $sent,
				'failed'   => $failed,
			),
			0,
			0
		);
	}

	/**
	 * Tells whether a kind is wanted and has somewhere to go (no query: settings are autoloaded).
	 *
	 * @param string $kind The kind.
	 * @return bool
	 */
	private function wants( string $kind ): bool {
		$settings = Settings::all();
		if ( ! in_array( $kind, (array) $settings['alert_on'], true ) ) {
			return false;
		}
		if ( 'failure_spike' === $kind && (int) $settings['alert_spike_threshold'] <= 0 ) {
			return false;
		}
		return (bool) $this->channels( $settings );
	}

	/**
	 * Returns where alerts go: `email` => recipients, `webhook` => URL.
	 *
	 * @param array<string, mixed> $settings The settings.
	 * @return array<string, mixed>
	 */
	private function channels( array $settings ): array {
		$channels = array();
		if ( ! empty( $settings['alerts_email'] ) ) {
			$recipients = self::recipients( (string) $settings['alert_emails'] );
			if ( $recipients ) {
				$channels['email'] = $recipients;
			}
		}
		$url = trim( (string) $settings['alert_webhook_url'] );
		if ( '' !== $url && Webhook::valid_url( $url ) ) {
			$channels['webhook'] = $url;
		}
		return $channels;
	}

	/**
	 * Returns the valid addresses of a comma-separated list; the site's admin email when none.
	 *
	 * @param string $list The setting.
	 * @return string[]
	 */
	public static function recipients( string $list ): array {
		$valid     = array();
		$addresses = preg_split( '/[\s,;]+/', $list );
		foreach ( false === $addresses ? array() : $addresses as $address ) {
			$address = sanitize_email( $address );
			if ( '' !== $address && is_email( $address ) ) {
				$valid[] = $address;
			}
		}
		if ( ! $valid ) {
			$admin = (string) get_option( 'admin_email' );
			$valid = is_email( $admin ) ? array( $admin ) : array();
		}
		return array_values( array_unique( $valid ) );
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

	/**
	 * Reports an internal failure to the debug log, without details that could be secret.
	 *
	 * @param \Throwable $e The failure.
	 * @return void
	 */
	private static function report( \Throwable $e ): void {
		if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
			error_log( 'Auth Sentinel: an alert could not be sent (' . get_class( $e ) . ').' ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- Debug only.
		}
	}
}
