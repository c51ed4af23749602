/**
 * Every screen of the app opens, is reachable from the navigation and says what it is.
 */
import { expect, test } from '@playwright/test';
import { openScreen, screenshot } from './helpers';

// The screens not built yet; Overview, Errors and Secrets have their own specs.
const SCREENS = [
	{ slug: 'sessions', title: 'Sessions' },
	{ slug: 'audit', title: 'Audit' },
	{ slug: 'settings', title: 'Settings' },
];

test( 'the menu and navigation reach every screen', async ( { page } ) => {
	await openScreen( page, '' );
	const menu = page.locator( '#toplevel_page_auth-sentinel' );
	await expect( menu ).toContainText( 'Auth Sentinel' );
	const nav = page.getByRole( 'navigation', { name: /Auth Sentinel/i } );
	await nav.getByRole( 'link', { name: 'Secrets' } ).click();
	await expect( page ).toHaveURL( /page=auth-sentinel-secrets/ );
	await expect(
		page
			.getByRole( 'navigation', { name: /Auth Sentinel/i } )
			.getByRole( 'link', { name: 'Secrets' } )
	).toHaveAttribute( 'aria-current', 'page' );
} );

for ( const screen of SCREENS ) {
	test( `${ screen.title } says plainly what it will show`, async ( {
		page,
	} ) => {
		await openScreen( page, screen.slug );
		await expect( page.getByRole( 'heading', { level: 1 } ) ).toContainText(
			screen.title
		);
		await expect( page.locator( '#auth-sentinel-root' ) ).toContainText(
			/coming/i
		);
		await screenshot( page, screen.slug );
	} );
}

test( 'an editor cannot open the screens', async ( { browser } ) => {
	const context = await browser.newContext( {
		storageState: { cookies: [], origins: [] },
	} );
	const page = await context.newPage();
	await page.goto( '/wp-login.php' );
	await page.locator( '#user_login' ).fill( 'editor' );
	await page.locator( '#user_pass' ).fill( 'password' );
	await page.locator( '#wp-submit' ).click();
	await page.waitForURL( /wp-admin/ );
	await expect( page.locator( '#toplevel_page_auth-sentinel' ) ).toHaveCount(
		0
	);
	const response = await page.goto(
		'/wp-admin/admin.php?page=auth-sentinel-secrets'
	);
	expect( response?.status() ).toBe( 403 );
	await context.close();
} );
