<?php
/**
 * Plugin Name: Test site: mail catcher
 * Description: Sends no mail: appends each message wp_mail() is given (to, subject, body, headers) as a JSON line to mail.log in the site's folder, and tells WordPress it was sent.
 *
 * @package AuthSentinel
 */

add_filter(
	'pre_wp_mail',
	static function ( $short_circuit, $atts ) {
		if ( null !== $short_circuit ) {
			return $short_circuit;
		}
		$headers = $atts['headers'] ?? array();
		$line    = wp_json_encode(
			array(
				'at'      => time(),
				'to'      => array_values( (array) ( is_string( $atts['to'] ?? '' ) ? explode( ',', (string) $atts['to'] ) : $atts['to'] ) ),
				'subject' => (string) ( $atts['subject'] ?? '' ),
				'body'    => (string) ( $atts['message'] ?? '' ),
				'headers' => is_string( $headers ) ? array_values( array_filter( explode( "\n", str_replace( "\r\n", "\n", $headers ) ) ) ) : array_values( (array) $headers ),
			),
			JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
		);
		// One write with a lock: parallel requests never interleave their lines.
		file_put_contents( ABSPATH . 'mail.log', $line . "\n", FILE_APPEND | LOCK_EX );
		return true;
	},
	10,
	2
);
