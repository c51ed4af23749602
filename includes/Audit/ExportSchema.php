<?php
/**
 * The shape of a background export of the audit log in the REST API.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Rest\Dates;

defined( 'ABSPATH' ) || exit;

/**
 * The parameters `POST /audit/exports` takes (the listing's filters, or a relative `period`),
 * those kept as the user chose them, the id of `/audit/exports/{id}`, the JSON schema of an
 * export and its fields from a job (ExportsController).
 *
 * @since 0.2.0
 */
final class ExportSchema {

	/**
	 * The relative periods an export takes, in seconds back from when it starts (those of the
	 * screen's time filter, src/admin/components/filters/time-filter.ts).
	 */
	const PERIODS = array(
		'hour'  => HOUR_IN_SECONDS,
		'day'   => DAY_IN_SECONDS,
		'week'  => WEEK_IN_SECONDS,
		'month' => 30 * DAY_IN_SECONDS,
	);

	/**
	 * The parameters that make an export's filters as chosen.
	 */
	const CHOSEN = array( 'action', 'actor', 'user', 'period', 'since', 'until', 'search' );

	/**
	 * Declares the id of `/audit/exports/{id}` and its file.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function id_param(): array {
		return array(
			'id' => array(
				'description' => __( 'The export’s id.', 'auth-sentinel' ),
				'type'        => 'string',
				'pattern'     => '^[0-9a-f]{16}$',
			),
		);
	}

	/**
	 * Declares the parameters of `POST /audit/exports`: the listing's filters (without its
	 * paging, format and context), and a relative period.
	 *
	 * @param array<string, array<string, mixed>> $listing The listing's collection parameters.
	 * @return array<string, array<string, mixed>>
	 */
	public static function create_params( array $listing ): array {
		return array_diff_key( $listing, array_flip( array( 'page', 'per_page', 'format', 'context' ) ) ) + array(
			'period' => array(
				'description' => __( 'Only rows of this long before the export starts: the last hour, 24 hours, 7 days or 30 days (instead of since).', 'auth-sentinel' ),
				'type'        => 'string',
				'enum'        => array_keys( self::PERIODS ),
			),
		);
	}

	/**
	 * Returns the filters of a request as the user chose them (a relative period as `period`,
	 * not the time it gives), without the empty ones: by these the screen finds its export again.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return array<string, mixed>
	 */
	public static function chosen( $request ): array {
		$chosen = array();
		foreach ( self::CHOSEN as $key ) {
			$value = is_string( $request[ $key ] ) ? trim( $request[ $key ] ) : $request[ $key ];
			if ( null !== $value && '' !== $value ) {
				$chosen[ $key ] = $value;
			}
		}
		return $chosen;
	}

	/**
	 * Describes an export.
	 *
	 * @return array<string, mixed>
	 */
	public static function item(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'auth-sentinel-audit-export',
			'type'       => 'object',
			'properties' => array(
				'id'       => array(
					'description' => __( 'The export’s id.', 'auth-sentinel' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'filters'  => array(
					'description' => __( 'The filters the export was started with, as they were given (a relative period as `period`).', 'auth-sentinel' ),
					'type'        => 'object',
					'readonly'    => true,
				),
				'state'    => array(
					'description' => __( 'running: rows are being written; complete: the file can be downloaded; failed: it could not be written.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => array( 'running', 'complete', 'failed' ),
					'readonly'    => true,
				),
				'rows'     => array(
					'description' => __( 'Rows written so far.', 'auth-sentinel' ),
					'type'        => 'integer',
					'readonly'    => true,
				),
				'estimate' => array(
					'description' => __( 'Rows the file will have: exact for a selective filter and when complete, else estimated from the share of the log read.', 'auth-sentinel' ),
					'type'        => array( 'integer', 'null' ),
					'readonly'    => true,
				),
				'progress' => array(
					'description' => __( 'How much of the log is read, from 0 to 1.', 'auth-sentinel' ),
					'type'        => 'number',
					'readonly'    => true,
				),
				'created'  => array(
					'description' => __( 'When the export started (UTC).', 'auth-sentinel' ),
					'type'        => 'string',
					'format'      => 'date-time',
					'readonly'    => true,
				),
				'expires'  => array(
					'description' => __( 'When the export and its file are deleted (UTC).', 'auth-sentinel' ),
					'type'        => 'string',
					'format'      => 'date-time',
					'readonly'    => true,
				),
				'filename' => array(
					'description' => __( 'The file’s name, with the period of its rows; null until complete.', 'auth-sentinel' ),
					'type'        => array( 'string', 'null' ),
					'readonly'    => true,
				),
				'size'     => array(
					'description' => __( 'The file’s size in bytes; null until complete.', 'auth-sentinel' ),
					'type'        => array( 'integer', 'null' ),
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * Returns an export's fields, as the schema describes them.
	 *
	 * @param array<string, mixed> $job The job.
	 * @return array<string, mixed>
	 */
	public static function fields( array $job ): array {
		$progress = ExportJobs::progress( $job );
		$rows     = (int) $job['rows'];
		return array(
			'id'       => (string) $job['id'],
			'filters'  => (object) ( $job['chosen'] ?? array() ),
			'state'    => (string) $job['state'],
			'rows'     => $rows,
			'estimate' => 'complete' === $job['state'] ? $rows : ( isset( $job['total'] ) ? (int) $job['total'] : ( $progress > 0 ? max( $rows, (int) round( $rows / $progress ) ) : null ) ),
			'progress' => round( $progress, 4 ),
			'created'  => Dates::iso( gmdate( 'Y-m-d H:i:s', (int) $job['created'] ) ),
			'expires'  => Dates::iso( gmdate( 'Y-m-d H:i:s', (int) $job['created'] + ExportJobs::KEEP ) ),
			'filename' => 'complete' === $job['state'] ? ExportJobs::filename( $job ) : null,
			'size'     => 'complete' === $job['state'] ? (int) $job['bytes'] : null,
		);
	}
}
