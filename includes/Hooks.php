<?php
/**
 * Every hook the plugin listens to, as data.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel;

use AuthSentinel\Admin\AdminPages;
use AuthSentinel\Alerts\Alerts;
use AuthSentinel\Apps\TokenStatusController;
use AuthSentinel\Apps\TokenStatusRoute;
use AuthSentinel\Audit\AuditController;
use AuthSentinel\Audit\AuditCsv;
use AuthSentinel\Audit\AuditListener;
use AuthSentinel\Audit\AuditRetention;
use AuthSentinel\Audit\ExportDownload;
use AuthSentinel\Audit\ExportJobs;
use AuthSentinel\Audit\ExportsController;
use AuthSentinel\Audit\ExportSteps;
use AuthSentinel\Catalog\CatalogController;
use AuthSentinel\Database\Schema;
use AuthSentinel\Events\Capture;
use AuthSentinel\Events\EventsController;
use AuthSentinel\Events\EventsRetention;
use AuthSentinel\Events\PasswordWatch;
use AuthSentinel\Events\Rollup;
use AuthSentinel\Events\StatsController;
use AuthSentinel\Health\AuthorizationProbe;
use AuthSentinel\Health\DashboardWidget;
use AuthSentinel\Health\HealthController;
use AuthSentinel\Health\SiteHealth;
use AuthSentinel\Logging\LogForwarder;
use AuthSentinel\Privacy\Eraser;
use AuthSentinel\Privacy\Exporter;
use AuthSentinel\Privacy\PolicyText;
use AuthSentinel\Rest\JsonBody;
use AuthSentinel\Rest\PermissionFirst;
use AuthSentinel\Rest\SiteScope;
use AuthSentinel\Secrets\ChangeNotice;
use AuthSentinel\Secrets\QuickCheck;
use AuthSentinel\Secrets\SecretsController;
use AuthSentinel\Secrets\SecretsWatch;
use AuthSentinel\Sessions\AppPasswordTracker;
use AuthSentinel\Sessions\CookieTracker;
use AuthSentinel\Sessions\Inventory;
use AuthSentinel\Sessions\Policies;
use AuthSentinel\Sessions\RevokeAllController;
use AuthSentinel\Sessions\SessionsController;
use AuthSentinel\Sessions\SessionTokens;
use AuthSentinel\Sessions\TokenGate;
use AuthSentinel\Sessions\TokenTracker;
use AuthSentinel\Sessions\UserLinks;
use AuthSentinel\Sessions\UserSessionsController;
use AuthSentinel\Settings\SettingsController;

defined( 'ABSPATH' ) || exit;

/**
 * The hook table: each row is one listener — hook, class, method, priority, accepted arguments,
 * and a guard. Registering it builds nothing: the container builds a row's class the first time
 * its hook fires and its guard (a cheap static test in `Guards`, given the hook's arguments) lets
 * it through; a filter whose guard says no returns its first argument unchanged. A method
 * written `::name` is static and needs no object.
 *
 * A request on which nothing fails builds none of the plugin's objects: its guards look for a
 * token without loading the request reader (`Guards::may_carry_token()`), the secrets are
 * compared from memory (`Secrets\QuickDigest`), and that is all (`RequestFootprintTest` counts
 * the files).
 *
 * @since 0.1.0
 */
final class Hooks {

	/**
	 * The plugin's own scheduled and admin-post hooks, and the option whose changes are
	 * audited: named here so that reading the table loads no other class.
	 */
	const PRUNE           = 'auth_sentinel_prune';
	const ROLLUP          = 'auth_sentinel_rollup';
	const SECRETS_CHECK   = 'auth_sentinel_check_secrets';
	const SESSIONS_UPKEEP = 'auth_sentinel_sessions_upkeep';
	const ALERTS_RECHECK  = 'auth_sentinel_alert_spike_recheck';
	const DISMISS_NOTICE  = 'auth_sentinel_dismiss_change';
	const SETTINGS_OPTION = 'auth_sentinel_settings';
	const LOG_COUNTS      = 'auth_sentinel_log_counts';
	const LOG_RETRY       = 'auth_sentinel_log_retry';
	const EXPORT_STEP     = 'auth_sentinel_export_step';
	const EXPORT_EXPIRE   = 'auth_sentinel_export_expire';
	const SEARCH_INDEX    = 'auth_sentinel_search_index';

