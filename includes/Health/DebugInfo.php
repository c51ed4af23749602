<?php
/**
 * The plugin's section of Tools → Site Health → Info.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Database\Schema;
use AuthSentinel\Database\TableHealth;
use AuthSentinel\Logging\LogConfig;
use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Sessions\Inventory;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Describes the plugin's state for support requests: versions, table sizes, retention, IP
 * anonymisation, sessions, the secrets' strength and last change (never a value), where the
 * logs are forwarded, and the token plugins found. What would help an attacker is marked private, so it stays out of the
 * text copied to the clipboard.
 *
 * @since 0.1.0
 */
class DebugInfo {

	/**
	 * From this many rows on, a table's size is the database's estimate, not a count.
	 */
	const EXACT_BELOW = 100000;

	/**
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $facts;

	/**
	 * The inventory of credentials.
	 *
	 * @var Inventory
	 */
	private $inventory;

	/**
	 * Finds the token plugins.
	 *
	 * @var TokenPlugins
	 */
	private $token_plugins;

	/**
	 * Creates the section.
	 *
	 * @param SecretFacts  $facts         What is known of the secrets' changes.
	 * @param Inventory    $inventory     The inventory of credentials.
	 * @param TokenPlugins $token_plugins Finds the token plugins.
	 */
	public function __construct( SecretFacts $facts, Inventory $inventory, TokenPlugins $token_plugins ) {
		$this->facts         = $facts;
		$this->inventory     = $inventory;
		$this->token_plugins = $token_plugins;
	}

	/**
	 * Adds the section.
	 *
	 * @param array<string, mixed> $info The Site Health Info sections.
	 * @return array<string, mixed>
	 */
	public function add( $info ): array {
		$info                  = is_array( $info ) ? $info : array();
		$info['auth-sentinel'] = array(
			'label'       => __( 'Auth Sentinel', 'auth-sentinel' ),
			'description' => __( 'Failed credentials recorded, secrets watched and sessions indexed by Auth Sentinel. Secret values are never shown, only their strength and when they changed.', 'auth-sentinel' ),
			'fields'      => $this->fields(),
		);
		return $info;
	}

