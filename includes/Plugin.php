<?php
/**
 * The plugin's entry point.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel;

use AuthSentinel\Admin\AdminPages;
use AuthSentinel\Audit\AuditRepository;
use AuthSentinel\Catalog\CatalogModule;
use AuthSentinel\Database\Schema;
use AuthSentinel\Events\EventsModule;
use AuthSentinel\Secrets\SecretsModule;
use AuthSentinel\Secrets\SecretsWatch;

defined( 'ABSPATH' ) || exit;

/**
 * Builds each domain's module once and hooks it; handles activation and deactivation.
 *
 * @since 0.1.0
 */
final class Plugin {

	/**
	 * The one instance.
	 *
	 * @var Plugin|null
	 */
	private static $instance;

	/**
	 * The secrets watch module.
	 *
	 * @var SecretsModule
	 */
	private $secrets;

	/**
	 * The error catalog module.
	 *
	 * @var CatalogModule
	 */
	private $catalog;

	/**
	 * The failures module.
	 *
	 * @var EventsModule
	 */
	private $events;

	/**
	 * Returns the one instance.
	 *
	 * @return Plugin
	 */
	public static function instance(): Plugin {
		if ( null === self::$instance ) {
			self::$instance = new self();
		}
		return self::$instance;
	}

	/**
	 * Builds the modules.
	 */
	private function __construct() {
		$audit         = new AuditRepository();
		$this->secrets = new SecretsModule( $audit );
		$this->catalog = new CatalogModule();
		$this->events  = new EventsModule( $this->secrets->watch(), $this->secrets->facts(), $this->secrets->fingerprinter(), $this->catalog->catalog(), $audit );
	}

	/**
	 * Hooks everything. Nothing here touches the database.
	 *
	 * @return void
	 */
	public function boot(): void {
		( new Capabilities() )->register();
		$this->secrets->register();
		$this->catalog->register();
		$this->events->register();
		add_action( 'admin_init', array( Schema::class, 'maybe_upgrade' ) );
		add_action( 'admin_init', array( SecretsWatch::class, 'schedule' ) );
		add_action( 'admin_init', array( EventsModule::class, 'schedule' ) );
		if ( is_admin() ) {
			( new AdminPages() )->register();
		}
	}

	/**
	 * Returns the secrets watch.
	 *
	 * @return SecretsWatch
	 */
	public function secrets(): SecretsWatch {
		return $this->secrets->watch();
	}

	/**
	 * Creates the tables, learns the secrets and schedules the checks.
	 *
	 * @return void
	 */
	public static function activate(): void {
		Schema::install();
		SecretsWatch::schedule();
		EventsModule::schedule();
		self::instance()->secrets()->safe_check( 'activation' );
	}

	/**
	 * Stops the scheduled checks. Data stays until the plugin is deleted.
	 *
	 * @return void
	 */
	public static function deactivate(): void {
		wp_clear_scheduled_hook( SecretsWatch::CRON_HOOK );
		wp_clear_scheduled_hook( EventsModule::PRUNE_HOOK );
	}
}