	/**
	 * The rows: hook, class, method, priority, accepted arguments, guard (a `Guards` method, or '').
	 */
	const TABLE = array(
		// WordPress integration: the schema.
		array( 'init', Schema::class, '::maybe_upgrade', 1, 0, 'schema_behind' ),

		// Secrets: a quick comparison on every request (the guard), the full check when something changed.
		array( 'init', QuickCheck::class, 'run', 1, 0, 'secrets_may_differ' ),
		// A watched option changed: one full check at the end of the request (six generic hooks
		// and a guard, not three hooks per option).
		array( 'added_option', SecretsWatch::class, 'queue_check', 10, 1, 'watched_option' ),
		array( 'updated_option', SecretsWatch::class, 'queue_check', 10, 1, 'watched_option' ),
		array( 'deleted_option', SecretsWatch::class, 'queue_check', 10, 1, 'watched_option' ),

		// Failures: WordPress's own refusals, the token plugins' answers, passwords.
		array( 'auth_cookie_malformed', Capture::class, 'cookie_malformed', 10, 2, 'cookie_sent' ),
		array( 'auth_cookie_expired', Capture::class, 'cookie_rejected', 10, 1, '' ),
		array( 'auth_cookie_bad_username', Capture::class, 'cookie_rejected', 10, 1, '' ),
		array( 'auth_cookie_bad_hash', Capture::class, 'cookie_rejected', 10, 1, '' ),
		array( 'auth_cookie_bad_session_token', Capture::class, 'cookie_rejected', 10, 1, '' ),
		array( 'wp_login_failed', Capture::class, 'login_failed', 10, 2, '' ),
		array( 'application_password_failed_authentication', Capture::class, 'application_password_failed', 10, 1, '' ),
		array( 'wp_set_password', PasswordWatch::class, 'on_set_password', 10, 2, '' ),
		array( 'profile_update', PasswordWatch::class, 'on_profile_update', 10, 3, '' ),

		// Sessions: the inventory of every credential, and the gate that refuses revoked tokens.
		array( 'session_token_manager', SessionTokens::class, '::manager', 1000, 1, '' ),
		array( 'attach_session_information', CookieTracker::class, 'creating', 1000, 1, '' ),
		array( 'auth_cookie_valid', CookieTracker::class, 'cookie_valid', 10, 2, 'cookie_seen_due' ),
		array( 'wp_create_application_password', AppPasswordTracker::class, 'created', 10, 2, '' ),
		array( 'wp_update_application_password', AppPasswordTracker::class, 'updated', 10, 2, '' ),
		array( 'wp_delete_application_password', AppPasswordTracker::class, 'deleted', 10, 2, '' ),
		array( 'application_password_did_authenticate', AppPasswordTracker::class, 'used', 10, 2, 'app_password_use_due' ),
		array( 'added_user_meta', TokenTracker::class, 'wcpos_meta_changed', 10, 3, 'wcpos_meta' ),
		array( 'updated_user_meta', TokenTracker::class, 'wcpos_meta_changed', 10, 3, 'wcpos_meta' ),
		array( 'deleted_user_meta', TokenTracker::class, 'wcpos_meta_changed', 10, 3, 'wcpos_meta' ),
		array( 'deleted_user', Inventory::class, 'user_deleted', 10, 1, '' ),
		// The gate runs after every token plugin (they sign in at priorities 0–99).
		array( 'determine_current_user', TokenGate::class, 'determine_current_user', 1000, 1, 'carries_token' ),
		array( 'profile_update', Policies::class, 'profile_updated', 20, 2, '' ),
		array( 'set_user_role', Policies::class, 'role_set', 10, 3, '' ),

		// Audit trail.
		array( 'wp_login', AuditListener::class, 'signed_in', 10, 2, '' ),
		array( 'add_option_' . self::SETTINGS_OPTION, AuditListener::class, 'settings_added', 10, 2, '' ),
		array( 'update_option_' . self::SETTINGS_OPTION, AuditListener::class, 'settings_changed', 10, 2, '' ),
	);

