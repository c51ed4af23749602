<?php
/**
 * The audit log as a CSV download, streamed.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

defined( 'ABSPATH' ) || exit;

/**
 * The answer of `GET /audit?format=csv`: a REST response that carries the export's filters
 * instead of data. The REST server sends its headers as usual; then serve(), on
 * `rest_pre_serve_request`, writes the rows in keyset batches of 1,000 (see
 * AuditExportRepository::batch()), flushing each, and tells the server the request is served.
 * Memory stays flat however long the log is.
 *
 * Rows are in the order they were written (id), newest first: the listing's order (time, then
 * id) but for rows written in the same second by concurrent requests.
 *
 * The lines are AuditCsvFormat's.
 *
 * @since 0.1.0
 */
class AuditCsv extends \WP_REST_Response {

	/**
	 * The site whose log this is (on a network, a network administrator may export another
	 * site's: the REST server has switched back by the time the file is written).
	 *
	 * @var int
	 */
	private $site;

	/**
	 * Writes the lines.
	 *
	 * @var AuditCsvWriter
	 */
	private $writer;

	/**
	 * Creates the export.
	 *
	 * @param AuditExportRepository $repository The audit table.
	 * @param array<string, mixed>  $filters    The filters.
	 * @param int|null              $now        The time to name the file after; now by default.
	 */
	public function __construct( AuditExportRepository $repository, array $filters, ?int $now = null ) {
		$this->site   = get_current_blog_id();
		$this->writer = new AuditCsvWriter( $repository, $filters );
		parent::__construct(
			null,
			200,
			array(
				'Content-Type'           => 'text/csv; charset=utf-8',
				'Content-Disposition'    => 'attachment; filename="' . self::filename( $now ?? time() ) . '"',
				'X-Content-Type-Options' => 'nosniff',
				'Cache-Control'          => 'no-store, no-cache, must-revalidate, max-age=0',
			)
		);
	}

	/**
	 * Names the file: auth-sentinel-audit-YYYYMMDD-HHMMSS.csv, in UTC.
	 *
	 * @param int $time Unix time.
	 * @return string
	 */
	public static function filename( int $time ): string {
		return 'auth-sentinel-audit-' . gmdate( 'Ymd-His', $time ) . '.csv';
	}

	/**
	 * Returns the export's filters.
	 *
	 * @return array<string, mixed>
	 */
	public function filters(): array {
		return $this->writer->filters();
	}

	/**
	 * Writes the file through a callback, one chunk per batch of rows (the first chunk is the
	 * byte order mark and the header line).
	 *
	 * @param callable $emit Receives each chunk; returning false stops the export (the client left).
	 * @return int Rows written.
	 */
	public function write( callable $emit ): int {
		$switched = is_multisite() && get_current_blog_id() !== $this->site;
		if ( $switched ) {
			switch_to_blog( $this->site );
		}
		try {
			return $this->writer->write_rows( $emit );
		} finally {
			if ( $switched ) {
				restore_current_blog();
			}
		}
	}

	/**
	 * Writes the export on `rest_pre_serve_request`, after the REST server sent the status and
	 * the response's headers; any other response is left to the server.
	 *
	 * @param bool             $served  Whether the request was served already.
	 * @param mixed            $result  The response.
	 * @param \WP_REST_Request $request The request.
	 * @return bool
	 */
	public static function serve( $served, $result, $request = null ): bool {
		if ( $served || ! $result instanceof self || 200 !== $result->get_status() ) {
			return (bool) $served;
		}
		if ( ! self::open_stream( $request ) ) {
			return true; // HEAD: the headers are all.
		}
		$result->write(
			static function ( string $chunk ): bool {
				echo $chunk; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- A CSV file, not HTML; cells are neutralised for spreadsheets.
				flush();
				return ! connection_aborted();
			}
		);
		return true;
	}

	/**
	 * Prepares the output for a CSV sent after the REST server's headers (this streamed export and
	 * a background export's file, ExportDownload): the content type said again, no time limit, and
	 * the output buffers flushed away so that each chunk goes out as it is written. False for a
	 * HEAD request, which gets the headers only.
	 *
	 * @param \WP_REST_Request|null $request The request.
	 * @return bool Whether to send the body.
	 */
	public static function open_stream( $request ): bool {
		if ( $request instanceof \WP_REST_Request && 'HEAD' === $request->get_method() ) {
			return false;
		}
		if ( ! headers_sent() ) {
			header( 'Content-Type: text/csv; charset=utf-8' ); // The server set JSON first; say it again.
		}
		if ( function_exists( 'set_time_limit' ) ) {
			set_time_limit( 0 ); // phpcs:ignore Squiz.PHP.DiscouragedFunctions.Discouraged -- A long log over a slow link takes longer than a page.
		}
		while ( ob_get_level() > 0 ) {
			$status = ob_get_status();
			if ( empty( $status['flags'] ) || ! ( $status['flags'] & PHP_OUTPUT_HANDLER_REMOVABLE ) || ! ob_end_flush() ) {
				break;
			}
		}
		return true;
	}

}
