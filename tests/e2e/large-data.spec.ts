/**
 * A regression guard at scale, not the benchmark (docs/performance.md): with 100,000 failures,
 * 100,000 audit rows and 100,000 sessions more in the tables, Errors, Audit and Sessions show
 * their first rows within 2 seconds and say that more than 10,000 match.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import { expect, test } from '@playwright/test';
import { SITE_DIR } from './helpers';

const ROOT = path.join( __dirname, '../..' );

/**
 * Seeds or removes the large data set inside the site.
 *
 * @param baseURL The site.
 * @param mode    seed or remove.
 * @return The marked rows per table.
 */
function largeData(
	baseURL: string,
	mode: 'seed' | 'remove'
): Record< string, number > {
	return JSON.parse(
		execFileSync(
			'php',
			[
				path.join( ROOT, 'tests/bin/wp-run.php' ),
				SITE_DIR,
				baseURL,
				path.join( __dirname, 'support', 'large-data.php' ),
			],
			{
				env: { ...process.env, AUTH_SENTINEL_LARGE: mode },
				encoding: 'utf8',
			}
		).trim()
	);
}

const SCREENS = [
	{ slug: 'auth-sentinel-errors', count: /More than 10,000 failures match/ },
	{ slug: 'auth-sentinel-audit', count: /More than 10,000 entries match/ },
	{
		slug: 'auth-sentinel-sessions',
		count: /More than 10,000 sessions match/,
	},
];

test.describe( 'At scale', () => {
	test.describe.configure( { timeout: 180_000 } );

	test.beforeAll( async ( { baseURL } ) => {
		expect( largeData( baseURL!, 'seed' ) ).toEqual( {
			events: 100000,
			audit: 100000,
			sessions: 100000,
		} );
	} );

	test.afterAll( async ( { baseURL } ) => {
		expect( largeData( baseURL!, 'remove' ) ).toEqual( {
			events: 0,
			audit: 0,
			sessions: 0,
		} );
	} );

	for ( const { slug, count } of SCREENS ) {
		test( `${ slug } shows its first rows within 2 seconds`, async ( {
			page,
		} ) => {
			// Once to warm the server (the PHP workers' first request), then timed.
			await page.goto( `/wp-admin/admin.php?page=${ slug }` );
			await expect(
				page.locator( '.dataviews-view-table tbody tr' ).first()
			).toBeVisible();
			const started = Date.now();
			await page.goto( `/wp-admin/admin.php?page=${ slug }` );
			await expect(
				page.locator( '.dataviews-view-table tbody tr' ).first()
			).toBeVisible();
			const elapsed = Date.now() - started;
			expect( elapsed, `${ slug }: ${ elapsed } ms` ).toBeLessThan(
				2000
			);
			await expect(
				page.getByRole( 'status' ).filter( { hasText: count } )
			).toBeVisible();
		} );
	}

	test( 'a search that every failure matches answers within 2 seconds', async ( {
		page,
	} ) => {
		await page.goto( '/wp-admin/admin.php?page=auth-sentinel-errors' );
		await expect(
			page.locator( '.dataviews-view-table tbody tr' ).first()
		).toBeVisible();
		const answered = page.waitForResponse(
			( response ) =>
				/\/auth-sentinel\/v1\/events\b/.test(
					decodeURIComponent( response.url() )
				) && /[?&]search=android\b/.test( response.url() )
		);
		const started = Date.now();
		await page.getByRole( 'searchbox' ).fill( 'android' );
		const response = await answered;
		expect( response.status() ).toBe( 200 );
		expect( response.headers()[ 'x-auth-sentinel-total-bound' ] ).toBe(
			'10000'
		);
		await expect( page ).toHaveURL( /[?&]search=android\b/ );
		await expect(
			page
				.locator( '.dataviews-view-table tbody tr' )
				.first()
				.getByText( /Android/ )
		).toBeVisible();
		await expect(
			page
				.getByRole( 'status' )
				.filter( { hasText: /More than 10,000 failures match/ } )
		).toBeVisible();
		const elapsed = Date.now() - started;
		expect( elapsed, `search: ${ elapsed } ms` ).toBeLessThan( 2000 );
	} );
} );
