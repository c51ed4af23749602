<?php
/**
 * REST route summarising failures over time.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Catalog\CatalogEntries;
use AuthSentinel\Rest\Controller;

defined( 'ABSPATH' ) || exit;

/**
 * Answers `GET /auth-sentinel/v1/events/stats`: failures per hour or day by cause, the secret
 * changes as markers, the most affected users, apps and catalog entries, and the spike that
 * followed a secret change. The route, its parameters and schema, and the range's checks are
 * here; StatsReport assembles the answer.
 *
 * @since 0.1.0
 */
class StatsController extends Controller {

	/**
	 * The error catalog (the search's codes, EventsController::filters()).
	 *
	 * @var CatalogEntries
	 */
	private $catalog;

	/**
	 * Assembles the answer.
	 *
	 * @var StatsReport
	 */
	private $report;

	/**
	 * Creates the controller.
	 *
	 * @param CatalogEntries $catalog The error catalog.
	 * @param StatsReport    $report  Assembles the answer.
	 */
	public function __construct( CatalogEntries $catalog, StatsReport $report ) {
		parent::__construct( 'events/stats' );
		$this->catalog = $catalog;
		$this->report  = $report;
	}

	/**
	 * The longest range by hour, in hours (31 days).
	 */
	const MAX_HOURS = 31 * 24;

	/**
	 * The longest range by day, in days (two years).
	 */
	const MAX_DAYS = 731;

	/**
	 * No range starts before this (2000-01-01 UTC).
	 */
	const EARLIEST = 946684800;

	/**
	 * Registers the route.
	 *
	 * @return void
	 */
	public function register_routes() {
		$this->register_collection_route();
	}

	/**
	 * Summarises failures.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$interval = 'day' === $request['interval'] ? 'day' : 'hour';
		$until    = $request['until'] ? (int) strtotime( (string) $request['until'] ) : time();
		$since    = $request['since'] ? (int) strtotime( (string) $request['since'] ) : $until - ( 'day' === $interval ? 30 * DAY_IN_SECONDS : DAY_IN_SECONDS ) + 1;
		if ( $since > $until ) {
			return new \WP_Error( 'auth_sentinel_bad_range', __( '`since` must be before `until`.', 'auth-sentinel' ), array( 'status' => 400 ) );
		}
		// Bounded: a range is buckets in memory. Hours cover at most 31 days, days at most 2 years,
		// and nothing before 2000 or after tomorrow (no failure can be there).
		$longest = 'day' === $interval ? self::MAX_DAYS * DAY_IN_SECONDS : self::MAX_HOURS * HOUR_IN_SECONDS;
		if ( $since < self::EARLIEST || $until > time() + DAY_IN_SECONDS || $until - $since > $longest ) {
			return new \WP_Error(
				'auth_sentinel_range_too_long',
				'day' === $interval
					/* translators: %d: a number of days. */
					? sprintf( __( 'A range by day covers at most %d days, between the year 2000 and tomorrow.', 'auth-sentinel' ), self::MAX_DAYS )
					/* translators: %d: a number of days. */
					: sprintf( __( 'A range by hour covers at most %d days, between the year 2000 and tomorrow; ask by day for more.', 'auth-sentinel' ), intdiv( self::MAX_HOURS, 24 ) ),
				array( 'status' => 400 )
			);
		}

		$filters = EventsController::filters( $request, $this->catalog );
		return rest_ensure_response( $this->report->answer( $interval, $since, $until, $filters ) );
	}

	/**
	 * Declares the query parameters.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function get_collection_params() {
		$params = EventsController::filter_params();
		unset( $params['orderby'], $params['order'] );
		$params['interval'] = array(
			'description' => __( 'Bucket size.', 'auth-sentinel' ),
			'type'        => 'string',
			'enum'        => array( 'hour', 'day' ),
			'default'     => 'hour',
		);
		$params['search']   = array(
			'description' => EventsController::search_description(),
			'type'        => 'string',
			'maxLength'   => self::SEARCH_MAX,
		);
		return $params;
	}

	/**
	 * Describes the answer.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = array(
				'$schema'    => 'http://json-schema.org/draft-04/schema#',
				'title'      => 'auth-sentinel-event-stats',
				'type'       => 'object',
				'properties' => array(
					'interval'      => array( 'type' => 'string' ),
					'since'         => array( 'type' => 'string' ),
					'until'         => array( 'type' => 'string' ),
					'buckets'       => array( 'type' => 'array' ),
					'markers'       => array( 'type' => 'array' ),
					'totals'        => array( 'type' => 'object' ),
					'total'         => array( 'type' => 'integer' ),
					'users'         => array( 'type' => 'integer' ),
					'users_exact'   => array(
						'type'        => 'boolean',
						'description' => __( 'False when `users` is an estimate (a long range, counted from the hourly and daily sums, within about 3%).', 'auth-sentinel' ),
					),
					'top_users'     => array( 'type' => 'array' ),
					'top_clients'   => array( 'type' => 'array' ),
					'top_codes'     => array( 'type' => 'array' ),
					'spike'         => array( 'type' => array( 'object', 'null' ) ),
					'complete'      => array(
						'type'        => 'boolean',
						'description' => __( 'False when only the newest hours of the period are counted (from `counted_since`): a search that matches most failures of the period or more than 10,000 of its rows, as told from the newest rows or found by index.', 'auth-sentinel' ),
					),
					'counted_since' => array(
						'type'        => 'string',
						'description' => __( 'Start of the failures counted: `since`, or with `complete` false the first hour counted.', 'auth-sentinel' ),
					),
				),
			);
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
