<?php
/**
 * Removes every piece of data the plugin stored when it is deleted.
 *
 * @package AuthSentinel
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/autoload.php';

/**
 * Removes the plugin's tables, options, user meta and scheduled events on the current site.
 *
 * @return void
 */
function auth_sentinel_uninstall_site() {
	global $wpdb;
	\AuthSentinel\Database\Schema::drop();
	// Every option the plugin owns starts with its prefix.
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( 'auth_sentinel_' ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	wp_clear_scheduled_hook( \AuthSentinel\Secrets\SecretsWatch::CRON_HOOK );
	wp_clear_scheduled_hook( \AuthSentinel\Events\EventsRetention::HOOK );
	wp_clear_scheduled_hook( \AuthSentinel\Hooks::ROLLUP );
	wp_clear_scheduled_hook( \AuthSentinel\Sessions\Inventory::CRON_HOOK );
	wp_unschedule_hook( \AuthSentinel\Alerts\Alerts::RECHECK_HOOK );
	// Log forwarding: its options (spool, state, counts) went with the prefix above; the log
	// files are the administrator's records and stay (docs/logging.md).
	wp_unschedule_hook( \AuthSentinel\Hooks::LOG_COUNTS );
	wp_unschedule_hook( \AuthSentinel\Hooks::LOG_RETRY );
	// Background exports of the audit log: their jobs went with the prefix above; their files
	// (uploads/auth-sentinel-exports/) go now.
	wp_unschedule_hook( \AuthSentinel\Hooks::EXPORT_STEP );
	wp_unschedule_hook( \AuthSentinel\Hooks::EXPORT_EXPIRE );
	wp_clear_scheduled_hook( \AuthSentinel\Hooks::SEARCH_INDEX );
	\AuthSentinel\Audit\ExportStore::remove_folder();
	wp_cache_flush();
}

if ( is_multisite() ) {
	foreach ( get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	) as $auth_sentinel_site ) {
		switch_to_blog( $auth_sentinel_site );
		auth_sentinel_uninstall_site();
		restore_current_blog();
	}
} else {
	auth_sentinel_uninstall_site();
}
// User meta is shared by the sites of a network; so are the network options.
global $wpdb;
if ( is_multisite() ) {
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s", $wpdb->esc_like( 'auth_sentinel_' ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	wp_cache_flush();
}
$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", $wpdb->esc_like( 'auth_sentinel_' ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
