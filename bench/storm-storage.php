<?php
/**
 * What a storm left in the failures table (run inside the site by wp-run.php): rows, rows
 * folded into overflow rows, failures counted, and the table's bytes on disk (data and
 * indexes, as MariaDB reports them after ANALYZE). Prints Markdown.
 *
 * @package AuthSentinel
 */

global $wpdb;
$auth_sentinel_table = $wpdb->prefix . 'auth_sentinel_events';
// phpcs:disable WordPress.DB
$wpdb->query( "ANALYZE TABLE {$auth_sentinel_table}" );
$auth_sentinel_rows = $wpdb->get_row( "SELECT COUNT(*) AS row_count, COALESCE(SUM(overflow), 0) AS overflow_rows, COALESCE(SUM(count), 0) AS failures, COALESCE(SUM(CASE WHEN overflow = 1 THEN count ELSE 0 END), 0) AS folded FROM {$auth_sentinel_table}", ARRAY_A );
$auth_sentinel_disk = $wpdb->get_row( $wpdb->prepare( 'SELECT data_length, index_length FROM information_schema.TABLES WHERE table_schema = %s AND table_name = %s', DB_NAME, $auth_sentinel_table ), ARRAY_A );
// phpcs:enable
printf( "| failures counted | rows | of which overflow rows | failures folded into them | table data | indexes |\n|---|---|---|---|---|---|\n" );
printf(
	"| %d | %d | %d | %d | %.1f MB | %.1f MB |\n",
	$auth_sentinel_rows['failures'],
	$auth_sentinel_rows['row_count'],
	$auth_sentinel_rows['overflow_rows'],
	$auth_sentinel_rows['folded'],
	$auth_sentinel_disk['data_length'] / 1048576,
	$auth_sentinel_disk['index_length'] / 1048576
);
