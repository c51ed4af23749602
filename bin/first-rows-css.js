/**
 * Webpack plugin: the stylesheet of the first rows the server prints on the
 * table screens (includes/Admin/FirstRows.php), as `build/<screen>-first-rows.css`
 * and its `-rtl.css`, taken from the screen's own built stylesheet: every rule
 * of `build/<screen>.css` whose selector needs no class but those of the first
 * rows' markup (CLASSES), with its `@media` and `@container` around it. Only
 * for the screens whose stylesheet has DataViews' styles.
 *
 * includes/Admin/AdminPages.php prints it in the page's head, so that the rows
 * are drawn as the app draws them without waiting for the screen's stylesheet,
 * which then loads without blocking the first paint. It is a copy of rules of
 * that stylesheet, printed before it: once the stylesheet has loaded, the page
 * looks exactly as with the stylesheet alone (an earlier copy of a rule never
 * wins over the rule itself).
 */
const path = require( 'path' );
// The PostCSS that @wordpress/scripts builds the styles with.
const postcss = require(
	require.resolve( 'postcss', {
		paths: [
			path.dirname(
				require.resolve( '@wordpress/scripts/package.json' )
			),
		],
	} )
);

/**
 * The classes of the first rows' markup (includes/Admin/FirstRows.php, its cells
 * in includes/Admin/FirstRowsColumns.php, and the root AdminPages::render() prints
 * them in). tests/e2e/first-load.spec.ts checks that the rows do not move when the
 * screen's stylesheet arrives.
 */
const CLASSES = new Set( [
	'wrap',
	'auth-sentinel',
	'auth-sentinel-first-rows',
	'auth-sentinel-first-rows__toolbar',
	'auth-sentinel-first-rows__link',
	'auth-sentinel-nav',
	'nav-tab-wrapper',
	'nav-tab',
	'nav-tab-active',
	'auth-sentinel-screen',
	'auth-sentinel-errors',
	'auth-sentinel-sessions',
	'auth-sentinel-audit',
	'auth-sentinel-toolbar',
	'auth-sentinel-intro',
	'auth-sentinel-count',
	'components-button',
	'is-next-40px-default-size',
	'is-secondary',
	'is-destructive',
	'dataviews-wrapper',
	'dataviews-view-table-wrapper',
	'dataviews-view-table',
	'dataviews-view-table__row',
	'dataviews-view-table-header',
	'dataviews-view-table__checkbox-column',
	'dataviews-view-table__actions-column',
	'dataviews-view-table__cell-content-wrapper',
	'dataviews-view-table__primary-field',
	'auth-sentinel-when',
	'auth-sentinel-stack',
	'auth-sentinel-entry',
	'auth-sentinel-muted',
	'auth-sentinel-overflow',
	'auth-sentinel-badge',
	'auth-sentinel-badge--ok',
	'auth-sentinel-badge--info',
	'auth-sentinel-badge--warning',
	'auth-sentinel-badge--error',
] );

/**
 * Tells whether a selector can match in the first rows: every class it asks
 * for is one of theirs (classes inside `:not()` ask for nothing).
 *
 * @param {string} selector One selector of a rule.
 * @return {boolean} Whether to keep it.
 */
function fits( selector ) {
	const asked = selector.replace( /:not\([^()]*\)/g, '' );
	return [ ...asked.matchAll( /\.(-?[_a-zA-Z][\w-]*)/g ) ].every(
		( [ , name ] ) => CLASSES.has( name )
	);
}

/**
 * Keeps the rules of a stylesheet that the first rows need.
 *
 * @param {string} css The screen's stylesheet.
 * @return {string} The first rows' stylesheet.
 */
function firstRowsCss( css ) {
	const root = postcss.parse( css );
	root.walkAtRules( /keyframes$|^font-face$/, ( rule ) => rule.remove() );
	root.walkRules( ( rule ) => {
		const kept = rule.selectors.filter( fits );
		if ( kept.length ) {
			rule.selectors = kept;
		} else {
			rule.remove();
		}
	} );
	// @media and @container blocks left empty, innermost first.
	let emptied = true;
	while ( emptied ) {
		emptied = false;
		root.walkAtRules( ( rule ) => {
			if ( rule.nodes && ! rule.nodes.length ) {
				rule.remove();
				emptied = true;
			}
		} );
	}
	return root.toString();
}

class FirstRowsCssPlugin {
	apply( compiler ) {
		const { Compilation, sources } = compiler.webpack;
		compiler.hooks.compilation.tap(
			'FirstRowsCssPlugin',
			( compilation ) => {
				compilation.hooks.processAssets.tap(
					{
						name: 'FirstRowsCssPlugin',
						// After the RTL copies are made and everything is minified.
						stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE,
					},
					( assets ) => {
						for ( const name of Object.keys( assets ) ) {
							const css = String( assets[ name ].source() );
							if (
								! name.endsWith( '.css' ) ||
								name.includes( 'first-rows' ) ||
								! /(^|})\.dataviews-wrapper\{/.test( css )
							) {
								continue;
							}
							compilation.emitAsset(
								name.replace(
									/(-rtl)?\.css$/,
									'-first-rows$1.css'
								),
								new sources.RawSource( firstRowsCss( css ) )
							);
						}
					}
				);
			}
		);
	}
}

module.exports = { FirstRowsCssPlugin, firstRowsCss, CLASSES };
