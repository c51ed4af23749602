<?php
/**
 * Who is revoking, and why, while a revocation runs.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * A revocation ends credentials through core (sessions destroyed, application passwords
 * deleted), whose hooks the trackers hear: while it runs, they attribute what ends to its reason
 * and actor and leave alone the fingerprints it keeps. Outside one, they infer (a user ending
 * their own current session signed out).
 *
 * @since 0.1.0
 */
class RevocationContext {

	/**
	 * The revocation in progress: reason, by, keep (fingerprints to leave).
	 *
	 * @var array{reason: string, by: int, keep: string[]}|null
	 */
	private $current;

	/**
	 * Runs a revocation with its reason and actor.
	 *
	 * @param string   $reason Why.
	 * @param int      $by     Who.
	 * @param string[] $keep   Fingerprints to leave.
	 * @param callable $work   The revocation.
	 * @return mixed What $work returns.
	 */
	public function during( string $reason, int $by, array $keep, callable $work ) {
		$outer         = $this->current;
		$this->current = array(
			'reason' => $reason,
			'by'     => $by,
			'keep'   => $keep,
		);
		try {
			return $work();
		} finally {
			$this->current = $outer;
		}
	}

	/**
	 * Tells whether a revocation is running.
	 *
	 * @return bool
	 */
	public function active(): bool {
		return null !== $this->current;
	}

	/**
	 * The running revocation's reason, or a fallback.
	 *
	 * @param string $otherwise Without one.
	 * @return string
	 */
	public function reason( string $otherwise ): string {
		return null === $this->current ? $otherwise : $this->current['reason'];
	}

	/**
	 * The running revocation's actor, or the signed-in user.
	 *
	 * @return int
	 */
	public function by(): int {
		return null === $this->current ? get_current_user_id() : $this->current['by'];
	}

	/**
	 * The fingerprints the running revocation keeps.
	 *
	 * @return string[]
	 */
	public function keep(): array {
		return null === $this->current ? array() : $this->current['keep'];
	}
}
