#!/usr/bin/env node
/**
 * Translation files of Auth Sentinel, made with @wp-blocks/make-pot (a Node port of WP-CLI's
 * `wp i18n make-pot` / `make-json`; its tree-sitter parsers read the PHP and JavaScript).
 *
 *   node bin/i18n.js pot            writes languages/auth-sentinel.pot (npm run build does)
 *   node bin/i18n.js pot --check    exits 1, naming the differences, when the committed .pot is
 *                                   not what the sources give (its creation date aside)
 *   node bin/i18n.js translate <auth-sentinel-LOCALE.po> <folder>
 *                                   compiles a translation into <folder>: the .mo for PHP and
 *                                   one JSON file per script of build/ (what `wp i18n
 *                                   make-json` makes), named as WordPress looks them up
 *   --build <folder>                read the scripts from another build of the app
 *
 * The .pot holds the strings of:
 * - plugin.php's header (Plugin Name, Description, Author…);
 * - the PHP of plugin.php, uninstall.php and includes/;
 * - the built admin app, build/*.js, as WordPress loads it (so that `translate` can name the
 *   JSON files after those scripts); the minified calls `(0, x.__)( … )` are turned back into
 *   `__( … )` with Babel first, as make-pot's own make-json does;
 * - includes/Catalog/catalog.json: the texts CatalogEntries::localize() passes through __().
 * Only the auth-sentinel text domain counts (the bundled components bring WordPress's own
 * strings). A "translators:" comment before a call goes with its string.
 */
'use strict';
const fs = require( 'fs' );
const os = require( 'os' );
const path = require( 'path' );
const babel = require( '@babel/core' );
const gettext = require( 'gettext-parser' );
const { doTree, MakeJsonCommand } = require( '@wp-blocks/make-pot' );

const ROOT = path.resolve( __dirname, '..' );
const DOMAIN = 'auth-sentinel';
const POT = `languages/${ DOMAIN }.pot`;
const PHP_SOURCES = [ 'plugin.php', 'uninstall.php', 'includes' ];
const CATALOG = 'includes/Catalog/catalog.json';
const HEADERS = {
	'Plugin Name': 'Plugin Name of the plugin',
	'Plugin URI': 'Plugin URI of the plugin',
	Description: 'Description of the plugin',
	Author: 'Author of the plugin',
	'Author URI': 'Author URI of the plugin',
};
const GENERATOR = `@wp-blocks/make-pot ${
	require( '@wp-blocks/make-pot/package.json' ).version
} (bin/i18n.js)`;

/** The messages found, in the order first seen: key => { msgctxt, msgid, msgid_plural, comments, references }. */
class Messages {
	constructor() {
		this.map = new Map();
	}

	add( { msgctxt, msgid, msgid_plural: plural, comment, reference } ) {
		if ( ! msgid ) {
			return;
		}
		const key = `${ msgctxt || '' }\u0004${ msgid }`;
		if ( ! this.map.has( key ) ) {
			this.map.set( key, {
				msgctxt: msgctxt || undefined,
				msgid,
				msgid_plural: plural || undefined,
				comments: [],
				references: [],
			} );
		}
		const message = this.map.get( key );
		message.msgid_plural = message.msgid_plural || plural || undefined;
		if ( comment && ! message.comments.includes( comment ) ) {
			message.comments.push( comment );
		}
		if ( reference && ! message.references.includes( reference ) ) {
			message.references.push( reference );
		}
	}
}

/**
 * Files under the given paths, relative to the root, in path order.
 *
 * @param {string[]} paths     Files or folders, relative to the root.
 * @param {RegExp}   extension Which files.
 * @return {string[]} The files.
 */
function files( paths, extension ) {
	const found = [];
	const walk = ( relative ) => {
		const full = path.join( ROOT, relative );
		if ( fs.statSync( full ).isDirectory() ) {
			for ( const entry of fs.readdirSync( full ).sort() ) {
				walk( path.posix.join( relative, entry ) );
			}
		} else if ( extension.test( relative ) ) {
			found.push( relative );
		}
	};
	paths.forEach( walk );
	return found;
}

