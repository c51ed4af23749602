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
		// Every request's two checks (one callback: `init()`): the schema, and the secrets' quick
		// comparison, with the full check when something changed.
		array( 'init', self::class, '::init', 1, 0, '' ),
		// A watched option changed: one full check at the end of the request (six generic hooks
		// and a guard, not three hooks per option).
		array( 'added_option', SecretsWatch::class, 'queue_check', 10, 1, 'watched_option' ),
		array( 'updated_option', SecretsWatch::class, 'queue_check', 10, 1, 'watched_option' ),
		array( 'deleted_option', SecretsWatch::class, 'queue_check', 10, 1, 'watched_option' ),

		// Failures: passwords and application passwords (the sign-in cookies': COOKIE_TABLE).
		array( 'wp_login_failed', Capture::class, 'login_failed', 10, 2, '' ),
		array( 'application_password_failed_authentication', Capture::class, 'application_password_failed', 10, 1, '' ),
		// A new password: hooked on every request, as a replacement of the pluggable
		// wp_set_password() may fire the action without the user's cache being cleaned.
		array( 'wp_set_password', PasswordWatch::class, 'on_set_password', 10, 2, '' ),

		// Sessions: the inventory of every credential, and the gate that refuses revoked tokens.
		// Core's session storage, and the session rows once it is asked for (SESSION_TABLE).
		array( 'session_token_manager', self::class, '::register_session_rows', 1000, 1, '' ),
		array( 'session_token_manager', SessionTokens::class, '::manager', 1000, 1, '' ),
		array( 'added_user_meta', TokenTracker::class, 'wcpos_meta_changed', 10, 3, 'wcpos_meta' ),
		array( 'updated_user_meta', TokenTracker::class, 'wcpos_meta_changed', 10, 3, 'wcpos_meta' ),
		array( 'deleted_user_meta', TokenTracker::class, 'wcpos_meta_changed', 10, 3, 'wcpos_meta' ),
		// A user's roles or application passwords written: their rows (USER_META_TABLE).
		array( 'added_user_meta', self::class, '::register_user_meta_rows', 10, 3, 'roles_or_app_passwords_meta' ),
		array( 'updated_user_meta', self::class, '::register_user_meta_rows', 10, 3, 'roles_or_app_passwords_meta' ),
		// A user saved or deleted: their rows (USER_TABLE).
		array( 'clean_user_cache', self::class, '::register_user_rows', 10, 0, '' ),
		// The gate runs after every token plugin (they sign in at priorities 0–99).
		array( 'determine_current_user', TokenGate::class, 'determine_current_user', 1000, 1, 'carries_token' ),

		// Audit trail (a sign-in's row: SESSION_TABLE). The settings' changes, beside the secrets
		// watch's rows of the same hooks (a row on a hook already hooked costs a tenth of one on a
		// hook of its own).
		array( 'added_option', AuditListener::class, 'settings_added', 10, 2, 'settings_option' ),
		array( 'updated_option', AuditListener::class, 'settings_updated', 10, 3, 'settings_option' ),
	);

	/**
	 * The rows of the sign-in cookies' refusals and uses: core validates a cookie of the request
	 * (`wp_validate_auth_cookie()` reads `$_COOKIE`), so they are hooked on a request that carries
	 * a sign-in cookie, where cron runs and on the command line (and on every request of a network
	 * where the plugin is network-activated: it loads before WordPress names the cookies). A
	 * cookie some code validates from elsewhere, on a request that carries none, is not recorded.
	 */
	const COOKIE_TABLE = array(
		array( 'auth_cookie_malformed', Capture::class, 'cookie_malformed', 10, 2, 'cookie_sent' ),
		array( 'auth_cookie_expired', Capture::class, 'cookie_rejected', 10, 1, '' ),
		array( 'auth_cookie_bad_username', Capture::class, 'cookie_rejected', 10, 1, '' ),
		array( 'auth_cookie_bad_hash', Capture::class, 'cookie_rejected', 10, 1, '' ),
		array( 'auth_cookie_bad_session_token', Capture::class, 'cookie_rejected', 10, 1, '' ),
		array( 'auth_cookie_valid', CookieTracker::class, 'cookie_valid', 10, 2, 'cookie_seen_due' ),
	);

	/**
	 * The rows of a new browser session and a sign-in: hooked when core's session storage is
	 * first asked for (`session_token_manager`), as `WP_Session_Tokens::get_instance()`, the only
	 * way to a storage, applies it before any `create()` applies `attach_session_information`,
	 * and `wp_set_auth_cookie()` asks for it before `wp_signon()` (or a plugin signing a user in
	 * by cookie) fires `wp_login`. A `wp_login` fired with no session made is not audited.
	 */
	const SESSION_TABLE = array(
		array( 'attach_session_information', CookieTracker::class, 'creating', 1000, 1, '' ),
		// A sign-in: wp_signon(), and the plugins that sign in by cookie, set the cookie first.
		array( 'wp_login', AuditListener::class, 'signed_in', 10, 2, '' ),
	);

	/**
	 * The rows of a user saved or deleted: hooked when a user's cache is first cleaned
	 * (`clean_user_cache`), which `wp_insert_user()` does before it fires `profile_update`, and
	 * `wp_delete_user()` and `wpmu_delete_user()` before `deleted_user`.
	 */
	const USER_TABLE = array(
		array( 'profile_update', PasswordWatch::class, 'on_profile_update', 10, 3, '' ),
		array( 'profile_update', Policies::class, 'profile_updated', 20, 2, '' ),
		array( 'deleted_user', Inventory::class, 'user_deleted', 10, 1, '' ),
	);

	/**
	 * The rows of a user's role and application passwords: hooked when a user's roles or
	 * application passwords are first written (`added_user_meta`, `updated_user_meta`), as
	 * `WP_User::set_role()` writes the roles before it fires `set_user_role` (and returns
	 * before either when the role is unchanged), `WP_Application_Passwords` writes the passwords
	 * before it fires the created, updated and deleted actions (an update that changes nothing
	 * fires its action without a write: the inventory holds that password already), and
	 * `wp_authenticate_application_password()` writes a password's last use, once a day, just
	 * before `application_password_did_authenticate` (whose row has something to do only then).
	 */
	const USER_META_TABLE = array(
		array( 'set_user_role', Policies::class, 'role_set', 10, 3, '' ),
		// An application password's first use in a day: core writes its last use just before.
		array( 'application_password_did_authenticate', AppPasswordTracker::class, 'used', 10, 2, 'app_password_use_due' ),
		array( 'wp_create_application_password', AppPasswordTracker::class, 'created', 10, 2, '' ),
		array( 'wp_update_application_password', AppPasswordTracker::class, 'updated', 10, 2, '' ),
		array( 'wp_delete_application_password', AppPasswordTracker::class, 'deleted', 10, 2, '' ),
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
		// Failures the REST API answers.
		array( 'rest_post_dispatch', Capture::class, 'rest_answered', 999, 3, 'rest_refusal' ),
		// The gate, after every token plugin; its refresh routes take the token in the body.
		array( 'rest_authentication_errors', TokenGate::class, 'rest_authentication_errors', 1000, 1, 'carries_token' ),
		array( 'rest_pre_dispatch', TokenGate::class, 'rest_pre_dispatch', 1000, 3, 'carries_token_or_body_token' ),
	);

	/**
	 * The REST rows of some routes only: hooked when the REST server is set up if the guard of
	 * the seventh column says that the request may ask for one of them (`Guards::route_may_be()`:
	 * its route, or a route not yet known, when code sets the server up before WordPress parses
	 * the request); the sixth column's guard still decides each call.
	 */
	const REST_ROUTE_TABLE = array(
		// Early, so the probe answers before any token plugin judges its Bearer header.
		array( 'rest_api_init', AuthorizationProbe::class, '::answer', 0, 0, 'authorization_probe', 'authorization_probe' ),
		// The plugin's routes: one row registers every controller of ROUTES.
		array( 'rest_api_init', self::class, '::register_routes', 10, 0, '', 'routes_needed' ),
		// Simple JWT Login's routes, which answer outside the REST API.
		array( 'rest_pre_dispatch', Capture::class, 'watch_issuer_output', 0, 3, 'issuer_output_route', 'issuer_route_may_be' ),
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
	 * What is hooked once a process (`first()`): tables, the lifecycle, the REST rows, by name.
	 *
	 * @var array<string, true>
	 */
	private static $hooked = array();

	/**
	 * Hooks the rows this request can need: every row of TABLE; the plugin's own actions once it
	 * builds an object; the network's rows on a network; the scheduled hooks' rows where cron
	 * runs; the REST rows once the REST server is set up; the wp-admin rows in wp-admin (or, on
	 * the command line, once an admin screen is set up, by a test or a script); the capability's
	 * row with the wp-admin rows, the scheduled hooks' rows and the plugin's routes; the sign-in
	 * cookies' rows where a request carries one; the rows of writes when the write comes.
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
		// Network-activated, the plugin loads before WordPress names its cookies: then always.
		if ( $cron || ! defined( 'LOGGED_IN_COOKIE' ) || Guards::cookie_sent() ) {
			self::add_rows( self::COOKIE_TABLE );
		}
		// activate_plugin() loads a plugin it activates after plugins_loaded, wherever it runs.
		if ( $cron || is_admin() || did_action( 'plugins_loaded' ) ) {
			self::register_lifecycle();
		}
		// Rows hooked while their hook runs, at a later priority, still run that first time.
		add_action( 'rest_api_init', array( self::class, 'register_rest_rows' ), PHP_INT_MIN, 0 );
		if ( is_admin() ) {
			self::register_admin_rows();
		} elseif ( $cron ) { // A test or a script that sets up an admin screen.
			add_action( 'current_screen', array( self::class, 'register_admin_rows' ), 0, 0 );
		}
	}

	/**
	 * Every request's checks (init, early): the schema is upgraded when the stored one is older,
	 * and the secrets are checked in full when their quick digest, compared from memory, says
	 * they may have changed (`Guards::schema_behind()`, `Guards::secrets_may_differ()`).
	 *
	 * @return void
	 */
	public static function init(): void {
		if ( Guards::schema_behind() ) {
			Schema::maybe_upgrade();
		}
		if ( Guards::secrets_may_differ() ) {
			Plugin::get( QuickCheck::class )->run();
		}
	}

	/**
	 * Hooks the REST API's rows (REST_TABLE, and those of REST_ROUTE_TABLE the request may ask for)
	 * when the REST server is first set up.
	 *
	 * @return void
	 */
	public static function register_rest_rows(): void {
		if ( ! self::first( 'rest' ) ) {
			return; // Once a process: tests set the REST server up again.
		}
		self::add_rows( self::REST_TABLE );
		foreach ( self::REST_ROUTE_TABLE as $row ) {
			$when = $row[6];
			if ( Guards::$when() ) {
				self::add( $row );
			}
		}
		if ( Guards::plugins_route_may_be() ) { // The REST API's plugins route deactivates plugins.
			self::register_lifecycle();
		}
	}

	/**
	 * Hooks the plugin's activation and deactivation, once: what register_activation_hook() and
	 * register_deactivation_hook() do, with the plugin's name worked out once (plugin_basename()
	 * resolves symbolic links: 19,000 instructions a call). `register()` calls it where WordPress
	 * activates or deactivates plugins (wp-admin, WP-Cron, the command line, and anywhere a plugin
	 * is activated, as activate_plugin() loads it then), and `register_rest_rows()` for the REST
	 * API's plugins route. A deactivation from elsewhere leaves the plugin's scheduled events,
	 * which then find no listener (an activation schedules them again).
	 *
	 * @return void
	 */
	public static function register_lifecycle(): void {
		if ( ! self::first( 'lifecycle' ) ) {
			return;
		}
		$basename = plugin_basename( AUTH_SENTINEL_FILE );
		add_action( 'activate_' . $basename, array( Plugin::class, 'activate' ) );
		add_action( 'deactivate_' . $basename, array( Plugin::class, 'deactivate' ) );
	}

	/**
	 * Hooks the session rows (SESSION_TABLE), once: the first `session_token_manager`.
	 *
	 * @param mixed $manager The storage's class, returned as it is.
	 * @return mixed
	 */
	public static function register_session_rows( $manager = null ) {
		self::add_rows_once( 'session', self::SESSION_TABLE );
		return $manager;
	}

	/**
	 * Hooks the rows of a user saved or deleted (USER_TABLE), once: the first `clean_user_cache`.
	 *
	 * @return void
	 */
	public static function register_user_rows(): void {
		self::add_rows_once( 'user', self::USER_TABLE );
	}

	/**
	 * Hooks the rows of a user's role and application passwords (USER_META_TABLE), once: the
	 * first write of either.
	 *
	 * @return void
	 */
	public static function register_user_meta_rows(): void {
		self::add_rows_once( 'user_meta', self::USER_META_TABLE );
	}

	/**
	 * Hooks the wp-admin rows (ADMIN_TABLE) and the capability's, which its screens ask for.
	 *
	 * @return void
	 */
	public static function register_admin_rows(): void {
		self::add_rows_once( 'admin', self::ADMIN_TABLE );
		self::register_capability();
	}

	/**
	 * Hooks the row of the plugin's capability (CAPABILITY_TABLE), once.
	 *
	 * @return void
	 */
	public static function register_capability(): void {
		self::add_rows_once( 'capability', self::CAPABILITY_TABLE );
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
		self::add_rows_once( 'own_routes', self::OWN_ROUTES_TABLE ); // Once a process: tests set the REST server up again.
		self::register_capability();
	}


	/**
	 * Hooks rows unless the table of that name is hooked already.
	 *
	 * @param string                                                                              $name The table's name.
	 * @param array<int, array{0: string, 1: class-string, 2: string, 3: int, 4: int, 5: string}> $rows The rows.
	 * @return void
	 */
	private static function add_rows_once( string $name, array $rows ): void {
		if ( self::first( $name ) ) {
			self::add_rows( $rows );
		}
	}

	/**
	 * Tells whether this is the first time something of that name is hooked in this process, and
	 * remembers that it is hooked now.
	 *
	 * @param string $name What is hooked: a table, the lifecycle, the REST rows.
	 * @return bool
	 */
	private static function first( string $name ): bool {
		if ( isset( self::$hooked[ $name ] ) ) {
			return false;
		}
		self::$hooked[ $name ] = true;
		return true;
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
	 * @param array{0: string, 1: class-string, 2: string, 3: int, 4: int, 5: string, 6?: string} $row The row (a seventh column, REST_ROUTE_TABLE's, is read before).
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
