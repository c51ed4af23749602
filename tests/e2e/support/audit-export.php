<?php
/**
 * Browser-test helper, run inside the site by tests/bin/wp-run.php: with
 * AUTH_SENTINEL_EXPORT=seed, adds 8,000 audit rows marked `audit-export` in their user agent and
 * makes background exports write 0.05 s a step (a must-use plugin), so that the screen shows
 * several steps of progress; with AUTH_SENTINEL_EXPORT=remove, removes both. Prints the number
 * of marked rows (with AUTH_SENTINEL_EXPORT=count, only that); each deletes every export, so that each test starts with none to find. With
 * AUTH_SENTINEL_EXPORT=jobs, prints instead what the site keeps of the exports as JSON: the jobs
 * (id, state), the files of the export folder and the ids of the export steps due on WP-Cron.
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery,WordPress.WP.AlternativeFunctions -- Test data in the plugin's own table.
global $wpdb;
$auth_sentinel_audit = \AuthSentinel\Database\Schema::audit_table();
$auth_sentinel_mark  = 'audit-export';
$auth_sentinel_mu    = WP_CONTENT_DIR . '/mu-plugins/e2e-export-steps.php';

if ( 'jobs' === getenv( 'AUTH_SENTINEL_EXPORT' ) ) {
	$auth_sentinel_store = new \AuthSentinel\Audit\ExportStore();
	$auth_sentinel_jobs  = array();
	foreach ( array_keys( $auth_sentinel_store->files() ) as $auth_sentinel_id ) {
		$auth_sentinel_job = $auth_sentinel_store->get( (string) $auth_sentinel_id );
		if ( null !== $auth_sentinel_job ) {
			$auth_sentinel_jobs[ $auth_sentinel_id ] = $auth_sentinel_job['state'];
		}
	}
	$auth_sentinel_steps = array();
	foreach ( (array) _get_cron_array() as $auth_sentinel_events ) {
		foreach ( (array) ( $auth_sentinel_events[ \AuthSentinel\Hooks::EXPORT_STEP ] ?? array() ) as $auth_sentinel_event ) {
			$auth_sentinel_steps[] = (string) ( $auth_sentinel_event['args'][0] ?? '' );
		}
	}
	$auth_sentinel_folder = \AuthSentinel\Audit\ExportStore::folder();
	echo wp_json_encode(
		array(
			'jobs'  => (object) $auth_sentinel_jobs,
			'files' => array_values( array_diff( (array) scandir( $auth_sentinel_folder ), array( '.', '..', '.htaccess', 'index.php' ) ) ),
			'steps' => $auth_sentinel_steps,
		)
	), "\n";
	return;
}

$auth_sentinel_exports = new \AuthSentinel\Audit\ExportStore();
foreach ( array_keys( $auth_sentinel_exports->files() ) as $auth_sentinel_id ) {
	$auth_sentinel_job = $auth_sentinel_exports->get( (string) $auth_sentinel_id );
	if ( null !== $auth_sentinel_job ) {
		\AuthSentinel\Plugin::get( \AuthSentinel\Audit\ExportJobs::class )->delete( $auth_sentinel_job );
	}
}

if ( 'remove' === getenv( 'AUTH_SENTINEL_EXPORT' ) ) {
	do {
		$auth_sentinel_ids = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$auth_sentinel_audit} WHERE user_agent = %s LIMIT 5000", $auth_sentinel_mark ) ) );
		if ( $auth_sentinel_ids ) {
			$wpdb->query( "DELETE FROM {$auth_sentinel_audit} WHERE id IN (" . implode( ',', $auth_sentinel_ids ) . ')' );
		}
	} while ( $auth_sentinel_ids );
	if ( file_exists( $auth_sentinel_mu ) ) {
		unlink( $auth_sentinel_mu );
	}
} elseif ( 'seed' === getenv( 'AUTH_SENTINEL_EXPORT' ) ) {
	$auth_sentinel_now = time();
	$auth_sentinel_a   = array();
	for ( $auth_sentinel_i = 0; $auth_sentinel_i < 1000; $auth_sentinel_i++ ) {
		$auth_sentinel_a[] = $wpdb->prepare( '(%s, %s, %d, %d, %s, %s, %s)', gmdate( 'Y-m-d H:i:s', $auth_sentinel_now - 20 * DAY_IN_SECONDS + $auth_sentinel_i * 60 ), 'sign_in', 1, 1, '10.2.0.' . ( $auth_sentinel_i % 256 ), $auth_sentinel_mark, '{"method":"login_form"}' );
	}
	$auth_sentinel_columns = '(at, action, actor_id, target_user_id, ip, user_agent, details)';
	$wpdb->query( "INSERT INTO {$auth_sentinel_audit} {$auth_sentinel_columns} VALUES " . implode( ',', $auth_sentinel_a ) );
	for ( $auth_sentinel_round = 0; $auth_sentinel_round < 3; $auth_sentinel_round++ ) {
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$auth_sentinel_audit} {$auth_sentinel_columns} SELECT at, action, actor_id, target_user_id, ip, user_agent, details FROM {$auth_sentinel_audit} WHERE user_agent = %s", $auth_sentinel_mark ) );
	}
	file_put_contents( $auth_sentinel_mu, "<?php\nadd_filter( 'auth_sentinel_export_step_seconds', static function () { return 0.05; } );\n" );
}
echo (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$auth_sentinel_audit} WHERE user_agent = %s", $auth_sentinel_mark ) ), "\n";
