<?php
/**
 * The steps of a background export of the audit log: its file written a few seconds at a time.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Database\AtomicOption;
use AuthSentinel\Database\JobLock;
use AuthSentinel\Hooks;

defined( 'ABSPATH' ) || exit;

/**
 * Writes a running job's file (ExportJobs) step by step: each step — the screen's poll
 * (`GET /audit/exports/{id}`) or a WP-Cron event when the tab is closed — appends rows to the
 * job's file for at most a few seconds, newest first, then records where it stopped: the id
 * below which the next step goes on (a keyset position). The rows are those that existed when
 * the job started.
 *
 * A step that dies half-way (a killed PHP process, a full disk) leaves the job as it was
 * recorded before it: the next step cuts the file back to the size recorded with the position
 * and writes from there, so no row is missing or written twice. One step at a time per job (a
 * lock option, JobLock). The last step renames the file from `.part` to `.csv` and marks the
 * job `complete`.
 *
 * A step that writes while its job is cancelled (deleted) sees it gone and does not bring it
 * back.
 *
 * @since 0.2.0
 */
class ExportSteps {

	/**
	 * Seconds a step writes at most.
	 */
	const BUDGET = 5.0;

	/**
	 * Seconds one WP-Cron run goes on with a job, step after step (as long as the site's other
	 * upkeep gets in one run).
	 */
	const CRON_SECONDS = 20.0;

	/**
	 * The audit table.
	 *
	 * @var AuditExportRepository
	 */
	private $audit;

	/**
	 * The jobs and their files.
	 *
	 * @var ExportStore
	 */
	private $store;

	/**
	 * Creates the service.
	 *
	 * @param AuditExportRepository $audit The audit table.
	 * @param ExportStore           $store The jobs and their files.
	 */
	public function __construct( AuditExportRepository $audit, ExportStore $store ) {
		$this->audit = $audit;
		$this->store = $store;
	}

	/**
	 * Writes the next rows of a running job for at most a time, unless another step is writing
	 * them now (then the job is returned as it is).
	 *
	 * A job deleted while its step wrote (cancelled: `DELETE /audit/exports/{id}`) stays
	 * deleted: the step does not save it again, removes the file it may have made, schedules no
	 * next step, and returns the job as `cancelled`.
	 *
	 * @param array<string, mixed> $job    The job.
	 * @param float|null           $budget Seconds; null for the step's usual time (BUDGET, or
	 *                                     the `auth_sentinel_export_step_seconds` filter's).
	 * @return array<string, mixed> The job after the step.
	 */
	public function advance( array $job, ?float $budget = null ): array {
		if ( 'running' !== $job['state'] ) {
			return $job;
		}
		$budget = $budget ?? self::step_seconds();
		$lock   = 'export_' . $job['id'];
		$held   = JobLock::acquire( $lock, (int) ceil( $budget ) + 60 );
		if ( null === $held ) {
			return $job;
		}
		try {
			$last = $this->store->get( (string) $job['id'] ); // As the last step left it.
			if ( null === $last ) {
				$job['state'] = 'cancelled';
			} elseif ( 'running' === $last['state'] ) {
				$job = $this->step( $last, $budget );
				if ( ! $this->store->update( $job ) ) {
					$this->store->delete( $job ); // Cancelled meanwhile: what the step wrote goes too.
					$job['state'] = 'cancelled';
				}
			} else {
				$job = $last;
			}
		} finally {
			AtomicOption::delete( JobLock::PREFIX . $lock, $held );
		}
		if ( 'running' === $job['state'] && ! wp_next_scheduled( Hooks::EXPORT_STEP, array( $job['id'] ) ) ) {
			// For when no one polls: the next page load's WP-Cron goes on.
			wp_schedule_single_event( time(), Hooks::EXPORT_STEP, array( $job['id'] ) );
			if ( is_multisite() && ms_is_switched() ) {
				self::wake_site_cron();
			}
		}
		return $job;
	}

