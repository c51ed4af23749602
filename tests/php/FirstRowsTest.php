<?php
/**
 * The table screens' first rows are in their HTML.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Admin\SiteDates;

/**
 * Opens the Errors, Sessions and Audit screens over HTTP as an administrator and reads the rows
 * the server printed before any script runs (includes/Admin/FirstRows.php): there on the default
 * view, escaped, and absent from a filtered view, whose rows the preloaded answer does not hold.
 */
class FirstRowsTest extends TestCase {

	/**
	 * A User-Agent that would run if it were printed as it came.
	 */
	const HOSTILE_AGENT = '<script>document.title=1</script> "quoted" & <b>bold</b>'; // Not a value the fuzzer sends as a credential (DataHygieneTest would find it).

	/**
	 * Opens an admin page as the administrator.
	 *
	 * @param string $query The page's query, e.g. page=auth-sentinel-errors.
	 * @return string The HTML.
	 */
	private function admin_page( string $query ): string {
		$jar      = $this->sign_in( 'admin' );
		$response = $this->http( 'GET', '/wp-admin/admin.php?' . $query, array( 'cookies' => $jar ) );
		unlink( $jar );
		$this->assertSame( 200, $response['status'], "$query opens" );
		return $response['body'];
	}

	/**
	 * Cuts the server's first rows out of a page.
	 *
	 * @param string $html The page.
	 * @return string The block, or '' when there is none.
	 */
	private static function first_rows( string $html ): string {
		$start = strpos( $html, '<div class="auth-sentinel auth-sentinel-first-rows"' );
		if ( false === $start ) {
			return '';
		}
		$end = strpos( $html, '<noscript>', $start );
		return substr( $html, $start, false === $end ? null : $end - $start );
	}

	/**
	 * The newest failure is the first row of the Errors screen, its User-Agent escaped.
	 *
	 * @return void
	 */
	public function test_errors_screen_prints_its_first_rows_escaped(): void {
		$this->http(
			'POST',
			'/wp-login.php',
			array(
				'headers' => array( 'User-Agent: ' . self::HOSTILE_AGENT ),
				'body'    => http_build_query(
					array(
						'log' => 'editor',
						'pwd' => 'not the password',
					)
				),
			)
		);

		$html  = $this->admin_page( 'page=auth-sentinel-errors' );
		$block = self::first_rows( $html );
		$this->assertNotSame( '', $block, 'the default view prints its first rows' );
		$this->assertStringNotContainsString( '<script>document.title', $block, 'the User-Agent is never printed raw' );
		$this->assertStringNotContainsString( '<b>bold</b>', $block );
		// The preloaded answer holds it in a JSON string, whose "</" wp_json_encode() escapes.
		$this->assertStringNotContainsString( '<script>document.title=1</script>', $html );

		// The newest failure: another test's request may land in the same second, and the listing
		// orders by the second, so the row is looked for among the first page's.
		$this->assertGreaterThan( 0, preg_match_all( '#<tr class="dataviews-view-table__row">(.*?)</tr>#s', $block, $rows ), 'rows' );
		$mine = array_values(
			array_filter(
				$rows[1],
				static function ( string $row ): bool {
					return false !== strpos( $row, 'title="' . esc_attr( self::HOSTILE_AGENT ) . '"' );
				}
			)
		);
		$this->assertCount( 1, $mine, 'the newest failure is on the first page, its User-Agent escaped in the client cell' );
		$row = $mine[0];
		$this->assertStringContainsString( '&lt;script&gt;document.title=1&lt;/script&gt;', $row );
		$this->assertStringContainsString( '>Wrong password</span>', $row, 'the cause named as the app names it' );
		$this->assertStringContainsString( '>Login form<', $row, 'the source named' );
		$this->assertMatchesRegularExpression( '#>(?:[^<]* \()?editor\)?</span>#', $row, 'the user named' );
		$this->assertStringContainsString( 'ago</time>', $row, 'when, relative' );
		$this->assertMatchesRegularExpression( '# at \d{1,2}:\d{2} [ap]m UTC</span>#', $row, 'and exact, in the site\'s formats' );
		$this->assertStringContainsString( 'failures match.</p>', $block, 'the count above the table' );
		$this->assertStringContainsString( '<th><span class="dataviews-view-table-header">Catalog entry</span></th>', $block, 'the default view\'s columns' );
		$this->assertStringNotContainsString( '<button', $block, 'nothing to click that would do nothing' );
	}

	/**
	 * A filtered address prints no rows: the preloaded answer is the default view's.
	 *
	 * @return void
	 */
	public function test_filtered_views_print_no_rows(): void {
		foreach ( array( 'page=auth-sentinel-errors&cause=expired', 'page=auth-sentinel-sessions&status=ended', 'page=auth-sentinel-audit&paged=2' ) as $query ) {
			$html = $this->admin_page( $query );
			$this->assertStringContainsString( 'id="auth-sentinel-root"', $html );
			$this->assertSame( '', self::first_rows( $html ), "$query prints no first rows" );
		}
	}

	/**
	 * Sessions and Audit print theirs too; screens without a table print none.
	 *
	 * @return void
	 */
	public function test_sessions_and_audit_print_their_first_rows(): void {
		$this->sign_in( 'editor' );
		$sessions = self::first_rows( $this->admin_page( 'page=auth-sentinel-sessions' ) );
		$this->assertStringContainsString( '<tbody><tr class="dataviews-view-table__row">', $sessions );
		$this->assertStringContainsString( '>Browser session</span>', $sessions );
		$this->assertStringContainsString( '>Active</span>', $sessions );

		$audit = self::first_rows( $this->admin_page( 'page=auth-sentinel-audit' ) );
		$this->assertStringContainsString( '<tbody><tr class="dataviews-view-table__row">', $audit );
		$this->assertStringContainsString( '<td><div class="dataviews-view-table__cell-content-wrapper">Signed in</div></td>', $audit, 'the newest entry: a sign-in' );

		foreach ( array( 'auth-sentinel', 'auth-sentinel-secrets', 'auth-sentinel-settings' ) as $page ) {
			$this->assertSame( '', self::first_rows( $this->admin_page( 'page=' . $page ) ), "$page has no table to print" );
		}
	}

	/**
	 * Relative times take wp-date's steps and words.
	 *
	 * @return void
	 */
	public function test_relative_times_read_as_the_app_writes_them(): void {
		$now   = 1_800_000_000;
		$cases = array(
			'a second ago'  => 10,
			'a minute ago'  => 80,
			'5 minutes ago' => 300,
			'an hour ago'   => 3000,
			'3 hours ago'   => 3 * 3600,
			'a day ago'     => 23 * 3600,
			'4 days ago'    => 4 * 86400,
			'a month ago'   => 30 * 86400,
			'3 months ago'  => 91 * 86400,
			'a year ago'    => 360 * 86400,
			'2 years ago'   => 2 * 365 * 86400,
		);
		foreach ( $cases as $expected => $ago ) {
			$this->assertSame( $expected, SiteDates::relative( $now - $ago, $now ), "$ago seconds ago" );
		}
		$this->assertSame( '2 days from now', SiteDates::relative( $now + 2 * 86400, $now ) );
	}
}
