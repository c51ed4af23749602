<?php
/**
 * The admin menu and the React app's pages.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Admin;

use AuthSentinel\Capabilities;
use AuthSentinel\Vocabulary\AuditAction;
use AuthSentinel\Vocabulary\Cause;
use AuthSentinel\Vocabulary\SessionType;
use AuthSentinel\Vocabulary\Source;

defined( 'ABSPATH' ) || exit;

/**
 * Registers the "Auth Sentinel" menu with one page per screen; every page mounts the same
 * React app, which picks the screen from the page it is on.
 *
 * @since 0.1.0
 */
class AdminPages {

	/**
	 * The menu's slug, also the Overview page.
	 */
	const SLUG = 'auth-sentinel';

	/**
	 * The script and style handle.
	 */
	const HANDLE = 'auth-sentinel-admin';

	/**
	 * The handle of the first rows' styles (build/<screen>-first-rows.css), printed in the head.
	 */
	const FIRST_ROWS_HANDLE = 'auth-sentinel-first-rows';

	/**
	 * Screens in menu order: key => page slug.
	 */
	const SCREENS = array(
		'overview' => 'auth-sentinel',
		'errors'   => 'auth-sentinel-errors',
		'sessions' => 'auth-sentinel-sessions',
		'secrets'  => 'auth-sentinel-secrets',
		'audit'    => 'auth-sentinel-audit',
		'settings' => 'auth-sentinel-settings',
	);

