<?php
/**
 * The REST answers a screen's page carries.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * Says which REST requests a screen makes first and prints their answers into the page for the
 * preloading middleware of wp-api-fetch, so that the screen needs no round trip for its first
 * rows; AdminPages::render() asks for the answers, the table's first.
 *
 * @since 0.1.0
 */
final class Preloader {

	/**
	 * The REST requests each screen makes first on its default view, written exactly as the
	 * admin app writes them (same arguments and values; their order does not matter): their
	 * answers are printed into the page, so the first rows need no round trip. A table screen's
	 * table comes first: AdminPages::render() prints its rows before it asks for the others.
	 */
	const PATHS = array(
		'overview' => array( '/auth-sentinel/v1/events/stats?interval=hour' ),
		'errors'   => array(
			'/auth-sentinel/v1/events?page=1&per_page=20&orderby=last_seen&order=desc',
			'/auth-sentinel/v1/catalog',
		),
		'sessions' => array( '/auth-sentinel/v1/sessions?page=1&per_page=20&orderby=last_seen&order=desc&status=active' ),
		'secrets'  => array( '/auth-sentinel/v1/secrets' ),
		'audit'    => array( '/auth-sentinel/v1/audit?page=1&per_page=20', '/auth-sentinel/v1/audit/exports' ),
		'settings' => array( '/auth-sentinel/v1/settings' ),
	);

	/**
	 * Lists the REST requests whose answers a screen's page carries (for the preloading
	 * middleware of wp-api-fetch, as core's editors do, so that the screen shows its first rows
	 * without a round trip to the server), the table's first. Only for the screen's default view:
	 * an address with filters (anything but `page` and, in the Network Admin, `site`) asks for
	 * other data.
	 *
	 * @param string $screen The current screen.
	 * @param int    $site   In the Network Admin, the site shown; else 0.
	 * @return string[] REST paths; none for an address with filters.
	 */
	public static function paths( string $screen, int $site ): array {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Only the names of the arguments are read.
		$extra = array_diff( array_keys( $_GET ), array( 'page', 'site' ) );
		if ( array() !== $extra ) {
			return array();
		}
		$paths = self::PATHS[ $screen ] ?? array();
		if ( $site > 0 ) {
			// The app adds the site to every request of its own (siteMiddleware).
			$paths = array_map(
				static function ( string $path ) use ( $site ): string {
					return add_query_arg( 'site', $site, $path );
				},
				$paths
			);
		}
		return $paths;
	}

	/**
	 * Prints preloaded answers into the page, for the preloading middleware of wp-api-fetch.
	 *
	 * @param array<string, mixed> $preloaded The answers, by path.
	 * @return void
	 */
	public static function print_preloaded( array $preloaded ): void {
		if ( array() === $preloaded ) {
			return;
		}
		$middleware = sprintf( 'wp.apiFetch.use( wp.apiFetch.createPreloadingMiddleware( %s ) );', wp_json_encode( $preloaded ) );
		if ( wp_script_is( 'wp-api-fetch', 'done' ) ) {
			// Something printed wp-api-fetch in the head already: the middleware follows it here.
			wp_print_inline_script_tag( $middleware );
		} else {
			wp_add_inline_script( 'wp-api-fetch', $middleware, 'after' );
		}
	}
}
