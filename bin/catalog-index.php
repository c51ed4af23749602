<?php
/**
 * Writes includes/Catalog/catalog-index.php from includes/Catalog/catalog.json (the source):
 * the index a failure is filed by (`Catalog::code_for()`), kept as PHP so that opcache holds it
 * and a failed request does not decode the catalog's JSON. Run it after editing catalog.json;
 * CatalogTest fails while the two differ. Usage: `php bin/catalog-index.php`.
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.WP.AlternativeFunctions,WordPress.PHP.DevelopmentFunctions -- A command-line tool, outside WordPress, that writes PHP.

define( 'ABSPATH', __DIR__ . '/' ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals -- Catalog.php exits without it; nothing of WordPress is used.
require dirname( __DIR__ ) . '/includes/Catalog/Catalog.php';
require dirname( __DIR__ ) . '/includes/Catalog/CatalogEntries.php';

$auth_sentinel_dir   = dirname( __DIR__ ) . '/includes/Catalog';
$auth_sentinel_index = AuthSentinel\Catalog\Catalog::index_of(
	AuthSentinel\Catalog\CatalogEntries::entries_of( json_decode( (string) file_get_contents( $auth_sentinel_dir . '/catalog.json' ), true ) )
);

/**
 * Writes a map of strings as a WordPress-style array, its arrows aligned.
 *
 * @param array<string, string> $map    The map.
 * @param string                $indent The indentation of its lines.
 * @return string
 */
function auth_sentinel_catalog_map( array $map, string $indent ): string {
	$width = max( array_map( 'strlen', array_map( 'var_export', array_keys( $map ), array_fill( 0, count( $map ), true ) ) ) );
	$lines = '';
	foreach ( $map as $key => $value ) {
		$lines .= $indent . str_pad( var_export( (string) $key, true ), $width ) . ' => ' . var_export( $value, true ) . ",\n";
	}
	return $lines;
}

$auth_sentinel_php = "<?php\n/**\n * The error catalog's filing index: written by `php bin/catalog-index.php` from catalog.json.\n"
	. " * Do not edit: edit catalog.json and run the command again (CatalogTest compares them).\n *\n * @package AuthSentinel\n */\n\n"
	. "// phpcs:disable WordPress.Arrays.MultipleStatementAlignment -- Written by a script, aligned by its longest key.\n\n"
	. "defined( 'ABSPATH' ) || exit;\n\nreturn array(\n"
	. "\t// The entry each server code belongs to (listed without a `when`).\n"
	. "\t'server'     => array(\n" . auth_sentinel_catalog_map( $auth_sentinel_index['server'], "\t\t" ) . "\t),\n"
	. "\t// The kind of credential each entry is about.\n"
	. "\t'credential' => array(\n" . auth_sentinel_catalog_map( $auth_sentinel_index['credential'], "\t\t" ) . "\t),\n"
	. ");\n";
file_put_contents( $auth_sentinel_dir . '/catalog-index.php', $auth_sentinel_php );
echo 'includes/Catalog/catalog-index.php: ', count( $auth_sentinel_index['server'] ), ' server codes, ', count( $auth_sentinel_index['credential'] ), " entries\n";
