<?php
/**
 * Fills a site with 100,000 users and 250,000 indexed credentials (200,000 live: 170,000 cookie
 * sessions, also stored in core's `session_tokens` meta, 20,000 application passwords, 8,000
 * WCPOS sessions and 2,000 tokens; plus 50,000 ended or revoked), then times the sessions routes
 * in-process as user 1 (median of 5) and prints the EXPLAIN of the default listing (run inside a
 * site by wp-run.php; MySQL/MariaDB only).
 *
 * Usage: php tests/bin/wp-run.php <site dir> <url> bench/sessions-scale.php
 * AUTH_SENTINEL_BENCH_KEEP=1 keeps the data at the end and reuses it on the next run; without
 * it, every user, meta, index and audit row the bench added is deleted at the end.
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.DB, WordPress.WP.AlternativeFunctions
global $wpdb;

// Every bench user's e-mail ends with this: it is how the fill, the reuse and the cleanup find them.
const AUTH_SENTINEL_BENCH_DOMAIN = 'auth-sentinel-bench.invalid';
const AUTH_SENTINEL_BENCH_USERS  = 100000;
const AUTH_SENTINEL_BENCH_ROWS   = 250000;

/**
 * Prints text (the bench runs on the command line).
 *
 * @param string $text The text.
 * @return void
 */
function auth_sentinel_bench_out( string $text ): void {
	fwrite( STDOUT, $text );
}

/**
 * Returns the condition that selects the bench users of the alias `u`.
 *
 * @return string
 */
function auth_sentinel_bench_mark(): string {
	return "u.user_email LIKE '%@" . AUTH_SENTINEL_BENCH_DOMAIN . "'";
}

/**
 * Returns an SQL expression picking one of the values by a number.
 *
 * @param string   $expr   A non-negative integer expression.
 * @param string[] $values The values.
 * @return string
 */
function auth_sentinel_bench_pick( string $expr, array $values ): string {
	return 'ELT(1 + (' . $expr . ') % ' . count( $values ) . ", '" . implode( "', '", array_map( 'esc_sql', $values ) ) . "')";
}

/**
 * Returns an SQL integer (0 … 16,777,215) from six hex digits of the column `h` (an MD5).
 *
 * @param int $slice 0 … 4.
 * @return string
 */
function auth_sentinel_bench_h( int $slice ): string {
	return 'CONV(SUBSTR(h, ' . ( 1 + 6 * $slice ) . ', 6), 16, 10)';
}

/**
 * Returns an SQL address from an integer expression: mostly 10.0.x.y, some 192.168.x.y and IPv6.
 *
 * @param string $expr The integer.
 * @return string
 */
function auth_sentinel_bench_ip( string $expr ): string {
	return "CASE WHEN ({$expr}) % 10 < 7 THEN CONCAT('10.0.', ({$expr} DIV 10) % 256, '.', ({$expr} DIV 2560) % 256)"
		. " WHEN ({$expr}) % 10 < 9 THEN CONCAT('192.168.', ({$expr} DIV 10) % 256, '.', ({$expr} DIV 2560) % 256)"
		. " ELSE CONCAT('2001:db8::', LOWER(HEX(({$expr} DIV 10) % 65536))) END";
}

/**
 * Counts the bench users.
 *
 * @return int
 */
function auth_sentinel_bench_user_count(): int {
	global $wpdb;
	return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->users} u WHERE " . auth_sentinel_bench_mark() );
}

/**
 * Deletes every bench user and what hangs on them: meta, index rows, audit rows.
 *
 * @return void
 */
function auth_sentinel_bench_cleanup(): void {
	global $wpdb;
	$mark = auth_sentinel_bench_mark();
	$wpdb->query( 'DELETE s FROM ' . \AuthSentinel\Database\Schema::sessions_table() . " s JOIN {$wpdb->users} u ON u.ID = s.user_id WHERE {$mark}" );
	$wpdb->query( 'DELETE a FROM ' . \AuthSentinel\Database\Schema::audit_table() . " a JOIN {$wpdb->users} u ON u.ID = a.target_user_id WHERE {$mark}" );
	$wpdb->query( "DELETE m FROM {$wpdb->usermeta} m JOIN {$wpdb->users} u ON u.ID = m.user_id WHERE {$mark}" );
	$wpdb->query( "DELETE u FROM {$wpdb->users} u WHERE {$mark}" );
	wp_cache_flush();
}

