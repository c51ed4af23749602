/**
 * Time to the first row in Chromium: core's Users screen against the plugin's Errors,
 * Sessions and Audit screens, on one running site, in one browser, warm, the screens taken in
 * turn so that load on the machine falls on all of them alike.
 *
 * The time is measured inside the page from the navigation's start (performance.now()) to the
 * first animation frame after the first visible table row exists in the document: the
 * server-rendered list of core; on the plugin's screens the rows the server prints in the page
 * (includes/Admin/FirstRows.php, in DataViews' table classes), else the DataViews table. A
 * second time, "app's table", is when a visible row of the app's own DataViews table exists
 * (the server's rows gone): when the table can be sorted, filtered and clicked.
 *
 *   AUTH_SENTINEL_SITE_URL=http://localhost:8871 npx playwright test --config bench/first-row.config.ts
 *   ROUNDS=15 …      rounds after the warm-up (default 9)
 *   SITE_LOGIN=… SITE_PASSWORD=…   the administrator (default admin / password)
 *   DETAIL=1 …       also where the time went, medians per screen (Navigation, Resource and
 *                    Paint Timing): the HTML's first byte; the stylesheets that block rendering,
 *                    their size and when the last had arrived; when the first visible row was
 *                    in the document; the first paint
 *
 * Prints a table (median, fastest, slowest per screen, the ratio to core's Users screen, and
 * the median of the app's table) and needs rows in every table: a site with failures, sessions
 * and audit entries.
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

const DETAIL = process.env.DETAIL === '1';

/** Where a load's time went (DETAIL=1), milliseconds from the navigation's start. */
interface Detail {
	firstByte: number;
	/** The render-blocking stylesheets: how many, their bytes (decoded), when the last arrived. */
	styles: number;
	styleBytes: number;
	stylesEnd: number;
	/** When the first visible row was in the document. */
	rowSeen: number;
	firstPaint: number;
}

/** What the page records (watchFirstRow). */
interface Marks {
	/** When a visible table row first showed, -1 while its frame is awaited. */
	firstRowAt?: number;
	/** When a visible row of the app's own table first showed. */
	appRowAt?: number;
	/** When the first visible row was in the document (the frame showing it came after). */
	firstRowSeenAt?: number;
}

/**
 * Runs in the page before any of its scripts: records when a visible row first exists, and
 * when one of the app's own table does (not inside the server's first rows), and paints.
 *
 * @param selector CSS selector of the table rows of every screen measured.
 */
function watchFirstRow( selector: string ): void {
	const marks = window as unknown as Marks;
	const shown = ( rows: Element[] ) =>
		rows.some( ( row ) =>
			row.checkVisibility( { visibilityProperty: true } )
		);
	const mark = ( key: keyof Marks ) => {
		marks[ key ] = -1;
		requestAnimationFrame( () => {
			marks[ key ] = performance.now();
		} );
	};
	const check = (): boolean => {
		const rows = [ ...document.querySelectorAll( selector ) ];
		if ( marks.firstRowAt === undefined && shown( rows ) ) {
			marks.firstRowSeenAt = performance.now();
			mark( 'firstRowAt' );
		}
		if (
			marks.appRowAt === undefined &&
			shown(
				rows.filter(
					( row ) =>
						! row.closest( '[data-auth-sentinel-first-rows]' )
				)
			)
		) {
			mark( 'appRowAt' );
		}
		return marks.firstRowAt !== undefined && marks.appRowAt !== undefined;
	};
	const observer = new MutationObserver( () => {
		if ( check() ) {
			observer.disconnect();
		}
	} );
	observer.observe( document, {
		childList: true,
		subtree: true,
		attributes: true,
		attributeFilter: [ 'style' ],
	} );
}

/**
 * Opens a screen and reads its time to the first row, and to the app's table.
 *
 * @param page   The page.
 * @param screen The screen.
 * @return Milliseconds from the navigation's start: [ first row, app's table ].
 */
