<?php
/**
 * The "Auth Sentinel" dashboard widget.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Admin\AdminPages;
use AuthSentinel\Capabilities;
use AuthSentinel\Events\EventsStatsRepository;
use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Sessions\Inventory;
use AuthSentinel\Vocabulary\Cause;

defined( 'ABSPATH' ) || exit;

/**
 * Shows on the dashboard, to users with the plugin's capability, the failures of the last
 * 24 hours by cause with an hourly sparkline, the latest secret change and the active sessions.
 * Three queries (failures per hour and cause, the latest change, the sessions count), kept for
 * five minutes in a transient, which a secret change clears.
 *
 * @since 0.1.0
 */
class DashboardWidget {

	/**
	 * The widget's id.
	 */
	const ID = 'auth_sentinel_dashboard';

	/**
	 * The transient holding the numbers.
	 */
	const CACHE = 'auth_sentinel_dashboard';

	/**
	 * How long the numbers are kept, in seconds.
	 */
	const TTL = 300;

	/**
	 * The stylesheet handle.
	 */
	const STYLE = 'auth-sentinel-dashboard';

	/**
	 * Hours shown.
	 */
	const HOURS = 24;

	/**
	 * The failures table.
	 *
	 * @var EventsStatsRepository
	 */
	private $events;

	/**
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $facts;

	/**
	 * The inventory of credentials.
	 *
	 * @var Inventory
	 */
	private $inventory;

	/**
	 * Creates the widget.
	 *
	 * @param EventsStatsRepository $events    The failures table.
	 * @param SecretFacts           $facts     What is known of the secrets' changes.
	 * @param Inventory             $inventory The inventory of credentials.
	 */
	public function __construct( EventsStatsRepository $events, SecretFacts $facts, Inventory $inventory ) {
		$this->events    = $events;
		$this->facts     = $facts;
		$this->inventory = $inventory;
	}

	/**
	 * Adds the widget for users with the plugin's capability (on wp_dashboard_setup).
	 *
	 * @return void
	 */
	public function setup(): void {
		if ( ! Capabilities::current_user_can() ) {
			return;
		}
		wp_add_dashboard_widget( self::ID, __( 'Auth Sentinel', 'auth-sentinel' ), array( $this, 'render' ) );
	}

	/**
	 * Loads the widget's stylesheet on the dashboard.
	 *
	 * @param string $hook_suffix The admin page.
	 * @return void
	 */
	public function enqueue( $hook_suffix ): void {
		if ( 'index.php' !== $hook_suffix || ! Capabilities::current_user_can() ) {
			return;
		}
		wp_enqueue_style( self::STYLE, plugins_url( 'assets/dashboard-widget.css', AUTH_SENTINEL_FILE ), array(), AUTH_SENTINEL_VERSION );
	}

	/**
	 * Returns the widget's numbers, from the cache when it is fresh.
	 *
	 * @return array{hour: int, hourly: int[], causes: array<string, int>, change: array{at: int, names: string[]}|null, sessions: int}
	 */
	public function data(): array {
		$cached = get_transient( self::CACHE );
		if ( is_array( $cached ) && isset( $cached['hour'], $cached['hourly'], $cached['causes'], $cached['sessions'] ) && array_key_exists( 'change', $cached ) ) {
			return $cached;
		}

		$hour   = intdiv( time(), HOUR_IN_SECONDS );
		$first  = $hour - self::HOURS + 1;
		$hourly = array_fill( 0, self::HOURS, 0 );
		$causes = array();
		foreach ( $this->events->per_hour(
			array(
				'since_hour' => $first,
				'until_hour' => $hour,
			)
		) as $row ) {
			$hourly[ $row['hour'] - $first ] += $row['failures'];
			$causes[ $row['cause'] ]          = ( $causes[ $row['cause'] ] ?? 0 ) + $row['failures'];
		}
		arsort( $causes );

		$change = null;
		$latest = $this->facts->history( 1 );
		if ( $latest ) {
			$change = array(
				'at'    => (int) strtotime( $latest[0]['at'] . ' UTC' ),
				'names' => array_values( array_map( 'strval', (array) ( $latest[0]['details']['changed'] ?? array() ) ) ),
			);
		}

		$data = array(
			'hour'     => $hour,
			'hourly'   => $hourly,
			'causes'   => $causes,
			'change'   => $change,
			'sessions' => $this->inventory->count_active(),
		);
		set_transient( self::CACHE, $data, self::TTL );
		return $data;
	}

