<?php
/**
 * The plugin's entry point.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel;

use AuthSentinel\Admin\AdminPages;
use AuthSentinel\Alerts\AlertsModule;
use AuthSentinel\Apps\AppsModule;
use AuthSentinel\Audit\AuditModule;
use AuthSentinel\Audit\AuditRepository;
use AuthSentinel\Audit\Auditor;
use AuthSentinel\Catalog\CatalogModule;
use AuthSentinel\Cli\CliModule;
use AuthSentinel\Database\Schema;
use AuthSentinel\Events\EventsModule;
use AuthSentinel\Health\HealthModule;
use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Secrets\SecretsModule;
use AuthSentinel\Secrets\SecretsWatch;
use AuthSentinel\Sessions\SessionsModule;
use AuthSentinel\Settings\SettingsModule;

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
	 * Writes the audit trail.
	 *
	 * @var Auditor
	 */
	private $auditor;

	/**
	 * The sessions module.
	 *
	 * @var SessionsModule
	 */
	private $sessions;

	/**
	 * The modules that only hook in: audit trail, settings, Site Health, alerts, apps, CLI.
	 *
	 * @var array<int, object>
	 */
	private $others = array();

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
		$audit          = new AuditRepository();
		$this->auditor  = new Auditor( $audit );
		$this->secrets  = new SecretsModule( $audit );
		$this->catalog  = new CatalogModule();
		$this->events   = new EventsModule(
			$this->secrets->watch(),
			$this->secrets->facts(),
			$this->secrets->fingerprinter(),
			$this->catalog->catalog(),
			$audit,
			function ( string $token ) {
				return $this->sessions->token_revocation( $token );
			},
			function ( int $user_id ) {
				return $this->sessions->user_revocation( $user_id );
			}
		);
		$this->sessions = new SessionsModule( $this );
		$this->others   = array(
			new AuditModule( $this ),
			new SettingsModule( $this ),
			new HealthModule( $this ),
			new AlertsModule( $this ),
			new AppsModule( $this ),
			new CliModule( $this ),
			new \AuthSentinel\Privacy\PrivacyModule( $this ),
		);
	}

	/**
	 * Hooks everything. Nothing here touches the database.
	 *
	 * @return void
	 */
	public function boot(): void {
		( new Capabilities() )->register();
		( new Rest\SiteScope() )->register();
		( new Rest\PermissionFirst() )->register();
		( new Rest\JsonBody() )->register();
		$this->secrets->register();
		$this->catalog->register();
		$this->events->register();
		$this->sessions->register();
		foreach ( $this->others as $module ) {
			$module->register();
		}
		// Early on every request (one comparison with an autoloaded option): the code of this
		// version may write columns an older schema lacks.
		add_action( 'init', array( Schema::class, 'maybe_upgrade' ), 1 );
		add_action( 'wp_initialize_site', array( self::class, 'site_created' ), 200 );
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
	 * Returns what is known of the secrets' changes.
	 *
	 * @return SecretFacts
	 */
	public function facts(): SecretFacts {
		return $this->secrets->facts();
	}

	/**
	 * Returns the fingerprinter of credentials.
	 *
	 * @return \AuthSentinel\Secrets\Fingerprinter
	 */
	public function fingerprinter(): \AuthSentinel\Secrets\Fingerprinter {
		return $this->secrets->fingerprinter();
	}

	/**
	 * Returns the error catalog.
	 *
	 * @return \AuthSentinel\Catalog\Catalog
	 */
	public function catalog(): \AuthSentinel\Catalog\Catalog {
		return $this->catalog->catalog();
	}

	/**
	 * Returns the failures module.
	 *
	 * @return EventsModule
	 */
	public function events(): EventsModule {
		return $this->events;
	}

	/**
	 * Returns the sessions module.
	 *
	 * @return SessionsModule
	 */
	public function sessions(): SessionsModule {
		return $this->sessions;
	}

	/**
	 * Returns the audit trail writer.
	 *
	 * @return Auditor
	 */
	public function auditor(): Auditor {
		return $this->auditor;
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
		SecretsWatch::schedule();
		EventsModule::schedule();
		SessionsModule::schedule();
		self::instance()->secrets()->safe_check( 'activation' );
		self::instance()->sessions()->activate();
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
		wp_clear_scheduled_hook( EventsModule::PRUNE_HOOK );
		wp_clear_scheduled_hook( SessionsModule::CRON_HOOK );
		wp_unschedule_hook( \AuthSentinel\Alerts\Alerts::RECHECK_HOOK );
	}
}
