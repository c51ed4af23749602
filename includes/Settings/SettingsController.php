<?php
/**
 * REST route reading and saving the settings.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Settings;

use AuthSentinel\Http\ClientAddress;
use AuthSentinel\Logging\LogConfig;

use AuthSentinel\Rest\Controller;

defined( 'ABSPATH' ) || exit;

/**
 * Answers `GET /auth-sentinel/v1/settings` (every setting) and `POST` (a partial update,
 * validated field by field by the route's schema; a bad field is a 400 naming it in
 * `data.params`). Both answer the full settings.
 *
 * @since 0.1.0
 */
class SettingsController extends Controller {

	/**
	 * What an alert can be sent for.
	 */
	const ALERTS = array( 'secrets_changed', 'failure_spike', 'all_sessions_revoked' );

	/**
	 * Creates the controller.
	 */
	public function __construct() {
		parent::__construct( 'settings' );
	}

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes() {
		$this->register_base_route(
			$this->endpoint( \WP_REST_Server::READABLE, 'get_item', array() ),
			$this->endpoint( \WP_REST_Server::EDITABLE, 'update_item', $this->update_args() )
		);
	}

	/**
	 * Checks the caller may change the settings.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return true|\WP_Error
	 */
	public function update_item_permissions_check( $request ) {
		return $this->get_item_permissions_check( $request );
	}

	/**
	 * Answers every setting.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public function get_item( $request ) {
		return $this->prepare_item_for_response( Settings::all(), $request );
	}

	/**
	 * Saves the settings sent (the others keep their values) and answers every setting.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public function update_item( $request ) {
		$values = array();
		foreach ( array_keys( $this->update_args() ) as $key ) {
			if ( 'alert_webhook_secret' !== $key && $request->has_param( $key ) ) {
				$values[ $key ] = self::normalize( $key, $request[ $key ] );
			}
		}
		$next = array_merge( Settings::all(), $values );
		if ( '' !== $next['alert_webhook_url'] && '' === (string) $next['alert_webhook_secret'] ) {
			// The receiver checks each call's signature with it; the admin copies it from here.
			$values['alert_webhook_secret'] = bin2hex( random_bytes( 32 ) );
		}
		if ( $values ) {
			Settings::update( $values );
		}
		if ( isset( $values['alert_webhook_url'] ) ) {
			\AuthSentinel\Alerts\Webhook::saved_by_current_user( (string) $values['alert_webhook_url'] );
		}
		return $this->prepare_item_for_response( Settings::all(), $request );
	}

	/**
	 * Shapes the settings for the response.
	 *
	 * @param array<string, mixed> $item    Every setting.
	 * @param \WP_REST_Request     $request The request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $item, $request ) {
		$data = array();
		foreach ( Settings::DEFAULTS as $key => $default ) {
			$data[ $key ] = self::normalize( $key, $item[ $key ] ?? $default );
		}
		$data['session_limits'] = (object) ( $data['session_limits'] ?? array() ); // An empty object in JSON, not an empty list.
		return rest_ensure_response( $data );
	}

	/**
	 * Gives a value its setting's type.
	 *
	 * @param string $key   The setting.
	 * @param mixed  $value The value.
	 * @return mixed
	 */
	private static function normalize( string $key, $value ) {
		$default = Settings::DEFAULTS[ $key ];
		if ( 'session_limits' === $key ) {
			$limits = array();
			foreach ( (array) $value as $role => $limit ) {
				$limits[ (string) $role ] = (int) $limit;
			}
			return $limits;
		}
		if ( 'alert_on' === $key ) {
			return array_values( array_unique( array_map( 'strval', (array) $value ) ) );
		}
		if ( 'alert_emails' === $key ) {
			return implode( ', ', Settings::split_emails( (string) $value )[0] );
		}
		if ( 'trusted_proxies' === $key ) {
			return implode( "\n", ClientAddress::parse_list( (string) $value ) );
		}
		if ( is_bool( $default ) ) {
			return (bool) $value;
		}
		if ( is_int( $default ) ) {
			return (int) $value;
		}
		return trim( (string) $value );
	}

