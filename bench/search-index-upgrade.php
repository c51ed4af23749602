<?php
/**
 * Times the schema 9 upgrade on a full failures table: the request that sees the new version,
 * then the background job that makes the full-text index, while another process reads the
 * newest failures and records new ones (as sign-ins that fail would) every 200 ms; then, for
 * comparison, the statement the upgrade ran inline before (the index made in the request).
 *
 * Fill the table first (bench/events-scale.php; docs/performance.md), then:
 * php tests/bin/wp-run.php <site dir> <url> bench/search-index-upgrade.php
 *
 * Each measurement starts from a table that never had a full-text index (dropped with
 * ALGORITHM=COPY, which also drops InnoDB's hidden document id), as on a site upgrading from 8.
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.DB, WordPress.WP.AlternativeFunctions, WordPress.PHP.DiscouragedPHPFunctions, WordPress.Security.EscapeOutput -- A bench, run from the shell.
use AuthSentinel\Database\BoundedQuery;
use AuthSentinel\Database\FullText;
use AuthSentinel\Database\FullTextIndex;
use AuthSentinel\Database\FullTextJob;
use AuthSentinel\Database\Schema;

global $wpdb;
$auth_sentinel_table = Schema::events_table();

if ( getenv( 'AUTH_SENTINEL_BENCH_PROBE' ) ) {
	// The other process: a read of the newest page and a bounded write, every 200 ms, until told to stop.
	$auth_sentinel_stop = (string) getenv( 'AUTH_SENTINEL_BENCH_PROBE' );
	$auth_sentinel_log  = array();
	for ( $auth_sentinel_i = 0; ! file_exists( $auth_sentinel_stop ) && $auth_sentinel_i < 3000; $auth_sentinel_i++ ) {
		wp_cache_delete( 'alloptions', 'options' ); // Read afresh, as each request reads them (the job's mark).
		$auth_sentinel_t0 = microtime( true );
		$wpdb->get_col( "SELECT id FROM {$auth_sentinel_table} ORDER BY last_seen DESC, id DESC LIMIT 20" );
		$auth_sentinel_t1 = microtime( true );
		$auth_sentinel_ok = BoundedQuery::run(
			$auth_sentinel_table,
			static function () use ( $wpdb, $auth_sentinel_table, $auth_sentinel_i ) {
				return BoundedQuery::exec( $wpdb->prepare( "INSERT INTO {$auth_sentinel_table} (agg_key, hour, first_seen, last_seen, source, server_code, code, cause, details) VALUES (%s, %d, NOW(), NOW(), 'password', 'incorrect_password', 'benchprobe', 'bad_credentials', '{}')", md5( 'probe' . $auth_sentinel_i . microtime() ), intdiv( time(), HOUR_IN_SECONDS ) ) );
			}
		);
		$auth_sentinel_log[] = array( round( ( $auth_sentinel_t1 - $auth_sentinel_t0 ) * 1000 ), round( ( microtime( true ) - $auth_sentinel_t1 ) * 1000 ), false !== $auth_sentinel_ok );
		usleep( 200000 );
	}
	echo wp_json_encode( $auth_sentinel_log );
	return;
}

$auth_sentinel_rows = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$auth_sentinel_table}" );
printf( "Failures table: %s rows; load average %s\n\n", number_format( $auth_sentinel_rows ), implode( ' ', array_map( static fn( $l ) => sprintf( '%.2f', $l ), (array) sys_getloadavg() ) ) );

$auth_sentinel_fresh = static function () use ( $wpdb, $auth_sentinel_table ): void {
	$t0 = microtime( true );
	if ( FullTextIndex::has_index( $auth_sentinel_table ) ) {
		$wpdb->query( "ALTER TABLE {$auth_sentinel_table} DROP INDEX " . FullTextIndex::INDEX . ', ALGORITHM=COPY' );
	} else {
		$wpdb->query( "ALTER TABLE {$auth_sentinel_table} FORCE, ALGORITHM=COPY" );
	}
	printf( "(table copied without a full-text index in %.1f s)\n", microtime( true ) - $t0 );
};

// 1. The request that sees the new version.
$auth_sentinel_fresh();
update_option( FullText::OPTION, array(), false );
update_option( Schema::OPTION, 8, true );
wp_clear_scheduled_hook( FullTextJob::HOOK );
$auth_sentinel_t0 = microtime( true );
Schema::maybe_upgrade();
printf( "Upgrade from schema 8, in the request: %.2f s; failures' index made: %s; job scheduled: %s\n", microtime( true ) - $auth_sentinel_t0, FullTextIndex::has_index( $auth_sentinel_table ) ? 'yes' : 'no', wp_next_scheduled( FullTextJob::HOOK ) ? 'yes' : 'no' );

// 2. The job, with reads and writes from another process meanwhile.
$auth_sentinel_stop  = tempnam( sys_get_temp_dir(), 'as-probe' );
$auth_sentinel_out   = tempnam( sys_get_temp_dir(), 'as-probe-out' );
unlink( $auth_sentinel_stop );
$auth_sentinel_probe = proc_open(
	array( PHP_BINARY, dirname( __DIR__ ) . '/tests/bin/wp-run.php', untrailingslashit( ABSPATH ), home_url(), __FILE__ ),
	array(
		0 => array( 'file', '/dev/null', 'r' ),
		1 => array( 'file', $auth_sentinel_out, 'w' ),
		2 => array( 'file', '/dev/null', 'w' ),
	),
	$auth_sentinel_pipes,
	null,
	array( 'AUTH_SENTINEL_BENCH_PROBE' => $auth_sentinel_stop ) + getenv()
);
sleep( 2 ); // The probe's first rounds: before the job.
$auth_sentinel_t0 = microtime( true );
FullTextJob::run();
$auth_sentinel_job = microtime( true ) - $auth_sentinel_t0;
sleep( 2 );
touch( $auth_sentinel_stop );
proc_close( $auth_sentinel_probe );
$auth_sentinel_log = (array) json_decode( (string) file_get_contents( $auth_sentinel_out ), true );
unlink( $auth_sentinel_stop );
unlink( $auth_sentinel_out );
printf( "Job (one cron run): %.1f s; index made: %s; job still scheduled: %s\n", $auth_sentinel_job, FullText::ready( 'events' ) ? 'yes' : 'no', wp_next_scheduled( FullTextJob::HOOK ) ? 'yes' : 'no' );
$auth_sentinel_reads  = array_column( $auth_sentinel_log, 0 );
$auth_sentinel_writes = array_column( $auth_sentinel_log, 1 );
sort( $auth_sentinel_reads );
sort( $auth_sentinel_writes );
printf(
	"Meanwhile, another process every 200 ms (%d rounds): newest page read in %d ms median, %d ms at most; a failure recorded in %d ms median, %d ms at most; %d of %d writes dropped (locked)\n",
	count( $auth_sentinel_log ),
	$auth_sentinel_reads ? $auth_sentinel_reads[ intdiv( count( $auth_sentinel_reads ), 2 ) ] : 0,
	$auth_sentinel_reads ? end( $auth_sentinel_reads ) : 0,
	$auth_sentinel_writes ? $auth_sentinel_writes[ intdiv( count( $auth_sentinel_writes ), 2 ) ] : 0,
	$auth_sentinel_writes ? end( $auth_sentinel_writes ) : 0,
	count(
		array_filter(
			$auth_sentinel_log,
			static function ( $round ) {
				return ! $round[2];
			}
		)
	),
	count( $auth_sentinel_log )
);
$wpdb->query( "DELETE FROM {$auth_sentinel_table} WHERE code = 'benchprobe'" );

// 3. Before: the same index made by the statement the upgrade ran inline.
$auth_sentinel_fresh();
$auth_sentinel_t0 = microtime( true );
$wpdb->query( "ALTER TABLE {$auth_sentinel_table} ADD FULLTEXT KEY " . FullTextIndex::INDEX . ' (' . implode( ', ', FullText::COLUMNS['events'] ) . ')' );
printf( "Before: the index made inline (plain ALTER TABLE, as the upgrade did): %.1f s\n", microtime( true ) - $auth_sentinel_t0 );
FullTextIndex::ensure();
printf( "\nLoad average at the end: %s\n", implode( ' ', array_map( static fn( $l ) => sprintf( '%.2f', $l ), (array) sys_getloadavg() ) ) );
