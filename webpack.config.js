/**
 * Webpack configuration: the @wordpress/scripts defaults with one entry point
 * per admin screen.
 *
 * Each screen (src/admin/<screen>/index.tsx) becomes build/<screen>.js, its
 * build/<screen>.asset.php (script dependencies and version for
 * wp_enqueue_script) and build/<screen>.css (+ -rtl.css). A page loads the
 * script of its own screen only; there are no shared chunks to enqueue.
 *
 * DataViews is imported from `@wordpress/dataviews`, not from its `/wp`
 * build: the `/wp` build carries its own copy of @wordpress/components (about
 * 1.6 MiB minified). The plain build imports @wordpress/components,
 * compose, data, element, private-apis and the rest by name, so the
 * dependency extraction plugin maps them to the scripts WordPress already
 * loads (wp-components, …) and lists them in the asset file. WordPress 6.8's
 * wp-components has every public and private component DataViews 4.22 uses
 * (Menu, Badge, kebabCase among the private ones); the browser tests open
 * every screen and its menus to keep it so.
 *
 * The table screens also get build/<screen>-first-rows.css (+ -rtl.css): the
 * rules of their stylesheet that the rows the server prints need
 * (bin/first-rows-css.js), printed in the page's head.
 */
const fs = require( 'fs' );
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );
const { FirstRowsCssPlugin } = require( './bin/first-rows-css' );

const ADMIN = path.resolve( __dirname, 'src/admin' );

/** The admin screens: the folders of src/admin with an entry point. */
const SCREENS = fs
	.readdirSync( ADMIN )
	.filter( ( name ) =>
		fs.existsSync( path.join( ADMIN, name, 'index.tsx' ) )
	);

const KIB = 1024;

module.exports = {
	...defaultConfig,
	entry: Object.fromEntries(
		SCREENS.map( ( screen ) => [
			screen,
			path.join( ADMIN, screen, 'index.tsx' ),
		] )
	),
	plugins: [ ...defaultConfig.plugins, new FirstRowsCssPlugin() ],
	performance: {
		// Minified, before gzip; the largest screen is well under it.
		hints: 'warning',
		maxAssetSize: 400 * KIB,
		maxEntrypointSize: 450 * KIB,
	},
};