	/**
	 * Builds the fields.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function fields(): array {
		$settings  = Settings::all();
		$installed = (int) get_option( Schema::OPTION, 0 );
		$fields    = array(
			'version'    => array(
				'label' => __( 'Version', 'auth-sentinel' ),
				'value' => AUTH_SENTINEL_VERSION,
			),
			'db_version' => array(
				'label' => __( 'Database schema version', 'auth-sentinel' ),
				'value' => Schema::VERSION === $installed
					? (string) $installed
					/* translators: 1: installed version, 2: version this release needs. */
					: sprintf( __( '%1$d (this release needs %2$d; the upgrade runs on the next admin page)', 'auth-sentinel' ), $installed, Schema::VERSION ),
				'debug' => $installed . '/' . Schema::VERSION,
			),
		);

		$labels = array(
			'events'   => __( 'Recorded failures (rows)', 'auth-sentinel' ),
			'audit'    => __( 'Audit log (rows)', 'auth-sentinel' ),
			'sessions' => __( 'Sessions index (rows)', 'auth-sentinel' ),
		);
		foreach ( TableHealth::table_rows( self::EXACT_BELOW ) as $key => $rows ) {
			$fields[ 'rows_' . $key ] = array(
				'label' => $labels[ $key ],
				'value' => null === $rows['rows']
					? __( 'Table missing', 'auth-sentinel' )
					: ( $rows['exact']
						? number_format_i18n( $rows['rows'] )
						/* translators: %s: an estimated number of rows. */
						: sprintf( __( 'about %s', 'auth-sentinel' ), number_format_i18n( $rows['rows'] ) ) ),
				'debug' => null === $rows['rows'] ? 'missing' : ( $rows['exact'] ? '' : '~' ) . (string) $rows['rows'],
			);
		}

		$days                       = static function ( $value ): array {
			$value = (int) $value;
			return array(
				/* translators: %s: number of days. */
				'value' => sprintf( _n( '%s day', '%s days', $value, 'auth-sentinel' ), number_format_i18n( $value ) ),
				'debug' => (string) $value, // A string: Site Health prints an integer 0 as "undefined".
			);
		};
		$fields['events_retention'] = array( 'label' => __( 'Failures kept for', 'auth-sentinel' ) ) + $days( $settings['events_retention_days'] );
		$fields['audit_retention']  = array( 'label' => __( 'Audit log kept for', 'auth-sentinel' ) ) + $days( $settings['audit_retention_days'] );
		$fields['anonymize_ip']     = array(
			'label' => __( 'IP addresses anonymised', 'auth-sentinel' ),
			'value' => $settings['anonymize_ip'] ? __( 'Yes', 'auth-sentinel' ) : __( 'No', 'auth-sentinel' ),
			'debug' => $settings['anonymize_ip'] ? 'true' : 'false',
		);
		$sessions                   = $this->inventory->count_active();
		$fields['active_sessions']  = array(
			'label' => __( 'Active sessions', 'auth-sentinel' ),
			'value' => number_format_i18n( $sessions ),
			'debug' => (string) $sessions,
		);

		$fields = array_merge( $fields, $this->secrets(), self::log_forwarding() );

		$plugins                 = $this->token_plugins->active();
		$fields['token_plugins'] = array(
			'label' => __( 'Token plugins detected', 'auth-sentinel' ),
			'value' => $plugins ? implode( ', ', $plugins ) : __( 'None', 'auth-sentinel' ),
			'debug' => $plugins ? implode( ', ', array_keys( $plugins ) ) : 'none',
		);
		return $fields;
	}

	/**
	 * Where the logs go (docs/logging.md): each destination, and the file's directory (private:
	 * a path of the server).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function log_forwarding(): array {
		$config = LogConfig::get();
		$syslog = 'unix' === $config['transport'] ? 'unix:' . $config['socket'] : $config['transport'] . '://' . $config['host'] . ':' . $config['port'];
		$off    = __( 'Off', 'auth-sentinel' );
		return array(
			'log_file'   => array(
				'label'   => __( 'Log forwarding: JSON-lines file', 'auth-sentinel' ),
				'value'   => $config['file'] ? $config['dir'] . '/' . LogConfig::FILE_NAME : $off,
				'debug'   => $config['file'] ? 'on' : 'off',
				'private' => true,
			),
			'log_syslog' => array(
				'label'   => __( 'Log forwarding: syslog', 'auth-sentinel' ),
				'value'   => $config['syslog'] ? $syslog : $off,
				'debug'   => $config['syslog'] ? (string) $config['transport'] : 'off',
				'private' => true,
			),
		);
	}

	/**
	 * Describes each watched secret: strength and last change, private.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private function secrets(): array {
		$snapshot = $this->facts->snapshot();
		$fields   = array();
		$words    = array(
			'ok'        => __( 'OK', 'auth-sentinel' ),
			'weak'      => __( 'Weak', 'auth-sentinel' ),
			'default'   => __( 'Default phrase', 'auth-sentinel' ),
			'duplicate' => __( 'Duplicate', 'auth-sentinel' ),
			'missing'   => __( 'Missing', 'auth-sentinel' ),
		);
		foreach ( (array) $snapshot['items'] as $name => $item ) {
			// A token secret this site never had is not worth a line.
			if ( 'token' === ( $item['group'] ?? '' ) && null === ( $item['fp'] ?? null ) && null === ( $item['changed_at'] ?? null ) ) {
				continue;
			}
			$strength = (string) ( $item['strength'] ?? '' );
			$changed  = isset( $item['changed_at'] ) ? (int) $item['changed_at'] : 0;
			$fields[ 'secret_' . strtolower( (string) $name ) ] = array(
				/* translators: %s: a secret's name, e.g. AUTH_KEY. */
				'label'   => sprintf( __( 'Secret %s', 'auth-sentinel' ), $name ),
				'value'   => $changed
					/* translators: 1: strength, e.g. "OK", 2: date and time. */
					? sprintf( __( '%1$s, last changed %2$s', 'auth-sentinel' ), $words[ $strength ] ?? $strength, wp_date( 'Y-m-d H:i', $changed ) )
					/* translators: %s: strength, e.g. "OK". */
					: sprintf( __( '%s, no change recorded', 'auth-sentinel' ), $words[ $strength ] ?? $strength ),
				'debug'   => $strength . ', ' . ( $changed ? gmdate( 'Y-m-d\TH:i:s\Z', $changed ) : 'unchanged' ),
				'private' => true,
			);
		}
		if ( ! $fields ) {
			$fields['secrets'] = array(
				'label' => __( 'Secrets', 'auth-sentinel' ),
				'value' => __( 'Not checked yet', 'auth-sentinel' ),
				'debug' => 'unchecked',
			);
		}
		return $fields;
	}
}
