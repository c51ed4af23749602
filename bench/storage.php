<?php
/**
 * Measures what failures cost in storage: rows and bytes per failure (run inside the site by
 * wp-run.php, after the load driver). Prints Markdown rows.
 *
 * @package AuthSentinel
 */

global $wpdb;
$auth_sentinel_table = $wpdb->prefix . 'auth_sentinel_events';
// phpcs:disable WordPress.DB
$auth_sentinel_stats = $wpdb->get_row( "SELECT COUNT(*) AS row_count, COALESCE(SUM(count), 0) AS failures, COALESCE(SUM(LENGTH(agg_key) + LENGTH(source) + LENGTH(issuer) + LENGTH(server_code) + LENGTH(code) + LENGTH(cause) + LENGTH(ip) + LENGTH(user_agent) + LENGTH(route) + LENGTH(token_fp) + LENGTH(token_iss) + LENGTH(token_jti) + LENGTH(token_type) + LENGTH(details) + 40), 0) AS bytes FROM {$auth_sentinel_table}", ARRAY_A );
// phpcs:enable
printf(
	"| failures recorded | %d | rows | %d | rows per failure | %.4f | stored bytes (columns) | %d | bytes per failure | %.1f |\n",
	$auth_sentinel_stats['failures'],
	$auth_sentinel_stats['row_count'],
	$auth_sentinel_stats['failures'] ? $auth_sentinel_stats['row_count'] / $auth_sentinel_stats['failures'] : 0,
	$auth_sentinel_stats['bytes'],
	$auth_sentinel_stats['failures'] ? $auth_sentinel_stats['bytes'] / $auth_sentinel_stats['failures'] : 0
);
