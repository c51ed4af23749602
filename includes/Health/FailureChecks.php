<?php
/**
 * Site Health tests about recorded failures.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Events\EventsListRepository;
use AuthSentinel\Events\EventsStatsRepository;
use AuthSentinel\Events\Explanation;
use AuthSentinel\Settings\Settings;
use AuthSentinel\Vocabulary\Cause;

defined( 'ABSPATH' ) || exit;

/**
 * Tells whether two token plugins fight over the same requests and whether failures are
 * spiking. Each check is one or two queries on the failures table's indexes.
 *
 * @since 0.1.0
 */
class FailureChecks {

	/**
	 * How far back evidence counts.
	 */
	const EVIDENCE = WEEK_IN_SECONDS;

	/**
	 * Conflict rows read to name the plugins involved.
	 */
	const CONFLICT_ROWS = 50;

	/**
	 * The failures table's listing.
	 *
	 * @var EventsListRepository
	 */
	private $events;

	/**
	 * The statistics' reads of the failures table.
	 *
	 * @var EventsStatsRepository
	 */
	private $stats;

	/**
	 * The active token plugins.
	 *
	 * @var TokenPlugins
	 */
	private $plugins;

	/**
	 * Creates the checks.
	 *
	 * @param EventsListRepository  $events  The failures table's listing.
	 * @param EventsStatsRepository $stats   The statistics' reads of the failures table.
	 * @param TokenPlugins          $plugins The active token plugins.
	 */
	public function __construct( EventsListRepository $events, EventsStatsRepository $stats, TokenPlugins $plugins ) {
		$this->events  = $events;
		$this->stats   = $stats;
		$this->plugins = $plugins;
	}

	/**
	 * Checks for two token validators in conflict: failures diagnosed as a plugin conflict in
	 * the last 7 days, and more than one token plugin active.
	 *
	 * @param int|null $now The time to check at; now when null.
	 * @return array<string, mixed> A Site Health result.
	 */
	public function token_conflict( ?int $now = null ): array {
		$test   = 'auth_sentinel_token_conflict';
		$now    = $now ?? time();
		$active = $this->plugins->active();

		$found    = $this->events->find(
			array(
				'cause' => 'plugin_conflict',
				'since' => gmdate( 'Y-m-d H:i:s', $now - self::EVIDENCE ),
				'until' => gmdate( 'Y-m-d H:i:s', $now ),
			),
			1,
			self::CONFLICT_ROWS
		);
		$failures = 0;
		$pairs    = array();
		foreach ( $found['rows'] as $row ) {
			$failures     += (int) $row['count'];
			$details       = json_decode( (string) $row['details'], true );
			$issued        = is_array( $details ) ? (string) ( $details['issued_by'] ?? '' ) : '';
			$rejected      = is_array( $details ) && ! empty( $details['rejected_by'] ) ? (string) $details['rejected_by'] : (string) $row['issuer'];
			$key           = $issued . '>' . $rejected;
			$pairs[ $key ] = array( Explanation::issuer( $issued ), Explanation::issuer( $rejected ) );
		}
		if ( $found['total'] > self::CONFLICT_ROWS ) {
			$failures = $this->stats->totals(
				array(
					'cause' => 'plugin_conflict',
					'since' => gmdate( 'Y-m-d H:i:s', $now - self::EVIDENCE ),
					'until' => gmdate( 'Y-m-d H:i:s', $now ),
				)
			)['failures'];
		}

		$active_text = count( $active ) > 1
			? sprintf(
				/* translators: %s: list of plugin names. */
				__( 'Token plugins active on this site: %s. Each of them checks the Authorization header of REST requests, so a token issued by one can be refused by another that runs first.', 'auth-sentinel' ),
				implode( ', ', $active )
			)
			: '';

		if ( $failures > 0 ) {
			$list = '';
			foreach ( $pairs as $pair ) {
				$list .= '<li>' . esc_html(
					sprintf(
						/* translators: 1: plugin that issued the token, 2: plugin that refused it. */
						__( 'tokens issued by %1$s refused by %2$s', 'auth-sentinel' ),
						$pair[0],
						$pair[1]
					)
				) . '</li>';
			}
			$paragraphs = array(
				esc_html(
					sprintf(
						/* translators: %s: number of failures. */
						_n( '%s request in the last 7 days failed because two token plugins handled the same token:', '%s requests in the last 7 days failed because two token plugins handled the same token:', $failures, 'auth-sentinel' ),
						number_format_i18n( $failures )
					)
				),
				'<ul>' . $list . '</ul>',
			);
			if ( '' !== $active_text ) {
				$paragraphs[] = esc_html( $active_text );
			}
			$paragraphs[] = esc_html__( 'The apps using those tokens are signed out on every request. Keep one token plugin for the REST API, or configure the one that refuses to leave tokens it did not issue alone. The Errors screen lists the affected users and apps.', 'auth-sentinel' );
			$names        = array();
			foreach ( $pairs as $pair ) {
				$names = array_merge( $names, $pair );
			}
			return Result::make(
				$test,
				'critical',
				/* translators: %s: plugin names. */
				sprintf( __( 'Two token plugins are in conflict: %s', 'auth-sentinel' ), implode( ', ', array_unique( $names ) ) ),
				$paragraphs,
				'errors',
				__( 'See the conflicts on the Errors screen', 'auth-sentinel' ),
				array(
					'cause'  => 'plugin_conflict',
					'period' => 'week',
				)
			);
		}

		if ( count( $active ) > 1 ) {
			return Result::make(
				$test,
				'recommended',
				/* translators: %s: plugin names. */
				sprintf( __( 'Several token plugins are active: %s', 'auth-sentinel' ), implode( ', ', $active ) ),
				array(
					esc_html( $active_text ),
					esc_html__( 'No conflict was recorded in the last 7 days. If apps report “token invalid”, keep only the token plugin they use.', 'auth-sentinel' ),
				),
				'errors',
				__( 'View the Errors screen', 'auth-sentinel' )
			);
		}

		return Result::make(
			$test,
			'good',
			__( 'No conflict between token plugins', 'auth-sentinel' ),
			array(
				esc_html(
					$active
						/* translators: %s: plugin name. */
						? sprintf( __( 'One token plugin validates app tokens on this site (%s), and no request failed because of a conflict in the last 7 days.', 'auth-sentinel' ), implode( ', ', $active ) )
						: __( 'No known token plugin is active, and no request failed because of a conflict between token plugins in the last 7 days.', 'auth-sentinel' )
				),
			),
			'errors',
			__( 'View the Errors screen', 'auth-sentinel' )
		);
	}