	/**
	 * The row of the plugin's capability (`Capabilities`): `map_meta_cap` is applied on every
	 * capability check (17 times on a REST request for a user), so it is hooked only where the
	 * plugin's capability is asked for: in wp-admin (its menu, notices and links), once its routes
	 * are registered (their permission checks), where cron runs and on the command line, and by
	 * `Capabilities::current_user_can()`, which every check of the plugin's own makes. Elsewhere
	 * (a theme's page, another plugin's route) the capability is what the user's roles hold.
	 */
	const CAPABILITY_TABLE = array(
		array( 'map_meta_cap', Capabilities::class, 'map', 10, 3, 'own_capability' ),
	);

	/**
	 * The rows of the plugin's own actions, which only its objects fire: hooked when the
	 * container builds its first object, so that a request on which the plugin builds nothing
	 * does not pay for them.
	 */
	const PLUGIN_TABLE = array(
		// Sessions: the policies that follow a password change and a new session.
		array( 'auth_sentinel_password_changed', Policies::class, 'password_changed', 10, 1, '' ),
		array( 'auth_sentinel_session_created', Policies::class, 'session_created', 10, 1, '' ),
		// Alerts, and the dashboard widget's cached figures.
		array( 'auth_sentinel_secrets_changed', Alerts::class, 'secrets_changed', 10, 1, '' ),
		array( 'auth_sentinel_audited', Alerts::class, 'audited', 10, 2, 'alerting_action' ),
		array( 'auth_sentinel_failure_recorded', Alerts::class, 'failure_recorded', 10, 0, '' ),
		array( 'auth_sentinel_secrets_changed', DashboardWidget::class, '::flush', 10, 0, '' ),
		// Log forwarding: failures and audit rows to a JSON-lines file and syslog, sent at shutdown.
		array( 'auth_sentinel_failure_recorded', LogForwarder::class, 'failure_recorded', 10, 3, 'log_forwarding' ),
		array( 'auth_sentinel_audited', LogForwarder::class, 'audited', 10, 5, 'log_forwarding' ),
	);

	/**
	 * The rows of the REST API's hooks: hooked when the REST server is set up (the first moment
	 * of `rest_api_init`), so that the front end and wp-admin pages do not pay for them.
	 */
	const REST_TABLE = array(
		// Early, so the probe answers before any token plugin judges its Bearer header.
		array( 'rest_api_init', AuthorizationProbe::class, '::answer', 0, 0, 'authorization_probe' ),
		// The plugin's routes: one row registers every controller of ROUTES.
		array( 'rest_api_init', self::class, '::register_routes', 10, 0, 'routes_needed' ),
		// Failures the REST API answers, and Simple JWT Login's routes that answer outside it.
		array( 'rest_post_dispatch', Capture::class, 'rest_answered', 999, 3, 'rest_refusal' ),
		array( 'rest_pre_dispatch', Capture::class, 'watch_issuer_output', 0, 3, 'issuer_output_route' ),
		// The gate, after every token plugin; its refresh routes take the token in the body.
		array( 'rest_authentication_errors', TokenGate::class, 'rest_authentication_errors', 1000, 1, 'carries_token' ),
		array( 'rest_pre_dispatch', TokenGate::class, 'rest_pre_dispatch', 1000, 3, 'carries_token_or_body_token' ),
	);

