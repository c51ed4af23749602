/**
 * The tables' menus work with the components WordPress itself loads: the screens' scripts
 * bring DataViews but use WordPress's wp-components (also its private Menu), so each menu the
 * tables open is checked here in a real browser.
 */
import { expect, test } from '@playwright/test';
import { openScreen } from './helpers';

test( 'the audit table sorts, filters and configures its view from its menus', async ( {
	page,
} ) => {
	await openScreen( page, 'audit' );
	const table = page.locator( '.dataviews-view-table' );
	await expect( table.locator( 'tbody tr' ).first() ).toBeVisible();

	// A column's menu (the private Menu of wp-components) moves the column.
	await table.getByRole( 'button', { name: 'When' } ).click();
	await page.getByRole( 'menuitem', { name: 'Move right' } ).click();
	await expect( table.locator( 'thead th' ).nth( 1 ) ).toHaveText( 'When' );

	// The filter menu lists the fields that can filter.
	await page.getByRole( 'button', { name: 'Add filter' } ).click();
	await expect(
		page.getByRole( 'menuitem', { name: 'By' } ).first()
	).toBeVisible();
	await page.keyboard.press( 'Escape' );

	// The view options (a Dropdown with a page-size control).
	await page.getByRole( 'button', { name: 'View options' } ).click();
	await expect( page.getByText( 'Items per page' ) ).toBeVisible();
	await page.keyboard.press( 'Escape' );

	// A filter chosen from the action chip narrows the list and the address.
	await page
		.locator( '.dataviews-filters__container' )
		.getByRole( 'button', { name: 'Action', exact: true } )
		.click();
	await page.getByRole( 'option', { name: 'Signed in' } ).click();
	await expect( page ).toHaveURL( /action=sign_in/ );
	await page.keyboard.press( 'Escape' );
	await expect(
		table.locator( 'tbody tr' ).filter( { hasText: 'Session created' } )
	).toHaveCount( 0 );
	await expect(
		table.locator( 'tbody tr' ).filter( { hasText: 'Signed in' } ).first()
	).toBeVisible();
} );
