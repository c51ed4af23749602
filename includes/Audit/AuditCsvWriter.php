<?php
/**
 * The lines of an audit export, written a batch at a time.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

defined( 'ABSPATH' ) || exit;

/**
 * Writes the CSV lines of the rows matching an export's filters, newest first, walking the
 * table down in windows of ids and keyset batches (see AuditExportRepository::batch()), or by
 * id when a selective filter finds few: for the streamed download (AuditCsv) and for a
 * background export's steps (ExportSteps), so that both files are the same.
 *
 * @since 0.1.0
 */
class AuditCsvWriter {

	/**
	 * Rows per query.
	 */
	const BATCH = 1000;

	/**
	 * Ids per window (see AuditExportRepository::batch()).
	 */
	const WINDOW = 20000;

	/**
	 * The audit table.
	 *
	 * @var AuditExportRepository
	 */
	private $repository;

	/**
	 * The export's filters (as AuditQueryRepository::find() takes them).
	 *
	 * @var array<string, mixed>
	 */
	private $filters;

	/**
	 * Creates the writer.
	 *
	 * @param AuditExportRepository $repository The audit table.
	 * @param array<string, mixed>  $filters    The filters.
	 */
	public function __construct( AuditExportRepository $repository, array $filters ) {
		$this->repository = $repository;
		$this->filters    = $filters;
	}

	/**
	 * Returns the export's filters.
	 *
	 * @return array<string, mixed>
	 */
	public function filters(): array {
		return $this->filters;
	}

	/**
	 * Writes the file of the current site (see AuditCsv::write()).
	 *
	 * @param callable $emit Receives each chunk.
	 * @return int Rows written.
	 */
	public function write_rows( callable $emit ): int {
		if ( false === $emit( AuditCsvFormat::header_line() ) ) {
			return 0;
		}
		return $this->write_below( $emit, $this->repository->max_id() + 1 )['rows'];
	}

