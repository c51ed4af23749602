<?php
/**
 * The plugin's capability.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel;

defined( 'ABSPATH' ) || exit;

/**
 * Maps `manage_auth_sentinel` to `manage_options`, or `manage_network_options` in the network
 * admin, so that sites can grant or narrow it with the usual role tools.
 *
 * @since 0.1.0
 */
class Capabilities {

	/**
	 * The capability every screen and route checks.
	 */
	const MANAGE = 'manage_auth_sentinel';

	/**
	 * Hooks the mapping.
	 *
	 * @return void
	 */
	public function register(): void {
		add_filter( 'map_meta_cap', array( $this, 'map' ), 10, 2 );
	}

	/**
	 * Maps the plugin's capability to the primitive one it stands for.
	 *
	 * @param string[] $caps Primitive capabilities required.
	 * @param string   $cap  Capability being checked.
	 * @return string[]
	 */
	public function map( $caps, $cap ) {
		if ( self::MANAGE !== $cap ) {
			return $caps;
		}
		return array( is_multisite() && is_network_admin() ? 'manage_network_options' : 'manage_options' );
	}
}