	/**
	 * The rows of the plugin's own routes' REST plumbing: hooked by `register_routes()` when it
	 * registers the routes (no request reaches them otherwise, and a REST request for another
	 * route does not pay for them).
	 */
	const OWN_ROUTES_TABLE = array(
		// REST plumbing of the plugin's own routes.
		array( 'rest_request_before_callbacks', PermissionFirst::class, 'before', 5, 3, 'own_route_refused' ),
		array( 'rest_request_before_callbacks', SiteScope::class, 'before', 10, 3, 'own_route' ),
		array( 'rest_request_after_callbacks', SiteScope::class, 'after', 10, 3, 'own_route' ),
		array( 'rest_pre_dispatch', JsonBody::class, 'check', 5, 3, 'own_json_body' ),
		// The apps' status route answers about a refused token rather than being refused with it.
		array( 'rest_authentication_errors', TokenStatusRoute::class, 'set_aside_token_error', 10000, 1, 'token_status_route' ),
		array( 'rest_pre_dispatch', TokenStatusRoute::class, 'set_aside_dispatch_error', 10000, 3, 'token_status_route' ),
		// The audit CSV and a background export's file, after core's CORS headers
		// (rest_send_cors_headers, priority 10): the file starts the body.
		array( 'rest_pre_serve_request', AuditCsv::class, '::serve', 11, 3, 'audit_csv' ),
		array( 'rest_pre_serve_request', ExportDownload::class, '::serve', 11, 3, 'export_download' ),
	);

	/**
	 * The controllers whose routes `register_routes()` registers (when the guard `routes_needed`
	 * says a request may reach them).
	 */
	const ROUTES = array(
		SecretsController::class,
		EventsController::class,
		StatsController::class,
		CatalogController::class,
		SessionsController::class,
		RevokeAllController::class,
		UserSessionsController::class,
		AuditController::class,
		ExportsController::class,
		SettingsController::class,
		TokenStatusController::class,
		HealthController::class,
	);

	/**
	 * The rows of Site Health and the privacy tools, whose filters WordPress applies in wp-admin
	 * (its screens and admin-ajax.php), in WP-Cron (Site Health's weekly check) and on the command
	 * line: hooked there only.
	 */
	const TOOLS_TABLE = array(
		array( 'site_status_tests', SiteHealth::class, 'tests', 10, 1, '' ),
		array( 'debug_information', SiteHealth::class, 'debug_information', 10, 1, '' ),
		array( 'wp_privacy_personal_data_exporters', Exporter::class, 'register', 10, 1, '' ),
		array( 'wp_privacy_personal_data_erasers', Eraser::class, 'register', 10, 1, '' ),
	);

	/**
	 * The rows of the plugin's scheduled hooks: hooked where WP-Cron runs (wp-cron.php, and an
	 * alternate cron that runs in the request itself) and on the command line (`wp cron event
	 * run`, scripts), so that other requests do not pay for them.
	 */
	const CRON_TABLE = array(
		array( self::SECRETS_CHECK, SecretsWatch::class, 'cron_check', 10, 0, '' ),
		array( self::PRUNE, EventsRetention::class, 'prune', 10, 0, '' ),
		array( self::PRUNE, AuditRetention::class, 'prune', 10, 0, '' ),
		array( self::PRUNE, ExportJobs::class, 'clean', 10, 0, '' ),
		array( self::ROLLUP, Rollup::class, 'upkeep', 10, 0, '' ),
		array( self::SESSIONS_UPKEEP, Inventory::class, 'upkeep', 10, 0, '' ),
		array( self::EXPORT_STEP, ExportSteps::class, 'cron_step', 10, 1, '' ),
		array( self::EXPORT_EXPIRE, ExportJobs::class, 'expire', 10, 1, '' ),
		array( self::ALERTS_RECHECK, Alerts::class, 'recheck', 10, 1, '' ),
		array( self::LOG_COUNTS, LogForwarder::class, 'emit_counts', 10, 0, '' ),
		array( self::LOG_RETRY, LogForwarder::class, 'retry', 10, 0, '' ),
		array( self::SEARCH_INDEX, Database\FullTextJob::class, '::run', 10, 0, '' ),
	);

