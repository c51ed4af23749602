/**
 * Each screen shows its first rows from the answers printed into the page (the preloading
 * middleware of wp-api-fetch): opening a screen on its default view makes no request to the
 * plugin's REST routes. A filtered address asks the server, as it must.
 */
import { expect, test, type Page, type Route } from '@playwright/test';

/** Each screen's admin page. */
const SCREENS = {
	overview: 'auth-sentinel',
	errors: 'auth-sentinel-errors',
	sessions: 'auth-sentinel-sessions',
	secrets: 'auth-sentinel-secrets',
	audit: 'auth-sentinel-audit',
	settings: 'auth-sentinel-settings',
};

/**
 * Opens an admin page and lists the requests it makes to the plugin's REST routes until the
 * screen has drawn what it loaded.
 *
 * @param page The page.
 * @param path The admin address.
 * @return The REST requests, as "METHOD /route?query".
 */
async function restRequestsWhileOpening(
	page: Page,
	path: string
): Promise< string[] > {
	const requests: string[] = [];
	const listen = ( request: { url: () => string; method: () => string } ) => {
		const url = new URL( request.url() );
		const route =
			url.searchParams.get( 'rest_route' ) ??
			url.pathname.replace( /^.*\/wp-json/, '' );
		if ( route.startsWith( '/auth-sentinel/v1' ) ) {
			requests.push( `${ request.method() } ${ route }${ url.search }` );
		}
	};
	page.on( 'request', listen );
	await page.goto( path );
	await expect(
		page.getByRole( 'navigation', { name: /Auth Sentinel/i } )
	).toBeVisible();
	// Loaded: no "Loading…" placeholder and no table spinner left.
	await expect( page.locator( '.auth-sentinel-loading' ) ).toHaveCount( 0 );
	await expect(
		page.locator( '.auth-sentinel-screen .components-spinner' )
	).toHaveCount( 0 );
	await expect( page.locator( '.auth-sentinel-screen' ) ).not.toBeEmpty();
	// A request for what is drawn was sent before it was drawn, and the screens send all of
	// their first requests together: nothing more is to come.
	page.off( 'request', listen );
	return requests;
}

for ( const [ screen, slug ] of Object.entries( SCREENS ) ) {
	test( `the ${ screen } screen opens without a REST round trip`, async ( {
		page,
	} ) => {
		const requests = await restRequestsWhileOpening(
			page,
			`/wp-admin/admin.php?page=${ slug }`
		);
		expect( requests ).toEqual( [] );
	} );
}

test( 'a filtered view asks the server for its rows', async ( { page } ) => {
	const requests = await restRequestsWhileOpening(
		page,
		'/wp-admin/admin.php?page=auth-sentinel-errors&cause=expired'
	);
	expect(
		requests.filter( ( request ) =>
			/^GET \/auth-sentinel\/v1\/events\?/.test( request )
		)
	).toHaveLength( 1 );
	expect( requests.join( '\n' ) ).toContain( 'cause=expired' );
} );

/*
 * The first rows are in the HTML (includes/Admin/FirstRows.php): readable before any script
 * runs, and replaced by the table, with the same first row, without a frame in between.
 */

/** The screens whose first rows the server prints. */
const TABLE_SCREENS = [ 'errors', 'sessions', 'audit' ] as const;

const SERVER_ROWS = '[data-auth-sentinel-first-rows] tbody tr';

/**
 * Reads the text of each cell of a row, blank for cells that hold a time (the relative words
 * may have moved on between two renderings) or nothing to read (checkboxes, actions). Runs in
 * the page.
 *
 * @param row The row.
 * @return One text per cell.
 */
function cellTexts( row: Element ): string[] {
	return [ ...row.querySelectorAll( 'td' ) ].map( ( cell ) =>
		cell.querySelector( 'time' )
			? ''
			: cell.innerText.replace( /\s+/g, ' ' ).trim()
	);
}

