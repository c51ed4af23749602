<?php
/**
 * The admin menu and the React app's pages.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Admin;

use AuthSentinel\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * Registers the "Auth Sentinel" menu with one page per screen; every page mounts the same
 * React app, which picks the screen from the page it is on. The page prints the app's
 * configuration (PageConfig) and the answers of its first REST requests (Preloader).
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
	 * Prints the app's mount point, with the first rows of a table screen's default view, and
	 * preloads the screen's first REST answers.
	 *
	 * @return void
	 */
	public function render(): void {
		if ( ! Capabilities::current_user_can() ) {
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
		$paths = Preloader::paths( $this->page['screen'], $this->page['site'] );
		$table = array_reduce( array_slice( $paths, 0, 1 ), 'rest_preload_api_request', array() );
		// Not in the Network Admin: there the app puts its site picker above the tabs, which the
		// rows would have to leave room for.
		$rows = is_network_admin() ? '' : FirstRows::html( $this->page['screen'], $table, $this->page['screens'] );
		// The escaping is FirstRows's and FirstRowsColumns's, cell by cell.
		echo '<div id="auth-sentinel-root" class="wrap">' . $rows . self::noscript() . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
		if ( '' !== $rows ) {
			// The rows leave now rather than with the rest of the page (PHP's own buffers only;
			// a server or proxy that holds the whole answer still sends it at the end).
			flush();
		}
		Preloader::print_preloaded( array_reduce( array_slice( $paths, 1 ), 'rest_preload_api_request', $table ) );
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
		$sites   = $network ? PageConfig::sites() : array();
		$site    = $network ? PageConfig::site_shown( $sites ) : 0;
		$config  = PageConfig::build( $screen, $sites );
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
}