	/**
	 * The rows of a network: new sites, and the keys and salts WordPress keeps as network options
	 * (on a single site those are options, and the option rows above hear them).
	 */
	const NETWORK_TABLE = array(
		array( 'wp_initialize_site', Plugin::class, '::site_created', 200, 1, '' ),
		array( 'add_site_option', SecretsWatch::class, 'queue_check', 10, 1, 'watched_site_option' ),
		array( 'update_site_option', SecretsWatch::class, 'queue_check', 10, 1, 'watched_site_option' ),
		array( 'delete_site_option', SecretsWatch::class, 'queue_check', 10, 1, 'watched_site_option' ),
	);

	/**
	 * The rows of hooks that fire in wp-admin only (admin.php, admin-ajax.php, admin-post.php):
	 * hooked there, so that other requests do not pay for them.
	 */
	const ADMIN_TABLE = array(
		// Secrets: the scheduled checks, the notice after a key change.
		array( 'admin_init', Plugin::class, '::schedule', 10, 0, '' ),
		array( 'admin_notices', ChangeNotice::class, 'render', 10, 0, '' ),
		array( 'network_admin_notices', ChangeNotice::class, 'render', 10, 0, '' ),
		array( 'admin_post_' . self::DISMISS_NOTICE, ChangeNotice::class, 'dismiss', 10, 0, '' ),

		// Sessions: the Users list and the profile screen.
		array( 'user_row_actions', UserLinks::class, 'row_action', 10, 2, '' ),
		array( 'ms_user_row_actions', UserLinks::class, 'row_action', 10, 2, '' ),
		array( 'show_user_profile', UserLinks::class, 'profile_section', 20, 1, '' ),
		array( 'edit_user_profile', UserLinks::class, 'profile_section', 20, 1, '' ),

		// Dashboard widget, privacy policy text.
		array( 'wp_dashboard_setup', DashboardWidget::class, 'setup', 10, 0, '' ),
		array( 'admin_enqueue_scripts', DashboardWidget::class, 'enqueue', 10, 1, 'dashboard_page' ),
		array( 'admin_init', PolicyText::class, '::add', 10, 0, '' ),

		// The admin screens.
		array( 'admin_menu', AdminPages::class, 'add_menu', 10, 0, '' ),
		array( 'network_admin_menu', AdminPages::class, 'add_network_menu', 10, 0, '' ),
		array( 'admin_enqueue_scripts', AdminPages::class, 'enqueue', 10, 1, '' ),
	);

	/**
	 * Whether the rows of OWN_ROUTES_TABLE are hooked (once a process: the REST server may be
	 * set up again, by tests).
	 *
	 * @var bool
	 */
	private static $own_routes_hooked = false;

	/**
	 * Whether the row of CAPABILITY_TABLE is hooked.
	 *
	 * @var bool
	 */
	private static $capability_hooked = false;

	/**
	 * Hooks the rows this request can need: every row of TABLE; the plugin's own actions once it
	 * builds an object; the network's rows on a network; the scheduled hooks' rows where cron
	 * runs; the REST rows once the REST server is set up; the wp-admin rows in wp-admin (or once
	 * an admin screen is set up elsewhere, by a test or a plugin rendering one); the capability's
	 * row with the wp-admin rows, the scheduled hooks' rows and the plugin's routes.
	 *
	 * @return void
	 */
	public static function register(): void {
		self::add_rows( self::TABLE );
		if ( is_multisite() ) {
			self::add_rows( self::NETWORK_TABLE );
		}
		$cron = wp_doing_cron() || 'cli' === PHP_SAPI || ( defined( 'ALTERNATE_WP_CRON' ) && ALTERNATE_WP_CRON );
		if ( $cron ) {
			self::add_rows( self::CRON_TABLE );
			self::register_capability(); // The command line's scripts and commands ask for it too.
		}
		if ( $cron || is_admin() ) {
			self::add_rows( self::TOOLS_TABLE );
		}
		self::add_once( 'rest_api_init', PHP_INT_MIN, array( self::class, 'register_rest_rows' ) );
		if ( is_admin() ) {
			self::register_admin_rows();
			return;
		}
		self::add_once( 'current_screen', 0, array( self::class, 'register_admin_rows' ) );
	}

