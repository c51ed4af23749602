<?php
/**
 * Background exports of the audit log: a file written a few seconds at a time.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Hooks;

defined( 'ABSPATH' ) || exit;

/**
 * Makes a CSV export of any size without a long request: a job is started with the filters
 * (`POST /audit/exports`), and its steps (ExportSteps) — the screen's poll
 * (`GET /audit/exports/{id}`) or a WP-Cron event when the tab is closed — append its rows to
 * the job's file a few seconds at a time. The rows are those that existed when the job started.
 *
 * The file is offered only once its last row is written (the job is `complete` and the file
 * renamed from `.part` to `.csv`); it and the job are deleted a day after the job started, by a
 * WP-Cron event and by the daily pruning.
 *
 * A job can be cancelled while it runs (deleted, with its file and its next WP-Cron step; a
 * step writing at that moment sees it gone and does not bring it back).
 *
 * A job belongs to the user who started it, on the site it was started on (its option and its
 * file are that site's, and the site is recorded in it): other users, administrators included,
 * do not see it (they may start their own; the audit log is theirs to read anyway). On a network,
 * a network administrator's export from the Network Admin is of the site that screen shows.
 *
 * @since 0.2.0
 */
class ExportJobs {

	/**
	 * Seconds a job and its file are kept after it started.
	 */
	const KEEP = DAY_IN_SECONDS;

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
	 * Starts a job: records it, writes its file's header line and schedules its expiry.
	 *
	 * @param array<string, mixed> $filters The filters (as AuditQueryRepository::find() takes them).
	 * @param int                  $user    Who starts it.
	 * @param array<string, mixed> $chosen  The filters as the user chose them (a relative period
	 *                                      such as `period=week` rather than the time it gave),
	 *                                      by which the screen finds the export again.
	 * @return array<string, mixed>|null The job; null when the uploads folder cannot be written.
	 */
	public function start( array $filters, int $user, array $chosen = array() ): ?array {
		$id          = bin2hex( random_bytes( 8 ) );
		$now         = time();
		$job         = array(
			'id'      => $id,
			'user'    => $user,
			'site'    => get_current_blog_id(),
			'filters' => $filters,
			'chosen'  => $chosen,
			'state'   => 'running',
			'created' => $now,
			'started' => microtime( true ), // Orders a user's exports of one second.
			'top'     => $this->audit->max_id() + 1,
			'next'    => 0,
			'rows'    => 0,
			'bytes'   => 0,
			'newest'  => '',
			'oldest'  => '',
			'file'    => $id . '-' . bin2hex( random_bytes( 16 ) ),
		);
		$job['next'] = $job['top'];
		$path        = $this->store->path( $job, false );
		$header      = AuditCsvFormat::header_line();
		if ( '' === $path || strlen( $header ) !== file_put_contents( $path, $header ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions -- The job's own file.
			return null;
		}
		$job['bytes'] = strlen( $header );
		$this->store->put( $job );
		wp_schedule_single_event( $now + self::KEEP, Hooks::EXPORT_EXPIRE, array( $id ) );
		return $job;
	}

	/**
	 * Returns a job of a user.
	 *
	 * @param string $id    The job's id.
	 * @param int    $user  The user asking.
	 * @param bool   $fresh False when the store has just read it (ExportStore::prime()).
	 * @return array<string, mixed>|null Null when there is none, or it is another user's.
	 */
	public function find( string $id, int $user, bool $fresh = true ): ?array {
		$job = $this->store->get( $id, $fresh );
		if ( null === $job || (int) $job['user'] !== $user || get_current_blog_id() !== (int) $job['site'] ) {
			return null;
		}
		if ( (int) $job['created'] + self::KEEP <= time() ) {
			$this->store->delete( $job ); // Expired: as if the cron had been.
			return null;
		}
		return $job;
	}

	/**
	 * Lists a user's jobs on the current site, newest first (a day's worth at most: older ones
	 * are deleted on the way).
	 *
	 * @param int $user The user asking.
	 * @return array<int, array<string, mixed>>
	 */
	public function mine( int $user ): array {
		$jobs = array();
		$ids  = array_map( 'strval', array_keys( $this->store->files() ) );
		$this->store->prime( $ids ); // One query for the site's jobs, not one each.
		foreach ( $ids as $id ) {
			$job = $this->find( $id, $user, false );
			if ( null !== $job ) {
				$jobs[] = $job;
			}
		}
		usort(
			$jobs,
			static function ( array $a, array $b ): int {
				return (float) ( $b['started'] ?? $b['created'] ) <=> (float) ( $a['started'] ?? $a['created'] );
			}
		);
		return $jobs;
	}

	/**
	 * Returns the finished file of a job, or null when it is not finished.
	 *
	 * @param array<string, mixed> $job The job.
	 * @return string|null
	 */
	public function file( array $job ): ?string {
		$path = $this->store->path( $job, true );
		return 'complete' === $job['state'] && '' !== $path && is_file( $path ) ? $path : null;
	}

	/**
	 * Deletes a job and its file.
	 *
	 * @param array<string, mixed> $job The job.
	 * @return void
	 */
	public function delete( array $job ): void {
		wp_clear_scheduled_hook( Hooks::EXPORT_STEP, array( $job['id'] ) );
		wp_clear_scheduled_hook( Hooks::EXPORT_EXPIRE, array( $job['id'] ) );
		$this->store->delete( $job );
	}

	/**
	 * Names the finished file after the times of its rows: auth-sentinel-audit-<oldest>-to-<newest>.csv
	 * (UTC), or after the filters' period when no row matched.
	 *
	 * @param array<string, mixed> $job The job.
	 * @return string
	 */
	public static function filename( array $job ): string {
		$filters = (array) $job['filters'];
		$from    = '' !== $job['oldest'] ? $job['oldest'] : (string) ( $filters['since'] ?? '' );
		$to      = '' !== $job['newest'] ? $job['newest'] : (string) ( $filters['until'] ?? gmdate( 'Y-m-d H:i:s', (int) $job['created'] ) );
		$stamp   = static function ( string $time ): string {
			$unix = strtotime( $time . ' UTC' );
			return false === $unix ? 'start' : gmdate( 'Ymd-His', $unix );
		};
		return 'auth-sentinel-audit-' . ( '' === $from ? 'start' : $stamp( $from ) ) . '-to-' . $stamp( $to ) . '.csv';
	}

	/**
	 * Tells how far a job is, from 0 to 1: its rows out of all it will have when a selective
	 * filter told how many match; else the share of the log's ids it has read (rows match
	 * unevenly, so this is the work done, not a count of rows).
	 *
	 * @param array<string, mixed> $job The job.
	 * @return float
	 */
	public static function progress( array $job ): float {
		if ( 'complete' === $job['state'] ) {
			return 1.0;
		}
		if ( isset( $job['total'] ) ) {
			return max( 0.0, min( 0.99, (int) $job['rows'] / max( 1, (int) $job['total'] ) ) );
		}
		$span = max( 1, (int) $job['top'] - 1 );
		return max( 0.0, min( 0.99, ( (int) $job['top'] - (int) $job['next'] ) / $span ) );
	}

	/**
	 * Deletes a job a day after it started (its single WP-Cron event).
	 *
	 * @param string $id The job's id.
	 * @return void
	 */
	public function expire( $id ): void {
		$job = $this->store->get( (string) $id );
		if ( null !== $job ) {
			$this->delete( $job );
		}
	}

	/**
	 * Deletes every job older than a day, and any file of the folder without a job (on the
	 * daily pruning, in case an expiry event was lost).
	 *
	 * @return int Jobs deleted.
	 */
	public function clean(): int {
		$deleted = 0;
		foreach ( $this->store->files() as $id => $written ) {
			$job = $this->store->get( (string) $id );
			if ( null === $job ) {
				$job = array(
					'id'   => (string) $id,
					'file' => '',
				);
				if ( $written + self::KEEP > time() ) {
					continue; // Being started right now, perhaps.
				}
				foreach ( (array) glob( ExportStore::folder() . '/' . $id . '-*' ) as $orphan ) {
					wp_delete_file( (string) $orphan );
				}
			} elseif ( (int) $job['created'] + self::KEEP > time() ) {
				continue;
			}
			$this->delete( $job );
			++$deleted;
		}
		return $deleted;
	}
}
