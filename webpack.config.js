/**
 * Webpack configuration: the @wordpress/scripts defaults with one entry point.
 *
 * `admin` (src/admin/index.tsx) becomes build/admin.js, build/admin.asset.php
 * (script dependencies and version for wp_enqueue_script) and, because the
 * entry imports admin.scss, build/admin.css and build/admin-rtl.css.
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

module.exports = {
	...defaultConfig,
	entry: {
		admin: path.resolve( __dirname, 'src/admin/index.tsx' ),
	},
};
