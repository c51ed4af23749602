<?php
/**
 * The wp auth-sentinel log commands.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Logging\LogConfig;
use AuthSentinel\Logging\LogForwarder;
use AuthSentinel\Logging\LogSpool;

defined( 'ABSPATH' ) || exit;

/**
 * Tests the log destinations and shows their counts (docs/logging.md).
 *
 * ## EXAMPLES
 *
 *     $ wp auth-sentinel log test
 *     $ wp auth-sentinel log test --destination=syslog
 *     $ wp auth-sentinel log status
 *
 * @since 0.1.0
 */
class LogCommand extends Command {

	/**
	 * The forwarder.
	 *
	 * @var LogForwarder
	 */
	private $forwarder;

	/**
	 * Creates the command.
	 *
	 * @param LogForwarder $forwarder The forwarder.
	 */
	public function __construct( LogForwarder $forwarder ) {
		$this->forwarder = $forwarder;
	}

	/**
	 * Sends one test line (event.action "log_test") to a destination, now, with the saved
	 * settings, even when the destination is switched off; fails when it cannot be delivered.
	 *
	 * Over UDP a datagram is sent without an answer: "sent" means it left, not that it arrived.
	 *
	 * ## OPTIONS
	 *
	 * [--destination=<destination>]
	 * : Which destination; both when absent.
	 * ---
	 * options:
	 *   - file
	 *   - syslog
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel log test --destination=file
	 *     Success: file: sent (/var/log/wordpress/auth-sentinel.jsonl, event.id test-2f1c0a9e4b7d).
	 *
	 * @param array<int, string>    $args       Positional arguments.
	 * @param array<string, string> $assoc_args Flags.
	 * @return void
	 */
	public function test( $args, $assoc_args ): void {
		$names  = isset( $assoc_args['destination'] ) ? array( (string) $assoc_args['destination'] ) : array( 'file', 'syslog' );
		$config = LogConfig::get();
		$failed = array();
		foreach ( $names as $name ) {
			list( $sent, $error, $record ) = $this->forwarder->test( $name );
			$where                         = 'file' === $name ? $config['dir'] . '/' . LogConfig::FILE_NAME : ( 'unix' === $config['transport'] ? 'unix:' . $config['socket'] : $config['transport'] . '://' . $config['host'] . ':' . $config['port'] );
			if ( 1 === $sent ) {
				\WP_CLI::log( sprintf( '%s: sent (%s, event.id %s).', $name, $where, (string) $record['event.id'] ) );
			} else {
				\WP_CLI::warning( sprintf( '%s: not sent (%s): %s', $name, $where, $error ) );
				$failed[] = $name;
			}
		}
		if ( $failed ) {
			\WP_CLI::error( sprintf( 'Could not send to: %s.', implode( ', ', $failed ) ) );
		}
		\WP_CLI::success( 'Every destination took the test line.' );
	}

	/**
	 * Shows each destination's switch, failed sends, lines waiting for a retry, lines dropped
	 * and the last error.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * @param array<int, string>    $args       Positional arguments.
	 * @param array<string, string> $assoc_args Flags.
	 * @return void
	 */
	public function status( $args, $assoc_args ): void {
		$config = LogConfig::get();
		$stats  = LogSpool::stats();
		$sizes  = LogSpool::sizes();
		$rows   = array();
		foreach ( array( 'file', 'syslog' ) as $name ) {
			$mine   = $stats[ $name ] ?? array();
			$rows[] = array(
				'destination' => $name,
				'enabled'     => $config[ $name ] ? 'yes' : 'no',
				'failed'      => (int) ( $mine['failed'] ?? 0 ),
				'waiting'     => (int) ( $sizes[ $name ] ?? 0 ),
				'dropped'     => (int) ( $mine['dropped'] ?? 0 ),
				'resent'      => (int) ( $mine['resent'] ?? 0 ),
				'last_error'  => (string) ( $mine['last_error'] ?? '' ),
			);
		}
		\WP_CLI\Utils\format_items( $assoc_args['format'] ?? 'table', $rows, array( 'destination', 'enabled', 'failed', 'waiting', 'dropped', 'resent', 'last_error' ) );
	}
}
