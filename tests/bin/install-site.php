<?php
/**
 * Installs the test site: WordPress with the plugin active, an administrator and an editor.
 *
 * Usage: php install-site.php <site dir> <url> [activate: 1|0] [fixtures: 1|0] [multisite: 1|0]
 *
 * With multisite, the site becomes a subdirectory network (the constants go to extra-config.php),
 * the plugin is network-activated, and a second site /site2/ gets its own administrator,
 * "siteadmin"; "admin" is the network administrator.
 *
 * @package AuthSentinel
 */

if ( 'cli' !== PHP_SAPI || $argc < 3 ) {
	exit( 1 );
}
$auth_sentinel_url      = $argv[2];
$_SERVER['HTTP_HOST']   = (string) parse_url( $auth_sentinel_url, PHP_URL_HOST ) . ':' . (string) parse_url( $auth_sentinel_url, PHP_URL_PORT ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
$_SERVER['SERVER_NAME'] = 'localhost';
define( 'WP_INSTALLING', true ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- Core's own flag.
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

wp_install( 'Auth Sentinel Test', 'admin', 'admin@example.com', true, '', 'password' );
update_option( 'siteurl', $auth_sentinel_url );
update_option( 'home', $auth_sentinel_url );
update_option( 'permalink_structure', '/%postname%/' );
update_option( 'timezone_string', 'UTC' );

foreach ( array( 'editor', 'author', 'subscriber' ) as $auth_sentinel_role ) {
	$auth_sentinel_id = wp_create_user( $auth_sentinel_role, 'password', $auth_sentinel_role . '@example.com' );
	( new WP_User( $auth_sentinel_id ) )->set_role( $auth_sentinel_role );
}

$auth_sentinel_result = ( $argv[3] ?? '1' ) === '1' ? activate_plugin( 'auth-sentinel/plugin.php' ) : null;
if ( is_wp_error( $auth_sentinel_result ) ) {
	fwrite( STDERR, $auth_sentinel_result->get_error_message() . "\n" ); // phpcs:ignore
	exit( 1 );
}
// Every test request comes from 127.0.0.1: at the default cap (a hundred new failure rows per
// network and hour) the suite's own failures would fold after a hundred. The caps are tested
// at their defaults by BoundedStorageTest, which sets them itself.
if ( ( $argv[3] ?? '1' ) === '1' ) {
	update_option(
		'auth_sentinel_settings',
		array(
			'failure_cap_network' => 100000,
			'failure_cap_hour'    => 1000000,
		),
		true
	);
}
// Fixture token issuers (tests/fixtures/plugins) are active but stay dormant until a test enables them.
if ( ( $argv[4] ?? '1' ) === '1' ) {
	foreach ( array_keys( get_plugins() ) as $auth_sentinel_plugin ) {
		if ( 0 === strpos( $auth_sentinel_plugin, 'fixture-' ) ) {
			activate_plugin( $auth_sentinel_plugin );
		}
	}
}
if ( ( $argv[5] ?? '0' ) === '1' ) {
	auth_sentinel_make_network( $argv[1], $auth_sentinel_url );
}
echo "installed\n";

/**
 * Turns the installed site into a subdirectory network, then finishes the setup in a fresh
 * process that loads WordPress as a network.
 *
 * @param string $dir The site directory.
 * @param string $url The site URL.
 * @return void
 */
function auth_sentinel_make_network( string $dir, string $url ): void {
	global $wpdb;
	require_once ABSPATH . 'wp-admin/includes/network.php';
	$domain = (string) parse_url( $url, PHP_URL_HOST ) . ':' . (string) parse_url( $url, PHP_URL_PORT ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
	foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed_table ) {
		$wpdb->$table = $prefixed_table;
	}
	install_network();
	$result = populate_network( 1, $domain, 'admin@example.com', 'Auth Sentinel Network', '/', false );
	if ( is_wp_error( $result ) && 'no_wildcard_dns' !== $result->get_error_code() ) {
		fwrite( STDERR, $result->get_error_message() . "\n" ); // phpcs:ignore
		exit( 1 );
	}
	$config = "<?php\n// Written by install-site.php: a subdirectory network.\n"
		. "define( 'WP_ALLOW_MULTISITE', true );\ndefine( 'MULTISITE', true );\ndefine( 'SUBDOMAIN_INSTALL', false );\n"
		. 'define( \'DOMAIN_CURRENT_SITE\', ' . var_export( $domain, true ) . " );\n" // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export
		. "define( 'PATH_CURRENT_SITE', '/' );\ndefine( 'SITE_ID_CURRENT_SITE', 1 );\ndefine( 'BLOG_ID_CURRENT_SITE', 1 );\n";
	file_put_contents( $dir . '/extra-config.php', $config ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	// The rest needs WordPress loaded as a network: a fresh process.
	$script = __DIR__ . '/install-network.php';
	passthru( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( $script ) . ' ' . escapeshellarg( $dir ) . ' ' . escapeshellarg( $url ), $code ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_passthru -- A test installer.
	if ( 0 !== $code ) {
		exit( 1 );
	}
}
