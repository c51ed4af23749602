/**
 * The Audit screen's export of a big range: it runs on the server in steps of
 * a few seconds (here 0.05 s, so that 8,000 rows take several), the screen
 * shows how far it is, then offers the file, which has every row, also after
 * a reload.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { expect, test } from '@playwright/test';
import { SITE_DIR, screenshot } from './helpers';

const ROOT = path.join( __dirname, '../..' );
const MARK = 'audit-export';

/**
 * Seeds or removes the rows to export, and the short steps.
 *
 * @param baseURL The site.
 * @param mode    seed or remove.
 * @return The marked rows.
 */
function exportData( baseURL: string, mode: 'seed' | 'remove' ): number {
	return Number(
		execFileSync(
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
		).trim()
	);
}

test.describe( 'Audit export', () => {
	test.beforeAll( async ( { baseURL } ) => {
		expect( exportData( baseURL!, 'seed' ) ).toBe( 8000 );
	} );

	test.afterAll( async ( { baseURL } ) => {
		expect( exportData( baseURL!, 'remove' ) ).toBe( 0 );
	} );

	test( 'the administrator exports, sees the progress, then downloads every row', async ( {
		page,
	} ) => {
		await page.goto(
			`/wp-admin/admin.php?page=auth-sentinel-audit&search=${ MARK }`
		);
		const root = page.locator( '#auth-sentinel-root' );
		await expect( root.getByRole( 'status' ) ).toContainText(
			'8,000 entries match.'
		);

		const started = page.waitForResponse(
			( response ) =>
				response.url().includes( 'audit%2Fexports' ) ||
				response.url().includes( '/audit/exports' )
		);
		await page.getByRole( 'button', { name: 'Export CSV' } ).click();
		expect( ( await started ).status() ).toBe( 201 );

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
} );
