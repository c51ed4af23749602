<?php
/**
 * The dashboard widget shows administrators the last day of failures, the latest secret
 * change and the active sessions.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

// phpcs:disable WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL,WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- Tests read the site's own tables and files, and fire core's hooks as WordPress does.

use AuthSentinel\Database\Schema;
use AuthSentinel\Health\DashboardWidget;
use AuthSentinel\Plugin;

require_once __DIR__ . '/EventsTrait.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
require_once ABSPATH . 'wp-admin/includes/dashboard.php';

/**
 * The widget rendered as the dashboard renders it, after failures made for real.
 */
class DashboardWidgetTest extends TestCase {

	use EventsTrait;

	/**
	 * Starts every test with fresh numbers.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		DashboardWidget::flush();
	}

	/**
	 * Leaves no user signed in and no dashboard state behind.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		global $wp_meta_boxes;
		$wp_meta_boxes = array(); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- Test isolation.
		wp_set_current_user( 0 );
		DashboardWidget::flush();
		parent::tearDown();
		$this->settle_salts();
	}

	/**
	 * Runs the dashboard's widget setup as a user; returns the widget's callback, or null when
	 * the widget was not added.
	 *
	 * @param string $login The user.
	 * @return callable|null
	 */
	private function widget_for( string $login ): ?callable {
		global $wp_meta_boxes;
		$wp_meta_boxes = array(); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- Test isolation.
		wp_set_current_user( $this->user( $login ) );
		set_current_screen( 'dashboard' );
		do_action( 'wp_dashboard_setup' );
		foreach ( (array) ( $wp_meta_boxes['dashboard'] ?? array() ) as $context ) {
			foreach ( $context as $priority ) {
				if ( isset( $priority[ DashboardWidget::ID ] ) ) {
					$this->assertSame( 'Auth Sentinel', $priority[ DashboardWidget::ID ]['title'] );
					return $priority[ DashboardWidget::ID ]['callback'];
				}
			}
		}
		return null;
	}

	/**
	 * Renders the widget as the administrator sees it, with numbers computed now.
	 *
	 * @return string HTML.
	 */
	private function render(): string {
		DashboardWidget::flush();
		return $this->render_cached();
	}

	/**
	 * Renders the widget as the administrator sees it, cache allowed.
	 *
	 * @return string HTML.
	 */
	private function render_cached(): string {
		$callback = $this->widget_for( 'admin' );
		$this->assertNotNull( $callback, 'the widget is added for the administrator' );
		ob_start();
		call_user_func( $callback, '', array() );
		return (string) ob_get_clean();
	}

	/**
	 * Reads the count shown for a cause, 0 when the cause is not listed.
	 *
	 * @param string $html  The widget.
	 * @param string $cause Cause code.
	 * @param string $label The words it must be shown with.
	 * @return int
	 */
	private function shown( string $html, string $cause, string $label ): int {
		if ( ! preg_match( '#<li data-cause="' . $cause . '"><a href="[^"]*cause=' . $cause . '[^"]*">([^<]+)</a> <span class="auth-sentinel-widget__count">([\d,]+)</span></li>#', $html, $match ) ) {
			return 0;
		}
		$this->assertSame( $label, $match[1] );
		return (int) str_replace( ',', '', $match[2] );
	}

	/**
	 * Reads the 24-hour total the widget shows.
	 *
	 * @param string $html The widget.
	 * @return int
	 */
	private function total( string $html ): int {
		$this->assertSame( 1, preg_match( '#<strong>([\d,]+)</strong> failed sign-ins? (and|or) token checks? in the last 24 hours#', $html, $match ), $html );
		return (int) str_replace( ',', '', $match[1] );
	}

	/**
	 * Sums a cause's failures of the last 24 hours straight from the table.
	 *
	 * @param string $cause Cause code.
	 * @return int
	 */
	private function in_table( string $cause ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COALESCE(SUM(count), 0) FROM ' . Schema::events_table() . ' WHERE cause = %s AND hour >= %d', $cause, intdiv( time(), HOUR_IN_SECONDS ) - 23 ) );
	}

