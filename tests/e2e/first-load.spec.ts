/**
 * Each screen shows its first rows from the answers printed into the page (the preloading
 * middleware of wp-api-fetch): opening a screen on its default view makes no request to the
 * plugin's REST routes. A filtered address asks the server, as it must.
 */
import { expect, test, type Page } from '@playwright/test';

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
