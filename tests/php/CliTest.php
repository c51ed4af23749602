<?php
/**
 * The wp auth-sentinel commands, run through the real WP-CLI against the test site.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Plugin;

/**
 * Runs `wp auth-sentinel …` as an administrator would, in its own process (WP-CLI installed by
 * bin/wp-cli.sh, or the one AUTH_SENTINEL_WP_CLI names), and checks what it prints, its exit
 * code, and what it changed on the site.
 */
class CliTest extends TestCase {

	/**
	 * The `wp` to run, null when WP-CLI could not be installed.
	 *
	 * @var string|null
	 */
	private static $wp;

	/**
	 * Why WP-CLI is missing.
	 *
	 * @var string
	 */
	private static $why = '';

	/**
	 * Users made by a test, deleted after it.
	 *
	 * @var int[]
	 */
	private $made = array();

	/**
	 * Finds or installs WP-CLI once.
	 *
	 * @return void
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		$wp = (string) getenv( 'AUTH_SENTINEL_WP_CLI' );
		if ( '' === $wp ) {
			$log       = tempnam( sys_get_temp_dir(), 'as-wpcli' );
			$wp        = trim( (string) shell_exec( 'bash ' . escapeshellarg( dirname( __DIR__, 2 ) . '/bin/wp-cli.sh' ) . ' 2>' . escapeshellarg( $log ) ) );
			self::$why = trim( (string) file_get_contents( $log ) );
			unlink( $log );
		}
		self::$wp = '' !== $wp && is_executable( $wp ) ? $wp : null;
	}

	/**
	 * Skips when there is no WP-CLI to run.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		if ( null === self::$wp ) {
			$this->markTestSkipped( 'WP-CLI is not available (bash bin/wp-cli.sh): ' . self::$why );
		}
	}

	/**
	 * Deletes the users made, and takes away any demo data a failed test left.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		require_once ABSPATH . 'wp-admin/includes/user.php';
		foreach ( $this->made as $user_id ) {
			wp_delete_user( $user_id );
		}
		delete_option( 'auth_sentinel_tokens_not_before' );
		wp_cache_flush();
		if ( false !== get_option( 'auth_sentinel_demo', false ) ) {
			$this->wp( 'auth-sentinel', 'demo', '--remove', '--yes' );
		}
		parent::tearDown();
	}

	/**
	 * Runs wp with arguments, standard input closed (no terminal, as in a cron job or CI).
	 *
	 * @param string ...$args Arguments after `wp`; global ones (--user) may come first.
	 * @return array{code: int, out: string, err: string}
	 */
	private function wp( string ...$args ): array {
		$out  = tempnam( sys_get_temp_dir(), 'as-out' );
		$err  = tempnam( sys_get_temp_dir(), 'as-err' );
		$proc = proc_open(
			array_merge( array( (string) self::$wp, '--allow-root', '--path=' . AUTH_SENTINEL_TEST_SITE, '--url=' . AUTH_SENTINEL_TEST_URL ), $args ),
			array(
				0 => array( 'file', '/dev/null', 'r' ),
				1 => array( 'file', $out, 'w' ),
				2 => array( 'file', $err, 'w' ),
			),
			$pipes
		);
		$this->assertIsResource( $proc );
		$code   = proc_close( $proc );
		$result = array(
			'code' => $code,
			'out'  => (string) file_get_contents( $out ),
			'err'  => (string) file_get_contents( $err ),
		);
		unlink( $out );
		unlink( $err );
		wp_cache_flush(); // The command changed the database behind this process.
		$this->assertDoesNotMatchRegularExpression( '/ on line \d+/', $result['err'], 'no PHP notice: ' . $result['err'] );
		return $result;
	}

	/**
	 * Runs wp and expects it to succeed.
	 *
	 * @param string ...$args Arguments.
	 * @return string What it printed.
	 */
	private function ok( string ...$args ): string {
		$result = $this->wp( ...$args );
		$this->assertSame( 0, $result['code'], implode( ' ', $args ) . "\n" . $result['out'] . $result['err'] );
		return $result['out'];
	}

	/**
	 * Runs wp with --format=json and decodes what it printed.
	 *
	 * @param string ...$args Arguments (without --format).
	 * @return array<int|string, mixed>
	 */
	private function json( string ...$args ): array {
		$out  = $this->ok( ...array_merge( $args, array( '--format=json' ) ) );
		$data = json_decode( $out, true );
		$this->assertIsArray( $data, $out );
		return $data;
	}