	/**
	 * Fails a sign-in through wp-login.php with this test's user agent.
	 *
	 * @param string $login The login tried.
	 * @return void
	 */
	private function failed_login( string $login ): void {
		$this->http(
			'POST',
			'/wp-login.php',
			array(
				'headers' => array( $this->agent_header() ),
				'body'    => http_build_query(
					array(
						'log' => $login,
						'pwd' => 'not-the-password',
					)
				),
			)
		);
	}

	/**
	 * Administrators get the widget and its stylesheet; an editor does not, in process and on
	 * the real dashboard.
	 */
	public function test_only_for_users_with_the_capability(): void {
		$this->assertNull( $this->widget_for( 'editor' ), 'not added for an editor' );
		$this->assertIsCallable( $this->widget_for( 'admin' ) );

		$admin = $this->http( 'GET', '/wp-admin/', array( 'cookies' => $this->sign_in( 'admin' ) ) );
		$this->assertSame( 200, $admin['status'] );
		$this->assertStringContainsString( 'id="' . DashboardWidget::ID . '"', $admin['body'] );
		$this->assertStringContainsString( 'class="auth-sentinel-widget"', $admin['body'] );
		$this->assertStringContainsString( 'auth-sentinel/assets/dashboard-widget.css', $admin['body'] );

		$editor = $this->http( 'GET', '/wp-admin/', array( 'cookies' => $this->sign_in( 'editor' ) ) );
		$this->assertSame( 200, $editor['status'] );
		$this->assertStringContainsString( 'id="dashboard-widgets"', $editor['body'], 'the editor does see a dashboard' );
		$this->assertStringNotContainsString( DashboardWidget::ID, $editor['body'] );
		$this->assertStringNotContainsString( 'dashboard-widget.css', $editor['body'] );
	}

	/**
	 * Failures made for real appear under their causes, in words, and in the 24-hour total;
	 * the numbers stay cached for a few minutes.
	 */
	public function test_shows_the_failures_by_cause(): void {
		$before = $this->render();
		$wrong  = $this->shown( $before, 'bad_credentials', 'Wrong password' );
		$nobody = $this->shown( $before, 'unknown_user', 'Unknown user' );
		$total  = $this->total( $before );

		for ( $i = 0; $i < 3; $i++ ) {
			$this->failed_login( 'editor' );
		}
		$this->failed_login( 'nobody-' . wp_generate_password( 6, false ) );
		$this->failed_login( 'nobody-' . wp_generate_password( 6, false ) );
		$this->assertCount( 3, $this->my_events(), 'one row for the editor, one per unknown login' );

		$cached = $this->render_cached();
		$this->assertSame( $total, $this->total( $cached ), 'cached for a few minutes' );
		$this->assertSame( $wrong, $this->shown( $cached, 'bad_credentials', 'Wrong password' ), 'cached for a few minutes' );

		$after = $this->render();
		$this->assertSame( $wrong + 3, $this->shown( $after, 'bad_credentials', 'Wrong password' ) );
		$this->assertSame( $nobody + 2, $this->shown( $after, 'unknown_user', 'Unknown user' ) );
		$this->assertSame( $this->in_table( 'bad_credentials' ), $this->shown( $after, 'bad_credentials', 'Wrong password' ) );
		$this->assertSame( $total + 5, $this->total( $after ) );
		$this->assertStringContainsString( 'page=auth-sentinel-errors&#038;cause=bad_credentials&#038;period=day', $after );
		$this->assertStringNotContainsString( '>bad_credentials<', $after, 'causes are named in words' );
	}

