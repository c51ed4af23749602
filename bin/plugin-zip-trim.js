#!/usr/bin/env node
/**
 * Finishes `npm run plugin-zip`. `wp-scripts plugin-zip` packs the files that package.json's
 * `files` list names (plugin.php, uninstall.php, includes/, build/, languages/, readme.txt,
 * LICENSE) through npm's packlist, which always adds package.json and README.md as well: the
 * developers' manifest and readme, which a WordPress site has no use for (readme.txt is the
 * plugin's readme) and whose links point into the repository. This takes those two out of
 * auth-sentinel.zip and prints what is left.
 */
'use strict';
const path = require( 'path' );
const fs = require( 'fs' );
const AdmZip = require( 'adm-zip' );

const ROOT = path.resolve( __dirname, '..' );
const { name } = require( path.join( ROOT, 'package.json' ) );
const file = path.join( ROOT, `${ name }.zip` );
const DEVELOPERS_ONLY = [ 'package.json', 'README.md' ];

const zip = new AdmZip( file );
for ( const entry of DEVELOPERS_ONLY ) {
	if ( zip.getEntry( `${ name }/${ entry }` ) ) {
		zip.deleteFile( `${ name }/${ entry }` );
	}
}
zip.writeZip( file );

const files = zip.getEntries().filter( ( entry ) => ! entry.isDirectory );
process.stdout.write(
	`${ name }.zip: ${ files.length } files, ${ Math.round(
		fs.statSync( file ).size / 1024
	) } KiB (without ${ DEVELOPERS_ONLY.join( ' and ' ) })\n`
);