/**
 * Returns the median of five times, in milliseconds.
 *
 * @param float[] $times Seconds.
 * @return float
 */
function auth_sentinel_bench_median( array $times ): float {
	sort( $times );
	return $times[ intdiv( count( $times ), 2 ) ] * 1000;
}

/**
 * Prints an EXPLAIN as a Markdown table.
 *
 * @param string $sql The query.
 * @return void
 */
function auth_sentinel_bench_explain( string $sql ): void {
	global $wpdb;
	$plan = (array) $wpdb->get_results( 'EXPLAIN ' . $sql, ARRAY_A );
	auth_sentinel_bench_out( "\n```sql\n" . preg_replace( '/\s+/', ' ', $sql ) . "\n```\n\n" );
	if ( ! $plan ) {
		return;
	}
	auth_sentinel_bench_out( '| ' . implode( ' | ', array_keys( $plan[0] ) ) . " |\n|" . str_repeat( '---|', count( $plan[0] ) ) . "\n" );
	foreach ( $plan as $line ) {
		auth_sentinel_bench_out( '| ' . implode( ' | ', array_map( 'strval', $line ) ) . " |\n" );
	}
}

/**
 * Returns the short plan of a query: key, estimated rows, extra.
 *
 * @param string $sql The query.
 * @return string
 */
function auth_sentinel_bench_plan( string $sql ): string {
	global $wpdb;
	$parts = array();
	foreach ( (array) $wpdb->get_results( 'EXPLAIN ' . $sql, ARRAY_A ) as $line ) {
		$parts[] = sprintf( '%s %s, key %s, ~%s rows%s', $line['table'], $line['type'], $line['key'] ?? '–', $line['rows'], '' !== (string) $line['Extra'] ? ', ' . $line['Extra'] : '' );
	}
	return implode( '; ', $parts );
}

// The plugin's pending schema upgrade first, as the first wp-admin page would run it.
$auth_sentinel_t0 = microtime( true );
if ( (int) get_option( \AuthSentinel\Database\Schema::OPTION, 0 ) < \AuthSentinel\Database\Schema::VERSION ) {
	\AuthSentinel\Database\Schema::maybe_upgrade();
	auth_sentinel_bench_out( sprintf( "Upgraded the plugin's tables to schema v%d in %.1f s\n", \AuthSentinel\Database\Schema::VERSION, microtime( true ) - $auth_sentinel_t0 ) );
}

$auth_sentinel_sessions = \AuthSentinel\Database\Schema::sessions_table();
$auth_sentinel_mark     = auth_sentinel_bench_mark();
$auth_sentinel_now      = time();
$auth_sentinel_start    = microtime( true );
$auth_sentinel_keep     = (bool) getenv( 'AUTH_SENTINEL_BENCH_KEEP' );
$auth_sentinel_reuse    = $auth_sentinel_keep
	&& auth_sentinel_bench_user_count() >= AUTH_SENTINEL_BENCH_USERS
	&& (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$auth_sentinel_sessions} s JOIN {$wpdb->users} u ON u.ID = s.user_id WHERE {$auth_sentinel_mark}" ) >= AUTH_SENTINEL_BENCH_ROWS;

