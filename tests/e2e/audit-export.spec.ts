/**
 * The Audit screen's export of a big range: it runs on the server in steps of
 * a few seconds (here 0.05 s, so that 8,000 rows take several), the screen
 * shows how far it is, then offers the file, which has every row, also after
 * a reload (mid-export too, with a relative period such as "Last 30 days");
 * a running export can be cancelled, and nothing of it is left.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { expect, test } from '@playwright/test';
import type { Page, Request } from '@playwright/test';
import { SITE_DIR, screenshot } from './helpers';

const ROOT = path.join( __dirname, '../..' );
const MARK = 'audit-export';

/**
 * Seeds or removes the rows to export, and the short steps; or only counts
 * them. Every export is deleted first.
 *
 * @param baseURL The site.
 * @param mode    seed, remove or count.
 * @return The marked rows.
 */
function exportData(
	baseURL: string,
	mode: 'seed' | 'remove' | 'count'
): number {
	return Number( runSupport( baseURL, mode ) );
}

/**
 * What the site keeps of the exports: jobs (id → state), files in the export
 * folder, ids of the steps due on WP-Cron.
 *
 * @param baseURL The site.
 * @return The site's exports.
 */
function exportsKept( baseURL: string ): {
	jobs: Record< string, string >;
	files: string[];
	steps: string[];
} {
	return JSON.parse( runSupport( baseURL, 'jobs' ) );
}

/**
 * Runs tests/e2e/support/audit-export.php in the site.
 *
 * @param baseURL The site.
 * @param mode    seed, remove or jobs.
 * @return What it printed.
 */
function runSupport( baseURL: string, mode: string ): string {
	return execFileSync(
		'php',
		[
			path.join( ROOT, 'tests/bin/wp-run.php' ),
			SITE_DIR,
			baseURL,
			path.join( __dirname, 'support', 'audit-export.php' ),
		],
		{
			env: { ...process.env, AUTH_SENTINEL_EXPORT: mode },
			encoding: 'utf8',
		}
	).trim();
}

/**
 * Tells what a request to the exports' routes does.
 *
 * @param request The request.
 * @return start (POST /audit/exports), list, follow (GET /audit/exports/{id}),
 *         cancel (DELETE, which wp-api-fetch sends as a POST with an override),
 *         file, or '' for another route.
 */
function exportCall( request: Request ): string {
	const route = decodeURIComponent( request.url() );
	const match = /\/audit\/exports(\/[0-9a-f]{16})?(\/file)?(?:[?&]|$)/.exec(
		route
	);
	if ( ! match ) {
		return '';
	}
	const method =
		request.headers()[ 'x-http-method-override' ] ?? request.method();
	if ( match[ 2 ] ) {
		return 'file';
	}
	if ( ! match[ 1 ] ) {
		return method === 'POST' ? 'start' : 'list';
	}
	return method === 'DELETE' ? 'cancel' : 'follow';
}

/**
 * Opens the Audit screen at an address, sees the marked rows listed, and
 * starts an export with the button.
 *
 * @param page    The page.
 * @param address The screen's address.
 * @return The id of the export the server started (201).
 */
async function startExport( page: Page, address: string ): Promise< string > {
	await page.goto( address );
	await expect(
		page.locator( '#auth-sentinel-root' ).getByRole( 'status' )
	).toContainText( '8,000 entries match.' );
	const started = page.waitForResponse(
		( response ) => exportCall( response.request() ) === 'start'
	);
	await page.getByRole( 'button', { name: 'Export CSV' } ).click();
	const answer = await started;
	expect( answer.status() ).toBe( 201 );
	return ( ( await answer.json() ) as { id: string } ).id;
}