	/**
	 * Forgets the cached numbers.
	 *
	 * @return void
	 */
	public static function flush(): void {
		delete_transient( self::CACHE );
	}

	/**
	 * Prints the widget.
	 *
	 * @return void
	 */
	public function render(): void {
		echo $this->html( $this->data() ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Built from escaped parts in html().
	}

	/**
	 * Builds the widget's HTML from its numbers.
	 *
	 * @param array<string, mixed> $data As data() returns it.
	 * @param int|null             $now  Current time, for "… ago"; now when null.
	 * @return string Safe HTML.
	 */
	public function html( array $data, ?int $now = null ): string {
		$now    = $now ?? time();
		$hourly = array_map( 'intval', (array) $data['hourly'] );
		$causes = array_map( 'intval', (array) $data['causes'] );
		$total  = (int) array_sum( $causes );
		$first  = (int) $data['hour'] - count( $hourly ) + 1;

		$html  = '<div class="auth-sentinel-widget">';
		$html .= '<p class="auth-sentinel-widget__total">' . sprintf(
			/* translators: %s: number of failures, in bold. */
			esc_html( _n( '%s failed sign-in or token check in the last 24 hours', '%s failed sign-ins and token checks in the last 24 hours', $total, 'auth-sentinel' ) ),
			'<strong>' . esc_html( number_format_i18n( $total ) ) . '</strong>'
		) . '</p>';
		$html .= Sparkline::svg( $hourly, $first );

		if ( $causes ) {
			$html .= '<h3 class="auth-sentinel-widget__heading">' . esc_html__( 'By cause', 'auth-sentinel' ) . '</h3>';
			$html .= '<ul class="auth-sentinel-widget__causes">';
			foreach ( $causes as $cause => $count ) {
				$url   = add_query_arg(
					array(
						'cause'  => rawurlencode( (string) $cause ),
						'period' => 'day',
					),
					AdminPages::url( 'errors' )
				);
				$html .= sprintf(
					'<li data-cause="%1$s"><a href="%2$s">%3$s</a> <span class="auth-sentinel-widget__count">%4$s</span></li>',
					esc_attr( (string) $cause ),
					esc_url( $url ),
					esc_html( Cause::label( (string) $cause ) ),
					esc_html( number_format_i18n( $count ) )
				);
			}
			$html .= '</ul>';
		}

		$html  .= '<ul class="auth-sentinel-widget__facts">';
		$change = is_array( $data['change'] ) ? $data['change'] : null;
		$html  .= '<li class="auth-sentinel-widget__change">' . ( null !== $change
			? sprintf(
				/* translators: 1: secret names, 2: time since, e.g. "3 hours". */
				esc_html__( 'Latest secret change: %1$s, %2$s ago', 'auth-sentinel' ),
				Result::names( (array) $change['names'] ),
				esc_html( human_time_diff( (int) $change['at'], max( (int) $change['at'], $now ) ) )
			)
			: esc_html__( 'Latest secret change: no change recorded', 'auth-sentinel' ) ) . '</li>';
		$html .= '<li class="auth-sentinel-widget__sessions">' . sprintf(
			/* translators: %s: number of sessions, in bold. */
			esc_html__( 'Active sessions: %s', 'auth-sentinel' ),
			'<strong>' . esc_html( number_format_i18n( (int) $data['sessions'] ) ) . '</strong>'
		) . '</li>';
		$html .= '</ul>';

		$links = array();
		foreach ( array( 'overview', 'errors', 'sessions' ) as $screen ) {
			$links[] = sprintf( '<a href="%s">%s</a>', esc_url( AdminPages::url( $screen ) ), esc_html( AdminPages::titles()[ $screen ] ) );
		}
		$html .= '<p class="auth-sentinel-widget__links">' . implode( ' | ', $links ) . '</p>';
		$html .= '</div>';
		return $html;
	}
}