	/**
	 * Writes the lines of the rows below an id, newest first, one chunk per batch, until every
	 * row is written or a time has passed: the whole file after AuditCsvFormat::header_line() for the download, a
	 * few seconds of it for a background export (ExportSteps), which goes on below `next` later.
	 * The rows are the same either way, so a file made in steps equals the streamed one.
	 *
	 * @param callable $emit  Receives each chunk; returning false stops.
	 * @param int      $below Only rows with a lower id (max_id() + 1 for all of them).
	 * @param float    $until A microtime(true) after which no batch starts; INF for none.
	 * @param bool     $walk  Walk the primary key without first asking for the matches by id (a
	 *                        previous call found too many: `walked` said so).
	 * @return array{rows: int, next: int, stopped: bool, newest: string, oldest: string, matching: int|null, walked: bool}
	 *         Rows written; the id to go on below (0 when every row is written); whether $emit
	 *         stopped it; the times of the first and last rows written ('' for none); how many
	 *         rows below $below match, when a selective filter told (null otherwise); whether
	 *         the rows were read down the primary key.
	 */
	public function write_below( callable $emit, int $below, float $until = INF, bool $walk = false ): array {
		$buffer = fopen( 'php://temp/maxmemory:4194304', 'w+b' );
		$out    = array(
			'rows'     => 0,
			'next'     => 0,
			'stopped'  => false,
			'newest'   => '',
			'oldest'   => '',
			'matching' => null,
			'walked'   => true,
		);
		if ( false === $buffer || $below <= 1 ) {
			$out['stopped'] = false === $buffer;
			return $out;
		}

		// Every login when the site has at most 10,000 users (one query); else id => login of the
		// batches' users, bounded: see look_up().
		$everyone   = $this->repository->all_logins( 10000 );
		$users      = $everyone ?? array();
		$summaries  = array(); // Rows alike (every "Signed in with the login form") share one sentence.
		$emit_batch = function ( array $batch ) use ( $buffer, $emit, $everyone, &$users, &$out, &$summaries ): bool {
			if ( null === $everyone ) {
				$users = $this->look_up( $batch, $users );
			}
			if ( count( $summaries ) > 5000 ) {
				$summaries = array();
			}
			foreach ( $batch as $row ) {
				AuditCsvFormat::put( $buffer, AuditCsvFormat::fields( $row, $users, $summaries ) );
			}
			$out['rows'] += count( $batch );
			if ( '' === $out['newest'] ) {
				$out['newest'] = (string) $batch[0]['at'];
			}
			$out['oldest'] = (string) $batch[ count( $batch ) - 1 ]['at'];
			if ( false === $emit( AuditCsvFormat::drain( $buffer ) ) ) {
				$out['stopped'] = true;
				return false;
			}
			return true;
		};

		// A selective filter (one user, a rare action, a narrow search): its few matches by index.
		$narrow = ! empty( $this->filters['action'] ) || isset( $this->filters['actor'] ) || ! empty( $this->filters['user'] )
			|| ! empty( $this->filters['since'] ) || ! empty( $this->filters['until'] ) || ! empty( $this->filters['search'] );
		$narrow = $narrow && ! $walk;
		// A search that most rows match is known from the newest rows, without the full-text index
		// listing every match (see AuditQueryRepository::matches_most()).
		$narrow = $narrow && ! ( ! empty( $this->filters['search'] ) && $this->repository->matches_most( $this->filters ) );
		$few    = $narrow ? $this->repository->ids( $this->filters, AuditQueryRepository::FEW + 1, false ) : array();
		if ( $narrow && count( $few ) <= AuditQueryRepository::FEW ) {
			// Only those not written yet.
			$left = array();
			foreach ( $few as $id ) {
				if ( $id < $below ) {
					$left[] = $id;
				}
			}
			$out['walked']   = false;
			$out['matching'] = count( $left );
			foreach ( array_chunk( $left, self::BATCH ) as $n => $chunk ) {
				// At least one batch per call, however short the time: every call moves on.
				if ( $n > 0 && microtime( true ) >= $until ) {
					$out['next'] = $chunk[0] + 1;
					break;
				}
				if ( ! $emit_batch( $this->repository->rows( $chunk, false ) ) ) {
					break;
				}
			}
			fclose( $buffer ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose,WordPress.WP.AlternativeFunctions -- A memory stream.
			return $out;
		}
		unset( $few );

		// Many rows: down the primary key, window by window, from the rows that exist now (what
		// is written during the export is not in it). Inside a window, keyset batches, each
		// below the last id of the one before.
		$cursor = $below;
		$floor  = max( 1, $cursor - self::WINDOW );
		$first  = true;
		while ( $cursor > 1 ) {
			// At least one batch per call, however short the time: every call moves on.
			if ( ! $first && microtime( true ) >= $until ) {
				$out['next'] = $cursor;
				break;
			}
			$first = false;
			$batch = $this->repository->export_batch( $this->filters, $cursor, $floor, self::BATCH );
			$count = count( $batch );
			if ( $count > 0 ) {
				$cursor = (int) $batch[ $count - 1 ]['id'];
				if ( ! $emit_batch( $batch ) ) {
					break;
				}
			}
			if ( $count < self::BATCH ) {
				// The window is read: the next starts at the highest id below it, so that gaps
				// left by pruning cost nothing.
				$cursor = $this->repository->max_id( $floor ) + 1;
				$floor  = max( 1, $cursor - self::WINDOW );
			}
		}

		fclose( $buffer ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose,WordPress.WP.AlternativeFunctions -- A memory stream.
		return $out;
	}

	/**
	 * Adds the logins of a batch's users to those known, forgetting them all past 10,000 so
	 * that a log of many users does not grow with the file.
	 *
	 * @param array<int, array<string, mixed>> $batch The rows.
	 * @param array<int, string|null>          $users Logins known (null: deleted user).
	 * @return array<int, string|null>
	 */
	private function look_up( array $batch, array $users ): array {
		$missing = array();
		foreach ( $batch as $row ) {
			foreach ( array( (int) $row['actor_id'], (int) $row['target_user_id'] ) as $id ) {
				if ( $id > 0 && ! array_key_exists( $id, $users ) ) {
					$missing[ $id ] = $id;
				}
			}
		}
		if ( ! $missing ) {
			return $users;
		}
		if ( count( $users ) > 10000 ) {
			$users = array();
		}
		$found = $this->repository->users( $missing );
		foreach ( $missing as $id ) {
			$users[ $id ] = isset( $found[ $id ] ) ? $found[ $id ]['login'] : null;
		}
		return $users;
	}
}
