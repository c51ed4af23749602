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
 * admin — unless a role editor (or `WP_User::add_cap()`) set the capability itself on the user
 * or one of their roles: then that grant or denial decides, so a site can give the screens to a
 * shop manager, or take them from an administrator.
 *
 * @since 0.1.0
 */
class Capabilities {

	/**
	 * The capability every screen and route checks.
	 */
	const MANAGE = 'manage_auth_sentinel';

	/**
	 * Tells whether the current user has the plugin's capability: what every check of the
	 * plugin's own asks (a screen, a route, a notice, a link), with the capability's map hooked
	 * first (Hooks::CAPABILITY_TABLE is not hooked on requests that do not ask).
	 *
	 * @return bool
	 */
	public static function current_user_can(): bool {
		Hooks::register_capability();
		return current_user_can( self::MANAGE );
	}

	/**
	 * Maps the plugin's capability to the primitive one it stands for.
	 *
	 * @param string[] $caps    Primitive capabilities required.
	 * @param string   $cap     Capability being checked.
	 * @param int      $user_id The user.
	 * @return string[]
	 */
	public function map( $caps, $cap, $user_id = 0 ) {
		if ( self::MANAGE !== $cap ) {
			return $caps;
		}
		if ( is_multisite() && is_network_admin() ) {
			return array( 'manage_network_options' );
		}
		$user = $user_id ? get_userdata( (int) $user_id ) : false;
		if ( $user instanceof \WP_User && array_key_exists( self::MANAGE, (array) $user->allcaps ) ) {
			return array( self::MANAGE ); // Granted or denied explicitly: that decides.
		}
		return array( 'manage_options' );
	}
}