	/**
	 * The sparkline is an image with a text alternative that says the total and the busiest
	 * hour, drawn from 24 hourly points; the current hour holds this test's failures.
	 */
	public function test_sparkline_is_accessible(): void {
		$this->failed_login( 'editor' );
		$html = $this->render();
		$this->assertSame( 1, preg_match( '#<svg class="auth-sentinel-sparkline" role="img" aria-label="([^"]+)"[^>]*><title>([^<]+)</title>#', $html, $svg ), $html );
		$total = $this->total( $html );
		$this->assertStringContainsString( 'Failures per hour over the last 24 hours: ' . number_format_i18n( $total ) . ' in total', $svg[1] );
		$this->assertSame( $svg[1], $svg[2], 'the same text for the tooltip' );
		$this->assertSame( 1, preg_match( '#<polyline class="auth-sentinel-sparkline__line" points="([^"]+)"#', $html, $line ) );
		$points = explode( ' ', $line[1] );
		$this->assertCount( 24, $points );
		list( , $last_y ) = explode( ',', (string) end( $points ) );
		$this->assertLessThan( 38.0, (float) $last_y, 'the current hour is above the baseline' );

		$empty = ( Plugin::get( DashboardWidget::class ) )->html(
			array(
				'hour'     => intdiv( time(), HOUR_IN_SECONDS ),
				'hourly'   => array_fill( 0, 24, 0 ),
				'causes'   => array(),
				'change'   => null,
				'sessions' => 0,
			)
		);
		$this->assertStringContainsString( 'aria-label="Failures per hour over the last 24 hours: none."', $empty );
		$this->assertStringContainsString( '<strong>0</strong> failed sign-ins and token checks in the last 24 hours', $empty );
		$this->assertStringNotContainsString( 'By cause', $empty );
	}

	/**
	 * The latest secret change is named with how long ago it was, at once (the change clears the
	 * cached numbers); with none, the widget says so.
	 */
	public function test_shows_the_latest_secret_change(): void {
		$widget = Plugin::get( DashboardWidget::class );
		$this->render(); // The numbers are cached now.
		$before = $widget->data()['change'];
		sleep( 1 ); // So that the change is not in the same second as an earlier one.
		$start = time();
		$this->edit_salts( array( 'LOGGED_IN_SALT' => wp_generate_password( 64, false ) ) );
		$this->http( 'GET', '/' );

		wp_cache_flush(); // This process forgets its copy of the options; the site cleared the cache.
		$html  = $this->render_cached();
		$after = $widget->data()['change'];
		$this->assertNotNull( $after );
		$this->assertGreaterThanOrEqual( $start, $after['at'], 'the new change, not the cached one' );
		$this->assertTrue( null === $before || $after['at'] > $before['at'] );
		$this->assertSame( array( 'LOGGED_IN_SALT' ), $after['names'] );
		$this->assertMatchesRegularExpression( '#<li class="auth-sentinel-widget__change">Latest secret change: <code>LOGGED_IN_SALT</code>, \d+ (seconds?|secs?) ago</li>#', $html );
		$this->assertStringNotContainsString( (string) constant( 'LOGGED_IN_SALT' ), $html );

		$none = $widget->html(
			array(
				'hour'     => intdiv( time(), HOUR_IN_SECONDS ),
				'hourly'   => array_fill( 0, 24, 0 ),
				'causes'   => array(),
				'change'   => null,
				'sessions' => 0,
			)
		);
		$this->assertStringContainsString( 'Latest secret change: no change recorded', $none );

		$odd = $widget->html(
			array(
				'hour'     => intdiv( time(), HOUR_IN_SECONDS ),
				'hourly'   => array_fill( 0, 24, 0 ),
				'causes'   => array(),
				'change'   => array(
					'at'    => time() - 3 * HOUR_IN_SECONDS,
					'names' => array( '<img src=x onerror=alert(1)>' ),
				),
				'sessions' => 0,
			)
		);
		$this->assertStringContainsString( '<code>&lt;img src=x onerror=alert(1)&gt;</code>, 3 hours ago', $odd, 'escaped' );
	}

	/**
	 * The active sessions count and the links to the plugin's screens.
	 */
	public function test_shows_sessions_and_links(): void {
		$html = $this->render();
		$this->assertStringContainsString( 'Active sessions: <strong>' . number_format_i18n( Plugin::get( \AuthSentinel\Sessions\Inventory::class )->count_active() ) . '</strong>', $html );
		foreach ( array(
			'Overview' => 'auth-sentinel',
			'Errors'   => 'auth-sentinel-errors',
			'Sessions' => 'auth-sentinel-sessions',
		) as $title => $page ) {
			$this->assertStringContainsString( '<a href="' . esc_url( admin_url( 'admin.php?page=' . $page ) ) . '">' . $title . '</a>', $html );
		}
	}
}
