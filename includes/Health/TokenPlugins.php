<?php
/**
 * Which token plugins validate requests on this site.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Events\Explanation;
use AuthSentinel\Events\Issuers;

defined( 'ABSPATH' ) || exit;

/**
 * Finds the token plugins that are active: by their plugin file among the active plugins, or
 * by their classes hooked where a token is validated (determine_current_user,
 * rest_authentication_errors, rest_pre_dispatch), which also finds a plugin installed under
 * another folder name or as a must-use plugin. Reads only what is in memory: no query.
 *
 * @since 0.1.0
 */
class TokenPlugins {

	/**
	 * The filters where token plugins validate a request.
	 */
	const HOOKS = array( 'determine_current_user', 'rest_authentication_errors', 'rest_pre_dispatch' );

	/**
	 * Returns what identifies each known token plugin.
	 *
	 * @return array<string, array{name: string, plugin: string, classes: string[]}> Issuer slug => name,
	 *         plugin file (folder/file.php) and class names or namespace prefixes (ending with a backslash).
	 */
	public static function known(): array {
		$known = array(
			Issuers::JWT_REST_API     => array(
				'plugin'  => 'jwt-authentication-for-wp-rest-api/jwt-auth.php',
				'classes' => array( 'Jwt_Auth_Public' ),
			),
			Issuers::JWT_AUTH         => array(
				'plugin'  => 'jwt-auth/jwt-auth.php',
				'classes' => array( 'JWTAuth\\' ),
			),
			Issuers::SIMPLE_JWT_LOGIN => array(
				'plugin'  => 'simple-jwt-login/simple-jwt-login.php',
				'classes' => array( 'SimpleJWTLogin\\' ),
			),
			Issuers::WCPOS            => array(
				'plugin'  => 'woocommerce-pos/woocommerce-pos.php',
				'classes' => array( 'WCPOS\\WooCommercePOS\\' ),
			),
		);
		foreach ( $known as $slug => $plugin ) {
			$known[ $slug ] = array( 'name' => Explanation::issuer( $slug ) ) + $plugin;
		}

		/**
		 * Filters how Auth Sentinel recognises token plugins (Site Health, dashboard).
		 *
		 * @since 0.1.0
		 *
		 * @param array $known Issuer slug => `name`, `plugin` (folder/file.php) and `classes`
		 *                     (class names, or namespace prefixes ending with a backslash, whose
		 *                     callbacks on determine_current_user, rest_authentication_errors or
		 *                     rest_pre_dispatch show the plugin is validating tokens).
		 */
		$known = apply_filters( 'auth_sentinel_token_plugins', $known );
		return is_array( $known ) ? $known : array();
	}

	/**
	 * Returns the token plugins active on this site.
	 *
	 * @return array<string, string> Issuer slug => plugin name, in the order of known().
	 */
	public function active(): array {
		$files   = (array) get_option( 'active_plugins', array() );
		$network = is_multisite() ? array_keys( (array) get_site_option( 'active_sitewide_plugins', array() ) ) : array();
		$files   = array_merge( $files, $network );
		$classes = $this->hooked_classes();

		$active = array();
		foreach ( self::known() as $slug => $plugin ) {
			if ( ! is_array( $plugin ) ) {
				continue;
			}
			$found = isset( $plugin['plugin'] ) && in_array( $plugin['plugin'], $files, true );
			foreach ( (array) ( $plugin['classes'] ?? array() ) as $pattern ) {
				$found = $found || $this->matches( (string) $pattern, $classes );
			}
			if ( $found ) {
				$active[ (string) $slug ] = (string) ( $plugin['name'] ?? $slug );
			}
		}
		return $active;
	}

	/**
	 * Lists the classes of the callbacks hooked on the validation filters.
	 *
	 * @return string[]
	 */
	private function hooked_classes(): array {
		global $wp_filter;
		$classes = array();
		foreach ( self::HOOKS as $hook ) {
			if ( ! isset( $wp_filter[ $hook ] ) || ! $wp_filter[ $hook ] instanceof \WP_Hook ) {
				continue;
			}
			foreach ( $wp_filter[ $hook ]->callbacks as $callbacks ) {
				foreach ( $callbacks as $callback ) {
					$function = $callback['function'] ?? null;
					if ( is_array( $function ) && isset( $function[0] ) ) {
						$classes[] = is_object( $function[0] ) ? get_class( $function[0] ) : (string) $function[0];
					} elseif ( is_string( $function ) && false !== strpos( $function, '::' ) ) {
						$classes[] = (string) strstr( $function, '::', true );
					}
				}
			}
		}
		return array_values( array_unique( $classes ) );
	}

	/**
	 * Tells whether a class name or namespace prefix matches any of the classes.
	 *
	 * @param string   $pattern A class name, or a namespace prefix ending with a backslash.
	 * @param string[] $classes Class names.
	 * @return bool
	 */
	private function matches( string $pattern, array $classes ): bool {
		$pattern = ltrim( $pattern, '\\' );
		if ( '' === $pattern ) {
			return false;
		}
		foreach ( $classes as $class ) {
			$class = ltrim( $class, '\\' );
			if ( '\\' === substr( $pattern, -1 ) ? 0 === stripos( $class, $pattern ) : 0 === strcasecmp( $class, $pattern ) ) {
				return true;
			}
		}
		return false;
	}
}
