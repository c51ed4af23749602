<?php
/**
 * Wires Site Health tests, the Site Health info section and the dashboard widget.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Plugin;
use AuthSentinel\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Wires Site Health tests, the Site Health info section and the dashboard widget. Only hooks
 * are added on a request; the checks are built when Site Health or the dashboard asks.
 *
 * @since 0.1.0
 */
class HealthModule {

	/**
	 * The plugin, for the other domains' objects.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * The secret checks, built on first use.
	 *
	 * @var SecretChecks|null
	 */
	private $secret_checks;

	/**
	 * The failure checks, built on first use.
	 *
	 * @var FailureChecks|null
	 */
	private $failure_checks;

	/**
	 * The Authorization header check, built on first use.
	 *
	 * @var AuthorizationCheck|null
	 */
	private $authorization;

	/**
	 * The dashboard widget, built on first use.
	 *
	 * @var DashboardWidget|null
	 */
	private $widget;

	/**
	 * Keeps the plugin; builds nothing until a hook needs it.
	 *
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Hooks the module.
	 *
	 * @return void
	 */
	public function register(): void {
		add_filter( 'site_status_tests', array( $this, 'site_status_tests' ) );
		add_filter( 'debug_information', array( $this, 'debug_information' ) );
		add_action( 'wp_dashboard_setup', array( $this, 'dashboard_setup' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		// A secret change is news the widget must not hide behind its cache.
		add_action( 'auth_sentinel_secrets_changed', array( DashboardWidget::class, 'flush' ) );
		// Early, so the probe answers before any token plugin judges the probe's Bearer header.
		add_action( 'rest_api_init', array( $this, 'rest_api_init' ), 0 );
	}

	/**
	 * Adds the plugin's tests to Site Health.
	 *
	 * @param array<string, mixed> $tests Direct and asynchronous tests.
	 * @return array<string, mixed>
	 */
	public function site_status_tests( $tests ): array {
		$tests = is_array( $tests ) ? $tests : array();

		$tests['direct']['auth_sentinel_keys_and_salts']      = array(
			'label' => __( 'WordPress keys and salts', 'auth-sentinel' ),
			'test'  => array( $this->secret_checks(), 'keys_and_salts' ),
		);
		$tests['direct']['auth_sentinel_secret_change']       = array(
			'label' => __( 'Recent change of keys, salts or token secrets', 'auth-sentinel' ),
			'test'  => array( $this->secret_checks(), 'secret_change' ),
		);
		$tests['direct']['auth_sentinel_token_conflict']      = array(
			'label' => __( 'Token plugins in conflict', 'auth-sentinel' ),
			'test'  => array( $this->failure_checks(), 'token_conflict' ),
		);
		$tests['direct']['auth_sentinel_failure_spike']       = array(
			'label' => __( 'Spike of failed sign-ins and token checks', 'auth-sentinel' ),
			'test'  => array( $this->failure_checks(), 'failure_spike' ),
		);
		$tests['direct']['auth_sentinel_trusted_proxies']     = array(
			'label' => __( 'Client addresses behind a proxy', 'auth-sentinel' ),
			'test'  => array( new ProxyCheck(), 'run' ),
		);
		$tests['direct']['auth_sentinel_storage']             = array(
			'label' => __( 'Auth Sentinel’s tables', 'auth-sentinel' ),
			'test'  => array( new StorageCheck(), 'run' ),
		);
		$tests['async']['auth_sentinel_authorization_header'] = array(
			'label'             => __( 'Authorization header for app tokens', 'auth-sentinel' ),
			'test'              => rest_url( 'auth-sentinel/v1/health/authorization-header' ),
			'has_rest'          => true,
			'async_direct_test' => array( $this->authorization(), 'run' ),
		);
		return $tests;
	}

	/**
	 * Adds the plugin's section to Site Health → Info.
	 *
	 * @param array<string, mixed> $info The sections.
	 * @return array<string, mixed>
	 */
	public function debug_information( $info ): array {
		return ( new DebugInfo( $this->plugin, new TokenPlugins() ) )->add( $info );
	}

	/**
	 * Adds the dashboard widget.
	 *
	 * @return void
	 */
	public function dashboard_setup(): void {
		$this->widget()->setup();
	}

	/**
	 * Loads the widget's stylesheet on the dashboard.
	 *
	 * @param string $hook_suffix The admin page.
	 * @return void
	 */
	public function enqueue( $hook_suffix ): void {
		if ( 'index.php' === $hook_suffix ) {
			$this->widget()->enqueue( $hook_suffix );
		}
	}

	/**
	 * Answers the Authorization probe at once, or registers the routes.
	 *
	 * Token plugins refuse, on every route, a Bearer token they cannot verify (and the failure
	 * capture would record the refusal): the probe's answer must not depend on them. Nothing has
	 * judged the request's credentials yet when the REST server is being set up.
	 *
	 * @return void
	 */
	public function rest_api_init(): void {
		if ( self::is_probe_request() ) {
			// Answered here, before anything judges the credentials; not wp_send_json(), which is
			// not for REST requests.
			nocache_headers();
			status_header( 200 );
			header( 'Content-Type: application/json; charset=' . get_option( 'blog_charset' ) );
			echo wp_json_encode( AuthorizationCheck::probe_answer() );
			exit;
		}
		if ( Routes::needed() ) {
			( new HealthController( $this->authorization() ) )->register_routes();
		}
	}

	/**
	 * Tells whether this is an HTTP GET of the Authorization probe route.
	 *
	 * @return bool
	 */
	private static function is_probe_request(): bool {
		global $wp;
		if ( ! defined( 'REST_REQUEST' ) || ! REST_REQUEST || ! isset( $wp->query_vars['rest_route'] ) || ! is_string( $wp->query_vars['rest_route'] ) ) {
			return false;
		}
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : 'GET';
		return 'GET' === $method && AuthorizationCheck::PROBE_ROUTE === '/' . trim( $wp->query_vars['rest_route'], '/' );
	}

	/**
	 * Returns the secret checks.
	 *
	 * @return SecretChecks
	 */
	private function secret_checks(): SecretChecks {
		if ( null === $this->secret_checks ) {
			$this->secret_checks = new SecretChecks( $this->plugin->facts() );
		}
		return $this->secret_checks;
	}

	/**
	 * Returns the failure checks.
	 *
	 * @return FailureChecks
	 */
	private function failure_checks(): FailureChecks {
		if ( null === $this->failure_checks ) {
			$this->failure_checks = new FailureChecks( $this->plugin->events()->repository(), new TokenPlugins() );
		}
		return $this->failure_checks;
	}

	/**
	 * Returns the Authorization header check.
	 *
	 * @return AuthorizationCheck
	 */
	private function authorization(): AuthorizationCheck {
		if ( null === $this->authorization ) {
			$this->authorization = new AuthorizationCheck( $this->failure_checks() );
		}
		return $this->authorization;
	}

	/**
	 * Returns the dashboard widget.
	 *
	 * @return DashboardWidget
	 */
	private function widget(): DashboardWidget {
		if ( null === $this->widget ) {
			$this->widget = new DashboardWidget( $this->plugin );
		}
		return $this->widget;
	}
}
