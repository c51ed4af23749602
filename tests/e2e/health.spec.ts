/**
 * Auth Sentinel in WordPress's own screens: the Site Health tests, the Site
 * Health Info section and the dashboard widget.
 */
import { expect, request, test, type Page } from '@playwright/test';
import crypto from 'crypto';
import { editSalt, screenshot, signIn } from './helpers';

const APP = 'Health e2e app/1.0';

/**
 * Scrolls back to the top, so the fixed admin bar is drawn where it belongs in
 * a full-page screenshot.
 *
 * @param page The page.
 */
async function toTop( page: Page ): Promise< void > {
	await page.evaluate( () => window.scrollTo( 0, 0 ) );
}

/**
 * Opens an admin page, signing the administrator in again if a key change
 * made by another spec signed them out.
 *
 * @param page The page.
 * @param path The admin path.
 */
async function openAdmin( page: Page, path: string ): Promise< void > {
	await page.goto( path );
	if ( /wp-login\.php/.test( page.url() ) ) {
		await signIn( page, 'admin' );
		await page.goto( path );
	}
}

test.describe( 'Site Health and the dashboard', () => {
	let restore: () => void = () => undefined;
	let nonceSalt = '';

	test.beforeAll( async ( { baseURL } ) => {
		// An app fails to sign in twice, so the dashboard has failures to show.
		const app = await request.newContext( {
			baseURL,
			extraHTTPHeaders: { 'User-Agent': APP },
		} );
		for ( let i = 0; i < 2; i++ ) {
			await app.post( '/wp-login.php', {
				form: { log: 'editor', pwd: `wrong-${ i }` },
			} );
		}
		await app.dispose();

		// A nonce salt changed in wp-config.php: a recent change, which signs nobody out.
		nonceSalt = crypto.randomBytes( 32 ).toString( 'hex' );
		restore = editSalt( 'NONCE_SALT', nonceSalt );
	} );

	test.afterAll( () => restore() );

	test( 'Site Health runs the tests, the asynchronous one too', async ( {
		page,
	} ) => {
		await openAdmin( page, '/wp-admin/site-health.php' );
		// The progress circle stops loading once every asynchronous test answered.
		await expect(
			page.locator( '.site-health-progress-wrapper' )
		).not.toHaveClass( /loading/, { timeout: 60_000 } );

		const recommended = page.locator(
			'#health-check-site-status-recommended'
		);
		const change = recommended.getByRole( 'button', {
			name: /Secrets changed recently: .*NONCE_SALT/,
		} );
		await expect( change ).toBeVisible();
		await change.click();
		await expect( recommended ).toContainText(
			'These secrets changed in the last 7 days'
		);
		await expect(
			recommended.getByRole( 'link', {
				name: 'Review on the Secrets screen',
			} )
		).toBeVisible();

		// The test server passes the Authorization header on to WordPress.
		await page.getByRole( 'button', { name: 'Passed tests' } ).click();
		const header = page.getByRole( 'button', {
			name: /The Authorization header reaches WordPress/,
		} );
		await expect( header ).toBeVisible();
		await expect(
			page.locator( '#health-check-site-status-critical' )
		).not.toContainText( 'removes the Authorization header' );
		const passed = page.locator( '#health-check-site-status-good' );
		await expect(
			passed.getByRole( 'button', {
				name: /The WordPress keys and salts are strong and unique/,
			} )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', {
				name: /No spike of failed sign-ins or token checks|Failed sign-ins and token checks are spiking/,
			} )
		).toBeVisible();

		await toTop( page );
		await screenshot( page, 'site-health' );
	} );

	test( 'the Info tab has an Auth Sentinel section without secret values', async ( {
		page,
	} ) => {
		await openAdmin( page, '/wp-admin/site-health.php?tab=debug' );
		await page
			.getByRole( 'button', { name: 'Auth Sentinel', exact: true } )
			.click();
		const section = page.locator(
			'#health-check-accordion-block-auth-sentinel'
		);
		await expect( section ).toBeVisible();
		for ( const label of [
			'Version',
			'Database schema version',
			'Recorded failures (rows)',
			'Audit log (rows)',
			'Failures kept for',
			'Audit log kept for',
			'IP addresses anonymised',
			'Active sessions',
			'Token plugins detected',
		] ) {
			await expect(
				section.getByRole( 'rowheader', { name: label, exact: true } )
			).toBeVisible();
		}
		await expect(
			section.getByRole( 'row', { name: /Secret NONCE_SALT/ } )
		).toContainText( /OK, last changed \d{4}-\d\d-\d\d/ );
		await expect( section ).not.toContainText( nonceSalt );
		await expect( page.locator( 'body' ) ).not.toContainText( nonceSalt );

		await toTop( page );
		await screenshot( page, 'site-health-info' );
	} );

	test( 'the dashboard widget sums up the last day', async ( { page } ) => {
		await openAdmin( page, '/wp-admin/index.php' );
		const widget = page.locator( '#auth_sentinel_dashboard' );
		await expect(
			widget.getByRole( 'heading', { name: 'Auth Sentinel' } )
		).toBeVisible();
		await expect( widget ).toContainText(
			/failed sign-ins? (and|or) token checks? in the last 24 hours/
		);
		await expect(
			widget.getByRole( 'img', {
				name: /Failures per hour over the last 24 hours/,
			} )
		).toBeVisible();
		// The key change cleared the widget's cache: the app's failures are counted.
		await expect(
			widget.getByRole( 'link', { name: 'Wrong password' } )
		).toBeVisible();
		await expect( widget ).toContainText(
			/Latest secret change: NONCE_SALT, \d+ (seconds?|secs?|mins?) ago/
		);
		await expect( widget ).toContainText( /Active sessions: \d+/ );
		for ( const name of [ 'Overview', 'Errors', 'Sessions' ] ) {
			await expect(
				widget.getByRole( 'link', { name, exact: true } )
			).toBeVisible();
		}

		await toTop( page );
		await screenshot( page, 'dashboard-widget' );
	} );
} );
