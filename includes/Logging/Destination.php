<?php
/**
 * What a log destination does.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Logging;

defined( 'ABSPATH' ) || exit;

/**
 * A place log records are sent to: the JSON-lines file or syslog.
 *
 * @since 0.1.0
 */
interface Destination {

	/**
	 * The destination's name: file or syslog.
	 *
	 * @return string
	 */
	public function name(): string;

	/**
	 * Sends records in order within the destination's time budget, never throwing.
	 *
	 * @param array<int, array<string, string|int>> $records The records.
	 * @return array{0: int, 1: string} How many of the first records were delivered, and the error ('' when all were).
	 */
	public function send( array $records ): array;
}
