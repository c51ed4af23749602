<?php
/**
 * Plugin Name: Test site: query log
 * Description: When a request carries X-Test-Query-Log, writes how many queries it made, how many wrote, how many came from Auth Sentinel, which of Auth Sentinel's files it loaded and how many callbacks it hooked, to that file in the system temp folder.
 *
 * @package AuthSentinel
 */

if ( empty( $_SERVER['HTTP_X_TEST_QUERY_LOG'] ) || ! defined( 'SAVEQUERIES' ) || ! SAVEQUERIES ) {
	return;
}

add_action(
	'shutdown',
	static function () {
		global $wpdb;
		$name = preg_replace( '/[^a-z0-9-]/', '', strtolower( (string) $_SERVER['HTTP_X_TEST_QUERY_LOG'] ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput
		$log  = array(
			'queries' => 0,
			'writes'  => 0,
			'plugin'  => array(),
		);
		foreach ( (array) $wpdb->queries as $query ) {
			++$log['queries'];
			if ( preg_match( '/^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i', $query[0] ) ) {
				++$log['writes'];
			}
			if ( false !== strpos( (string) $query[2], 'AuthSentinel' ) ) {
				$log['plugin'][] = $query[0];
			}
		}
		$log['files'] = array();
		if ( defined( 'AUTH_SENTINEL_DIR' ) ) {
			$dir = realpath( AUTH_SENTINEL_DIR ) . '/';
			foreach ( get_included_files() as $file ) {
				$real     = realpath( $file );
				$relative = false === $real ? '' : substr( $real, strlen( $dir ) );
				if ( false !== $real && 0 === strpos( $real, $dir ) && ( 'plugin.php' === $relative || 0 === strpos( $relative, 'includes/' ) ) ) {
					$log['files'][] = $relative;
				}
			}
		}
		// The callbacks the plugin hooked: closures written in its files, and its classes' methods.
		global $wp_filter;
		$log['callbacks'] = 0;
		$log['hooked']    = array();
		if ( defined( 'AUTH_SENTINEL_DIR' ) ) {
			foreach ( $wp_filter as $hook_name => $hook ) {
				foreach ( $hook->callbacks as $callbacks ) {
					foreach ( $callbacks as $callback ) {
						$function = $callback['function'];
						$ours     = false;
						if ( $function instanceof Closure ) {
							$file = ( new ReflectionFunction( $function ) )->getFileName();
							$ours = false !== $file && 0 === strpos( (string) realpath( $file ), $dir . 'includes/' );
						} elseif ( is_array( $function ) ) {
							$class = is_object( $function[0] ) ? get_class( $function[0] ) : (string) $function[0];
							$ours  = 0 === strpos( $class, 'AuthSentinel\\' );
						}
						if ( $ours ) {
							++$log['callbacks'];
							$log['hooked'][] = $hook_name;
						}
					}
				}
			}
		}
		file_put_contents( sys_get_temp_dir() . '/' . $name . '.json', wp_json_encode( $log ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	},
	PHP_INT_MAX
);