test.describe( 'Audit export', () => {
	test.beforeAll( async ( { baseURL } ) => {
		exportData( baseURL!, 'remove' ); // Rows and exports of a run that stopped half-way.
		expect( exportData( baseURL!, 'seed' ) ).toBe( 8000 );
	} );

	test.beforeEach( async ( { baseURL } ) => {
		// No export of the test before: the screen would find it again.
		expect( exportData( baseURL!, 'count' ) ).toBe( 8000 );
	} );

	test.afterAll( async ( { baseURL } ) => {
		expect( exportData( baseURL!, 'remove' ) ).toBe( 0 );
	} );

	test( 'the administrator exports, sees the progress, then downloads every row', async ( {
		page,
	} ) => {
		await startExport(
			page,
			`/wp-admin/admin.php?page=auth-sentinel-audit&search=${ MARK }`
		);
		const root = page.locator( '#auth-sentinel-root' );

		// A step at a time: the rows written grow, with a progress bar.
		const progress = root.getByRole( 'progressbar', {
			name: 'Export progress',
		} );
		await expect( progress ).toBeVisible();
		await expect( root ).toContainText(
			/[\d,]+ of about 8,000 rows written…/
		);
		await screenshot( page, 'audit-export-progress' );

		const download = page.getByRole( 'button', { name: 'Download CSV' } );
		await expect( download ).toBeVisible( { timeout: 40_000 } );
		await expect( progress ).toHaveCount( 0 );
		await expect( root ).toContainText( /Export ready: 8,000 rows, / );
		await screenshot( page, 'audit-export-ready' );

		// The file: a form POST (no nonce in any address), named after the
		// period of its rows, with the header and every row once.
		const downloaded = page.waitForEvent( 'download' );
		await download.click();
		const file = await downloaded;
		expect( file.url() ).toMatch(
			/audit(\/|%2F)exports(\/|%2F)[0-9a-f]{16}(\/|%2F)file/
		);
		expect( file.url() ).not.toContain( 'nonce' );
		expect( file.suggestedFilename() ).toMatch(
			/^auth-sentinel-audit-\d{8}-\d{6}-to-\d{8}-\d{6}\.csv$/
		);
		const lines = fs
			.readFileSync( ( await file.path() )!, 'utf8' )
			.replace( /^\uFEFF/, '' )
			.trimEnd()
			.split( '\n' );
		expect( lines[ 0 ] ).toBe(
			'id,time,action,summary,"actor id","actor login","user id","user login",ip,"user agent",details'
		);
		const rows = lines.slice( 1 );
		expect( rows ).toHaveLength( 8000 );
		expect( rows.every( ( line ) => line.includes( `,${ MARK },` ) ) ).toBe(
			true
		);
		const ids = rows.map( ( line ) => Number( line.split( ',' )[ 0 ] ) );
		expect( new Set( ids ).size ).toBe( 8000 );
		expect( rows[ 0 ] ).toContain( 'Signed in with the login form' );
		// The screen stays where it was, and a reload finds the file again.
		await expect( page ).toHaveURL( /page=auth-sentinel-audit/ );
		await page.reload();
		await expect(
			page.getByRole( 'button', { name: 'Download CSV' } )
		).toBeVisible();
		await expect( root ).toContainText( /Export ready: 8,000 rows, / );
	} );

	test( 'a reload, mid-export and once it is ready, finds the export of "Last 30 days"', async ( {
		page,
		baseURL,
	} ) => {
		const address = `/wp-admin/admin.php?page=auth-sentinel-audit&search=${ MARK }&period=month`;
		const id = await startExport( page, address );
		const root = page.locator( '#auth-sentinel-root' );
		await expect(
			root.getByRole( 'progressbar', { name: 'Export progress' } )
		).toBeVisible();
		expect( exportsKept( baseURL! ).jobs[ id ] ).toBe( 'running' );

		// Reloaded mid-export: "Last 30 days" now starts later, but the
		// screen finds the export by the period chosen, and follows it.
		const posts: string[] = [];
		page.on( 'request', ( request ) => {
			if ( exportCall( request ) === 'start' ) {
				posts.push( request.url() );
			}
		} );
		const followed = page.waitForResponse(
			( response ) =>
				exportCall( response.request() ) === 'follow' &&
				response.url().includes( id )
		);
		await page.reload();
		await expect(
			root.getByRole( 'progressbar', { name: 'Export progress' } )
		).toBeVisible();
		await expect( root ).toContainText(
			/[\d,]+ of about 8,000 rows written…/
		);
		expect( ( await followed ).status() ).toBe( 200 );
		const download = page.getByRole( 'button', { name: 'Download CSV' } );
		await expect( download ).toBeVisible( { timeout: 40_000 } );
		await expect( root ).toContainText(
			/Export ready: 8,000 rows, .* Started /
		);

		// Reloaded once ready: the same file is offered.
		await page.reload();
		await expect( download ).toBeVisible();
		const downloaded = page.waitForEvent( 'download' );
		await download.click();
		const file = await downloaded;
		expect( file.url() ).toContain( id );
		const lines = fs
			.readFileSync( ( await file.path() )!, 'utf8' )
			.trimEnd()
			.split( '\n' );
		expect( lines ).toHaveLength( 8001 );
		expect( posts ).toEqual( [] ); // Never started again.

		// Another period is another export: none is offered for it.
		await page.goto( address.replace( 'period=month', 'period=week' ) );
		await expect( root.getByRole( 'status' ) ).toContainText(
			'0 entries match.'
		);
		await expect(
			page.getByRole( 'button', { name: 'Export CSV' } )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: 'Download CSV' } )
		).toHaveCount( 0 );
	} );

	test( 'the administrator cancels a running export: nothing of it is left', async ( {
		page,
		baseURL,
	} ) => {
		const id = await startExport(
			page,
			`/wp-admin/admin.php?page=auth-sentinel-audit&search=${ MARK }`
		);
		const root = page.locator( '#auth-sentinel-root' );
		const progress = root.getByRole( 'progressbar', {
			name: 'Export progress',
		} );
		await expect( progress ).toBeVisible();
		const kept = exportsKept( baseURL! );
		expect( kept.jobs[ id ] ).toBe( 'running' );
		expect(
			kept.files.filter( ( name ) => name.startsWith( id ) )
		).toEqual( [ expect.stringMatching( /\.part$/ ) ] );

		const cancelled = page.waitForResponse(
			( response ) => exportCall( response.request() ) === 'cancel'
		);
		await root.getByRole( 'button', { name: 'Cancel export' } ).click();
		expect( ( await cancelled ).status() ).toBe( 200 );
		await expect( root ).toContainText(
			'Export cancelled: its file is deleted.'
		);
		await expect( progress ).toHaveCount( 0 );
		await expect(
			root.getByRole( 'button', { name: 'Export CSV' } )
		).toBeVisible();

		// On the server: no job, no file, no step due; and WP-Cron, run now,
		// brings nothing back.
		expect(
			( await page.request.get( `${ baseURL }/wp-cron.php` ) ).status()
		).toBe( 200 );
		const left = exportsKept( baseURL! );
		expect( left.jobs[ id ] ).toBeUndefined();
		expect(
			left.files.filter( ( name ) => name.startsWith( id ) )
		).toEqual( [] );
		expect( left.steps ).not.toContain( id );
		await page.reload();
		await expect( root.getByRole( 'status' ) ).toContainText(
			'8,000 entries match.'
		);
		await expect(
			root.getByRole( 'button', { name: 'Export CSV' } )
		).toBeVisible();
		await expect( progress ).toHaveCount( 0 );
	} );
} );
