<?php
/**
 * REST route reading and saving the settings.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Settings;

use AuthSentinel\Http\ClientAddress;
use AuthSentinel\Rest\Controller;

defined( 'ABSPATH' ) || exit;

/**
 * Answers `GET /auth-sentinel/v1/settings` (every setting) and `POST` (a partial update,
 * validated field by field by the route's schema; a bad field is a 400 naming it in
 * `data.params`). Both answer the full settings. The fields' schema and their checks are
 * `SettingsSchema`'s.
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
	 * Declares the POST parameters: the schema's writable fields with their checks (SettingsSchema).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private function update_args(): array {
		return SettingsSchema::update_args( $this->get_endpoint_args_for_item_schema( \WP_REST_Server::EDITABLE ) );
	}

	/**
	 * Describes the settings (SettingsSchema).
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = SettingsSchema::item();
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