test.describe( 'with JavaScript off', () => {
	test.use( { javaScriptEnabled: false } );

	test( 'the table screens show their first rows', async ( {
		page,
		request,
	} ) => {
		// The newest failure: a wrong password. (FirstRowsTest checks the escaping with a
		// hostile User-Agent; here it would stay in the screenshots of the later specs.)
		await request.post( '/wp-login.php', {
			form: { log: 'editor', pwd: 'not the password' },
			maxRedirects: 0,
		} );
		await page.goto( '/wp-admin/admin.php?page=auth-sentinel-errors' );
		const first = page.locator( SERVER_ROWS ).first();
		await expect( first ).toBeVisible();
		await expect( first ).toContainText( 'Wrong password' );
		await expect( first ).toContainText( 'Sign-in failed' );
		await expect( first ).toContainText( 'Login form' );
		await expect( first ).toContainText( /ago\s*December|ago\s*\w+ \d/ );
		await expect(
			page.locator( '[data-auth-sentinel-first-rows]' )
		).toHaveAttribute( 'aria-busy', 'true' );
		// Nothing to tab to in the rows: nothing there would work yet.
		await expect(
			page.locator(
				'[data-auth-sentinel-first-rows] table :is(a, button, input, [tabindex])'
			)
		).toHaveCount( 0 );

		for ( const screen of [ 'sessions', 'audit' ] ) {
			await page.goto(
				`/wp-admin/admin.php?page=auth-sentinel-${ screen }`
			);
			await expect( page.locator( SERVER_ROWS ).first() ).toBeVisible();
		}
		await page.goto(
			'/wp-admin/admin.php?page=auth-sentinel-errors&cause=expired'
		);
		await expect( page.locator( '#auth-sentinel-root' ) ).toBeAttached();
		await expect(
			page.locator( '[data-auth-sentinel-first-rows]' )
		).toHaveCount( 0 );
	} );
} );

for ( const screen of TABLE_SCREENS ) {
	test( `the ${ screen } table takes the place of the server's rows, row for row and without a gap`, async ( {
		page,
	} ) => {
		// Every frame: how many table rows are visible, and whose; and the server's first row.
		await page.addInitScript( ( readCells ) => {
			const texts = new Function( `return ${ readCells }` )() as (
				row: Element
			) => string[];
			const frames: Array< { server: number; app: number } > = [];
			const seen = window as {
				frames_?: typeof frames;
				serverFirst_?: string[];
			};
			seen.frames_ = frames;
			const visible = ( rows: Element[] ) =>
				rows.filter( ( row ) =>
					row.checkVisibility( { visibilityProperty: true } )
				).length;
			const sample = () => {
				const rows = [
					...document.querySelectorAll(
						'.dataviews-view-table tbody tr'
					),
				];
				const server = rows.filter( ( row ) =>
					row.closest( '[data-auth-sentinel-first-rows]' )
				);
				if ( ! seen.serverFirst_ && server[ 0 ] ) {
					seen.serverFirst_ = texts( server[ 0 ] );
				}
				frames.push( {
					server: visible( server ),
					app: visible(
						rows.filter( ( row ) => ! server.includes( row ) )
					),
				} );
				requestAnimationFrame( sample );
			};
			requestAnimationFrame( sample );
		}, cellTexts.toString() );
		const html = await (
			await page.request.get(
				`/wp-admin/admin.php?page=auth-sentinel-${ screen }`
			)
		).text();
		expect( html ).toContain( 'data-auth-sentinel-first-rows' );

		await page.goto( `/wp-admin/admin.php?page=auth-sentinel-${ screen }` );
		await expect(
			page.locator( '[data-auth-sentinel-first-rows]' )
		).toHaveCount( 0 );
		const serverFirst = await page.evaluate(
			() => ( window as { serverFirst_?: string[] } ).serverFirst_
		);
		const appFirst = await page
			.locator( '.dataviews-view-table tbody tr' )
			.first()
			.evaluate( cellTexts );
		expect( serverFirst?.length ).toBeGreaterThan( 2 );
		expect( appFirst ).toEqual( serverFirst );

		const frames = await page.evaluate(
			() =>
				(
					window as {
						frames_?: Array< { server: number; app: number } >;
					}
				 ).frames_ ?? []
		);
		const shown = frames.findIndex( ( frame ) => frame.server > 0 );
		expect( shown, 'the server rows showed' ).toBeGreaterThanOrEqual( 0 );
		const after = frames.slice( shown );
		// Never both tables, never neither.
		expect(
			after.filter( ( frame ) => frame.server > 0 && frame.app > 0 )
		).toEqual( [] );
		expect(
			after.filter( ( frame ) => frame.server + frame.app === 0 )
		).toEqual( [] );
		expect( after.at( -1 )!.app ).toBeGreaterThan( 0 );
	} );
}

