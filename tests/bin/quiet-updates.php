<?php
/**
 * Plugin Name: Test site: no update checks
 * Description: The test site is offline; WordPress's update checks would only log warnings.
 *
 * @package AuthSentinel
 */

foreach ( array( '_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes' ) as $auth_sentinel_check ) {
	remove_action( 'admin_init', $auth_sentinel_check );
}
remove_action( 'admin_init', '_wp_check_for_scheduled_update_checks' );
remove_action( 'wp_version_check', 'wp_version_check' );
remove_action( 'wp_update_plugins', 'wp_update_plugins' );
remove_action( 'wp_update_themes', 'wp_update_themes' );
remove_action( 'wp_maybe_auto_update', 'wp_maybe_auto_update' );
add_filter(
	'pre_http_request',
	static function ( $pre, $args, $url ) {
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		if ( in_array( $host, array( 'localhost', '127.0.0.1' ), true ) ) {
			return $pre;
		}
		if ( 'api.wordpress.org' === $host ) {
			// Answers that say "nothing new", so that update, translation and PHP checks (Site
			// Health runs them) find nothing instead of logging a warning about the network.
			$path    = (string) wp_parse_url( $url, PHP_URL_PATH );
			$answers = array(
				'/core/version-check/'   => array(
					'offers'       => array(),
					'translations' => array(),
				),
				'/plugins/update-check/' => array(
					'plugins'      => array(),
					'translations' => array(),
					'no_update'    => array(),
				),
				'/themes/update-check/'  => array(
					'themes'       => array(),
					'translations' => array(),
					'no_update'    => array(),
				),
				'/core/serve-happy/'     => array(
					'recommended_version' => '8.3',
					'minimum_version'     => '7.2.24',
					'is_supported'        => true,
					'is_secure'           => true,
					'is_acceptable'       => true,
				),
				'/core/browse-happy/'    => array(
					'upgrade'  => false,
					'insecure' => false,
				),
			);
			$body    = array( 'translations' => array() );
			foreach ( $answers as $prefix => $answer ) {
				if ( false !== strpos( $path, $prefix ) ) {
					$body = $answer;
				}
			}
			return array(
				'headers'  => array(),
				'body'     => wp_json_encode( $body ),
				'response' => array(
					'code'    => 200,
					'message' => 'OK',
				),
				'cookies'  => array(),
				'filename' => null,
			);
		}
		return new WP_Error( 'offline', 'The test site is offline.' );
	},
	10,
	3
);

// The plugin folder links to the whole checkout (node_modules, vendor, .cache holding this very
// site): Site Health's directory sizes would walk 70,000 folders and try to cache them in one
// option larger than MariaDB's packet limit. Those folders are not part of the plugin.
add_filter(
	'pre_recurse_dirsize',
	static function ( $size, $directory ) {
		$checkout = dirname( __DIR__, 4 );
		$real     = realpath( (string) $directory );
		if ( false !== $real && dirname( $real ) === $checkout && in_array( basename( $real ), array( 'node_modules', 'vendor', '.cache', '.wp-core', '.git' ), true ) ) {
			return 0;
		}
		return $size;
	},
	10,
	2
);
