<?php
/**
 * Stores diagnosed failures with their request's context.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Catalog\Catalog;
use AuthSentinel\Http\ClientAddress;
use AuthSentinel\Http\Text;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the client's address, user agent and route to a failure and writes it, once per
 * credential per request. Recording never breaks the request: any failure here is swallowed
 * and WordPress carries on as it would have without the plugin.
 *
 * @since 0.1.0
 */
class Recorder {

	/**
	 * The failures table.
	 *
	 * @var EventsRepository
	 */
	private $events;

	/**
	 * The error catalog, to file each failure under its entry.
	 *
	 * @var Catalog
	 */
	private $catalog;

	/**
	 * Keys of the failures already recorded in this request.
	 *
	 * @var array<string, bool>
	 */
	private $seen = array();

	/**
	 * The REST route of the current request, once known.
	 *
	 * @var string
	 */
	private $route = '';

	/**
	 * Creates the recorder.
	 *
	 * @param EventsRepository $events  The failures table.
	 * @param Catalog          $catalog The error catalog.
	 */
	public function __construct( EventsRepository $events, Catalog $catalog ) {
		$this->events  = $events;
		$this->catalog = $catalog;
	}

	/**
	 * Tells whether anything was recorded in this request.
	 *
	 * @return bool
	 */
	public function recorded_any(): bool {
		return (bool) $this->seen;
	}

	/**
	 * Sets the REST route the failures of this request are about.
	 *
	 * @param string $route The route, e.g. /wc/v3/orders.
	 * @return void
	 */
	public function set_route( string $route ): void {
		$this->route = '/wp-json' . $route;
	}

	/**
	 * Records a failure; never throws.
	 *
	 * @param Failure $failure The failure.
	 * @return bool Whether it was written.
	 */
	public function record( Failure $failure ): bool {
		try {
			$request_key = $failure->source . '|' . $failure->credential . '|' . $failure->server_code;
			if ( isset( $this->seen[ $request_key ] ) ) {
				return false; // One request checks some cookies twice: count it once.
			}
			$this->seen[ $request_key ] = true;

			$now      = time();
			$real     = ClientAddress::current();
			$ip       = self::client_ip();
			$agent    = self::user_agent();
			$token    = $failure->token ?? array();
			$row      = array(
				'agg_key'     => substr( hash( 'sha256', implode( "\0", array( $failure->source, $failure->server_code, $failure->cause, $failure->credential, (string) $failure->user_id, $ip, $agent, (string) intdiv( $now, HOUR_IN_SECONDS ) ) ) ), 0, 32 ),
				'hour'        => intdiv( $now, HOUR_IN_SECONDS ),
				'first_seen'  => gmdate( 'Y-m-d H:i:s', $now ),
				'last_seen'   => gmdate( 'Y-m-d H:i:s', $now ),
				'count'       => 1,
				'source'      => $failure->source,
				'issuer'      => substr( $failure->issuer, 0, 40 ),
				'server_code' => substr( $failure->server_code, 0, 100 ),
				'code'        => $this->catalog->code_for( $failure->server_code, $failure->cause, isset( $token['type'] ) ? (string) $token['type'] : null, $failure->source ),
				'cause'       => $failure->cause,
				'user_id'     => max( 0, $failure->user_id ),
				'ip'          => $ip,
				'user_agent'  => $agent,
				'route'       => $this->route(),
				'token_fp'    => (string) ( $token['fingerprint'] ?? '' ),
				'token_iss'   => (string) ( $token['iss'] ?? '' ),
				'token_iat'   => isset( $token['iat'] ) ? (int) $token['iat'] : null,
				'token_exp'   => isset( $token['exp'] ) ? (int) $token['exp'] : null,
				'token_jti'   => (string) ( $token['jti'] ?? '' ),
				'token_type'  => (string) ( $token['type'] ?? '' ),
				'details'     => (string) wp_json_encode( $failure->details ),
				'net'         => ClientAddress::network( $real ),
			);
			$settings = Settings::all();
			$status   = $this->events->record( $row, max( 1, (int) $settings['failure_cap_network'] ), max( 1, (int) $settings['failure_cap_hour'] ) );
			if ( 'failed' === $status ) {
				return false;
			}
			/**
			 * Fires after a failure was written (the alerts' spike check and log forwarding
			 * listen; keep listeners cheap).
			 *
			 * @since 0.1.0
			 *
			 * @param Failure              $failure The failure.
			 * @param string               $status  inserted (a new aggregated row), updated (a repeat) or overflow (folded into the hour's summary row).
			 * @param array<string, mixed> $row     The row as written (a new row) or counted in (a repeat): no raw credential.
			 */
			do_action( 'auth_sentinel_failure_recorded', $failure, $status, $row );
			return true;
		} catch ( \Throwable $e ) {
			if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
				error_log( 'Auth Sentinel: could not record a failure: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- Debug only.
			}
			return false;
		}
	}

	/**
	 * Returns the client's address, anonymised when the settings ask for it.
	 *
	 * The connecting address, or what a proxy the site trusts saw (Http\ClientAddress):
	 * forwarded headers from anyone else are the client's to forge.
	 *
	 * @return string
	 */
	public static function client_ip(): string {
		$ip = ClientAddress::current();
		if ( '' !== $ip && Settings::get( 'anonymize_ip' ) ) {
			$ip = wp_privacy_anonymize_ip( $ip );
		}
		return $ip;
	}

	/**
	 * Returns the client's user agent, cleaned and bounded.
	 *
	 * @return string
	 */
	public static function user_agent(): string {
		$agent = isset( $_SERVER['HTTP_USER_AGENT'] ) ? substr( (string) wp_unslash( $_SERVER['HTTP_USER_AGENT'] ), 0, 1024 ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- Cleaned below.
		return mb_substr( Text::line( $agent ), 0, 255 );
	}

	/**
	 * Returns the route of the request: the REST route, or the path without its query string
	 * (a query string can carry a token).
	 *
	 * @return string
	 */
	private function route(): string {
		if ( '' !== $this->route ) {
			return mb_substr( $this->route, 0, 191 );
		}
		$uri  = isset( $_SERVER['REQUEST_URI'] ) ? (string) wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- Reduced to a path below.
		$path = (string) wp_parse_url( $uri, PHP_URL_PATH );
		return mb_substr( (string) preg_replace( '/[^\x21-\x7E]/', '', $path ), 0, 191 );
	}
}
