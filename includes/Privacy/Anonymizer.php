<?php
/**
 * What the plugin's records keep once they no longer name a person.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Privacy;

defined( 'ABSPATH' ) || exit;

/**
 * The erasers' rules for a record that stays: a failure's columns with nothing that points to
 * a person, an audit row's details without the client's name, an address reduced to its
 * network. `Eraser` decides which rows, page by page, and writes what these return.
 *
 * @since 0.1.0
 */
final class Anonymizer {

	/**
	 * Returns the columns of a failure once nothing in it points to a person.
	 *
	 * @param array<string, mixed> $row The row: id, ip, details.
	 * @return array<string, mixed>
	 */
	public static function anonymous_event( array $row ): array {
		$data    = array(
			'user_id'    => 0,
			'ip'         => self::anonymous_ip( (string) $row['ip'] ),
			'user_agent' => '',
			'net'        => '',
			'token_fp'   => '',
			'token_jti'  => '',
			// The key was a hash of the credential, account, address and user agent: a fresh one
			// (unique, and derived from nothing personal) also keeps new failures out of this row.
			'agg_key'    => substr( hash( 'sha256', "erased\0" . (int) $row['id'] ), 0, 32 ),
		);
		$details = json_decode( (string) $row['details'], true );
		if ( is_array( $details ) ) {
			unset( $details['login'], $details['login_fp'], $details['device'] );
			$data['details'] = (string) wp_json_encode( (object) $details );
		}
		return $data;
	}

	/**
	 * Removes the client's name from an audit row's details: for a client the plugin does not
	 * recognise it is the user agent itself. Every `client` key goes, at any depth, so that the
	 * row no longer matches what the eraser looks for; details that do not decode are emptied.
	 *
	 * @param string $json The stored details.
	 * @return string
	 */
	public static function without_client( string $json ): string {
		$details = json_decode( $json, true );
		if ( ! is_array( $details ) ) {
			return false !== strpos( $json, '"client":' ) ? '{}' : $json;
		}
		$strip = static function ( array $data ) use ( &$strip ): array {
			unset( $data['client'] );
			foreach ( $data as $key => $value ) {
				if ( is_array( $value ) ) {
					$data[ $key ] = $strip( $value );
				}
			}
			return $data;
		};
		return (string) wp_json_encode( (object) $strip( $details ), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
	}

	/**
	 * Reduces an address to its network, as WordPress does for comments; '' stays ''.
	 *
	 * The result always ends in `.0` or `::`, the form the repository's "not yet anonymised"
	 * condition recognises, so that a row handled once is never picked again.
	 *
	 * @param string $ip The address.
	 * @return string
	 */
	public static function anonymous_ip( string $ip ): string {
		if ( '' === $ip ) {
			return '';
		}
		$network = (string) wp_privacy_anonymize_ip( $ip );
		return preg_match( '/(\.0|::)$/', $network ) ? $network : '';
	}
}
