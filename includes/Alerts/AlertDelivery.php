<?php
/**
 * Sends one alert by email and webhook, once an hour per kind.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

use AuthSentinel\Audit\Auditor;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Claims the kind's hour (AlertClaims: exactly one request wins), writes the message in the
 * site's language, sends it to every channel, and audits what went out (`alert_sent`) or that
 * nothing did (`alert_failed`) — without the URL or the error text, either of which may hold a
 * secret.
 *
 * @since 0.1.0
 */
class AlertDelivery {

	/**
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * The per-kind claims.
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
	 * Creates the delivery.
	 *
	 * @param Auditor     $auditor Writes the audit trail.
	 * @param AlertClaims $claims  The per-kind claims.
	 * @param Webhook     $webhook Sends webhooks.
	 */
	public function __construct( Auditor $auditor, AlertClaims $claims, Webhook $webhook ) {
		$this->auditor = $auditor;
		$this->claims  = $claims;
		$this->webhook = $webhook;
	}

	/**
	 * Claims and sends one alert; audits what went out.
	 *
	 * @param string               $kind  The kind.
	 * @param array<string, mixed> $facts What happened.
	 * @param int                  $hour  The hour the alert is claimed for.
	 * @return void
	 */
	public function deliver( string $kind, array $facts, int $hour ): void {
		$settings = Settings::all();
		$channels = AlertRules::channels( $settings );
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
				$ok = 'email' === $channel
					? wp_mail(
						$target,
						$message['subject'],
						$message['body'],
						array( 'Content-Type: text/plain; charset=UTF-8', 'Auto-Submitted: auto-generated' )
					)
					: $this->webhook->send(
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
	 * Reports an internal failure to the debug log, without details that could be secret.
	 *
	 * @param \Throwable $e The failure.
	 * @return void
	 */
	public static function report( \Throwable $e ): void {
		if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
			error_log( 'Auth Sentinel: an alert could not be sent (' . get_class( $e ) . ').' ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- Debug only.
		}
	}
}
