<?php
/**
 * The download of a finished background export.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

defined( 'ABSPATH' ) || exit;

/**
 * The answer of `GET|POST /audit/exports/{id}/file`: a REST response carrying the path of a
 * finished file. The REST server sends the headers (with `Content-Length`, so that a download
 * cut short shows as failed in the browser); then serve(), on `rest_pre_serve_request`, copies
 * the file out in chunks of 1 MB and tells the server the request is served.
 *
 * @since 0.2.0
 */
class ExportDownload extends \WP_REST_Response {

	/**
	 * The file.
	 *
	 * @var string
	 */
	private $path;

	/**
	 * Creates the download.
	 *
	 * @param string $path     The finished file.
	 * @param string $filename The name the browser saves it as.
	 */
	public function __construct( string $path, string $filename ) {
		$this->path = $path;
		parent::__construct(
			null,
			200,
			array(
				'Content-Type'           => 'text/csv; charset=utf-8',
				'Content-Disposition'    => 'attachment; filename="' . $filename . '"',
				'Content-Length'         => (string) (int) filesize( $path ),
				'X-Content-Type-Options' => 'nosniff',
				'Cache-Control'          => 'no-store, no-cache, must-revalidate, max-age=0',
			)
		);
	}

	/**
	 * Returns the file's path.
	 *
	 * @return string
	 */
	public function path(): string {
		return $this->path;
	}

	/**
	 * Sends the file on `rest_pre_serve_request`, after the REST server sent the status and the
	 * headers; any other response is left to the server.
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
		if ( ! AuditCsv::open_stream( $request ) ) {
			return true; // HEAD: the headers are all.
		}
		$handle = fopen( $result->path(), 'rb' ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- Streamed out in chunks.
		if ( false === $handle ) {
			return true;
		}
		while ( ! feof( $handle ) && ! connection_aborted() ) {
			echo (string) fread( $handle, 1048576 ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped,WordPress.WP.AlternativeFunctions -- A CSV file written by AuditCsv, not HTML.
			flush();
		}
		fclose( $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- See above.
		return true;
	}
}