/**
 * Reads where the server's rows and their heading, tabs and count are drawn, and how: one line
 * per element (box, colour, background, font size and weight). Runs in the page.
 *
 * @return The lines.
 */
function serverRowsLayout(): string[] {
	const block = document.querySelector( '[data-auth-sentinel-first-rows]' );
	if ( ! block ) {
		return [];
	}
	const elements = [
		...block.querySelectorAll(
			'h1, nav a, .auth-sentinel-toolbar, .auth-sentinel-count, .components-button, th, tbody tr:nth-child(-n+3) td, tbody tr:nth-child(-n+3) td *'
		),
	];
	return elements.map( ( element ) => {
		const box = element.getBoundingClientRect();
		const style = getComputedStyle( element );
		return [
			element.tagName,
			element.className,
			Math.round( box.x ),
			Math.round( box.y ),
			Math.round( box.width ),
			Math.round( box.height ),
			style.color,
			style.backgroundColor,
			style.fontSize,
			style.fontWeight,
		].join( ' ' );
	} );
}

for ( const [ screen, direction ] of [
	...TABLE_SCREENS.map( ( name ) => [ name, 'ltr' ] as const ),
	[ 'errors', 'rtl' ] as const,
] ) {
	test( `the ${ screen } screen (${ direction }) draws its first rows before its stylesheet arrives, as they look with it`, async ( {
		page,
		baseURL,
	} ) => {
		// The test site lays the admin out right to left for this cookie (rtl.spec.ts).
		await page.context().addCookies( [
			{
				name: 'as_rtl',
				value: direction === 'rtl' ? '1' : '',
				url: baseURL!,
			},
		] );
		// The screen's stylesheet, then its script, wait until released.
		const gate = () => {
			let open = () => {};
			const opened = new Promise< void >( ( resolve ) => {
				open = resolve;
			} );
			let asked = 0;
			const hold = async ( route: Route ) => {
				asked++;
				await opened;
				await route.continue();
			};
			return { hold, open, asked: () => asked };
		};
		const styles = gate();
		const script = gate();
		await page.route( `**/build/${ screen }{,-rtl}.css*`, styles.hold );
		await page.route( `**/build/${ screen }.js*`, script.hold );

		await page.goto( `/wp-admin/admin.php?page=auth-sentinel-${ screen }`, {
			waitUntil: 'commit',
		} );
		await expect( page.locator( SERVER_ROWS ).first() ).toBeVisible();
		expect( styles.asked(), 'the stylesheet was asked for' ).toBe( 1 );
		expect(
			( await page.locator( 'html' ).getAttribute( 'dir' ) ) ?? 'ltr'
		).toBe( direction );
		const before = await page.evaluate( serverRowsLayout );
		expect( before.length ).toBeGreaterThan( 10 );

		styles.open();
		await expect
			.poll( () =>
				page.evaluate(
					() =>
						document.querySelector< HTMLLinkElement >(
							'#auth-sentinel-admin-css, #auth-sentinel-admin-rtl-css'
						)?.media
				)
			)
			.toBe( 'all' );
		// Nothing moved or changed colour once the stylesheet applied.
		expect( await page.evaluate( serverRowsLayout ) ).toEqual( before );

		script.open();
		await expect(
			page.locator( '[data-auth-sentinel-first-rows]' )
		).toHaveCount( 0 );
	} );
}