if ( ! $auth_sentinel_reuse ) :
	auth_sentinel_bench_cleanup();
	$auth_sentinel_zone = (string) $wpdb->get_var( 'SELECT @@session.time_zone' );
	$wpdb->query( "SET time_zone = '+00:00'" ); // The index holds UTC; FROM_UNIXTIME and UNIX_TIMESTAMP below are UTC too.
	$wpdb->query( 'SET SESSION group_concat_max_len = 1048576' );

	// Users: a seed of 1,000, doubled until 100,000, then named after their rank k (1 … 100,000).
	$auth_sentinel_values = array();
	for ( $auth_sentinel_i = 0; $auth_sentinel_i < 1000; $auth_sentinel_i++ ) {
		$auth_sentinel_values[] = $wpdb->prepare(
			'(%s, %s, %s, %s, %s, %s)',
			'seed' . $auth_sentinel_i,
			'$P$BbenchbenchbenchbenchbenchbenchX.',
			'seed' . $auth_sentinel_i,
			'seed@' . AUTH_SENTINEL_BENCH_DOMAIN,
			gmdate( 'Y-m-d H:i:s', $auth_sentinel_now - wp_rand( 0, 700 ) * DAY_IN_SECONDS ),
			'seed'
		);
	}
	$wpdb->query( "INSERT INTO {$wpdb->users} (user_login, user_pass, user_nicename, user_email, user_registered, display_name) VALUES " . implode( ',', $auth_sentinel_values ) );
	for ( $auth_sentinel_have = auth_sentinel_bench_user_count(); $auth_sentinel_have < AUTH_SENTINEL_BENCH_USERS; $auth_sentinel_have = auth_sentinel_bench_user_count() ) {
		$wpdb->query(
			"INSERT INTO {$wpdb->users} (user_login, user_pass, user_nicename, user_email, user_registered, display_name)
			SELECT CONCAT('tmp', u.ID, '-', {$auth_sentinel_have}), u.user_pass, CONCAT('tmp', u.ID, '-', {$auth_sentinel_have}), u.user_email, u.user_registered - INTERVAL (u.ID % 97) DAY, u.display_name
			FROM {$wpdb->users} u WHERE {$auth_sentinel_mark} LIMIT " . ( AUTH_SENTINEL_BENCH_USERS - $auth_sentinel_have )
		);
	}
	// INSERT … SELECT reserves auto-increment ids in blocks and leaves gaps: renumber the bench
	// users from the first one so that user k (1 … 100,000) has id first + k - 1.
	$auth_sentinel_low = (int) $wpdb->get_var( "SELECT MIN(ID) FROM {$wpdb->users} u WHERE {$auth_sentinel_mark}" );
	if ( (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->users} u WHERE u.ID > %d AND NOT ({$auth_sentinel_mark})", $auth_sentinel_low ) ) ) {
		fwrite( STDERR, "Other users were created during the fill: run the bench on a site of its own.\n" );
		exit( 1 );
	}
	$wpdb->query( $wpdb->prepare( 'SET @auth_sentinel_rank := %d', $auth_sentinel_low - 1 ) );
	$wpdb->query( "UPDATE {$wpdb->users} u SET u.ID = (@auth_sentinel_rank := @auth_sentinel_rank + 1) WHERE {$auth_sentinel_mark} ORDER BY u.ID" );
	$wpdb->query( "ALTER TABLE {$wpdb->users} AUTO_INCREMENT = 1" ); // That is, the largest id + 1.
	$auth_sentinel_names = array( 'anna', 'ben', 'carla', 'david', 'elena', 'felix', 'grace', 'hugo', 'ines', 'jonas', 'kim', 'lucas', 'maria', 'noah', 'olga', 'pierre' );
	$auth_sentinel_name  = auth_sentinel_bench_pick( "u.ID - {$auth_sentinel_low}", $auth_sentinel_names );
	$wpdb->query(
		"UPDATE {$wpdb->users} u SET
			u.user_login = CONCAT({$auth_sentinel_name}, '.', u.ID - {$auth_sentinel_low} + 1),
			u.user_nicename = CONCAT({$auth_sentinel_name}, '-', u.ID - {$auth_sentinel_low} + 1),
			u.user_email = CONCAT({$auth_sentinel_name}, '.', u.ID - {$auth_sentinel_low} + 1, '@" . AUTH_SENTINEL_BENCH_DOMAIN . "'),
			u.display_name = CONCAT(UPPER(LEFT({$auth_sentinel_name}, 1)), SUBSTRING({$auth_sentinel_name}, 2), ' ', u.ID - {$auth_sentinel_low} + 1)
		WHERE {$auth_sentinel_mark}"
	);
	// A role each: 200 administrators, 200 editors, the rest subscribers.
	$wpdb->query(
		$wpdb->prepare(
			"INSERT INTO {$wpdb->usermeta} (user_id, meta_key, meta_value)
			SELECT u.ID, %s, CASE WHEN (u.ID - {$auth_sentinel_low} + 1) % 500 = 0 THEN %s WHEN (u.ID - {$auth_sentinel_low} + 1) % 250 = 0 THEN %s ELSE %s END
			FROM {$wpdb->users} u WHERE {$auth_sentinel_mark}",
			$wpdb->get_blog_prefix() . 'capabilities',
			maybe_serialize( array( 'administrator' => true ) ),
			maybe_serialize( array( 'editor' => true ) ),
			maybe_serialize( array( 'subscriber' => true ) )
		)
	);

	$auth_sentinel_browsers = array(
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
		'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
		'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
		'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
	);
	$auth_sentinel_clients  = array( 'WordPress/6.8; https://example.com', 'Zapier', 'curl/8.5.0', 'python-requests/2.31.0', 'wp-android/25.1 (Android 14)', '' );
	$auth_sentinel_k        = "(u.ID - {$auth_sentinel_low} + 1)";
	$auth_sentinel_columns  = 'type, fp, user_id, created, expires, last_seen, ip, user_agent, label, ref, secret_fp, status, ended_at, ended_by, ended_reason';
	$auth_sentinel_seen     = $auth_sentinel_now . ' - ' . auth_sentinel_bench_h( 0 ) . ' % ' . ( 14 * DAY_IN_SECONDS );
	$auth_sentinel_ip       = auth_sentinel_bench_ip( auth_sentinel_bench_h( 3 ) );
	// Each kind below is one INSERT … SELECT over the users; `h` is an MD5 that seeds the row's values.

	// 170,000 cookie sessions: users k = 1 … 85,000 have 1 + k % 3 each; last use over 14 days, 5% expired.
	$wpdb->query(
		"INSERT INTO {$auth_sentinel_sessions} ({$auth_sentinel_columns})
		SELECT 'cookie', h, uid, FROM_UNIXTIME({$auth_sentinel_seen} - " . auth_sentinel_bench_h( 1 ) . ' % ' . ( 14 * DAY_IN_SECONDS ) . '),
			FROM_UNIXTIME(CASE WHEN ' . auth_sentinel_bench_h( 2 ) . " % 20 = 0 THEN {$auth_sentinel_now} - " . auth_sentinel_bench_h( 2 ) . ' % ' . ( 3 * DAY_IN_SECONDS ) . " ELSE {$auth_sentinel_now} + 3600 + " . auth_sentinel_bench_h( 2 ) . ' % ' . ( 14 * DAY_IN_SECONDS ) . " END),
			FROM_UNIXTIME({$auth_sentinel_seen}), {$auth_sentinel_ip}, " . auth_sentinel_bench_pick( auth_sentinel_bench_h( 4 ), $auth_sentinel_browsers ) . ", '', '', '', 'active', NULL, 0, ''
		FROM (
			SELECT u.ID AS uid, MD5(CONCAT('bench-cookie-', u.ID, '-', j.n)) AS h
			FROM {$wpdb->users} u JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2) j ON j.n <= {$auth_sentinel_k} % 3
			WHERE {$auth_sentinel_mark} AND {$auth_sentinel_k} <= 85000
		) x"
	);
	// 20,000 application passwords: users k % 5 = 1; 10% never used, none expires.
	$wpdb->query(
		"INSERT INTO {$auth_sentinel_sessions} ({$auth_sentinel_columns})
		SELECT 'app_password', h, uid, FROM_UNIXTIME({$auth_sentinel_now} - " . auth_sentinel_bench_h( 1 ) . ' % ' . ( 180 * DAY_IN_SECONDS ) . '), NULL,
			CASE WHEN ' . auth_sentinel_bench_h( 2 ) . " % 10 = 0 THEN NULL ELSE FROM_UNIXTIME({$auth_sentinel_seen}) END, {$auth_sentinel_ip}, " . auth_sentinel_bench_pick( auth_sentinel_bench_h( 4 ), $auth_sentinel_clients ) . ', '
			. auth_sentinel_bench_pick( auth_sentinel_bench_h( 2 ), array( 'Zapier', 'Jetpack', 'Mobile app', 'Backups', 'CI deploy', 'Reporting' ) ) . ",
			CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-4', SUBSTR(h, 14, 3), '-a', SUBSTR(h, 18, 3), '-', SUBSTR(h, 21, 12)), MD5(CONCAT('secret', h)), 'active', NULL, 0, ''
		FROM ( SELECT u.ID AS uid, MD5(CONCAT('bench-app-', u.ID)) AS h FROM {$wpdb->users} u WHERE {$auth_sentinel_mark} AND {$auth_sentinel_k} % 5 = 1 ) x"
	);
	// 8,000 WCPOS sessions (k = 85,001 … 93,000) and 2,000 tokens (k = 93,001 … 95,000).
	$wpdb->query(
		"INSERT INTO {$auth_sentinel_sessions} ({$auth_sentinel_columns})
		SELECT IF(k <= 93000, 'wcpos', 'token'), h, uid, FROM_UNIXTIME({$auth_sentinel_seen} - " . auth_sentinel_bench_h( 1 ) . ' % ' . ( 7 * DAY_IN_SECONDS ) . "),
			FROM_UNIXTIME({$auth_sentinel_now} + 600 + " . auth_sentinel_bench_h( 2 ) . ' % ' . ( 30 * DAY_IN_SECONDS ) . "), FROM_UNIXTIME({$auth_sentinel_seen}), {$auth_sentinel_ip},
			IF(k <= 93000, CONCAT('WCPOS/1.7.', k % 10, ' (Android 14)'), 'okhttp/4.12.0'),
			IF(k <= 93000, 'WCPOS', " . auth_sentinel_bench_pick( 'k', array( 'JWT Authentication', 'Simple JWT Login', 'OAuth Server' ) ) . "), IF(k <= 93000, h, ''), '', 'active', NULL, 0, ''
		FROM ( SELECT u.ID AS uid, {$auth_sentinel_k} AS k, MD5(CONCAT('bench-token-', u.ID)) AS h FROM {$wpdb->users} u WHERE {$auth_sentinel_mark} AND {$auth_sentinel_k} BETWEEN 85001 AND 95000 ) x"
	);
	// 50,000 ended or revoked (k = 1 … 50,000): last use 14 to 30 days ago; a fifth revoked by user 1.
	$wpdb->query(
		"INSERT INTO {$auth_sentinel_sessions} ({$auth_sentinel_columns})
		SELECT ELT(1 + k % 10, 'cookie', 'cookie', 'cookie', 'cookie', 'cookie', 'cookie', 'cookie', 'cookie', 'app_password', 'wcpos'), h, uid,
			FROM_UNIXTIME(seen - " . auth_sentinel_bench_h( 1 ) . ' % ' . ( 14 * DAY_IN_SECONDS ) . "), FROM_UNIXTIME(seen + 14 * 86400), FROM_UNIXTIME(seen), {$auth_sentinel_ip},
			" . auth_sentinel_bench_pick( auth_sentinel_bench_h( 4 ), $auth_sentinel_browsers ) . ", '', '', '',
			IF(k % 5 = 0, 'revoked', 'ended'), FROM_UNIXTIME(seen + " . auth_sentinel_bench_h( 2 ) . " % 86400), IF(k % 5 = 0, 1, uid),
			IF(k % 5 = 0, ELT(1 + k % 3, 'admin', 'policy_password', 'revoke_all'), ELT(1 + k % 2, 'signed_out', 'expired'))
		FROM (
			SELECT u.ID AS uid, {$auth_sentinel_k} AS k, MD5(CONCAT('bench-ended-', u.ID)) AS h, {$auth_sentinel_now} - 14 * 86400 - CONV(SUBSTR(MD5(CONCAT('bench-ended-', u.ID)), 1, 6), 16, 10) % " . ( 16 * DAY_IN_SECONDS ) . " AS seen
			FROM {$wpdb->users} u WHERE {$auth_sentinel_mark} AND {$auth_sentinel_k} <= 50000
		) x"
	);
	// Core's session_tokens meta of the live cookie sessions: one serialized array per user, keyed
	// by a verifier (sha256 hex), with what core and the plugin keep in each session.
	$wpdb->query(
		"INSERT INTO {$wpdb->usermeta} (user_id, meta_key, meta_value)
		SELECT user_id, 'session_tokens', CONCAT('a:', COUNT(*), ':{', GROUP_CONCAT(item ORDER BY id SEPARATOR ''), '}')
		FROM (
			SELECT s.id, s.user_id, CONCAT(
				's:64:\"', SHA2(s.fp, 256), '\";a:6:{',
				's:10:\"expiration\";i:', UNIX_TIMESTAMP(s.expires), ';',
				's:2:\"ip\";s:', LENGTH(s.ip), ':\"', s.ip, '\";',
				's:2:\"ua\";s:', LENGTH(s.user_agent), ':\"', s.user_agent, '\";',
				's:5:\"login\";i:', UNIX_TIMESTAMP(s.created), ';',
				's:9:\"last_seen\";i:', UNIX_TIMESTAMP(s.last_seen), ';',
				's:7:\"last_ip\";s:', LENGTH(s.ip), ':\"', s.ip, '\";}'
			) AS item
			FROM {$auth_sentinel_sessions} s JOIN {$wpdb->users} u ON u.ID = s.user_id
			WHERE {$auth_sentinel_mark} AND s.type = 'cookie' AND s.status = 'active'
		) x GROUP BY user_id"
	);
	$wpdb->query( $wpdb->prepare( 'SET time_zone = %s', $auth_sentinel_zone ) );
	$wpdb->query( "ANALYZE TABLE {$auth_sentinel_sessions}, {$wpdb->users}, {$wpdb->usermeta}" );
	wp_cache_flush();
endif;

$auth_sentinel_low = (int) $wpdb->get_var( "SELECT MIN(ID) FROM {$wpdb->users} u WHERE {$auth_sentinel_mark}" );
auth_sentinel_bench_out( sprintf( "%s %s bench users in %.1f s\n\n", $auth_sentinel_reuse ? 'Reused' : 'Filled', number_format( auth_sentinel_bench_user_count() ), microtime( true ) - $auth_sentinel_start ) );
auth_sentinel_bench_out( "| sessions table | rows |\n|---|---|\n" );
foreach ( (array) $wpdb->get_results( "SELECT CONCAT(type, ', ', IF(status = 'active' AND (expires IS NULL OR expires > UTC_TIMESTAMP()), 'live', IF(status = 'active', 'active but expired', status))) AS what, COUNT(*) AS n FROM {$auth_sentinel_sessions} GROUP BY what ORDER BY what", ARRAY_A ) as $auth_sentinel_line ) {
	auth_sentinel_bench_out( sprintf( "| %s | %s |\n", $auth_sentinel_line['what'], number_format( (int) $auth_sentinel_line['n'] ) ) );
}
$auth_sentinel_meta = $wpdb->get_row( "SELECT COUNT(*) AS n, SUM(LENGTH(meta_value)) AS bytes FROM {$wpdb->usermeta} WHERE meta_key = 'session_tokens'", ARRAY_A );
auth_sentinel_bench_out( sprintf( "| usermeta `session_tokens` | %s rows, %.1f MB |\n", number_format( (int) $auth_sentinel_meta['n'] ), (int) $auth_sentinel_meta['bytes'] / 1048576 ) );
auth_sentinel_bench_out( sprintf( "| usermeta, all | %s rows |\n\n", number_format( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->usermeta}" ) ) ) );

// A user with three cookie sessions, an application password and an ended row (k = 4,241), and a
// login prefix that matches a handful of users (k = 424, 4,240 … 4,249, 42,400 … 42,499 with the same name).
$auth_sentinel_user   = $auth_sentinel_low + 4240;
$auth_sentinel_login  = (string) $wpdb->get_var( $wpdb->prepare( "SELECT user_login FROM {$wpdb->users} WHERE ID = %d", $auth_sentinel_low + 4241 ) );
$auth_sentinel_prefix = substr( $auth_sentinel_login, 0, -1 );
$auth_sentinel_broad  = strtok( $auth_sentinel_login, '.' );

wp_set_current_user( 1 );
$auth_sentinel_plans = array();
$auth_sentinel_cases = array(
	'/sessions (page 1, 20 per page)'      => array( '/auth-sentinel/v1/sessions', array() ),
	'/sessions?page=500'                   => array( '/auth-sentinel/v1/sessions', array( 'page' => 500 ) ),
	'/sessions?type=app_password'          => array( '/auth-sentinel/v1/sessions', array( 'type' => 'app_password' ) ),
	'/sessions?user=<id> (4 live)'         => array( '/auth-sentinel/v1/sessions', array( 'user' => $auth_sentinel_user ) ),
	'/sessions?search=' . $auth_sentinel_prefix . ' (login prefix)' => array( '/auth-sentinel/v1/sessions', array( 'search' => $auth_sentinel_prefix ) ),
	'/sessions?search=' . $auth_sentinel_broad . ' (6,250 logins match; 500 kept)' => array( '/auth-sentinel/v1/sessions', array( 'search' => $auth_sentinel_broad ) ),
	'/sessions?search=10.0.42 (IP prefix)' => array( '/auth-sentinel/v1/sessions', array( 'search' => '10.0.42' ) ),
	'/sessions?search=iPhone (user agent)' => array( '/auth-sentinel/v1/sessions', array( 'search' => 'iPhone' ) ),
	'/sessions?status=ended'               => array( '/auth-sentinel/v1/sessions', array( 'status' => 'ended' ) ),
	'/sessions?status=all'                 => array( '/auth-sentinel/v1/sessions', array( 'status' => 'all' ) ),
	'/sessions?orderby=created&order=asc'  => array(
		'/auth-sentinel/v1/sessions',
		array(
			'orderby' => 'created',
			'order'   => 'asc',
		),
	),
	'/users/<id>/sessions'                 => array( '/auth-sentinel/v1/users/' . $auth_sentinel_user . '/sessions', array() ),
);

auth_sentinel_bench_out( "| request | median of 5 | X-WP-Total |\n|---|---|---|\n" );
$auth_sentinel_capture = array();
$auth_sentinel_filter  = static function ( $sql ) use ( &$auth_sentinel_capture, $auth_sentinel_sessions ) {
	if ( is_array( $auth_sentinel_capture ) && false !== strpos( $sql, $auth_sentinel_sessions ) && 0 === stripos( ltrim( $sql ), 'SELECT' ) ) {
		$auth_sentinel_capture[] = $sql;
	}
	return $sql;
};
add_filter( 'query', $auth_sentinel_filter );
foreach ( $auth_sentinel_cases as $auth_sentinel_label => $auth_sentinel_case ) {
	$auth_sentinel_times = array();
	$auth_sentinel_total = '';
	for ( $auth_sentinel_i = 0; $auth_sentinel_i < 5; $auth_sentinel_i++ ) {
		$auth_sentinel_capture = 0 === $auth_sentinel_i ? array() : null;
		$auth_sentinel_request = new WP_REST_Request( 'GET', $auth_sentinel_case[0] );
		$auth_sentinel_request->set_param( 'per_page', 20 ); // As the Sessions screen asks.
		foreach ( $auth_sentinel_case[1] as $auth_sentinel_key => $auth_sentinel_value ) {
			$auth_sentinel_request->set_param( $auth_sentinel_key, $auth_sentinel_value );
		}
		$auth_sentinel_t0       = microtime( true );
		$auth_sentinel_response = rest_do_request( $auth_sentinel_request );
		$auth_sentinel_times[]  = microtime( true ) - $auth_sentinel_t0;
		if ( 0 === $auth_sentinel_i ) {
			$auth_sentinel_plans[ $auth_sentinel_label ] = $auth_sentinel_capture;
		}
		if ( 200 !== $auth_sentinel_response->get_status() ) {
			fwrite( STDERR, $auth_sentinel_label . ': ' . $auth_sentinel_response->get_status() . ' ' . wp_json_encode( $auth_sentinel_response->get_data() ) . "\n" );
		}
		$auth_sentinel_headers = $auth_sentinel_response->get_headers();
		$auth_sentinel_total   = number_format( (int) ( $auth_sentinel_headers['X-WP-Total'] ?? 0 ) );
	}
	auth_sentinel_bench_out( sprintf( "| `GET %s` | %.0f ms | %s |\n", $auth_sentinel_label, auth_sentinel_bench_median( $auth_sentinel_times ), $auth_sentinel_total ) );
}

// The dashboard's count of live credentials.
$auth_sentinel_times   = array();
$auth_sentinel_capture = array();
for ( $auth_sentinel_i = 0; $auth_sentinel_i < 5; $auth_sentinel_i++ ) {
	$auth_sentinel_t0      = microtime( true );
	$auth_sentinel_count   = \AuthSentinel\Plugin::get( \AuthSentinel\Sessions\Inventory::class )->count_active();
	$auth_sentinel_times[] = microtime( true ) - $auth_sentinel_t0;
	if ( 0 === $auth_sentinel_i ) {
		$auth_sentinel_plans['count_active()'] = $auth_sentinel_capture;
		$auth_sentinel_capture                 = null;
	}
}
auth_sentinel_bench_out( sprintf( "| `count_active()` (dashboard) | %.0f ms | %s |\n", auth_sentinel_bench_median( $auth_sentinel_times ), number_format( $auth_sentinel_count ) ) );
remove_filter( 'query', $auth_sentinel_filter );

// Revocations, on users whose sessions were made by core (so meta and index agree): five users
// with one session each for DELETE /sessions/<id>, five with three each for DELETE /users/<id>/sessions.
// Ranks 99,982 … 99,995 but those ≡ 1 (mod 5), which have an application password: nothing else of theirs is indexed.
$auth_sentinel_targets = array();
foreach ( array( 99982, 99983, 99984, 99985, 99987, 99988, 99989, 99990, 99992, 99993 ) as $auth_sentinel_k ) {
	$auth_sentinel_targets[] = $auth_sentinel_low + $auth_sentinel_k - 1;
}
$auth_sentinel_checks = array();
foreach ( array( 'one', 'user' ) as $auth_sentinel_kind ) {
	$auth_sentinel_times = array();
	foreach ( array_splice( $auth_sentinel_targets, 0, 5 ) as $auth_sentinel_target ) {
		$auth_sentinel_manager = WP_Session_Tokens::get_instance( $auth_sentinel_target );
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < ( 'one' === $auth_sentinel_kind ? 1 : 3 ); $auth_sentinel_i++ ) {
			$auth_sentinel_manager->create( $auth_sentinel_now + 14 * DAY_IN_SECONDS );
		}
		$auth_sentinel_ids      = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$auth_sentinel_sessions} WHERE user_id = %d AND type = 'cookie' AND status = 'active'", $auth_sentinel_target ) ) );
		$auth_sentinel_had      = count( \AuthSentinel\Sessions\SessionTokens::stored( $auth_sentinel_target ) );
		$auth_sentinel_route    = 'one' === $auth_sentinel_kind ? '/auth-sentinel/v1/sessions/' . $auth_sentinel_ids[0] : '/auth-sentinel/v1/users/' . $auth_sentinel_target . '/sessions';
		$auth_sentinel_t0       = microtime( true );
		$auth_sentinel_response = rest_do_request( new WP_REST_Request( 'DELETE', $auth_sentinel_route ) );
		$auth_sentinel_times[]  = microtime( true ) - $auth_sentinel_t0;
		$auth_sentinel_left     = count( \AuthSentinel\Sessions\SessionTokens::stored( $auth_sentinel_target ) );
		$auth_sentinel_revoked  = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$auth_sentinel_sessions} WHERE user_id = %d AND status = 'revoked' AND id IN (" . implode( ',', $auth_sentinel_ids ) . ')', $auth_sentinel_target ) );
		$auth_sentinel_checks[] = sprintf( '%s: status %d, sessions in meta %d → %d, index rows revoked %d of %d', $auth_sentinel_route, $auth_sentinel_response->get_status(), $auth_sentinel_had, $auth_sentinel_left, $auth_sentinel_revoked, 'one' === $auth_sentinel_kind ? 1 : count( $auth_sentinel_ids ) );
	}
	auth_sentinel_bench_out(
		sprintf(
			"| `%s` | %.0f ms | |\n",
			'one' === $auth_sentinel_kind ? 'DELETE /sessions/<id>' : 'DELETE /users/<id>/sessions (3 sessions)',
			auth_sentinel_bench_median( $auth_sentinel_times )
		)
	);
}
auth_sentinel_bench_out( "\nRevocations checked:\n\n- " . implode( "\n- ", $auth_sentinel_checks ) . "\n" );

auth_sentinel_bench_out( "\n### EXPLAIN of the default listing (page, then total)\n" );
foreach ( $auth_sentinel_plans['/sessions (page 1, 20 per page)'] as $auth_sentinel_sql ) {
	auth_sentinel_bench_explain( $auth_sentinel_sql );
}
auth_sentinel_bench_out( "\n### Plans of every request (table, access, key, estimated rows, extra)\n\n| request | query | plan |\n|---|---|---|\n" );
foreach ( $auth_sentinel_plans as $auth_sentinel_label => $auth_sentinel_queries ) {
	foreach ( (array) $auth_sentinel_queries as $auth_sentinel_sql ) {
		$auth_sentinel_what = preg_match( '/^\s*SELECT COUNT\(\*\)/i', $auth_sentinel_sql ) ? 'total' : 'page';
		auth_sentinel_bench_out( sprintf( "| `%s` | %s | %s |\n", $auth_sentinel_label, $auth_sentinel_what, auth_sentinel_bench_plan( $auth_sentinel_sql ) ) );
	}
}

if ( ! $auth_sentinel_keep ) {
	auth_sentinel_bench_cleanup();
	auth_sentinel_bench_out( "\nCleaned up: the bench users, their meta, index and audit rows are gone.\n" );
}