async function firstRow(
	page: Page,
	screen: ( typeof SCREENS )[ number ]
): Promise< [ number, number, Detail? ] > {
	await page.goto( screen.path, { waitUntil: 'commit' } );
	await page.waitForFunction(
		() =>
			( ( window as Marks ).firstRowAt ?? -1 ) > 0 &&
			( ( window as Marks ).appRowAt ?? -1 ) > 0,
		undefined,
		{ timeout: 30_000 }
	);
	const marks = await page.evaluate( (): [ number, number ] => [
		( window as Marks ).firstRowAt as number,
		( window as Marks ).appRowAt as number,
	] );
	if ( ! DETAIL ) {
		return marks;
	}
	const detail = await page.evaluate( (): Detail => {
		const nav = performance.getEntriesByType(
			'navigation'
		)[ 0 ] as PerformanceNavigationTiming;
		const styles = (
			performance.getEntriesByType(
				'resource'
			) as PerformanceResourceTiming[]
		 ).filter(
			( entry ) =>
				entry.initiatorType === 'link' &&
				( entry as { renderBlockingStatus?: string } )
					.renderBlockingStatus === 'blocking'
		);
		const paint = performance
			.getEntriesByType( 'paint' )
			.find( ( entry ) => entry.name === 'first-paint' );
		return {
			firstByte: nav.responseStart,
			styles: styles.length,
			styleBytes: styles.reduce(
				( sum, entry ) => sum + entry.decodedBodySize,
				0
			),
			stylesEnd: Math.max(
				0,
				...styles.map( ( entry ) => entry.responseEnd )
			),
			rowSeen: ( window as Marks ).firstRowSeenAt ?? -1,
			firstPaint: paint?.startTime ?? -1,
		};
	} );
	return [ ...marks, detail ];
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
): Promise< Map< string, Array< [ number, number, Detail? ] > > > {
	const times = new Map< string, Array< [ number, number, Detail? ] > >(
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

/**
 * Writes where the time went (DETAIL=1): medians per screen.
 *
 * @param times The loads by screen name.
 * @return Lines of a Markdown table; none without DETAIL=1.
 */
function detailLines(
	times: Map< string, Array< [ number, number, Detail? ] > >
): string[] {
	if ( ! DETAIL ) {
		return [];
	}
	const ms = ( values: number[] ) => `${ Math.round( median( values ) ) } ms`;
	return [
		'',
		'| screen | first byte | blocking styles: count, KB, arrived | row in the document | first paint | first row |',
		'|---|---|---|---|---|---|',
		...SCREENS.map( ( screen ) => {
			const loads = times.get( screen.name )!;
			const of = ( key: keyof Detail ) =>
				loads.map( ( [ , , detail ] ) => detail![ key ] );
			return `| ${ screen.name } | ${ ms( of( 'firstByte' ) ) } | ${ median(
				of( 'styles' )
			) }, ${ Math.round( median( of( 'styleBytes' ) ) / 1024 ) }, ${ ms(
				of( 'stylesEnd' )
			) } | ${ ms( of( 'rowSeen' ) ) } | ${ ms( of( 'firstPaint' ) ) } | ${ ms(
				loads.map( ( [ row ] ) => row )
			) } |`;
		} ),
	];
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

	const first = ( name: string ) =>
		times.get( name )!.map( ( [ row ] ) => row );
	const users = median( first( SCREENS[ 0 ]!.name ) );
	const seconds = ( ms: number ) => `${ ( ms / 1000 ).toFixed( 2 ) } s`;
	const lines = [
		`${ ROUNDS } rounds, warm, Chromium ${ browser.version() }, ${ new Date().toISOString().slice( 0, 10 ) }`,
		'',
		"| screen | median | fastest | slowest | median ÷ Users | app's table (median) |",
		'|---|---|---|---|---|---|',
		...SCREENS.map( ( screen ) => {
			const values = first( screen.name );
			const app = times
				.get( screen.name )!
				.map( ( [ , table ] ) => table );
			return `| ${ screen.name } | ${ seconds( median( values ) ) } | ${ seconds(
				Math.min( ...values )
			) } | ${ seconds( Math.max( ...values ) ) } | ${ (
				median( values ) / users
			).toFixed( 2 ) }× | ${ seconds( median( app ) ) } |`;
		} ),
	];
	lines.push( ...detailLines( times ) );
	for ( const values of times.values() ) {
		expect( values ).toHaveLength( ROUNDS );
	}
	// eslint-disable-next-line no-console
	console.log( `\n${ lines.join( '\n' ) }\n` );
} );
