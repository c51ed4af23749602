#!/usr/bin/env node
/**
 * Runs a PHP script of the checkout inside the WordPress that `bin/start.sh` runs on the
 * Playground runtime, where `wp-env run` is not supported: the Playground CLI's `php` command
 * with the mounts wp-env gives its server (the core in .wp-core/ with its SQLite database, the
 * plugin, the mappings), the same site address and the same wp-config constants. The script
 * starts with `require '/wordpress/wp-load.php';`.
 *
 *   node bin/playground-php.js dev/demo.php [arguments for the script…]
 *
 * Exits with the script's exit code.
 */
'use strict';
const path = require( 'path' );
const { spawn } = require( 'child_process' );

const ROOT = path.resolve( __dirname, '..' );
const { loadConfig } = require( '@wordpress/env/lib/config' );
// wp-env's own list of the Playground server's mounts (lib/runtime/playground/index.js uses it;
// the package does not export it, hence the path).
const { getMountArgs } = require(
	path.join(
		path.dirname( require.resolve( '@wordpress/env/package.json' ) ),
		'lib/runtime/playground/blueprint-builder.js'
	)
);

async function main() {
	const argv = process.argv.slice( 2 );
	if ( ! argv.length ) {
		process.stderr.write(
			'usage: node bin/playground-php.js <script.php> [arguments]\n'
		);
		return 2;
	}
	process.chdir( ROOT ); // wp-env resolves the config's relative paths from here.
	// The project keeps wp-env's state in .cache/ (bin/wp-env-offline.sh).
	process.env.WP_ENV_HOME =
		process.env.WP_ENV_HOME || path.join( ROOT, '.cache/wp-env' );
	const config = await loadConfig( ROOT );
	const env = config.env.development;
	const plugin = ( env.pluginSources || [] ).find(
		( source ) => path.resolve( source.path ) === ROOT
	);
	if ( ! plugin ) {
		throw new Error(
			'.wp-env.json does not mount this checkout as a plugin'
		);
	}
	// The site is installed already: boot what is there, install nothing.
	const mounts = getMountArgs( config ).map( ( arg ) =>
		arg === 'install-from-existing-files-if-needed'
			? 'do-not-attempt-installing'
			: arg
	);
	const defines = [];
	for ( const [ name, value ] of Object.entries( env.config || {} ) ) {
		if ( value === null ) {
			continue;
		}
		if ( typeof value === 'boolean' ) {
			defines.push( '--define-bool', name, String( value ) );
		} else if ( typeof value === 'number' ) {
			defines.push( '--define-number', name, String( value ) );
		} else {
			defines.push( '--define', name, String( value ) );
		}
	}
	const [ script, ...scriptArgs ] = argv;
	const inSite = path.posix.join(
		'/wordpress/wp-content/plugins',
		plugin.basename,
		path
			.relative( ROOT, path.resolve( script ) )
			.split( path.sep )
			.join( '/' )
	);
	const cli = path.join(
		path.dirname( require.resolve( '@wp-playground/cli/package.json' ) ),
		'wp-playground.js'
	);
	const args = [
		cli,
		'php',
		'--php',
		String( env.phpVersion || '8.2' ),
		'--site-url',
		`http://localhost:${ env.port || 8888 }`,
		'--verbosity',
		'quiet',
		...mounts,
		...defines,
		'--',
		inSite,
		...scriptArgs,
	];
	return new Promise( ( resolve ) => {
		const child = spawn( process.execPath, args, {
			stdio: [ 'ignore', 'inherit', 'inherit' ],
			env: { ...process.env, FORCE_COLOR: '0' },
		} );
		child.on( 'exit', ( code, signal ) =>
			resolve( signal ? 1 : ( code ?? 1 ) )
		);
	} );
}

main().then(
	( code ) => process.exit( code ),
	( error ) => {
		process.stderr.write( `playground-php: ${ error.message }\n` );
		process.exit( 1 );
	}
);
