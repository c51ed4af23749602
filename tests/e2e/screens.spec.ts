/**
 * Every screen of the app opens, is reachable from the navigation and says what it is.
 */
import { expect, test } from '@playwright/test';
import { openScreen } from './helpers';

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