	/**
	 * Checks for a spike of failures: the current and previous hour against the alert threshold.
	 *
	 * @param int|null $now The time to check at; now when null.
	 * @return array<string, mixed> A Site Health result.
	 */
	public function failure_spike( ?int $now = null ): array {
		$test      = 'auth_sentinel_failure_spike';
		$spike     = $this->recent_failures( $now ?? time() );
		$threshold = self::threshold();
		$total     = $spike['total'];

		$top = '';
		if ( $spike['causes'] ) {
			$cause = (string) array_key_first( $spike['causes'] );
			$top   = sprintf(
				/* translators: 1: cause, e.g. "Wrong password", 2: number of failures. */
				__( 'The most frequent cause is “%1$s” (%2$s).', 'auth-sentinel' ),
				Cause::label( $cause ),
				number_format_i18n( $spike['causes'][ $cause ] )
			);
		}
		$counted = sprintf(
			/* translators: 1: number of failures, 2: the alert threshold. */
			_n( '%1$s credential failed in the current and the previous hour; the alert threshold is %2$s an hour.', '%1$s credentials failed in the current and the previous hour; the alert threshold is %2$s an hour.', $total, 'auth-sentinel' ),
			number_format_i18n( $total ),
			number_format_i18n( $threshold )
		);

		if ( $total > $threshold ) {
			return Result::make(
				$test,
				'critical',
				/* translators: %s: number of failures. */
				sprintf( __( 'Failed sign-ins and token checks are spiking: %s in the last hour', 'auth-sentinel' ), number_format_i18n( $total ) ),
				array_filter(
					array(
						esc_html( $counted ),
						esc_html( $top ),
						esc_html__( 'Open the Errors screen to see which users and apps fail and why. Many “Wrong password” or “Unknown user” failures from few addresses are password guessing; “Secret changed” or “Header stripped” failures mean a change on the server signed apps out.', 'auth-sentinel' ),
					)
				),
				'errors',
				__( 'See the failures on the Errors screen', 'auth-sentinel' ),
				array( 'period' => 'hour' )
			);
		}
		return Result::make(
			$test,
			'good',
			__( 'No spike of failed sign-ins or token checks', 'auth-sentinel' ),
			array_filter( array( esc_html( $counted ), esc_html( $top ) ) ),
			'overview',
			__( 'View the Overview', 'auth-sentinel' )
		);
	}

	/**
	 * Sums the failures of the current and the previous hour, per cause.
	 *
	 * @param int $now Current Unix time.
	 * @return array{total: int, causes: array<string, int>} Causes by count, most frequent first.
	 */
	public function recent_failures( int $now ): array {
		$hour   = intdiv( $now, HOUR_IN_SECONDS );
		$causes = array();
		foreach ( $this->stats->per_hour(
			array(
				'since_hour' => $hour - 1,
				'until_hour' => $hour,
			)
		) as $row ) {
			$causes[ $row['cause'] ] = ( $causes[ $row['cause'] ] ?? 0 ) + $row['failures'];
		}
		arsort( $causes );
		return array(
			'total'  => (int) array_sum( $causes ),
			'causes' => $causes,
		);
	}

	/**
	 * Counts the failures diagnosed as a stripped Authorization header in the last 7 days.
	 *
	 * @param int $now Current Unix time.
	 * @return int
	 */
	public function header_stripped( int $now ): int {
		return $this->stats->totals(
			array(
				'cause' => 'header_stripped',
				'since' => gmdate( 'Y-m-d H:i:s', $now - self::EVIDENCE ),
			)
		)['failures'];
	}

	/**
	 * Returns the alert threshold in failures per hour.
	 *
	 * @return int
	 */
	public static function threshold(): int {
		return max( 1, (int) Settings::get( 'alert_spike_threshold' ) );
	}
}
