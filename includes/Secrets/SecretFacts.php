<?php
/**
 * What is known of the secrets' changes, for the screens and the diagnoses.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

use AuthSentinel\Audit\AuditRepository;

defined( 'ABSPATH' ) || exit;

/**
 * Answers questions about the secrets from what the watch stored: the known state, the change
 * history, when a secret last changed, whether a value is one a secret used to have. Reads
 * only; the watch is the one that writes.
 *
 * @since 0.1.0
 */
class SecretFacts {

	/**
	 * The known state.
	 *
	 * @var SecretsState
	 */
	private $state;

	/**
	 * The audit log, where changes are recorded.
	 *
	 * @var AuditRepository
	 */
	private $audit;

	/**
	 * Fingerprints values.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Creates the facts.
	 *
	 * @param SecretsState    $state         The known state.
	 * @param AuditRepository $audit         The audit log.
	 * @param Fingerprinter   $fingerprinter Fingerprints values.
	 */
	public function __construct( SecretsState $state, AuditRepository $audit, Fingerprinter $fingerprinter ) {
		$this->state         = $state;
		$this->audit         = $audit;
		$this->fingerprinter = $fingerprinter;
	}

	/**
	 * Returns the secrets as the REST route and the screens show them.
	 *
	 * @return array<string, mixed> With items, since and last_change.
	 */
	public function snapshot(): array {
		list( $known ) = $this->state->read();
		if ( null === $known ) {
			return array(
				'items'       => array(),
				'since'       => time(),
				'last_change' => null,
			);
		}
		return $known;
	}

	/**
	 * Returns when any of some secrets last changed, from memory; null when never.
	 *
	 * @param string[] $names Secret names.
	 * @return int|null Unix time.
	 */
	public function last_change_of( array $names ): ?int {
		$state  = $this->state->cached();
		$latest = null;
		foreach ( $names as $name ) {
			$at = $state['items'][ $name ]['changed_at'] ?? null;
			if ( null !== $at && ( null === $latest || (int) $at > $latest ) ) {
				$latest = (int) $at;
			}
		}
		return $latest;
	}

	/**
	 * Returns the names of the secrets that changed at a given time, from memory.
	 *
	 * @param int $at Unix time of a change.
	 * @return string[]
	 */
	public function names_changed_at( int $at ): array {
		$state = $this->state->cached();
		$names = array();
		foreach ( (array) ( $state['items'] ?? array() ) as $name => $item ) {
			if ( isset( $item['changed_at'] ) && (int) $item['changed_at'] === $at ) {
				$names[] = (string) $name;
			}
		}
		return $names;
	}

	/**
	 * Tells whether a value is one a secret used to have (e.g. the site's previous address).
	 *
	 * @param string $name  Secret name.
	 * @param string $value The value to compare; never stored.
	 * @return bool
	 */
	public function was_previously( string $name, string $value ): bool {
		$state = $this->state->cached();
		$fp    = $this->fingerprinter->fingerprint( $name, $value );
		return in_array( $fp, (array) ( $state['items'][ $name ]['previous'] ?? array() ), true );
	}

	/**
	 * Returns the recorded changes, newest first.
	 *
	 * @param int $limit How many at most.
	 * @return array<int, array{id: int, at: string, actor_id: int, details: array<string, mixed>}>
	 */
	public function history( int $limit = 100 ): array {
		return $this->audit->latest( SecretsWatch::ACTION, $limit );
	}
}
