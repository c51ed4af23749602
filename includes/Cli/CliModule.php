<?php
/**
 * Wires the wp auth-sentinel commands.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Registers the `wp auth-sentinel` commands when WP-CLI runs; does nothing otherwise.
 *
 * @since 0.1.0
 */
class CliModule {

	/**
	 * The plugin, for the other domains' objects.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * Keeps the plugin; builds nothing until a hook needs it.
	 *
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Registers the commands, under WP-CLI only.
	 *
	 * @return void
	 */
	public function register(): void {
		if ( ! defined( 'WP_CLI' ) || ! WP_CLI || ! class_exists( '\WP_CLI' ) ) {
			return;
		}
		\WP_CLI::add_command( 'auth-sentinel', new MainCommand( $this->plugin ) );
		\WP_CLI::add_command( 'auth-sentinel events', new EventsCommand( $this->plugin ) );
		\WP_CLI::add_command( 'auth-sentinel secrets', new SecretsCommand( $this->plugin ) );
		\WP_CLI::add_command( 'auth-sentinel sessions', new SessionsCommand( $this->plugin ) );
		\WP_CLI::add_command( 'auth-sentinel audit', new AuditCommand( $this->plugin ) );
		\WP_CLI::add_command( 'auth-sentinel catalog', new CatalogCommand( $this->plugin ) );
	}
}
