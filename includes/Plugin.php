<?php
/**
 * The plugin's entry point.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel;

use AuthSentinel\Database\Schema;
use AuthSentinel\Events\EventsRetention;
use AuthSentinel\Secrets\SecretsWatch;
use AuthSentinel\Sessions\Inventory;

defined( 'ABSPATH' ) || exit;

/**
 * Hooks the table of `Hooks` with a container that builds each listener when its hook first
 * needs it; handles activation and deactivation. Entry points that WordPress or a person starts
 * — WP-CLI commands, the session storage class core builds itself, tests, the benches — reach
 * an object with `Plugin::get( Foo::class )`; the plugin's own classes get theirs through their
 * constructors.
 *
 * @since 0.1.0
 */
final class Plugin {

	/**
	 * The container, once the plugin runs.
	 *
	 * @var Container|null
	 */
	private static $container;

	/**
	 * Whether boot() ran in this process.
	 *
	 * @var bool
	 */
	private static $booted = false;

	/**
	 * Hooks everything. Nothing here builds an object of the plugin or touches the database; the
	 * container itself is made when a hook first needs an object.
	 *
	 * @return void
	 */
	public static function boot(): void {
		if ( self::$booted ) {
			return;
		}
		self::$booted = true;
		Hooks::register();
		if ( null !== self::$container ) { // Made before the boot (an activation): its first object hooks the plugin's actions too.
			self::$container->on_first_build( array( Hooks::class, 'register_plugin_rows' ) );
		}
		if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( '\WP_CLI' ) ) {
			Cli\Commands::register( self::container() );
		}
	}

	/**
	 * Tells whether the plugin is running (booted in this request).
	 *
	 * @return bool
	 */
	public static function running(): bool {
		return self::$booted;
	}

	/**
	 * Returns the shared object of a class, for an entry point (see the class comment).
	 *
	 * @param string $class The class.
	 * @return object
	 *
	 * @phpstan-template T of object
	 * @phpstan-param class-string<T> $class
	 * @phpstan-return T
	 */
	public static function get( string $class ) {
		return self::container()->get( $class );
	}

	/**
	 * Returns the container, made on first use (the first hook that needs an object, or an
	 * activation without a boot).
	 *
	 * @return Container
	 */
	public static function container(): Container {
		if ( null === self::$container ) {
			self::$container = new Container( Wiring::factories() );
			if ( self::$booted ) {
				self::$container->on_first_build( array( Hooks::class, 'register_plugin_rows' ) );
			}
		}
		return self::$container;
	}

	/**
	 * Activates the plugin: on one site, or on every site of a network when network-activated
	 * (each site has its own failures and audit tables; sites made later are set up as they
	 * are created).
	 *
	 * @param bool $network_wide Whether it is a network activation.
	 * @return void
	 */
	public static function activate( $network_wide = false ): void {
		if ( ! is_multisite() || ! $network_wide ) {
			self::activate_site();
			return;
		}
		foreach ( get_sites(
			array(
				'fields' => 'ids',
				'number' => 0,
			)
		) as $site_id ) {
			switch_to_blog( (int) $site_id );
			self::activate_site();
			restore_current_blog();
		}
	}

	/**
	 * Sets up a site created on a network where the plugin is network-active.
	 *
	 * @param \WP_Site $site The new site.
	 * @return void
	 */
	public static function site_created( $site ): void {
		if ( ! $site instanceof \WP_Site || ! function_exists( 'is_plugin_active_for_network' ) || ! is_plugin_active_for_network( plugin_basename( AUTH_SENTINEL_FILE ) ) ) {
			return;
		}
		switch_to_blog( (int) $site->blog_id );
		self::activate_site();
		restore_current_blog();
	}

	/**
	 * Creates the current site's tables, learns the secrets and schedules the checks.
	 *
	 * @return void
	 */
	public static function activate_site(): void {
		Schema::install();
		self::schedule();
		self::get( SecretsWatch::class )->safe_check( 'activation' );
		self::get( Inventory::class )->activate();
	}

	/**
	 * Makes sure the scheduled work is scheduled (activation, and admin_init in case a cron
	 * event was lost): the hourly secrets check and sessions upkeep, the daily pruning. By the
	 * hooks' names alone, so that no class is loaded to check.
	 *
	 * @return void
	 */
	public static function schedule(): void {
		$schedules = array(
			Hooks::SECRETS_CHECK   => 'hourly',
			Hooks::SESSIONS_UPKEEP => 'hourly',
			Hooks::PRUNE           => 'daily',
			Hooks::ROLLUP          => 'hourly',
		);
		foreach ( $schedules as $hook => $recurrence ) {
			if ( ! wp_next_scheduled( $hook ) ) {
				wp_schedule_event( time() + HOUR_IN_SECONDS, $recurrence, $hook );
			}
		}
	}

	/**
	 * Stops the scheduled checks: on this site, or on every site of a network when deactivated
	 * network-wide. Data stays until the plugin is deleted.
	 *
	 * @param bool $network_wide Whether it is a network deactivation.
	 * @return void
	 */
	public static function deactivate( $network_wide = false ): void {
		if ( ! is_multisite() || ! $network_wide ) {
			self::deactivate_site();
			return;
		}
		foreach ( get_sites(
			array(
				'fields' => 'ids',
				'number' => 0,
			)
		) as $site_id ) {
			switch_to_blog( (int) $site_id );
			self::deactivate_site();
			restore_current_blog();
		}
	}

	/**
	 * Stops the current site's scheduled checks.
	 *
	 * @return void
	 */
	private static function deactivate_site(): void {
		wp_clear_scheduled_hook( SecretsWatch::CRON_HOOK );
		wp_clear_scheduled_hook( EventsRetention::HOOK );
		wp_clear_scheduled_hook( Hooks::ROLLUP );
		wp_clear_scheduled_hook( Inventory::CRON_HOOK );
		wp_unschedule_hook( \AuthSentinel\Alerts\Alerts::RECHECK_HOOK );
		wp_unschedule_hook( Hooks::LOG_COUNTS );
		wp_unschedule_hook( Hooks::LOG_RETRY );
		wp_unschedule_hook( Hooks::EXPORT_STEP );
		wp_unschedule_hook( Hooks::EXPORT_EXPIRE ); // The daily pruning deletes old files too, once active again.
		wp_clear_scheduled_hook( Hooks::SEARCH_INDEX ); // Activation schedules it again if an index is still missing.
	}
}
