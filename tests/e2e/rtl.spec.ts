/**
 * The screens laid out right to left, as for Arabic or Hebrew.
 */
import { expect, test } from '@playwright/test';
import { openScreen, screenshot } from './helpers';

test( 'the screens read right to left', async ( { page, baseURL } ) => {
	await page
		.context()
		.addCookies( [ { name: 'as_rtl', value: '1', url: baseURL! } ] );
	await openScreen( page, 'sessions' );
	await expect( page.locator( 'html' ) ).toHaveAttribute( 'dir', 'rtl' );
	// WordPress swaps in the mirrored stylesheet the build makes for the screen.
	await expect(
		page.locator( 'link[href*="auth-sentinel/build/sessions-rtl.css"]' )
	).toHaveCount( 1 );
	const nav = page.getByRole( 'navigation', { name: /Auth Sentinel/i } );
	const first = await nav
		.getByRole( 'link', { name: 'Overview' } )
		.boundingBox();
	const last = await nav
		.getByRole( 'link', { name: 'Settings' } )
		.boundingBox();
	expect( first!.x ).toBeGreaterThan( last!.x ); // Tabs run from the right.
	await screenshot( page, 'sessions-rtl' );
	await openScreen( page, 'errors' );
	await screenshot( page, 'errors-rtl' );
	await page.context().clearCookies( { name: 'as_rtl' } );
} );
