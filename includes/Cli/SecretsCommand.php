<?php
/**
 * The wp auth-sentinel secrets commands.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Secrets\SecretsWatch;

defined( 'ABSPATH' ) || exit;

/**
 * Shows the watched keys, salts and token secrets: never a value.
 *
 * ## EXAMPLES
 *
 *     $ wp auth-sentinel secrets status
 *     $ wp auth-sentinel secrets history --format=json
 *
 * @since 0.1.0
 */
class SecretsCommand extends Command {

	/**
	 * The secrets watch.
	 *
	 * @var SecretsWatch
	 */
	private $watch;

	/**
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $facts;

	/**
	 * Creates the command.
	 *
	 * @param SecretsWatch $watch The secrets watch.
	 * @param SecretFacts  $facts What is known of the secrets' changes.
	 */
	public function __construct( SecretsWatch $watch, SecretFacts $facts ) {
		$this->watch = $watch;
		$this->facts = $facts;
	}

	/**
	 * Checks the secrets now, then lists their source, strength and last change.
	 *
	 * Values are never shown, stored or compared in clear: only keyed
	 * fingerprints. A first value (a salt WordPress generates, a secret a plugin
	 * creates) is learnt, not reported as a change.
	 *
	 * ## OPTIONS
	 *
	 * [--field=<field>]
	 * : Prints one field of each secret.
	 *
	 * [--fields=<fields>]
	 * : Comma-separated fields to show (name, group, source, strength, changed_at, first_seen).
	 * ---
	 * default: name,source,strength,changed_at
	 * ---
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 *   - yaml
	 *   - count
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     # Which keys are weak, default or duplicated?
	 *     $ wp auth-sentinel secrets status
	 *     +------------------+----------+----------+----------------------+
	 *     | name             | source   | strength | changed_at           |
	 *     +------------------+----------+----------+----------------------+
	 *     | AUTH_KEY         | constant | ok       | 2024-05-02T08:14:03Z |
	 *     ...
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function status( $args, $assoc_args ): void {
		$this->watch->safe_check( 'cli' );
		$state = $this->facts->snapshot();
		$items = array();
		foreach ( $state['items'] as $name => $item ) {
			// A token secret this site never had is not worth a row (as on the Secrets screen).
			if ( 'token' === $item['group'] && null === $item['fp'] && null === $item['changed_at'] ) {
				continue;
			}
			$items[] = array(
				'name'       => (string) $name,
				'group'      => (string) $item['group'],
				'source'     => (string) $item['source'],
				'strength'   => (string) $item['strength'],
				'changed_at' => self::iso( $item['changed_at'] ),
				'first_seen' => self::iso( $item['first_seen'] ),
			);
		}
		self::display( $assoc_args, $items, array( 'name', 'source', 'strength', 'changed_at' ), count( $items ) );
	}

	/**
	 * Lists the recorded changes of the secrets, newest first.
	 *
	 * ## OPTIONS
	 *
	 * [--limit=<number>]
	 * : How many changes at most.
	 * ---
	 * default: 20
	 * ---
	 *
	 * [--fields=<fields>]
	 * : Comma-separated fields to show (id, at, changed, sessions, users, trigger, actor_id).
	 * ---
	 * default: id,at,changed,sessions,users
	 * ---
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 *   - yaml
	 *   - count
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel secrets history --limit=5
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function history( $args, $assoc_args ): void {
		$items = array();
		foreach ( $this->facts->history( self::number( $assoc_args, 'limit', 20, 1, 200 ) ) as $row ) {
			$items[] = array(
				'id'       => (int) $row['id'],
				'at'       => self::iso( $row['at'] ),
				'changed'  => implode( ', ', array_map( 'strval', (array) ( $row['details']['changed'] ?? array() ) ) ),
				'sessions' => isset( $row['details']['sessions'] ) ? (int) $row['details']['sessions'] : '',
				'users'    => isset( $row['details']['users'] ) ? (int) $row['details']['users'] : '',
				'trigger'  => (string) ( $row['details']['trigger'] ?? '' ),
				'actor_id' => (int) $row['actor_id'],
			);
		}
		self::display( $assoc_args, $items, array( 'id', 'at', 'changed', 'sessions', 'users' ), count( $items ) );
	}
}