	/**
	 * Makes a user whose password is "password".
	 *
	 * @param string $role The role.
	 * @return array{0: int, 1: string} Id and login.
	 */
	private function make_user( string $role = 'author' ): array {
		$login = 'cli-' . strtolower( wp_generate_password( 8, false ) );
		$id    = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => 'password',
				'user_email' => $login . '@example.org',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $id );
		$this->made[] = $id;
		return array( $id, $login );
	}

	/**
	 * Writes a failure row as the Recorder would.
	 *
	 * @param array<string, mixed> $row Columns to set.
	 * @return void
	 */
	private function event( array $row ): void {
		$at  = $row['at'] ?? time();
		$row = array_merge(
			array(
				'agg_key'     => bin2hex( random_bytes( 16 ) ),
				'hour'        => intdiv( $at, HOUR_IN_SECONDS ),
				'first_seen'  => gmdate( 'Y-m-d H:i:s', $at ),
				'last_seen'   => gmdate( 'Y-m-d H:i:s', $at ),
				'count'       => 1,
				'source'      => 'cookie',
				'issuer'      => '',
				'server_code' => 'auth_cookie_expired',
				'code'        => 'cookie_expired',
				'cause'       => 'expired',
				'user_id'     => 0,
				'ip'          => '192.0.2.10',
				'user_agent'  => 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
				'route'       => '/wp-admin/',
				'token_fp'    => '',
				'token_iss'   => '',
				'token_iat'   => null,
				'token_exp'   => null,
				'token_jti'   => '',
				'token_type'  => '',
				'details'     => '{}',
			),
			array_diff_key( $row, array( 'at' => true ) )
		);
		$this->assertTrue( Plugin::get( \AuthSentinel\Events\EventsRepository::class )->import( $row ) );
	}

	/**
	 * Tells whether a cookie jar still signs its user in.
	 *
	 * @param string $jar The jar.
	 * @return bool
	 */
	private function signed_in( string $jar ): bool {
		return 200 === $this->http( 'GET', '/wp-admin/profile.php', array( 'cookies' => $jar ) )['status'];
	}

	/**
	 * Returns the newest audit row of an action about a user.
	 *
	 * @param string $action  The action.
	 * @param int    $user_id The user.
	 * @return array<string, mixed>|null
	 */
	private function last_audit( string $action, int $user_id ): ?array {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$wpdb->prefix}auth_sentinel_audit WHERE action = %s AND target_user_id = %d ORDER BY id DESC LIMIT 1", $action, $user_id ), ARRAY_A );
		return is_array( $row ) ? $row : null;
	}

	/**
	 * `wp help auth-sentinel` documents every command, and each command its options.
	 */
	public function test_help_documents_every_command(): void {
		$help = $this->ok( 'help', 'auth-sentinel' );
		foreach ( array( 'audit', 'catalog', 'demo', 'events', 'prune', 'search-index', 'secrets', 'sessions' ) as $command ) {
			$this->assertMatchesRegularExpression( '/^\s+' . $command . '\s+\S/m', $help, "$command is listed with its summary" );
		}
		$revoke = $this->ok( 'help', 'auth-sentinel', 'sessions', 'revoke' );
		foreach ( array( '[<id>...]', '[--account=<user>]', '[--all]', '[--yes]', 'EXAMPLES' ) as $part ) {
			$this->assertStringContainsString( $part, $revoke );
		}
		$this->assertStringContainsString( '--format=<format>', $this->ok( 'help', 'auth-sentinel', 'events', 'list' ) );
	}

	/**
	 * Events list filters by cause, user, time and app code, and prints JSON, counts and ids.
	 */
	public function test_events_list_filters_and_formats(): void {
		list( $user_id, $login ) = $this->make_user();
		$this->event(
			array(
				'user_id' => $user_id,
				'at'      => time() - 3 * DAY_IN_SECONDS,
			)
		);
		$this->event(
			array(
				'user_id'     => $user_id,
				'source'      => 'token',
				'issuer'      => 'wcpos',
				'server_code' => 'woocommmerce_pos_auth_invalid_token',
				'code'        => 'token_invalid',
				'cause'       => 'corrupted',
				'user_agent'  => '=HYPERLINK("http://evil.example/","POS")',
				'token_fp'    => 'abcdef0123456789abcdef0123456789',
				'token_type'  => 'access',
				'details'     => '{"problem":"parts"}',
			)
		);

		$rows = $this->json( 'auth-sentinel', 'events', 'list', '--account=' . $login );
		$this->assertCount( 2, $rows );
		$this->assertSame( array( 'id', 'last_seen', 'count', 'cause', 'code', 'source', 'user', 'client', 'ip' ), array_keys( $rows[0] ), 'the default fields' );
		$this->assertSame( 'corrupted', $rows[0]['cause'], 'newest first' );
		$this->assertSame( $login, $rows[0]['user'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $rows[0]['last_seen'] );

		$expired = $this->json( 'auth-sentinel', 'events', 'list', '--account=' . $user_id, '--cause=expired', '--fields=id,cause,explanation' );
		$this->assertCount( 1, $expired );
		$this->assertSame( 'expired', $expired[0]['cause'] );
		$this->assertNotSame( '', $expired[0]['explanation'] );

		$recent = $this->json( 'auth-sentinel', 'events', 'list', '--account=' . $login, '--since=-1 day' );
		$this->assertSame( array( 'corrupted' ), array_column( $recent, 'cause' ), '--since leaves the old one out' );
		$app_code = $this->json( 'auth-sentinel', 'events', 'list', '--account=' . $login, '--search=API02003', '--fields=code,token_type' );
		$this->assertSame(
			array(
				array(
					'code'       => 'token_invalid',
					'token_type' => 'access',
				),
			),
			$app_code,
			'an app code finds its catalog entry'
		);

		$this->assertSame( '2', trim( $this->ok( 'auth-sentinel', 'events', 'list', '--account=' . $login, '--format=count' ) ) );
		$ids = explode( ' ', trim( $this->ok( 'auth-sentinel', 'events', 'list', '--account=' . $login, '--format=ids' ) ) );
		$this->assertSame( array_column( $rows, 'id' ), array_map( 'intval', $ids ) );

		$csv = $this->ok( 'auth-sentinel', 'events', 'list', '--account=' . $login, '--fields=cause,user_agent', '--format=csv' );
		$this->assertStringContainsString( "'=HYPERLINK", $csv, 'a user agent cannot become a spreadsheet formula' );

		$local_user = $this->wp( 'auth-sentinel', 'events', 'list', '--user=' . $login );
		$this->assertSame( 1, $local_user['code'], '--user after the command is refused, not silently ignored' );
		$this->assertStringContainsString( '--account', $local_user['err'] );
		$bad = $this->wp( 'auth-sentinel', 'events', 'list', '--since=not a time' );
		$this->assertSame( 1, $bad['code'] );
		$this->assertStringContainsString( 'Error:', $bad['err'] );
	}

	/**
	 * A table that shows one page of more rows says which rows these are, for the failures and
	 * the sessions alike; a page that shows every row says nothing more.
	 */
	public function test_lists_say_which_rows_a_page_shows(): void {
		list( $user_id, $login ) = $this->make_user();
		$this->event( array( 'user_id' => $user_id ) );
		$this->event(
			array(
				'user_id' => $user_id,
				'at'      => time() - HOUR_IN_SECONDS,
			)
		);
		$this->assertStringContainsString( 'Rows 1-1 of 2; see --page and --per-page.', $this->ok( 'auth-sentinel', 'events', 'list', '--account=' . $login, '--per-page=1' ) );
		$this->assertStringContainsString( 'Rows 2-2 of 2; see --page and --per-page.', $this->ok( 'auth-sentinel', 'events', 'list', '--account=' . $login, '--per-page=1', '--page=2' ) );
		$this->assertStringNotContainsString( 'Rows ', $this->ok( 'auth-sentinel', 'events', 'list', '--account=' . $login ), 'every row is shown' );

		$this->sign_in( $login );
		$this->sign_in( $login );
		$this->assertStringContainsString( 'Sessions 1-1 of 2; see --page.', $this->ok( 'auth-sentinel', 'sessions', 'list', '--account=' . $login, '--per-page=1' ) );
		$this->assertStringNotContainsString( 'Sessions ', $this->ok( 'auth-sentinel', 'sessions', 'list', '--account=' . $login, '--per-page=2' ), 'every session is shown' );
	}

	/**
	 * Secrets status lists names, sources and strengths, and never a value.
	 */
	public function test_secrets_status_never_shows_a_value(): void {
		$secrets = $this->json( 'auth-sentinel', 'secrets', 'status', '--fields=name,group,source,strength,changed_at,first_seen' );
		$names   = array_column( $secrets, 'name' );
		foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT', 'siteurl' ) as $name ) {
			$this->assertContains( $name, $names );
		}
		$this->assertSame( 'constant', $secrets[ array_search( 'AUTH_KEY', $names, true ) ]['source'] );

		$everything = $this->ok( 'auth-sentinel', 'secrets', 'status', '--fields=name,group,source,strength,changed_at,first_seen', '--format=yaml' ) . $this->ok( 'auth-sentinel', 'secrets', 'history', '--format=json' );
		foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as $name ) {
			$value = (string) constant( $name );
			$this->assertStringNotContainsString( $value, $everything, "$name's value" );
			$this->assertStringNotContainsString( substr( $value, 0, 12 ), $everything, "part of $name's value" );
		}
		$this->assertSame( 1, $this->wp( 'auth-sentinel', 'secrets', 'status', '--fields=fp' )['code'], 'fingerprints are no field either' );
	}

	/**
	 * Sessions list shows a user's browser session; revoke <id> ends it, audited with the
	 * user WP-CLI runs as; a second revoke of it fails.
	 */
	public function test_sessions_list_and_revoke_one(): void {
		list( $user_id, $login ) = $this->make_user();
		$jar                     = $this->sign_in( $login );
		$this->assertTrue( $this->signed_in( $jar ) );

		$sessions = $this->json( 'auth-sentinel', 'sessions', 'list', '--account=' . $login );
		$this->assertCount( 1, $sessions );
		$this->assertSame( 'cookie', $sessions[0]['type'] );
		$this->assertSame( $login, $sessions[0]['user'] );
		$this->assertSame( 'active', $sessions[0]['status'] );
		$this->assertSame( (string) $sessions[0]['id'], trim( $this->ok( 'auth-sentinel', 'sessions', 'list', '--account=' . $login, '--type=cookie', '--format=ids' ) ) );
		$this->assertSame( '0', trim( $this->ok( 'auth-sentinel', 'sessions', 'list', '--account=' . $login, '--type=app_password', '--format=count' ) ) );

		$done = $this->ok( '--user=admin', 'auth-sentinel', 'sessions', 'revoke', (string) $sessions[0]['id'] );
		$this->assertStringContainsString( 'Success: Revoked 1 session.', $done );
		$this->assertFalse( $this->signed_in( $jar ), 'the browser is signed out' );
		$audit = $this->last_audit( 'session_revoked', $user_id );
		$this->assertNotNull( $audit );
		$this->assertSame( $this->user( 'admin' ), (int) $audit['actor_id'], 'audited as done by WP-CLI\'s --user' );

		$ended = $this->json( 'auth-sentinel', 'sessions', 'list', '--account=' . $login, '--status=ended', '--fields=id,status,ended_reason,ended_by' );
		$this->assertSame( 'revoked', $ended[0]['status'] );
		$this->assertSame( $this->user( 'admin' ), (int) $ended[0]['ended_by'] );

		$again = $this->wp( 'auth-sentinel', 'sessions', 'revoke', (string) $sessions[0]['id'] );
		$this->assertSame( 1, $again['code'], 'an ended session cannot be revoked twice' );
		$this->assertStringContainsString( 'No live session has id', $again['err'] );
	}

	/**
	 * Revoke --account ends every credential of one user, audited as the system without a
	 * WP-CLI user; a local --user is refused and revokes nothing.
	 */
	public function test_revoke_every_credential_of_a_user(): void {
		list( $user_id, $login ) = $this->make_user();
		$jar                     = $this->sign_in( $login );
		list( $app )             = \WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'Till 2' ) );
		$basic                   = array( 'Authorization: Basic ' . base64_encode( $login . ':' . $app ) );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $basic ) )['status'] );

		$mixed = $this->wp( 'auth-sentinel', 'sessions', 'revoke', '--user=' . $login );
		$this->assertSame( 1, $mixed['code'] );
		$this->assertStringContainsString( '--account', $mixed['err'] );
		$this->assertTrue( $this->signed_in( $jar ), 'nothing was revoked' );

		$done = $this->ok( 'auth-sentinel', 'sessions', 'revoke', '--account=' . $login );
		$this->assertStringContainsString( 'Revoked every credential of ' . $login . ': 1 browser session, 1 application password', $done );
		$this->assertFalse( $this->signed_in( $jar ) );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'headers' => $basic ) )['status'] );
		$this->assertSame( '0', trim( $this->ok( 'auth-sentinel', 'sessions', 'list', '--account=' . $login, '--format=count' ) ) );
		$audit = $this->last_audit( 'user_sessions_revoked', $user_id );
		$this->assertNotNull( $audit );
		$this->assertSame( 0, (int) $audit['actor_id'], 'the system, without a WP-CLI --user' );
	}

	/**
	 * Revoke --all refuses without --yes when nobody can confirm, and with it signs everyone out.
	 */
	public function test_revoke_all_needs_yes_without_a_terminal(): void {
		list( , $login ) = $this->make_user();
		$jar             = $this->sign_in( $login );

		$refused = $this->wp( 'auth-sentinel', 'sessions', 'revoke', '--all' );
		$this->assertSame( 1, $refused['code'] );
		$this->assertStringContainsString( '--yes', $refused['err'] );
		$this->assertTrue( $this->signed_in( $jar ), 'nothing was revoked' );

		// Application passwords stay: the other tests sign in with them.
		$done = $this->ok( '--user=admin', 'auth-sentinel', 'sessions', 'revoke', '--all', '--yes', '--keep-app-passwords' );
		$this->assertMatchesRegularExpression( '/Success: Revoked everyone\'s sessions: \d+ browser sessions?, \d+ WCPOS sessions?, \d+ tokens?\./', $done );
		$this->assertFalse( $this->signed_in( $jar ), 'everyone is signed out' );
		$this->assertSame( 200, $this->http( 'GET', '/wp-json/wp/v2/users/me', array( 'as' => 'editor' ) )['status'], 'application passwords were kept as asked' );
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$wpdb->prefix}auth_sentinel_audit WHERE action = %s ORDER BY id DESC LIMIT 1", 'all_sessions_revoked' ), ARRAY_A );
		$this->assertSame( $this->user( 'admin' ), (int) $row['actor_id'] );
	}

	/**
	 * The audit export is the REST export's CSV: filtered, formula cells neutralised, to
	 * standard output or a file that is not overwritten by accident.
	 */
	public function test_audit_export_is_safe_csv(): void {
		list( $user_id, $login ) = $this->make_user();
		$audit                   = Plugin::get( \AuthSentinel\Audit\AuditRepository::class );
		$audit->add( 'sign_in', array( 'method' => 'login_form' ), $user_id, $user_id, '192.0.2.7', '=cmd|\' /C calc\'!A0' );
		$audit->add( 'password_changed', array(), $user_id, $user_id, '192.0.2.7', '@SUM(1+1)' );

		$csv = $this->ok( 'auth-sentinel', 'audit', 'export', '--account=' . $login );
		$this->assertStringStartsWith( "\xEF\xBB\xBFid,time,action,summary,", $csv, 'the byte order mark, then the header' );
		$lines = array_values( array_filter( explode( "\n", $csv ) ) );
		$this->assertCount( 3, $lines, 'the header and this user\'s two rows' );
		$this->assertStringContainsString( '"\'=cmd|', $csv, 'a formula cell is neutralised' );
		$this->assertStringContainsString( ",'@SUM(1+1)", $csv );
		$this->assertDoesNotMatchRegularExpression( '/[,"][=@]/', $csv, 'no cell starts a formula' );

		$only = $this->ok( 'auth-sentinel', 'audit', 'export', '--account=' . $user_id, '--action=password_changed', '--no-bom' );
		$this->assertStringStartsWith( 'id,time,action', $only );
		$this->assertCount( 2, array_filter( explode( "\n", $only ) ) );

		$file = sys_get_temp_dir() . '/as-audit-' . wp_generate_password( 6, false ) . '.csv';
		$this->assertStringContainsString( 'Success: Exported 2 rows to ' . $file, $this->ok( 'auth-sentinel', 'audit', 'export', '--account=' . $login, '--file=' . $file ) );
		$this->assertSame( $csv, file_get_contents( $file ) );
		$again = $this->wp( 'auth-sentinel', 'audit', 'export', '--file=' . $file );
		$this->assertSame( 1, $again['code'], 'an existing file is kept without --force' );
		$this->assertSame( $csv, file_get_contents( $file ) );
		unlink( $file );
	}

	/**
	 * Catalog get finds an entry by an app's code, in any case, and by a server code.
	 */
	public function test_catalog_get_by_app_code(): void {
		$entry = $this->json( 'auth-sentinel', 'catalog', 'get', 'API02003' );
		$this->assertSame( 'token_invalid', $entry['code'] );
		$this->assertContains( 'API02003', $entry['aliases'] );
		$this->assertNotEmpty( $entry['how_to_fix'] );
		$this->assertSame( 'token_invalid', trim( $this->ok( 'auth-sentinel', 'catalog', 'get', 'api02003', '--field=code' ) ) );
		$this->assertSame( 'token_expired', trim( $this->ok( 'auth-sentinel', 'catalog', 'get', 'woocommerce_pos_auth_token_expired', '--field=code' ) ) );
		$missing = $this->wp( 'auth-sentinel', 'catalog', 'get', 'API99999' );
		$this->assertSame( 1, $missing['code'] );
	}

	/**
	 * Prune deletes failures and audit rows past their retention, says how many, and keeps the rest.
	 */
	public function test_prune_reports_counts(): void {
		global $wpdb;
		list( $user_id ) = $this->make_user();
		$this->event(
			array(
				'user_id' => $user_id,
				'at'      => time() - 200 * DAY_IN_SECONDS,
			)
		);
		$this->event( array( 'user_id' => $user_id ) );
		$audit = Plugin::get( \AuthSentinel\Audit\AuditRepository::class );
		$old   = $audit->add( 'sign_in', array(), $user_id, $user_id );
		$new   = $audit->add( 'sign_out', array(), $user_id, $user_id );
		$wpdb->update( $wpdb->prefix . 'auth_sentinel_audit', array( 'at' => gmdate( 'Y-m-d H:i:s', time() - 400 * DAY_IN_SECONDS ) ), array( 'id' => $old ) );

		// The statistics' sums of a day of the pruned period, and of a recent one.
		$rollup = $wpdb->prefix . 'auth_sentinel_rollup';
		$old_day = ( intdiv( time(), DAY_IN_SECONDS ) - 200 ) * 24;
		$new_day = ( intdiv( time(), DAY_IN_SECONDS ) - 2 ) * 24;
		foreach ( array( $old_day, $new_day ) as $day ) {
			$wpdb->replace(
				$rollup,
				array(
					'span'     => 24,
					'slice'    => '',
					'start'    => $day,
					'dim'      => 'words',
					'k'        => 'clitestword',
					'failures' => 20000,
				)
			);
		}

		$done = $this->ok( 'auth-sentinel', 'prune' );
		$this->assertMatchesRegularExpression( '/Success: Deleted [1-9]\d* failures? \(older than 90 days\) and [1-9]\d* audit rows? \(older than 365 days\)\./', $done );
		$kept = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT start FROM {$rollup} WHERE dim = 'words' AND k = %s", 'clitestword' ) ) );
		$wpdb->delete( $rollup, array( 'k' => 'clitestword' ) );
		$this->assertSame( array( $new_day ), $kept, 'the pruned days\' sums go with them' );
		$left = $wpdb->get_col( $wpdb->prepare( "SELECT cause FROM {$wpdb->prefix}auth_sentinel_events WHERE user_id = %d", $user_id ) );
		$this->assertCount( 1, $left, 'the recent failure stays' );
		$this->assertNull( $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$wpdb->prefix}auth_sentinel_audit WHERE id = %d", $old ) ) );
		$this->assertSame( (string) $new, $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$wpdb->prefix}auth_sentinel_audit WHERE id = %d", $new ) ) );
		$this->assertStringContainsString( 'Deleted 0 failures', $this->ok( 'auth-sentinel', 'prune' ), 'nothing left to prune' );
	}

	/**
	 * `search-index` shows an index the background task has not built yet, and `--build`
	 * builds it now and says how long it took.
	 */
	public function test_search_index_status_and_build(): void {
		global $wpdb;
		if ( ! \AuthSentinel\Database\Engine::mysql() ) {
			$this->assertStringContainsString( 'no full-text index', $this->ok( 'auth-sentinel', 'search-index' ) );
			return;
		}
		$table = \AuthSentinel\Database\Schema::events_table();
		$wpdb->query( "ALTER TABLE {$table} DROP INDEX " . \AuthSentinel\Database\FullTextIndex::INDEX ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared -- Own table; as before the upgrade.
		$state                     = \AuthSentinel\Database\FullTextIndex::stored();
		$state['tables']['events'] = false;
		$state['pending']          = array(
			'events' => array(
				'since' => time() - 60,
				'tries' => 0,
				'error' => '',
			),
		);
		\AuthSentinel\Database\FullTextIndex::store( $state );
		try {
			$rows = array_column( $this->json( 'auth-sentinel', 'search-index' ), null, 'table' );
			$this->assertSame( 'being built', $rows[ $table ]['state'] );
			$this->assertSame( 'built', $rows[ \AuthSentinel\Database\Schema::audit_table() ]['state'] );

			$done = $this->ok( 'auth-sentinel', 'search-index', '--build' );
			$this->assertStringContainsString( "Building the search index of {$table}...", $done );
			$this->assertMatchesRegularExpression( '/Success: Search index built for ' . preg_quote( $table, '/' ) . ' in \d+\.\d s\./', $done );
			$this->assertTrue( \AuthSentinel\Database\FullTextIndex::has_index( $table ) );
			$rows = array_column( $this->json( 'auth-sentinel', 'search-index' ), null, 'table' );
			$this->assertSame( 'built', $rows[ $table ]['state'] );
			$this->assertStringContainsString( 'Every search index is built already.', $this->ok( 'auth-sentinel', 'search-index', '--build' ) );
		} finally {
			\AuthSentinel\Database\FullTextIndex::ensure();
			wp_clear_scheduled_hook( \AuthSentinel\Database\FullTextJob::HOOK );
		}
	}

	/**
	 * The demo needs --yes, fills every cause with a spike after a recorded change of the keys,
	 * lists its users' sessions of every kind, and --remove leaves the site as it was.
	 */
	public function test_demo_fills_every_cause_and_removes_it_all(): void {
		global $wpdb;
		$events_table = $wpdb->prefix . 'auth_sentinel_events';
		$audit_table  = $wpdb->prefix . 'auth_sentinel_audit';
		$before       = array(
			'events'  => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$events_table}" ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			'audit'   => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$audit_table}" ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			'users'   => count_users()['total_users'],
			'secrets' => get_option( 'auth_sentinel_secrets' ),
		);

		$refused = $this->wp( 'auth-sentinel', 'demo' );
		$this->assertSame( 1, $refused['code'] );
		$this->assertStringContainsString( 'never run it on a real site', $refused['err'] );
		$this->assertSame( $before['users'], count_users()['total_users'], 'nothing made without --yes' );

		$done = $this->ok( 'auth-sentinel', 'demo', '--yes', '--users=12', '--days=3', '--seed=42' );
		$this->assertStringContainsString( 'Made 12 users', $done );
		$this->assertStringContainsString( '11 causes', $done );

		$demo = get_users(
			array(
				'search'         => 'demo-*',
				'search_columns' => array( 'user_login' ),
				'fields'         => 'ID',
			)
		);
		$this->assertCount( 12, $demo );
		foreach ( array( 'expired', 'revoked', 'secret_changed', 'password_changed', 'corrupted', 'wrong_site', 'unknown_user', 'bad_credentials', 'header_stripped', 'plugin_conflict', 'unknown' ) as $cause ) {
			// Within the Overview's default view (the last 24 hours), not only somewhere in the days.
			$this->assertGreaterThan( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$events_table} WHERE cause = %s AND agg_key LIKE %s AND first_seen >= %s", $cause, 'demo%', gmdate( 'Y-m-d H:i:s', time() - DAY_IN_SECONDS ) ) ), "a $cause failure in the last 24 hours" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}

		// The change is recorded as the secrets watch records one, and the failures spike after it.
		$history = $wpdb->get_results( $wpdb->prepare( "SELECT at, actor_id, details FROM {$audit_table} WHERE action = %s AND details LIKE %s", 'secrets_changed', '%"trigger":"demo"%' ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertCount( 1, $history, 'one change recorded, as the watch records one' );
		$this->assertSame( '0', (string) $history[0]['actor_id'] );
		$this->assertContains( 'AUTH_KEY', json_decode( $history[0]['details'], true )['changed'] );
		$change = (int) strtotime( $history[0]['at'] . ' UTC' );
		$this->assertEqualsWithDelta( time() - 16 * HOUR_IN_SECONDS, $change, 120, 'in the Overview\'s last 24 hours' );
		$after = (int) $wpdb->get_var( $wpdb->prepare( "SELECT SUM(count) FROM {$events_table} WHERE cause = 'secret_changed' AND agg_key LIKE %s AND first_seen BETWEEN %s AND %s", 'demo%', gmdate( 'Y-m-d H:i:s', $change ), gmdate( 'Y-m-d H:i:s', $change + 6 * HOUR_IN_SECONDS ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$early = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$events_table} WHERE cause = 'secret_changed' AND agg_key LIKE %s AND first_seen < %s", 'demo%', gmdate( 'Y-m-d H:i:s', $change ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertGreaterThan( 10, $after, 'a spike right after the change' );
		$this->assertSame( 0, $early, 'no broken signature before the keys changed' );
		$status = $this->json( 'auth-sentinel', 'secrets', 'status' );
		$known  = $status[ array_search( 'AUTH_KEY', array_column( $status, 'name' ), true ) ]['changed_at'];
		$this->assertGreaterThanOrEqual( $change, (int) strtotime( (string) $known ), 'the watch knows of the change (or of a real one since)' );

		// Sessions of every kind, listed by the plugin's own index.
		$types = array_count_values( array_column( $this->json( 'auth-sentinel', 'sessions', 'list', '--search=demo-', '--fields=type' ), 'type' ) );
		foreach ( array( 'cookie', 'app_password', 'wcpos' ) as $type ) {
			$this->assertArrayHasKey( $type, $types, "a $type session" );
		}
		$this->assertGreaterThan( 20, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$audit_table}" ) - $before['audit'], 'audit rows' ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$oldest = (string) $wpdb->get_var( $wpdb->prepare( "SELECT MIN(at) FROM {$audit_table} WHERE target_user_id IN (" . implode( ',', array_map( 'intval', $demo ) ) . ') AND action = %s', 'sign_in' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared -- Integers.
		$this->assertLessThan( time() - DAY_IN_SECONDS, (int) strtotime( $oldest . ' UTC' ), 'audit rows spread over the days' );

		$twice = $this->wp( 'auth-sentinel', 'demo', '--yes' );
		$this->assertSame( 1, $twice['code'], 'no second helping on top of the first' );
		$this->assertStringContainsString( '--replace', $twice['err'] );

		// --replace (what `bin/start.sh --demo` runs) starts the story again instead: the same users, not twice as many.
		$again = $this->ok( 'auth-sentinel', 'demo', '--yes', '--replace', '--users=12', '--days=3', '--seed=42' );
		$this->assertStringContainsString( 'Removed 12 demo users', $again );
		$this->assertStringContainsString( 'Made 12 users', $again );
		$this->assertSame( $before['users'] + 12, count_users()['total_users'] );
		$this->assertCount( 1, $wpdb->get_results( $wpdb->prepare( "SELECT id FROM {$audit_table} WHERE action = %s AND details LIKE %s", 'secrets_changed', '%"trigger":"demo"%' ) ), 'one recorded change, not two' ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared

		$removed = $this->ok( 'auth-sentinel', 'demo', '--remove', '--yes' );
		$this->assertStringContainsString( 'Removed 12 demo users', $removed );
		$this->assertSame( $before['users'], count_users()['total_users'] );
		$this->assertSame( $before['events'], (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$events_table}" ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertSame( $before['audit'], (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$audit_table}" ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertSame( '0', trim( $this->ok( 'auth-sentinel', 'sessions', 'list', '--search=demo-', '--status=all', '--format=count' ) ) );
		$this->assertEquals( $before['secrets'], get_option( 'auth_sentinel_secrets' ), 'the recorded change is taken back' );
		$this->assertFalse( get_option( 'auth_sentinel_demo', false ) );
		$this->assertStringContainsString( 'no demo data', $this->ok( 'auth-sentinel', 'demo', '--remove', '--yes' ) );
	}
}