/**
 * Adds what make-pot's extractor finds in one file.
 *
 * @param {Messages} out       The messages.
 * @param {string}   code      The file's code.
 * @param {string}   file      Its path as the references should name it (.php, .js).
 * @param {boolean}  withLines Whether references carry the line (not for minified code).
 */
function extract( out, code, file, withLines ) {
	const set = doTree( code, file, false, {
		options: { translationDomains: [ DOMAIN ] },
	} );
	for ( const block of set.blocks ) {
		const reference = block.comments.reference[ 0 ];
		// The extractor takes a variable or an expression given to __() as written: that is no
		// string to translate (Catalog::translate() passes the catalog's texts, added below).
		if ( /^\$\w|^(['"]).*\1\s*[.+]/.test( block.msgid ) ) {
			process.stderr.write(
				`note: ${ reference }: not a literal string, left out: ${ block.msgid }\n`
			);
			continue;
		}
		let comment = ( block.comments?.translator || [] )[ 0 ];
		// The extractor hands over a comment that merely contains the word (such as
		// "// phpcs:ignore …MissingTranslatorsComment") whole, markers and all: not one.
		if ( comment && /^\s*(\/\/|\/\*)/.test( comment ) ) {
			comment = undefined;
		}
		// (In a built script the lines are the minifier's: there, only what the extractor saw.)
		if ( ! comment && withLines ) {
			comment = commentAbove(
				code,
				Number( reference.split( ':' ).pop() )
			);
		}
		out.add( {
			msgctxt: block.msgctxt,
			msgid: block.msgid,
			msgid_plural: block.msgid_plural,
			comment: comment ? `translators: ${ tidy( comment ) }` : '',
			reference: withLines ? reference : file,
		} );
	}
}

/**
 * The "translators:" comment on the lines just above a call, for the places make-pot's
 * extractor does not look (a comment before a branch of `? :`, before an argument). Taken only
 * when it cannot be someone else's: the comment stands alone on the line(s) right above, and
 * the call's line holds no other translation call. Null otherwise.
 *
 * @param {string} code The file's code.
 * @param {number} line The call's line (1-based).
 * @return {string|null} The comment's text after "translators:".
 */
function commentAbove( code, line ) {
	const lines = code.split( '\n' );
	const calls = ( lines[ line - 1 ] || '' ).match(
		/(?<![\w$>:])(?:__|_[enx]|_ex|_nx|_n_noop|_nx_noop|esc_(?:html|attr)_[_ex])\s*\(/g
	);
	const end = line - 2;
	if ( ! calls || calls.length !== 1 || end < 0 ) {
		return null;
	}
	const last = lines[ end ].trim();
	if ( last.startsWith( '//' ) ) {
		const match = last.match( /^\/\/\s*translators:\s*(.*)$/i );
		return match ? match[ 1 ] : null;
	}
	if ( ! last.endsWith( '*/' ) ) {
		return null;
	}
	let start = end;
	while ( start > 0 && ! lines[ start ].includes( '/*' ) ) {
		start--;
	}
	const match = lines
		.slice( start, end + 1 )
		.join( '\n' )
		.trim()
		.match( /^\/\*+\s*translators:\s*([\s\S]*?)\s*\*\/$/i );
	return match ? match[ 1 ] : null;
}

/**
 * A comment's text on one line: the leading stars of a block comment's lines taken out.
 *
 * @param {string} comment The text.
 * @return {string} Tidied.
 */
function tidy( comment ) {
	return comment
		.split( '\n' )
		.map( ( part ) => part.replace( /^\s*\*?\s*/, '' ) )
		.join( ' ' )
		.trim();
}

/**
 * A built script with the bundler's calls `(0, x.__)( … )` written back as `__( … )`, the way
 * the make-json of @wp-blocks/make-pot reads built scripts (comments kept).
 *
 * @param {string} code The built script.
 * @return {string} Code its extractor reads.
 */
function unbundleCalls( code ) {
	const names = new Set( [ '__', '_x', '_n', '_nx' ] );
	return babel.transformSync( code, {
		configFile: false,
		babelrc: false,
		compact: false,
		comments: true,
		sourceType: 'unambiguous',
		plugins: [
			( { types: t } ) => ( {
				visitor: {
					CallExpression( { node } ) {
						const callee = node.callee;
						const member = t.isSequenceExpression( callee )
							? callee.expressions[
									callee.expressions.length - 1
								]
							: callee;
						if (
							t.isMemberExpression( member ) &&
							t.isIdentifier( member.property ) &&
							names.has( member.property.name )
						) {
							node.callee = t.identifier( member.property.name );
						}
					},
				},
			} ),
		],
	} ).code;
}

/**
 * The plugin header fields WordPress translates.
 *
 * @param {Messages} out The messages.
 */
function extractHeaders( out ) {
	const head = fs
		.readFileSync( path.join( ROOT, 'plugin.php' ), 'utf8' )
		.slice( 0, 8192 );
	for ( const [ name, comment ] of Object.entries( HEADERS ) ) {
		const match = head.match(
			new RegExp( `^[ \\t/*#@]*${ name }:(.*)$`, 'mi' )
		);
		const value = match
			? match[ 1 ].replace( /\s*\*\/.*$/, '' ).trim()
			: '';
		if ( value ) {
			out.add( { msgid: value, comment, reference: 'plugin.php' } );
		}
	}
}

/**
 * The catalog's texts that CatalogEntries::localize() translates: each entry's title and meaning, its
 * causes, its server codes' notes, its fixes' titles and steps.
 *
 * @param {Messages} out The messages.
 */
function extractCatalog( out ) {
	const { entries } = JSON.parse(
		fs.readFileSync( path.join( ROOT, CATALOG ), 'utf8' )
	);
	for ( const entry of entries ) {
		if ( ! entry || ! entry.code ) {
			continue;
		}
		const texts = [
			[ entry.title, 'title' ],
			[ entry.meaning, 'what it means' ],
		];
		for ( const cause of entry.causes || [] ) {
			texts.push( [ cause.text, `cause (${ cause.cause })` ] );
		}
		for ( const listing of entry.server_codes || [] ) {
			if ( listing.note ) {
				texts.push( [
					listing.note,
					`note on the server code ${ listing.code }`,
				] );
			}
		}
		for ( const fix of entry.how_to_fix || [] ) {
			texts.push( [
				fix.title,
				`how to fix, for the ${ fix.audience }: title`,
			] );
			( fix.steps || [] ).forEach( ( step, i ) =>
				texts.push( [
					step,
					`how to fix, for the ${ fix.audience }: step ${ i + 1 }`,
				] )
			);
		}
		for ( const [ text, what ] of texts ) {
			if ( typeof text !== 'string' || ! text ) {
				continue;
			}
			let comment = `Error catalog, ${ entry.code }: ${ what }.`;
			if ( text.includes( '`' ) ) {
				comment +=
					'\nText between backticks (`…`) is code: keep it as it is.';
			}
			out.add( { msgid: text, comment, reference: CATALOG } );
		}
	}
}

/**
 * Scans every source.
 *
 * @param {string} buildDir The folder of the built app.
 * @return {Messages} What was found.
 */
function scan( buildDir ) {
	const out = new Messages();
	extractHeaders( out );
	for ( const file of files( PHP_SOURCES, /\.php$/ ) ) {
		extract(
			out,
			fs.readFileSync( path.join( ROOT, file ), 'utf8' ),
			file,
			true
		);
	}
	extractCatalog( out );
	const scripts = fs
		.readdirSync( buildDir )
		.filter( ( name ) => name.endsWith( '.js' ) )
		.sort();
	if ( ! scripts.length ) {
		throw new Error(
			`no built scripts in ${ buildDir }: run npm run build`
		);
	}
	for ( const script of scripts ) {
		const code = fs.readFileSync( path.join( buildDir, script ), 'utf8' );
		extract( out, unbundleCalls( code ), `build/${ script }`, false );
	}
	return out;
}

/**
 * The .pot file.
 *
 * @param {Messages} out  The messages.
 * @param {string}   date POT-Creation-Date.
 * @return {string} Its text.
 */
function render( out, date ) {
	const version = fs
		.readFileSync( path.join( ROOT, 'plugin.php' ), 'utf8' )
		.match( /^\s*\*\s*Version:\s*(\S+)/m )[ 1 ];
	const translations = { '': {} };
	for ( const message of out.map.values() ) {
		const context = message.msgctxt || '';
		translations[ context ] = translations[ context ] || {};
		translations[ context ][ message.msgid ] = {
			msgctxt: message.msgctxt,
			msgid: message.msgid,
			msgid_plural: message.msgid_plural,
			msgstr: message.msgid_plural ? [ '', '' ] : [ '' ],
			comments: {
				extracted: message.comments.join( '\n' ) || undefined,
				reference: message.references.join( '\n' ),
			},
		};
	}
	const po = gettext.po
		.compile(
			{
				charset: 'utf-8',
				headers: {
					'Project-Id-Version': `Auth Sentinel ${ version }`,
					'Report-Msgid-Bugs-To': `https://wordpress.org/support/plugin/${ DOMAIN }`,
					'Last-Translator': 'FULL NAME <EMAIL@ADDRESS>',
					'Language-Team': 'LANGUAGE <LL@li.org>',
					'MIME-Version': '1.0',
					'Content-Type': 'text/plain; charset=UTF-8',
					'Content-Transfer-Encoding': '8bit',
					'POT-Creation-Date': date,
					'PO-Revision-Date': 'YEAR-MO-DA HO:MI+ZONE',
					'X-Generator': GENERATOR,
					'X-Domain': DOMAIN,
				},
				translations,
			},
			{ sort: false }
		)
		.toString( 'utf8' );
	return (
		'# Translation template for Auth Sentinel.\n' +
		'# This file is distributed under the same license as the Auth Sentinel plugin.\n' +
		'# Generated by bin/i18n.js (npm run build): do not edit by hand.\n' +
		po +
		'\n'
	);
}

/**
 * The entries of a .pot, for comparing: id => the entry's text without its date.
 *
 * @param {string} text A .pot.
 * @return {Map<string, string>} Entries.
 */
function potEntries( text ) {
	const map = new Map();
	for ( const block of text.split( /\n\n+/ ) ) {
		const id = block.match(
			/^(?:msgctxt |msgid )[\s\S]*?(?=^msgid_plural |^msgstr )/m
		);
		if ( id ) {
			map.set(
				id[ 0 ].replace( /"\n"/g, '' ).trim(),
				block.replace( /^"POT-Creation-Date: .*$/m, '' ).trim()
			);
		}
	}
	return map;
}

function pot( { check, buildDir } ) {
	const out = scan( buildDir );
	const file = path.join( ROOT, POT );
	const old = fs.existsSync( file ) ? fs.readFileSync( file, 'utf8' ) : '';
	const date = new Date()
		.toISOString()
		.replace( /T(\d\d:\d\d).*/, ' $1+0000' );
	const text = render( out, date );
	const before = potEntries( old );
	const after = potEntries( text );
	const differences = [];
	for ( const [ id, entry ] of after ) {
		if ( ! before.has( id ) ) {
			differences.push( `+ ${ id }` );
		} else if ( before.get( id ) !== entry ) {
			differences.push( `~ ${ id }` );
		}
	}
	for ( const id of before.keys() ) {
		if ( ! after.has( id ) ) {
			differences.push( `- ${ id }` );
		}
	}
	const summary = `${ out.map.size } strings`;
	if ( ! differences.length && old ) {
		process.stdout.write( `${ POT } is up to date: ${ summary }\n` );
		return 0;
	}
	if ( check ) {
		process.stdout.write(
			`${ POT } is out of date; run npm run build (or node bin/i18n.js pot) and commit it. Differences (+ new, - gone, ~ changed):\n${ differences.join(
				'\n'
			) }\n`
		);
		return 1;
	}
	fs.mkdirSync( path.dirname( file ), { recursive: true } );
	fs.writeFileSync( file, text );
	process.stdout.write( `wrote ${ POT }: ${ summary }\n` );
	return 0;
}

/**
 * Compiles a translation (.po) into the files WordPress loads: <domain>-<locale>.mo for PHP,
 * and with make-pot's make-json one <domain>-<locale>-<md5 of "build/x.js">.json per script
 * that uses one of its strings.
 *
 * @param {string} poFile The translation.
 * @param {string} target The folder to write to (e.g. wp-content/languages/plugins).
 * @return {Promise<number>} Exit code.
 */
async function translate( poFile, target ) {
	const name = path.basename( poFile );
	if (
		! new RegExp( `^${ DOMAIN }-[a-z]{2,3}(_[A-Z]{2})?\\.po$` ).test( name )
	) {
		throw new Error( `${ name }: name it ${ DOMAIN }-<locale>.po` );
	}
	const work = fs.mkdtempSync( path.join( os.tmpdir(), 'as-i18n-' ) );
	try {
		fs.copyFileSync( poFile, path.join( work, name ) );
		const cwd = process.cwd();
		const log = console.log; // eslint-disable-line no-console
		console.log = () => {}; // eslint-disable-line no-console -- make-json narrates each file.
		process.chdir( ROOT ); // make-json names each file after the script's path from here.
		const scripts = fs
			.readdirSync( path.join( ROOT, 'build' ) )
			.filter( ( file ) => file.endsWith( '.js' ) );
		try {
			await new MakeJsonCommand( {
				paths: { cwd: ROOT },
				source: 'build',
				destination: work,
				scriptName: scripts,
				purge: true,
				stripUnused: true,
				prettyPrint: false,
			} ).exec();
		} finally {
			process.chdir( cwd );
			console.log = log; // eslint-disable-line no-console
		}
		const po = gettext.po.parse( fs.readFileSync( poFile ) );
		fs.writeFileSync(
			path.join( work, name.replace( /\.po$/, '.mo' ) ),
			gettext.mo.compile( po )
		);
		fs.mkdirSync( target, { recursive: true } );
		const made = fs
			.readdirSync( work )
			.filter( ( file ) => /\.(mo|json)$/.test( file ) );
		for ( const file of made ) {
			fs.copyFileSync(
				path.join( work, file ),
				path.join( target, file )
			);
		}
		process.stdout.write(
			`wrote ${ made.length } files to ${ target }: ${ made.join( ', ' ) }\n`
		);
		return 0;
	} finally {
		fs.rmSync( work, { recursive: true, force: true } );
	}
}

async function main( argv ) {
	const [ command, ...rest ] = argv;
	const at = rest.indexOf( '--build' );
	const buildDir = path.resolve(
		ROOT,
		at >= 0 ? rest.splice( at, 2 )[ 1 ] : 'build'
	);
	if ( command === 'pot' ) {
		return pot( { check: rest.includes( '--check' ), buildDir } );
	}
	if ( command === 'translate' && rest.length === 2 ) {
		return translate(
			path.resolve( rest[ 0 ] ),
			path.resolve( rest[ 1 ] )
		);
	}
	process.stderr.write(
		'usage: node bin/i18n.js pot [--check] [--build <folder>] | translate <auth-sentinel-LOCALE.po> <folder>\n'
	);
	return 2;
}

main( process.argv.slice( 2 ) ).then(
	( code ) => process.exit( code ),
	( error ) => {
		process.stderr.write( `i18n: ${ error.message }\n` );
		process.exit( 2 );
	}
);
