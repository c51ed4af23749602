/**
 * On a multisite network (its own throwaway network, not the single test site): the screens
 * live in the Network Admin, with a site filter.
 */
import { expect, test, type Browser } from '@playwright/test';
import { execFileSync } from 'child_process';
import path from 'path';
import { screenshot } from './helpers';

const ROOT = path.join( __dirname, '../..' );
// Another port and name keep two checkouts' networks apart.
const PORT = process.env.AUTH_SENTINEL_NETWORK_PORT ?? '8885';
const NETWORK = `http://localhost:${ PORT }`;
const env = {
	...process.env,
	MULTISITE: '1',
	SITE_NAME: process.env.AUTH_SENTINEL_NETWORK_NAME ?? 'e2e-network',
	PORT,
};

/**
 * Signs a user in on the network (or one of its sites) in a fresh context.
 *
 * @param browser The browser.
 * @param login   The user's login.
 * @param site    The site's path, '' for the main site.
 */
async function signedIn( browser: Browser, login: string, site = '' ) {
	const context = await browser.newContext( {
		baseURL: NETWORK,
		storageState: { cookies: [], origins: [] },
	} );
	const page = await context.newPage();
	await page.goto( `${ site }/wp-login.php` );
	await page.locator( '#user_login' ).fill( login );
	await page.locator( '#user_pass' ).fill( 'password' );
	await page.locator( '#wp-submit' ).click();
	await page.waitForURL( /wp-admin/ );
	return { context, page };
}

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

	test( 'a site administrator’s “revoke everyone” ends only the site’s members', async ( {
		browser,
	} ) => {
		const { context, page } = await signedIn(
			browser,
			'siteadmin',
			'/site2'
		);
		await page.goto(
			'/site2/wp-admin/admin.php?page=auth-sentinel-sessions'
		);
		await page
			.getByRole( 'button', { name: 'Revoke everyone’s sessions…' } )
			.click();
		const dialog = page.getByRole( 'dialog', {
			name: 'Revoke this site’s members’ sessions',
		} );
		await expect( dialog ).toContainText(
			'This ends only the credentials of this site’s members, and only on this site'
		);
		await expect( dialog ).toContainText(
			'network administrators keep their sessions'
		);
		await expect( dialog.getByRole( 'radio' ) ).toHaveCount( 0 );
		await dialog.getByRole( 'button', { name: 'Cancel' } ).click();
		await expect( dialog ).toHaveCount( 0 );
		await context.close();
	} );

	test( 'revoking from the Network Admin ends a session made on another site', async ( {
		browser,
	} ) => {
		// A member of site 2 signs in there: the session is made on site 2.
		const member = await signedIn( browser, 'subscriber', '/site2' );
		await member.page.goto( '/site2/wp-admin/profile.php' );
		await expect( member.page ).toHaveURL(
			/site2\/wp-admin\/profile\.php/
		);

		const { context, page } = await signedIn( browser, 'admin' );
		await page.goto(
			'/wp-admin/network/admin.php?page=auth-sentinel-sessions&site=2'
		);
		const row = page.getByRole( 'row' ).filter( { hasText: 'subscriber' } );
		await row.first().getByRole( 'button', { name: 'Revoke' } ).click();
		const dialog = page.getByRole( 'dialog' );
		await expect( dialog ).toContainText( 'Revoke this session?' );
		await dialog.getByRole( 'button', { name: 'Revoke' } ).click();
		await expect( dialog ).toHaveCount( 0 );

		// The very next request on site 2 is signed out.
		await member.page.goto( '/site2/wp-admin/profile.php' );
		await expect( member.page ).toHaveURL( /wp-login\.php/ );
		await member.context.close();
		await context.close();
	} );

	// Last: it signs everyone but the network administrator out of the network.
	test( 'the network administrator chooses between one site’s members and the whole network', async ( {
		browser,
	} ) => {
		const editor = await signedIn( browser, 'editor' );
		const { context, page } = await signedIn( browser, 'admin' );
		await page.goto(
			'/wp-admin/network/admin.php?page=auth-sentinel-sessions&site=2'
		);
		await page
			.getByRole( 'button', { name: 'Revoke everyone’s sessions…' } )
			.click();
		const dialog = page.getByRole( 'dialog', {
			name: 'Revoke everyone’s sessions',
		} );
		// The members of the site shown, unless the whole network is chosen.
		await expect(
			dialog.getByRole( 'radio', { name: 'Only the members of Site 2' } )
		).toBeChecked();
		await expect( dialog ).toContainText(
			'This ends the credentials of the members of Site 2 only'
		);
		await dialog
			.getByRole( 'radio', { name: 'Every user of the whole network' } )
			.check();
		await expect( dialog ).toContainText(
			'This ends every user’s credentials on the whole network, on every site'
		);
		const confirm = dialog.getByRole( 'button', {
			name: 'Revoke everyone’s sessions on the network',
		} );
		await expect( confirm ).toBeDisabled();
		await dialog.getByLabel( 'Your password' ).fill( 'password' );
		await screenshot( page, 'network-revoke-all' );
		await confirm.click();
		await expect( dialog ).toHaveCount( 0 );
		await expect( page.locator( '#auth-sentinel-root' ) ).toContainText(
			'Everyone else on the network was signed out, on every site.'
		);

		// The main site's editor, not a member of Site 2, was signed out too.
		await editor.page.goto( '/wp-admin/profile.php' );
		await expect( editor.page ).toHaveURL( /wp-login\.php/ );
		await editor.context.close();
		// The network administrator's own session stays.
		await page.reload();
		await expect( page.locator( '#auth-sentinel-root' ) ).toContainText(
			'This session'
		);
		await context.close();
	} );
} );