	/**
	 * Starts the WP-Cron of the site switched to, now: a job of another site, started or polled
	 * from the Network Admin (`site=`), would otherwise wait for a visit to that site. WordPress's
	 * own non-blocking request to that site's wp-cron.php (`spawn_cron()`, which itself does
	 * nothing inside a cron run); nothing when cron is run another way (`DISABLE_WP_CRON`: a
	 * system cron; `ALTERNATE_WP_CRON` would redirect this request).
	 *
	 * @return void
	 */
	private static function wake_site_cron(): void {
		if ( ( defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON ) || ( defined( 'ALTERNATE_WP_CRON' ) && ALTERNATE_WP_CRON ) ) {
			return;
		}
		spawn_cron();
	}

	/**
	 * Returns how long one step writes at most.
	 *
	 * @return float Seconds.
	 */
	public static function step_seconds(): float {
		/**
		 * Filters how long one step of a background export writes, in seconds (5 by default,
		 * 20 at most): lower it behind a proxy that cuts requests sooner.
		 *
		 * @since 0.2.0
		 *
		 * @param float $seconds Seconds.
		 */
		return min( 20.0, max( 0.0, (float) apply_filters( 'auth_sentinel_export_step_seconds', self::BUDGET ) ) );
	}

	/**
	 * Appends rows to the job's file for at most a time.
	 *
	 * @param array<string, mixed> $job    The job.
	 * @param float                $budget Seconds.
	 * @return array<string, mixed>
	 */
	private function step( array $job, float $budget ): array {
		$until  = microtime( true ) + $budget;
		$path   = $this->store->path( $job, false );
		$handle = '' === $path ? false : fopen( $path, 'c+b' ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- Appended to in steps; WP_Filesystem cannot.
		if ( false === $handle ) {
			$job['state'] = 'failed';
			return $job;
		}
		// What a step that died wrote after its last record is cut off.
		ftruncate( $handle, max( 0, (int) $job['bytes'] ) );
		fseek( $handle, (int) $job['bytes'] );
		$csv  = new AuditCsvWriter( $this->audit, (array) $job['filters'] );
		$part = $csv->write_below(
			static function ( string $chunk ) use ( $handle ): bool {
				return strlen( $chunk ) === fwrite( $handle, $chunk ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- See above.
			},
			(int) $job['next'],
			$until,
			! empty( $job['walk'] ) // Too many matches to read by id: no need to ask again each step.
		);
		fflush( $handle );
		$bytes = ftell( $handle );
		fclose( $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- See above.
		if ( $part['stopped'] || false === $bytes ) {
			$job['state'] = 'failed';
			return $job;
		}
		$job['walk'] = $part['walked'];
		if ( null !== $part['matching'] ) {
			$job['total'] = $job['rows'] + $part['matching']; // Known exactly: a selective filter.
		}
		$job['rows']  += $part['rows'];
		$job['bytes']  = $bytes;
		$job['next']   = $part['next'];
		$job['newest'] = '' === $job['newest'] ? $part['newest'] : $job['newest'];
		$job['oldest'] = '' === $part['oldest'] ? $job['oldest'] : $part['oldest'];
		if ( 0 === $part['next'] ) {
			$job['state'] = rename( $path, $this->store->path( $job, true ) ) ? 'complete' : 'failed'; // phpcs:ignore WordPress.WP.AlternativeFunctions -- In the plugin's own folder.
		}
		return $job;
	}

	/**
	 * Goes on with a job on WP-Cron (no one polls it, the tab is closed), for up to CRON_SECONDS.
	 *
	 * @param string $id The job's id.
	 * @return void
	 */
	public function cron_step( $id ): void {
		$job = $this->store->get( (string) $id );
		if ( null === $job || (int) $job['created'] + ExportJobs::KEEP <= time() ) {
			return;
		}
		// Step after step for CRON_SECONDS: the next run may be far off (a site no one visits).
		$until = microtime( true ) + self::CRON_SECONDS;
		do {
			$before = (int) $job['next'];
			$job    = $this->advance( $job );
			// No progress: another process writes this job now (the screen's poll), and goes on.
		} while ( 'running' === $job['state'] && (int) $job['next'] !== $before && microtime( true ) + self::step_seconds() <= $until );
	}
}
