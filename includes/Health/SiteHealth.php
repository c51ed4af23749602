<?php
/**
 * The plugin's tests in Site Health, and its section of Site Health → Info.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the tests (keys and salts, a recent change of secrets, token plugins in conflict, a
 * spike of failures, client addresses behind a proxy, the plugin's tables, its search indexes,
 * and the Authorization header, asynchronously) and the Info section.
 *
 * @since 0.1.0
 */
class SiteHealth {

	/**
	 * The secrets' checks.
	 *
	 * @var SecretChecks
	 */
	private $secrets;

	/**
	 * The failures' checks.
	 *
	 * @var FailureChecks
	 */
	private $failures;

	/**
	 * The Authorization header check.
	 *
	 * @var AuthorizationCheck
	 */
	private $authorization;

	/**
	 * The Info section.
	 *
	 * @var DebugInfo
	 */
	private $info;

	/**
	 * Creates the Site Health part.
	 *
	 * @param SecretChecks       $secrets       The secrets' checks.
	 * @param FailureChecks      $failures      The failures' checks.
	 * @param AuthorizationCheck $authorization The Authorization header check.
	 * @param DebugInfo          $info          The Info section.
	 */
	public function __construct( SecretChecks $secrets, FailureChecks $failures, AuthorizationCheck $authorization, DebugInfo $info ) {
		$this->secrets       = $secrets;
		$this->failures      = $failures;
		$this->authorization = $authorization;
		$this->info          = $info;
	}

	/**
	 * Adds the plugin's tests to Site Health (site_status_tests).
	 *
	 * @param array<string, mixed> $tests Direct and asynchronous tests.
	 * @return array<string, mixed>
	 */
	public function tests( $tests ): array {
		$tests = is_array( $tests ) ? $tests : array();

		$tests['direct']['auth_sentinel_keys_and_salts']      = array(
			'label' => __( 'WordPress keys and salts', 'auth-sentinel' ),
			'test'  => array( $this->secrets, 'keys_and_salts' ),
		);
		$tests['direct']['auth_sentinel_secret_change']       = array(
			'label' => __( 'Recent change of keys, salts or token secrets', 'auth-sentinel' ),
			'test'  => array( $this->secrets, 'secret_change' ),
		);
		$tests['direct']['auth_sentinel_token_conflict']      = array(
			'label' => __( 'Token plugins in conflict', 'auth-sentinel' ),
			'test'  => array( $this->failures, 'token_conflict' ),
		);
		$tests['direct']['auth_sentinel_failure_spike']       = array(
			'label' => __( 'Spike of failed sign-ins and token checks', 'auth-sentinel' ),
			'test'  => array( $this->failures, 'failure_spike' ),
		);
		$tests['direct']['auth_sentinel_trusted_proxies']     = array(
			'label' => __( 'Client addresses behind a proxy', 'auth-sentinel' ),
			'test'  => array( new ProxyCheck(), 'run' ),
		);
		$tests['direct']['auth_sentinel_storage']             = array(
			'label' => __( 'Auth Sentinel’s tables', 'auth-sentinel' ),
			'test'  => array( new StorageCheck(), 'run' ),
		);
		$tests['direct']['auth_sentinel_log_forwarding']      = array(
			'label' => __( 'Auth Sentinel’s log forwarding', 'auth-sentinel' ),
			'test'  => array( new LogForwardingCheck(), 'run' ),
		);
		$tests['async']['auth_sentinel_authorization_header'] = array(
			'label'             => __( 'Authorization header for app tokens', 'auth-sentinel' ),
			'test'              => rest_url( 'auth-sentinel/v1/health/authorization-header' ),
			'has_rest'          => true,
			'async_direct_test' => array( $this->authorization, 'run' ),
		);
		if ( \AuthSentinel\Database\Engine::mysql() ) { // SQLite has no full-text index to build.
			$tests['direct']['auth_sentinel_search_index'] = array(
				'label' => __( 'Auth Sentinel’s search indexes', 'auth-sentinel' ),
				'test'  => array( new SearchIndexCheck(), 'run' ),
			);
		}
		return $tests;
	}

	/**
	 * Adds the plugin's section to Site Health → Info (debug_information).
	 *
	 * @param array<string, mixed> $info The sections.
	 * @return array<string, mixed>
	 */
	public function debug_information( $info ): array {
		return $this->info->add( $info );
	}
}
