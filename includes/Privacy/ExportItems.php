<?php
/**
 * How the personal data export writes its items.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Privacy;

use AuthSentinel\Events\ClientName;
use AuthSentinel\Http\Text;
use AuthSentinel\Vocabulary\SessionType;

defined( 'ABSPATH' ) || exit;

/**
 * The items, name/value pairs and answers of WordPress's exporter format, and the words the
 * export uses for times, clients, actors, sources, credential kinds and states. Values are
 * escaped plain text; an empty value is left out.
 *
 * @since 0.1.0
 */
final class ExportItems {

	/**
	 * Builds one export item.
	 *
	 * @param string                                         $group_id    The group.
	 * @param string                                         $label       The group's name.
	 * @param string                                         $description The group's description.
	 * @param string                                         $item_id     The item's id.
	 * @param array<int, array{name: string, value: string}> $data   Name/value pairs.
	 * @return array<string, mixed>
	 */
	public static function item( string $group_id, string $label, string $description, string $item_id, array $data ): array {
		return array(
			'group_id'          => $group_id,
			'group_label'       => $label,
			'group_description' => $description,
			'item_id'           => $item_id,
			// An empty value says nothing: leave it out.
			'data'              => array_values(
				array_filter(
					$data,
					static function ( $pair ) {
						return '' !== $pair['value'];
					}
				)
			),
		);
	}

	/**
	 * Builds one name/value pair. The value is escaped plain text: WordPress escapes the name
	 * in its report but only filters the value through wp_kses(), which would mangle a user
	 * agent or a typed name holding `<`, rather than show it as it was recorded.
	 *
	 * @param string $name  The name.
	 * @param string $value The value.
	 * @return array{name: string, value: string}
	 */
	public static function pair( string $name, string $value ): array {
		return array(
			'name'  => $name,
			'value' => esc_html( Text::line( $value ) ),
		);
	}

	/**
	 * Builds an exporter's answer.
	 *
	 * @param array<int, array<string, mixed>> $items The items.
	 * @param bool                             $done  Whether this was the last page.
	 * @return array{data: array<int, array<string, mixed>>, done: bool}
	 */
	public static function result( array $items, bool $done ): array {
		return array(
			'data' => $items,
			'done' => $done,
		);
	}

	/**
	 * Formats a stored GMT time: "2024-05-01 12:00:00 UTC", or '' for none.
	 *
	 * @param mixed $gmt GMT datetime.
	 * @return string
	 */
	public static function time( $gmt ): string {
		$gmt = (string) $gmt;
		if ( '' === $gmt || 0 === strpos( $gmt, '0000-00-00' ) ) {
			return '';
		}
		/* translators: %s: a date and time in UTC, e.g. 2024-05-01 12:00:00. */
		return sprintf( __( '%s UTC', 'auth-sentinel' ), $gmt );
	}

	/**
	 * Names the client of a user agent ("Chrome on Windows"); '' when that says no more than the
	 * user agent itself.
	 *
	 * @param string $agent The user agent.
	 * @return string
	 */
	public static function client( string $agent ): string {
		if ( '' === $agent ) {
			return '';
		}
		$client = ClientName::describe( $agent );
		return $client === $agent ? '' : $client;
	}

	/**
	 * Names who did an audited action, from the person's point of view.
	 *
	 * @param int $actor   The actor's id; 0 for the site itself.
	 * @param int $user_id The person's id.
	 * @return string
	 */
	public static function actor( int $actor, int $user_id ): string {
		if ( $actor === $user_id ) {
			return __( 'You', 'auth-sentinel' );
		}
		return 0 === $actor ? __( 'The site (automatic, or someone not signed in)', 'auth-sentinel' ) : __( 'Another user (an administrator)', 'auth-sentinel' );
	}

	/**
	 * Names where a failed credential came from.
	 *
	 * @param string $source cookie, login_form, xmlrpc, application_password, rest_nonce, token or rest.
	 * @return string
	 */
	public static function source( string $source ): string {
		$labels = array(
			'cookie'               => __( 'Browser sign-in cookie', 'auth-sentinel' ),
			'login_form'           => __( 'Login form', 'auth-sentinel' ),
			'xmlrpc'               => __( 'XML-RPC', 'auth-sentinel' ),
			'application_password' => __( 'Application password', 'auth-sentinel' ),
			'rest_nonce'           => __( 'REST API nonce', 'auth-sentinel' ),
			'token'                => __( 'App token', 'auth-sentinel' ),
			'token_login'          => __( 'App sign-in (a token plugin’s login)', 'auth-sentinel' ),
			'rest'                 => __( 'REST API', 'auth-sentinel' ),
		);
		return $labels[ $source ] ?? $source;
	}

	/**
	 * Names a kind of credential.
	 *
	 * @param string $type cookie, app_password, wcpos or token.
	 * @return string
	 */
	public static function type( string $type ): string {
		return SessionType::labels()[ $type ] ?? $type;
	}

	/**
	 * Names the state of a credential.
	 *
	 * @param array<string, mixed> $row The index row.
	 * @return string
	 */
	public static function status( array $row ): string {
		if ( 'revoked' === $row['status'] ) {
			return __( 'Revoked', 'auth-sentinel' );
		}
		if ( 'active' !== $row['status'] ) {
			return __( 'Ended', 'auth-sentinel' );
		}
		if ( ! empty( $row['expires'] ) && (string) $row['expires'] <= gmdate( 'Y-m-d H:i:s' ) ) {
			return __( 'Expired', 'auth-sentinel' );
		}
		return __( 'Active', 'auth-sentinel' );
	}
}
