/**
 * On a multisite network (its own throwaway network, not the single test site): the screens
 * live in the Network Admin, with a site filter.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import path from 'path';
import { screenshot } from './helpers';

const ROOT = path.join( __dirname, '../..' );
const PORT = '8885';
const NETWORK = `http://localhost:${ PORT }`;
const env = { ...process.env, MULTISITE: '1', SITE_NAME: 'e2e-network', PORT };

test.describe( 'Network Admin', () => {
	test.beforeAll( () => {
		execFileSync( 'bash', [ path.join( ROOT, 'bin/test-site.sh' ), 'up' ], {
			env,
			stdio: 'ignore',
		} );
	} );

	test.afterAll( () => {
		execFileSync(
			'bash',
			[ path.join( ROOT, 'bin/test-site.sh' ), 'down' ],
			{
				env,
				stdio: 'ignore',
			}
		);
	} );

	test( 'the network administrator picks a site and sees its data', async ( {
		browser,
	} ) => {
		const context = await browser.newContext( {
			baseURL: NETWORK,
			storageState: { cookies: [], origins: [] },
		} );
		const page = await context.newPage();

		// A failure on site 2, to find there.
		await page.request.post( '/site2/wp-login.php', {
			form: { log: 'subscriber', pwd: 'wrong' },
		} );

		await page.goto( '/wp-login.php' );
		await page.locator( '#user_login' ).fill( 'admin' );
		await page.locator( '#user_pass' ).fill( 'password' );
		await page.locator( '#wp-submit' ).click();
		await page.waitForURL( /wp-admin/ );

		await page.goto(
			'/wp-admin/network/admin.php?page=auth-sentinel-errors'
		);
		const picker = page.getByLabel( 'Site', { exact: true } );
		await expect( picker ).toBeVisible();
		await picker.selectOption( { label: 'Site 2' } );
		await expect( page ).toHaveURL( /site=2/ );
		await expect(
			page.getByText( 'Wrong password' ).first()
		).toBeVisible();
		await screenshot( page, 'network-admin' );

		// The other screens keep the chosen site.
		await page
			.getByRole( 'navigation', { name: /Auth Sentinel/i } )
			.getByRole( 'link', { name: 'Sessions' } )
			.click();
		await expect( page ).toHaveURL( /page=auth-sentinel-sessions.*site=2/ );
		// Site 2's members, the network administrator among them (made it).
		await expect( page.locator( '#auth-sentinel-root' ) ).toContainText(
			'This session'
		);
		await context.close();
	} );
} );
