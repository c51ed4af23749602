/**
 * Time to the first row in Chromium: core's Users screen against the plugin's Errors,
 * Sessions and Audit screens, on one running site, in one browser, warm, the screens taken in
 * turn so that load on the machine falls on all of them alike.
 *
 * The time is measured inside the page from the navigation's start (performance.now()) to the
 * first animation frame after the first table row exists in the document: the server-rendered
 * list of core, the DataViews table of the plugin.
 *
 *   AUTH_SENTINEL_SITE_URL=http://localhost:8871 npx playwright test --config bench/first-row.config.ts
 *   ROUNDS=15 …      rounds after the warm-up (default 9)
 *   SITE_LOGIN=… SITE_PASSWORD=…   the administrator (default admin / password)
 *
 * Prints a table (median, fastest, slowest per screen, and the ratio to core's Users screen)
 * and needs rows in every table: a site with failures, sessions and audit entries.
 */
import { expect, test, type Page } from '@playwright/test';

const SCREENS = [
	{ name: 'Users (core)', path: '/wp-admin/users.php', row: '#the-list tr' },
	{
		name: 'Errors',
		path: '/wp-admin/admin.php?page=auth-sentinel-errors',
		row: '.dataviews-view-table tbody tr',
	},
	{
		name: 'Sessions',
		path: '/wp-admin/admin.php?page=auth-sentinel-sessions',
		row: '.dataviews-view-table tbody tr',
	},
	{
		name: 'Audit',
		path: '/wp-admin/admin.php?page=auth-sentinel-audit',
		row: '.dataviews-view-table tbody tr',
	},
];

const ROUNDS = Number( process.env.ROUNDS ?? 9 );

/**
 * Runs in the page before any of its scripts: records when a row first exists, and paints.
 *
 * @param selector CSS selector of the table rows of every screen measured.
 */
function watchFirstRow( selector: string ): void {
	const target = window as unknown as { firstRowAt?: number };
	const check = (): boolean => {
		if (
			target.firstRowAt !== undefined ||
			! document.querySelector( selector )
		) {
			return target.firstRowAt !== undefined;
		}
		target.firstRowAt = -1;
		requestAnimationFrame( () => {
			target.firstRowAt = performance.now();
		} );
		return true;
	};
	const observer = new MutationObserver( () => {
		if ( check() ) {
			observer.disconnect();
		}
	} );
	observer.observe( document, { childList: true, subtree: true } );
}

/**
 * Opens a screen and reads its time to the first row.
 *
 * @param page   The page.
 * @param screen The screen.
 * @return Milliseconds from the navigation's start.
 */
async function firstRow(
	page: Page,
	screen: ( typeof SCREENS )[ number ]
): Promise< number > {
	await page.goto( screen.path, { waitUntil: 'commit' } );
	await page.waitForFunction(
		() => ( ( window as { firstRowAt?: number } ).firstRowAt ?? -1 ) > 0,
		undefined,
		{ timeout: 30_000 }
	);
	return page.evaluate(
		() => ( window as { firstRowAt?: number } ).firstRowAt as number
	);
}

function median( values: number[] ): number {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const middle = Math.floor( sorted.length / 2 );
	return sorted.length % 2
		? sorted[ middle ]!
		: ( sorted[ middle - 1 ]! + sorted[ middle ]! ) / 2;
}

/**
 * Signs the administrator in, unless the site already did (Playground signs its visitors in).
 *
 * @param page The page.
 */
async function signIn( page: Page ): Promise< void > {
	await page.goto( '/wp-admin/' );
	if ( ! /wp-login\.php/.test( page.url() ) ) {
		return;
	}
	await page
		.locator( '#user_login' )
		.fill( process.env.SITE_LOGIN ?? 'admin' );
	await page
		.locator( '#user_pass' )
		.fill( process.env.SITE_PASSWORD ?? 'password' );
	await page.locator( '#wp-submit' ).click();
	await page.waitForURL( /wp-admin/ );
}

/**
 * Opens every screen once per round, in a new order each round (no screen always follows the
 * same one).
 *
 * @param page   The page.
 * @param rounds How many rounds.
 * @return The times by screen name.
 */
async function measure(
	page: Page,
	rounds: number
): Promise< Map< string, number[] > > {
	const times = new Map< string, number[] >(
		SCREENS.map( ( screen ) => [ screen.name, [] ] )
	);
	for ( let round = 0; round < rounds; round++ ) {
		const order = [ ...SCREENS ].sort( () => Math.random() - 0.5 );
		for ( const screen of order ) {
			times.get( screen.name )!.push( await firstRow( page, screen ) );
		}
	}
	return times;
}

test( 'time to the first row', async ( { browser } ) => {
	test.setTimeout( 60_000 + ROUNDS * SCREENS.length * 20_000 );
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn( page );
	await context.addInitScript(
		watchFirstRow,
		SCREENS.map( ( screen ) => screen.row ).join( ', ' )
	);

	await measure( page, 1 ); // Warms the server's opcache and the browser's cache.
	const times = await measure( page, ROUNDS );
	await context.close();

	const users = median( times.get( SCREENS[ 0 ]!.name )! );
	const lines = [
		`${ ROUNDS } rounds, warm, Chromium ${ browser.version() }, ${ new Date().toISOString().slice( 0, 10 ) }`,
		'',
		'| screen | median | fastest | slowest | median ÷ Users |',
		'|---|---|---|---|---|',
		...SCREENS.map( ( screen ) => {
			const values = times.get( screen.name )!;
			const seconds = ( ms: number ) =>
				`${ ( ms / 1000 ).toFixed( 2 ) } s`;
			return `| ${ screen.name } | ${ seconds( median( values ) ) } | ${ seconds(
				Math.min( ...values )
			) } | ${ seconds( Math.max( ...values ) ) } | ${ (
				median( values ) / users
			).toFixed( 2 ) }× |`;
		} ),
	];
	for ( const values of times.values() ) {
		expect( values ).toHaveLength( ROUNDS );
	}
	// eslint-disable-next-line no-console
	console.log( `\n${ lines.join( '\n' ) }\n` );
} );
