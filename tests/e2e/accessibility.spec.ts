/**
 * Every screen passes axe-core's WCAG 2.1 AA rules in a real browser: the whole admin page as
 * an administrator sees it, with the data the other tests recorded, and the states a click
 * opens (the Overview's other range, the details of a failure and of an audit entry).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openScreen } from './helpers';

/**
 * Runs axe on the page and lists what it found, one line per element.
 *
 * @param page The page.
 * @return "rule: element — why" lines; none when the page passes.
 */
async function violations( page: Page ): Promise< string[] > {
	const results = await new AxeBuilder( { page } )
		.withTags( [ 'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa' ] )
		.analyze();
	return results.violations.flatMap( ( violation ) =>
		violation.nodes.map(
			( node ) =>
				`${ violation.id }: ${ node.target.join( ' ' ) } — ${
					node.failureSummary ?? ''
				}`
		)
	);
}

/**
 * Opens a screen and waits until it has drawn what it loaded.
 *
 * @param page   The page.
 * @param screen The screen's page slug suffix, '' for the Overview.
 */
async function openLoaded( page: Page, screen: string ): Promise< void > {
	await openScreen( page, screen );
	await expect( page.locator( '.auth-sentinel-loading' ) ).toHaveCount( 0 );
	await expect(
		page.locator( '.auth-sentinel-screen .components-spinner' )
	).toHaveCount( 0 );
}

test.beforeAll( async ( { playwright, baseURL } ) => {
	// A failed sign-in, so that the Errors table has a row to open on a fresh site.
	const anonymous = await playwright.request.newContext( { baseURL } );
	await anonymous.post( '/wp-login.php', {
		form: { log: 'admin', pwd: 'not the password' },
	} );
	await anonymous.dispose();
} );

for ( const screen of [ 'sessions', 'secrets', 'settings' ] ) {
	test( `the ${ screen } screen passes WCAG 2.1 AA checks`, async ( {
		page,
	} ) => {
		await openLoaded( page, screen );
		expect( await violations( page ) ).toEqual( [] );
	} );
}

test( 'the overview passes WCAG 2.1 AA checks over either range', async ( {
	page,
} ) => {
	await openLoaded( page, '' );
	expect( await violations( page ) ).toEqual( [] );
	await page.getByRole( 'button', { name: 'Last 30 days' } ).click();
	await expect(
		page.getByRole( 'button', { name: 'Last 30 days' } )
	).toHaveAttribute( 'aria-pressed', 'true' );
	await expect(
		page.locator( '.auth-sentinel-chart-panel' )
	).toHaveAttribute( 'aria-busy', 'false' );
	expect( await violations( page ) ).toEqual( [] );
} );

for ( const screen of [ 'errors', 'audit' ] ) {
	test( `the ${ screen } screen and its details pass WCAG 2.1 AA checks`, async ( {
		page,
	} ) => {
		await openLoaded( page, screen );
		expect( await violations( page ) ).toEqual( [] );
		await page
			.locator( '.dataviews-view-table tbody tr' )
			.first()
			.getByRole( 'button', { name: /View details|Diagnose/ } )
			.click();
		await expect( page.getByRole( 'dialog' ) ).toBeVisible();
		expect( await violations( page ) ).toEqual( [] );
	} );
}