	/**
	 * The REST requests each screen makes first on its default view, written exactly as the
	 * admin app writes them (same arguments and values; their order does not matter): their
	 * answers are printed into the page, so the first rows need no round trip. A table screen's
	 * table comes first: render() prints its rows before it asks for the others.
	 */
	const PRELOAD = array(
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
	 * Hook suffixes of the registered pages, by screen.
	 *
	 * @var array<string, string>
	 */
	private $hooks = array();

	/**
	 * The current screen, the site it shows (Network Admin) and its screen tabs: what render()
	 * preloads and prints the first rows of.
	 *
	 * @var array{screen: string, site: int, screens: array<int, array{slug: string, title: string, url: string}>}|null
	 */
	private $page = null;

	/**
	 * Returns the screens' titles, translated.
	 *
	 * @return array<string, string>
	 */
	public static function titles(): array {
		return array(
			'overview' => __( 'Overview', 'auth-sentinel' ),
			'errors'   => __( 'Errors', 'auth-sentinel' ),
			'sessions' => __( 'Sessions', 'auth-sentinel' ),
			'secrets'  => __( 'Secrets', 'auth-sentinel' ),
			'audit'    => __( 'Audit', 'auth-sentinel' ),
			'settings' => __( 'Settings', 'auth-sentinel' ),
		);
	}

	/**
	 * Returns the admin URL of a screen.
	 *
	 * @param string $screen Screen key.
	 * @return string
	 */
	public static function url( string $screen ): string {
		$slug = self::SCREENS[ $screen ] ?? self::SLUG;
		return is_network_admin() ? network_admin_url( 'admin.php?page=' . $slug ) : admin_url( 'admin.php?page=' . $slug );
	}

	/**
	 * Adds the menu and its pages.
	 *
	 * @return void
	 */
	public function add_menu(): void {
		$render = array( $this, 'render' );
		add_menu_page( __( 'Auth Sentinel', 'auth-sentinel' ), __( 'Auth Sentinel', 'auth-sentinel' ), Capabilities::MANAGE, self::SLUG, $render, 'dashicons-shield', 71 );
		foreach ( self::titles() as $screen => $title ) {
			$this->hooks[ $screen ] = (string) add_submenu_page( self::SLUG, $title . ' ‹ ' . __( 'Auth Sentinel', 'auth-sentinel' ), $title, Capabilities::MANAGE, self::SCREENS[ $screen ], $render );
		}
	}

	/**
	 * Adds the menu to the Network Admin when the plugin is network-active.
	 *
	 * @return void
	 */
	public function add_network_menu(): void {
		// The Network Admin has loaded wp-admin/includes/plugin.php by now.
		if ( function_exists( 'is_plugin_active_for_network' ) && is_plugin_active_for_network( plugin_basename( AUTH_SENTINEL_FILE ) ) ) {
			$this->add_menu();
		}
	}

	/**
	 * Lists the network's sites for the Network Admin's site filter.
	 *
	 * @return array<int, array{id: int, name: string}>
	 */
	private static function sites(): array {
		$sites = array();
		foreach ( get_sites( array( 'number' => 500 ) ) as $site ) {
			$name    = (string) get_blog_option( (int) $site->blog_id, 'blogname' );
			$sites[] = array(
				'id'   => (int) $site->blog_id,
				'name' => '' !== $name ? $name : $site->domain . $site->path,
			);
		}
		return $sites;
	}

	/**
	 * Prints the app's mount point, with the first rows of a table screen's default view, and
	 * preloads the screen's first REST answers.
	 *
	 * @return void
	 */
	public function render(): void {
		if ( ! current_user_can( Capabilities::MANAGE ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to access this page.', 'auth-sentinel' ), 403 );
		}
		// Core's scripts move the admin notices below the first heading of `.wrap`, unless the
		// page marks where its header ends: here, above the app, so that the first rows' heading
		// (which the app replaces) never takes the notices with it.
		echo '<hr class="wp-header-end">';
		if ( null === $this->page ) {
			echo '<div id="auth-sentinel-root" class="wrap">' . self::noscript() . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Escaped there.
			return;
		}
		// Here rather than when the scripts are enqueued: the browser has the page's head by now
		// and loads its styles while these requests run. The table's answer first, for the rows;
		// the screen's other answers (the Errors screen's catalog) once the rows are on their way.
		$paths = $this->preload_paths( $this->page['screen'], $this->page['site'] );
		$table = array_reduce( array_slice( $paths, 0, 1 ), 'rest_preload_api_request', array() );
		// Not in the Network Admin: there the app puts its site picker above the tabs, which the
		// rows would have to leave room for.
		$rows = is_network_admin() ? '' : FirstRows::html( $this->page['screen'], $table, $this->page['screens'] );
		// The escaping is FirstRows's, cell by cell.
		echo '<div id="auth-sentinel-root" class="wrap">' . $rows . self::noscript() . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
		if ( '' !== $rows ) {
			// The rows leave now rather than with the rest of the page (PHP's own buffers only;
			// a server or proxy that holds the whole answer still sends it at the end).
			flush();
		}
		$this->print_preloaded( array_reduce( array_slice( $paths, 1 ), 'rest_preload_api_request', $table ) );
	}

	/**
	 * Says the app needs JavaScript, where it has none.
	 *
	 * @return string HTML.
	 */
	private static function noscript(): string {
		return '<noscript>' . esc_html__( 'Auth Sentinel needs JavaScript.', 'auth-sentinel' ) . '</noscript>';
	}

	/**
	 * Loads the current screen's script and styles on the plugin's pages only, with the
	 * configuration it reads; render() adds the answers of its first REST requests.
	 *
	 * @param string $hook_suffix The current admin page.
	 * @return void
	 */
	public function enqueue( $hook_suffix ): void {
		$screen = array_search( $hook_suffix, $this->hooks, true );
		if ( false === $screen ) {
			return;
		}
		// One script per screen (webpack.config.js), with its own dependencies.
		$asset_file = AUTH_SENTINEL_DIR . '/build/' . $screen . '.asset.php';
		if ( ! is_readable( $asset_file ) ) {
			add_action(
				'admin_notices',
				static function () {
					echo '<div class="notice notice-error"><p>' . esc_html__( 'Auth Sentinel: the admin app is not built. Run "npm run build" in the plugin folder.', 'auth-sentinel' ) . '</p></div>';
				}
			);
			return;
		}
		$asset = require $asset_file;
		$url   = plugins_url( 'build/', AUTH_SENTINEL_FILE );

		wp_enqueue_script( self::HANDLE, $url . $screen . '.js', $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::HANDLE, 'auth-sentinel', AUTH_SENTINEL_DIR . '/languages' );
		if ( is_readable( AUTH_SENTINEL_DIR . '/build/' . $screen . '.css' ) ) {
			$first_rows = is_network_admin() ? '' : self::first_rows_css( $screen );
			$styles     = array( 'wp-components' );
			if ( '' !== $first_rows ) {
				// The rows the server prints are drawn with their own rules, in the head; the
				// screen's stylesheet then loads without holding up the first paint (the app
				// waits for it, src/admin/mount.tsx).
				wp_register_style( self::FIRST_ROWS_HANDLE, false, array(), $asset['version'] );
				wp_add_inline_style( self::FIRST_ROWS_HANDLE, $first_rows );
				$styles[] = self::FIRST_ROWS_HANDLE;
				add_filter( 'style_loader_tag', array( $this, 'load_without_blocking' ), 10, 2 );
			}
			wp_enqueue_style( self::HANDLE, $url . $screen . '.css', $styles, $asset['version'] );
			wp_style_add_data( self::HANDLE, 'rtl', 'replace' );
		}

		$network = is_network_admin();
		$sites   = $network ? self::sites() : array();
		$site    = $network ? self::site_shown( $sites ) : 0;
		$config  = self::config( $screen, $sites );
		wp_add_inline_script( self::HANDLE, 'window.authSentinel = ' . wp_json_encode( $config ) . ';', 'before' );
		$this->page = array(
			'screen'  => $screen,
			'site'    => $site,
			'screens' => $config['screens'],
		);
	}

	/**
	 * Reads the rules the first rows of a table screen need (bin/first-rows-css.js), in the
	 * page's direction.
	 *
	 * @param string $screen The current screen.
	 * @return string CSS; '' for a screen that prints no rows.
	 */
	private static function first_rows_css( string $screen ): string {
		$file = AUTH_SENTINEL_DIR . '/build/' . $screen . '-first-rows' . ( is_rtl() ? '-rtl' : '' ) . '.css';
		// A local file of the build.
		return is_readable( $file ) ? (string) file_get_contents( $file ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
	}

	/**
	 * Makes the screen's stylesheet load without blocking the first paint: as a print
	 * stylesheet that applies itself to the screen once loaded (and as it was, without
	 * JavaScript).
	 *
	 * @param string $tag    The link tag.
	 * @param string $handle The style's handle.
	 * @return string
	 */
	public function load_without_blocking( $tag, $handle ): string {
		$tag = (string) $tag;
		if ( self::HANDLE !== $handle || false === strpos( $tag, " media='all'" ) ) {
			return $tag;
		}
		// Without JavaScript, the stylesheet as it was (its id is the other tag's).
		$plain = (string) preg_replace( "/ id='[^']*'/", '', trim( $tag ), 1 );
		return str_replace( " media='all'", " media='print' onload=\"this.media='all'\"", $tag ) . '<noscript>' . $plain . "</noscript>\n";
	}

	/**
	 * Builds the configuration the admin app reads as `window.authSentinel` (src/admin/config.ts).
	 *
	 * @param string                                   $screen The current screen.
	 * @param array<int, array{id: int, name: string}> $sites  In the Network Admin, the network's sites.
	 * @return array<string, mixed>
	 */
	private static function config( string $screen, array $sites ): array {
		$screens = array();
		foreach ( self::titles() as $key => $title ) {
			$screens[] = array(
				'slug'  => $key,
				'title' => $title,
				'url'   => self::url( $key ),
			);
		}
		$roles = array();
		foreach ( wp_roles()->get_names() as $role => $name ) {
			$roles[ $role ] = translate_user_role( $name );
		}
		return array(
			'screen'        => $screen,
			'screens'       => $screens,
			'restNamespace' => 'auth-sentinel/v1',
			'version'       => AUTH_SENTINEL_VERSION,
			// For requests outside apiFetch, such as the audit log's CSV export form.
			'restRoot'      => esc_url_raw( rest_url() ),
			'restNonce'     => wp_create_nonce( 'wp_rest' ),
			// Role => translated name, for the per-role session limits.
			'roles'         => (object) $roles,
			'currentUser'   => get_current_user_id(),
			// In the Network Admin: the screens show one site's data, chosen among these.
			'network'       => is_network_admin(),
			'sites'         => $sites,
			'mainSite'      => is_multisite() ? get_main_site_id() : 0,
			// On a site of a network: that site, and whether the user runs the whole network
			// (then "revoke everyone" there may mean this site's members or every user).
			'currentSite'   => is_multisite() ? array(
				'id'   => get_current_blog_id(),
				'name' => get_bloginfo( 'name' ),
			) : null,
			'networkAdmin'  => is_multisite() && is_super_admin(),
			// Causes, audit actions, session types and failure sources, named (src/admin/data/vocabulary.ts).
			'vocabularies'  => self::vocabularies(),
		);
	}

	/**
	 * Lists the values of each vocabulary the admin app shows, with their translated names, in
	 * display order; the causes also with the tone of their badge.
	 *
	 * @return array<string, array<int, array{value: string, label: string, tone?: string}>> Vocabulary => terms.
	 */
	public static function vocabularies(): array {
		$terms  = static function ( array $values, array $labels ): array {
			return array_map(
				static function ( string $value ) use ( $labels ): array {
					return array(
						'value' => $value,
						'label' => $labels[ $value ] ?? $value,
					);
				},
				$values
			);
		};
		$tones  = Cause::tones();
		$causes = array_map(
			static function ( array $term ) use ( $tones ): array {
				return $term + array( 'tone' => $tones[ $term['value'] ] ?? 'info' );
			},
			$terms( Cause::VALUES, Cause::labels() )
		);
		return array(
			'causes'       => $causes,
			'auditActions' => $terms( AuditAction::VALUES, AuditAction::labels() ),
			'sessionTypes' => $terms( SessionType::VALUES, SessionType::labels() ),
			'sources'      => $terms( Source::VALUES, Source::labels() ),
		);
	}

	/**
	 * Works out the site a Network Admin page shows, as the admin app does (src/admin/network/site-scope.ts):
	 * the page's `site` argument when it names a site of the list, else the main site.
	 *
	 * @param array<int, array{id: int, name: string}> $sites The network's sites.
	 * @return int
	 */
	private static function site_shown( array $sites ): int {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Reading which site to show changes nothing.
		$asked = isset( $_GET['site'] ) ? absint( $_GET['site'] ) : 0;
		return in_array( $asked, array_column( $sites, 'id' ), true ) ? $asked : (int) get_main_site_id();
	}

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
	private function preload_paths( string $screen, int $site ): array {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Only the names of the arguments are read.
		$extra = array_diff( array_keys( $_GET ), array( 'page', 'site' ) );
		if ( array() !== $extra ) {
			return array();
		}
		$paths = self::PRELOAD[ $screen ] ?? array();
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
	private function print_preloaded( array $preloaded ): void {
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