	/**
	 * Hooks the REST API's rows (REST_TABLE), when the REST server is set up.
	 *
	 * @return void
	 */
	public static function register_rest_rows(): void {
		self::add_rows( self::REST_TABLE );
	}

	/**
	 * Hooks the wp-admin rows (ADMIN_TABLE) and the capability's, which its screens ask for.
	 *
	 * @return void
	 */
	public static function register_admin_rows(): void {
		self::add_rows( self::ADMIN_TABLE );
		self::register_capability();
	}

	/**
	 * Hooks the row of the plugin's capability (CAPABILITY_TABLE), once.
	 *
	 * @return void
	 */
	public static function register_capability(): void {
		if ( ! self::$capability_hooked ) {
			self::$capability_hooked = true;
			self::add_rows( self::CAPABILITY_TABLE );
		}
	}

	/**
	 * Hooks the rows of the plugin's own actions (PLUGIN_TABLE): the container calls this when it
	 * builds its first object, as only the plugin's objects fire those actions.
	 *
	 * @return void
	 */
	public static function register_plugin_rows(): void {
		self::add_rows( self::PLUGIN_TABLE );
	}

	/**
	 * Registers the routes of every controller of ROUTES (the REST row of `rest_api_init`), and
	 * hooks their plumbing.
	 *
	 * @return void
	 */
	public static function register_routes(): void {
		foreach ( self::ROUTES as $class ) {
			Plugin::get( $class )->register_routes();
		}
		if ( ! self::$own_routes_hooked ) {
			self::$own_routes_hooked = true;
			self::add_rows( self::OWN_ROUTES_TABLE );
		}
		self::register_capability();
	}

	/**
	 * Hooks rows the first time a hook fires (which they may share: a row added while its hook
	 * runs, at a later priority, still runs this time).
	 *
	 * @param string   $hook     The hook.
	 * @param int      $priority Its priority.
	 * @param callable $add      Hooks the rows.
	 * @return void
	 */
	private static function add_once( string $hook, int $priority, callable $add ): void {
		$done = false;
		add_action(
			$hook,
			static function () use ( $add, &$done ): void {
				if ( ! $done ) {
					$done = true;
					$add();
				}
			},
			$priority,
			0
		);
	}

	/**
	 * Hooks rows.
	 *
	 * @param array<int, array{0: string, 1: class-string, 2: string, 3: int, 4: int, 5: string}> $rows      The rows.
	 * @return void
	 */
	private static function add_rows( array $rows ): void {
		foreach ( $rows as $row ) {
			self::add( $row );
		}
	}

	/**
	 * Hooks one row.
	 *
	 * @param array{0: string, 1: class-string, 2: string, 3: int, 4: int, 5: string} $row The row.
	 * @return void
	 */
	private static function add( array $row ): void {
		// The closure keeps the row itself (a constant array: shared, not copied) and reads it
		// when the hook fires: hooking costs every request, firing only the requests it concerns.
		add_filter(
			$row[0],
			static function ( ...$args ) use ( $row ) {
				$guard = $row[5];
				if ( '' !== $guard && ! Guards::$guard( ...$args ) ) {
					return $args[0] ?? null;
				}
				$class  = $row[1];
				$method = $row[2];
				if ( ':' === $method[0] ) {
					$method = substr( $method, 2 );
					return $class::$method( ...$args );
				}
				return Plugin::get( $class )->$method( ...$args );
			},
			$row[3],
			$row[4]
		);
	}
}
