<?php
/**
 * Browser-test helper, run inside the site by tests/bin/wp-run.php: with
 * AUTH_SENTINEL_LARGE=seed, adds 100,000 failures, 100,000 audit rows and 100,000 sessions
 * (rows of the plugin's tables only, marked so they can be removed), spread over 30 days;
 * with AUTH_SENTINEL_LARGE=remove, removes them. Prints the row counts.
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery -- Test data in the plugin's own tables.
global $wpdb;
$auth_sentinel_events   = \AuthSentinel\Database\Schema::events_table();
$auth_sentinel_audit    = \AuthSentinel\Database\Schema::audit_table();
$auth_sentinel_sessions = \AuthSentinel\Database\Schema::sessions_table();
$auth_sentinel_target   = 100000;
$auth_sentinel_mark     = 'large-data';

if ( 'remove' === getenv( 'AUTH_SENTINEL_LARGE' ) ) {
	foreach ( array(
		$auth_sentinel_events   => 'route',
		$auth_sentinel_audit    => 'user_agent',
		$auth_sentinel_sessions => 'label',
	) as $auth_sentinel_table => $auth_sentinel_column ) {
		do {
			$auth_sentinel_ids = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$auth_sentinel_table} WHERE {$auth_sentinel_column} = %s LIMIT 5000", $auth_sentinel_mark ) ) );
			if ( $auth_sentinel_ids ) {
				$wpdb->query( "DELETE FROM {$auth_sentinel_table} WHERE id IN (" . implode( ',', $auth_sentinel_ids ) . ')' );
			}
		} while ( $auth_sentinel_ids );
	}
	( new \AuthSentinel\Events\RollupRepository() )->clear();
} else {
	$auth_sentinel_now = time();
	$auth_sentinel_e   = array();
	$auth_sentinel_a   = array();
	$auth_sentinel_s   = array();
	for ( $auth_sentinel_i = 0; $auth_sentinel_i < 1000; $auth_sentinel_i++ ) {
		$auth_sentinel_at  = $auth_sentinel_now - wp_rand( 3600, 30 * DAY_IN_SECONDS );
		$auth_sentinel_day = gmdate( 'Y-m-d H:i:s', $auth_sentinel_at );
		$auth_sentinel_e[] = $wpdb->prepare( '(%s, %d, %s, %s, %d, %s, %s, %s, %s, %s, %d, %s, %s, %s, %s)', md5( $auth_sentinel_mark . $auth_sentinel_i ), intdiv( $auth_sentinel_at, HOUR_IN_SECONDS ), $auth_sentinel_day, $auth_sentinel_day, wp_rand( 1, 9 ), 'token', 'wcpos', 'woocommmerce_pos_auth_invalid_token', 'token_invalid', 'expired', wp_rand( 1000, 90000 ), '10.1.' . wp_rand( 0, 255 ) . '.' . wp_rand( 0, 255 ), 'WCPOS/1.7 (Android 14)', $auth_sentinel_mark, '{}' );
		$auth_sentinel_a[] = $wpdb->prepare( '(%s, %s, %d, %d, %s, %s, %s)', $auth_sentinel_day, 'session_revoked', 1, wp_rand( 1000, 90000 ), '10.1.0.1', $auth_sentinel_mark, '{}' );
		$auth_sentinel_s[] = $wpdb->prepare( '(%s, %s, %d, %s, %s, %s, %s)', 'token', md5( $auth_sentinel_mark . 's' . $auth_sentinel_i ), 1, $auth_sentinel_day, gmdate( 'Y-m-d H:i:s', $auth_sentinel_now + 30 * DAY_IN_SECONDS ), $auth_sentinel_day, $auth_sentinel_mark );
	}
	$wpdb->query( "INSERT INTO {$auth_sentinel_events} (agg_key, hour, first_seen, last_seen, count, source, issuer, server_code, code, cause, user_id, ip, user_agent, route, details) VALUES " . implode( ',', $auth_sentinel_e ) );
	$wpdb->query( "INSERT INTO {$auth_sentinel_audit} (at, action, actor_id, target_user_id, ip, user_agent, details) VALUES " . implode( ',', $auth_sentinel_a ) );
	$wpdb->query( "INSERT INTO {$auth_sentinel_sessions} (type, fp, user_id, created, expires, last_seen, label) VALUES " . implode( ',', $auth_sentinel_s ) );
	// Doubling with fresh keys until each table has its 100,000 marked rows (SQL both engines run).
	for ( $auth_sentinel_round = 1; $auth_sentinel_round <= 7; $auth_sentinel_round++ ) {
		$auth_sentinel_limit = $auth_sentinel_target - 1000 * ( 2 ** ( $auth_sentinel_round - 1 ) );
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$auth_sentinel_events} (agg_key, hour, first_seen, last_seen, count, source, issuer, server_code, code, cause, user_id, ip, user_agent, route, details) SELECT MD5(CONCAT(agg_key, id, %d)), hour, first_seen, last_seen, count, source, issuer, server_code, code, cause, user_id, ip, user_agent, route, details FROM {$auth_sentinel_events} WHERE route = %s LIMIT %d", $auth_sentinel_round, $auth_sentinel_mark, $auth_sentinel_limit ) );
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$auth_sentinel_audit} (at, action, actor_id, target_user_id, ip, user_agent, details) SELECT at, action, actor_id, target_user_id, ip, user_agent, details FROM {$auth_sentinel_audit} WHERE user_agent = %s LIMIT %d", $auth_sentinel_mark, $auth_sentinel_limit ) );
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$auth_sentinel_sessions} (type, fp, user_id, created, expires, last_seen, label) SELECT type, MD5(CONCAT(fp, id, %d)), user_id, created, expires, last_seen, label FROM {$auth_sentinel_sessions} WHERE label = %s LIMIT %d", $auth_sentinel_round, $auth_sentinel_mark, $auth_sentinel_limit ) );
	}
}
echo wp_json_encode(
	array(
		'events'   => (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$auth_sentinel_events} WHERE route = %s", $auth_sentinel_mark ) ),
		'audit'    => (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$auth_sentinel_audit} WHERE user_agent = %s", $auth_sentinel_mark ) ),
		'sessions' => (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$auth_sentinel_sessions} WHERE label = %s", $auth_sentinel_mark ) ),
	)
);