	/**
	 * Declares the POST parameters: the schema's writable fields with their checks.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private function update_args(): array {
		$args = $this->get_endpoint_args_for_item_schema( \WP_REST_Server::EDITABLE );

		$args['session_limits']['validate_callback'] = static function ( $value, $request, $param ) {
			$valid = rest_validate_request_arg( $value, $request, $param );
			if ( true !== $valid ) {
				return $valid;
			}
			foreach ( array_keys( (array) $value ) as $role ) {
				if ( ! wp_roles()->is_role( (string) $role ) ) {
					/* translators: %s: a role slug. */
					return new \WP_Error( 'rest_invalid_param', sprintf( __( 'There is no role “%s” on this site.', 'auth-sentinel' ), (string) $role ) );
				}
			}
			return true;
		};

		$args['alert_emails']['validate_callback'] = static function ( $value, $request, $param ) {
			$valid = rest_validate_request_arg( $value, $request, $param );
			if ( true !== $valid ) {
				return $valid;
			}
			$bad = Settings::split_emails( (string) $value )[1];
			if ( $bad ) {
				return new \WP_Error(
					'rest_invalid_param',
					sprintf(
						/* translators: %s: what was typed in place of an email address. */
						_n( '“%s” is not a valid email address.', 'These are not valid email addresses: %s.', count( $bad ), 'auth-sentinel' ),
						implode( ', ', $bad )
					)
				);
			}
			return true;
		};

		$args['alert_webhook_url']['validate_callback'] = static function ( $value, $request, $param ) {
			$valid = rest_validate_request_arg( $value, $request, $param );
			if ( true !== $valid ) {
				return $valid;
			}
			if ( ! Settings::is_webhook_url( trim( (string) $value ) ) ) {
				return new \WP_Error( 'rest_invalid_param', __( 'The webhook URL must be empty or an http:// or https:// address with a host name.', 'auth-sentinel' ) );
			}
			return true;
		};

		$args['trusted_proxies']['validate_callback'] = static function ( $value, $request, $param ) {
			$valid = rest_validate_request_arg( $value, $request, $param );
			if ( true !== $valid ) {
				return $valid;
			}
			$bad     = array();
			$entries = preg_split( '/[\s,]+/', (string) $value, -1, PREG_SPLIT_NO_EMPTY );
			foreach ( false === $entries ? array() : $entries as $entry ) {
				if ( ! ClientAddress::valid_range( $entry ) ) {
					$bad[] = $entry;
				}
			}
			if ( $bad || strlen( (string) $value ) > 4000 ) {
				/* translators: %s: what was typed in place of an address or range. */
				return new \WP_Error( 'rest_invalid_param', sprintf( __( 'Trusted proxies are addresses or CIDR ranges (such as 10.0.0.0/8), one per line; not: %s.', 'auth-sentinel' ), implode( ', ', array_slice( $bad, 0, 5 ) ) ) );
			}
			return true;
		};

		$args['log_syslog_host']['validate_callback'] = static function ( $value, $request, $param ) {
			$valid = rest_validate_request_arg( $value, $request, $param );
			if ( true !== $valid ) {
				return $valid;
			}
			if ( ! self::is_host( trim( (string) $value ) ) ) {
				return new \WP_Error( 'rest_invalid_param', __( 'The syslog host must be a host name or an IP address.', 'auth-sentinel' ) );
			}
			return true;
		};

		$args['log_syslog_socket']['validate_callback'] = static function ( $value, $request, $param ) {
			$valid = rest_validate_request_arg( $value, $request, $param );
			if ( true !== $valid ) {
				return $valid;
			}
			if ( ! preg_match( '#^/[^\x00-\x1F\x7F]{1,106}$#', (string) $value ) ) {
				return new \WP_Error( 'rest_invalid_param', __( 'The syslog socket must be an absolute path, such as /dev/log (at most 107 characters).', 'auth-sentinel' ) );
			}
			return true;
		};

		// Generated by the server; sending it back unchanged (a form posting every field) is fine.
		$args['alert_webhook_secret'] = array(
			'description'       => __( 'Read-only: generated when a webhook URL is first set.', 'auth-sentinel' ),
			'type'              => 'string',
			'validate_callback' => static function ( $value, $request, $param ) {
				$valid = rest_validate_request_arg( $value, $request, $param );
				if ( true !== $valid ) {
					return $valid;
				}
				if ( (string) Settings::get( 'alert_webhook_secret' ) !== (string) $value ) {
					return new \WP_Error( 'rest_invalid_param', __( 'The webhook secret is read-only: it is generated when a webhook URL is first set.', 'auth-sentinel' ) );
				}
				return true;
			},
		);

		return $args;
	}

	/**
	 * Tells whether a value is a host name or an IP address.
	 *
	 * @param string $host The value.
	 * @return bool
	 */
	private static function is_host( string $host ): bool {
		if ( false !== filter_var( $host, FILTER_VALIDATE_IP ) ) {
			return true;
		}
		return strlen( $host ) <= 253 && (bool) preg_match( '/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i', $host );
	}

	/**
	 * Describes the settings.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$days         = array(
			'type'    => 'integer',
			'minimum' => 1,
			'maximum' => 3650,
		);
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'auth-sentinel-settings',
			'type'       => 'object',
			'properties' => array(
				'events_retention_days'     => array( 'description' => __( 'Days failures are kept.', 'auth-sentinel' ) ) + $days,
				'audit_retention_days'      => array( 'description' => __( 'Days audit rows are kept.', 'auth-sentinel' ) ) + $days,
				'anonymize_ip'              => array(
					'description' => __( 'Store client addresses with their last part zeroed.', 'auth-sentinel' ),
					'type'        => 'boolean',
				),
				'revoke_on_password_change' => array(
					'description' => __( 'End a user’s sessions and tokens when their password changes.', 'auth-sentinel' ),
					'type'        => 'boolean',
				),
				'revoke_on_email_change'    => array(
					'description' => __( 'End a user’s sessions and tokens when their email address changes.', 'auth-sentinel' ),
					'type'        => 'boolean',
				),
				'revoke_on_role_change'     => array(
					'description' => __( 'End a user’s sessions and tokens when their role changes.', 'auth-sentinel' ),
					'type'        => 'boolean',
				),
				'session_limits'            => array(
					'description'          => __( 'Most concurrent browser sessions per role (role slug => number; 0 or absent: no limit). Sent whole: it replaces the stored limits.', 'auth-sentinel' ),
					'type'                 => 'object',
					'additionalProperties' => array(
						'type'    => 'integer',
						'minimum' => 0,
						'maximum' => 100,
					),
				),
				'alerts_email'              => array(
					'description' => __( 'Send alerts by email.', 'auth-sentinel' ),
					'type'        => 'boolean',
				),
				'alert_emails'              => array(
					'description' => __( 'Comma-separated recipients of email alerts; empty for the site’s admin email.', 'auth-sentinel' ),
					'type'        => 'string',
				),
				'alert_on'                  => array(
					'description' => __( 'What to alert on.', 'auth-sentinel' ),
					'type'        => 'array',
					'items'       => array(
						'type' => 'string',
						'enum' => self::ALERTS,
					),
				),
				'alert_spike_threshold'     => array(
					'description' => __( 'Failures per hour that make a spike.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 1,
					'maximum'     => 100000,
				),
				'alert_webhook_url'         => array(
					'description' => __( 'An http(s) address that receives alerts as signed JSON; empty for none.', 'auth-sentinel' ),
					'type'        => 'string',
				),
				'alert_webhook_secret'      => array(
					'description' => __( 'The key that signs webhook calls (HMAC-SHA256); generated when a webhook URL is first set.', 'auth-sentinel' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'trusted_proxies'           => array(
					'description' => __( 'Proxies and load balancers in front of the site (addresses or CIDR ranges, one per line): their X-Forwarded-For, Forwarded, CF-Connecting-IP and X-Real-IP headers are believed. Empty: only the connecting address counts.', 'auth-sentinel' ),
					'type'        => 'string',
				),
				'failure_cap_network'       => array(
					'description' => __( 'New failure rows one client network (IPv4 /24, IPv6 /64) may add per hour; past it, its failures are counted in one summary row.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 10,
					'maximum'     => 100000,
				),
				'failure_cap_hour'          => array(
					'description' => __( 'New failure rows all networks together may add per hour; past it, failures are counted in one summary row per cause and kind.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 100,
					'maximum'     => 1000000,
				),
				'log_file_enabled'          => array(
					'description' => __( 'Write every failure and audit row to a JSON-lines file (docs/logging.md).', 'auth-sentinel' ),
					'type'        => 'boolean',
				),
				'log_file_max_kb'           => array(
					'description' => __( 'Size of the log file, in KiB, past which it is rotated.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 16,
					'maximum'     => 1048576,
				),
				'log_file_keep'             => array(
					'description' => __( 'Rotated log files kept; older ones are deleted.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 1,
					'maximum'     => 100,
				),
				'log_syslog_enabled'        => array(
					'description' => __( 'Send every failure and audit row to syslog (RFC 5424).', 'auth-sentinel' ),
					'type'        => 'boolean',
				),
				'log_syslog_transport'      => array(
					'description' => __( 'How syslog messages travel: UDP, TCP (octet-counted frames) or a Unix datagram socket.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => LogConfig::TRANSPORTS,
				),
				'log_syslog_host'           => array(
					'description' => __( 'The syslog server’s host name or IP address (UDP and TCP).', 'auth-sentinel' ),
					'type'        => 'string',
					'minLength'   => 1,
					'maxLength'   => 253,
				),
				'log_syslog_port'           => array(
					'description' => __( 'The syslog server’s port (UDP and TCP).', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 1,
					'maximum'     => 65535,
				),
				'log_syslog_socket'         => array(
					'description' => __( 'The Unix socket’s path (transport unix), such as /dev/log.', 'auth-sentinel' ),
					'type'        => 'string',
					'maxLength'   => 107,
				),
				'log_syslog_facility'       => array(
					'description' => __( 'The syslog facility of the messages.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => array_keys( LogConfig::FACILITIES ),
				),
				'log_timeout_ms'            => array(
					'description' => __( 'Time budget of each destination per request, in milliseconds (connecting and sending); past it, lines are kept for a retry.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 10,
					'maximum'     => 5000,
				),
				'log_repeat_minutes'        => array(
					'description' => __( 'Minutes between the count updates of repeated failures.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 1,
					'maximum'     => 60,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
