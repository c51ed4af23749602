<?php
/**
 * Registers the `wp auth-sentinel` commands.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Container;

defined( 'ABSPATH' ) || exit;

/**
 * Adds each command to WP-CLI, built by the container (only under WP-CLI).
 *
 * @since 0.1.0
 */
final class Commands {

	/**
	 * The commands, by name.
	 */
	const COMMANDS = array(
		'auth-sentinel'          => MainCommand::class,
		'auth-sentinel events'   => EventsCommand::class,
		'auth-sentinel secrets'  => SecretsCommand::class,
		'auth-sentinel sessions' => SessionsCommand::class,
		'auth-sentinel audit'    => AuditCommand::class,
		'auth-sentinel catalog'  => CatalogCommand::class,
		'auth-sentinel log'      => LogCommand::class,
	);

	/**
	 * Registers the commands.
	 *
	 * @param Container $container Builds them.
	 * @return void
	 */
	public static function register( Container $container ): void {
		foreach ( self::COMMANDS as $name => $class ) {
			\WP_CLI::add_command( $name, $container->get( $class ) );
		}
	}
}
