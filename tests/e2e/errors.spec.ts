/**
 * Failures made for real show up diagnosed on the Errors and Overview screens.
 */
import { expect, request, test } from '@playwright/test';
import crypto from 'crypto';
import { editSalt, openScreen, screenshot, signIn } from './helpers';

const POS = 'WCPOS/1.7.2 (Android 14; e2e terminal)';

test.describe( 'Errors and Overview', () => {
	let restore: () => void = () => undefined;

	test.beforeAll( async ( { baseURL, browser } ) => {
		// A cashier's terminal: three wrong passwords and a mangled token.
		const terminal = await request.newContext( {
			baseURL,
			extraHTTPHeaders: { 'User-Agent': POS },
		} );
		for ( let i = 0; i < 3; i++ ) {
			await terminal.post( '/wp-login.php', {
				form: { log: 'editor', pwd: `wrong-${ i }` },
			} );
		}
		await terminal.get( '/wp-json/wp/v2/users/me', {
			headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.bm9wZQ' },
		} );

		// The author is signed in in a browser when the keys change.
		const author = await browser.newContext( {
			storageState: { cookies: [], origins: [] },
		} );
		const page = await author.newPage();
		await signIn( page, 'author' );
		restore = editSalt(
			'AUTH_KEY',
			crypto.randomBytes( 32 ).toString( 'hex' )
		);
		await page.goto( '/wp-admin/profile.php' );
		await expect( page ).toHaveURL( /wp-login\.php/ );
		await author.close();
		await terminal.dispose();
	} );

	test.afterAll( () => restore() );

	test( 'the Errors screen lists, filters and explains failures', async ( {
		page,
	} ) => {
		// The key change signed the administrator out too.
		await signIn( page, 'admin' );
		await openScreen( page, 'errors' );
		await expect(
			page.getByText( 'Wrong password' ).first()
		).toBeVisible();
		await expect(
			page.getByText( 'Secret changed' ).first()
		).toBeVisible();
		await screenshot( page, 'errors' );

		// The cashier says the POS shows API02003: searching for it finds the token failure.
		await page.goto(
			'/wp-admin/admin.php?page=auth-sentinel-errors&search=API02003'
		);
		await expect( page.getByText( 'Corrupted' ).first() ).toBeVisible();
		await expect( page.getByText( 'Wrong password' ) ).toHaveCount( 0 );

		// Filter by cause through the URL an Overview link would use.
		await page.goto(
			'/wp-admin/admin.php?page=auth-sentinel-errors&cause=bad_credentials'
		);
		await expect(
			page.getByText( 'Wrong password' ).first()
		).toBeVisible();
		await expect( page.getByText( 'Corrupted' ) ).toHaveCount( 0 );

		// The detail panel: diagnosis, facts, and the catalog's how-to-fix.
		await page
			.getByRole( 'button', { name: 'View details' } )
			.first()
			.click();
		const dialog = page.getByRole( 'dialog' );
		await expect( dialog ).toBeVisible();
		await expect(
			dialog.getByRole( 'heading', { name: 'Diagnosis' } )
		).toBeVisible();
		await expect( dialog ).toContainText( 'The password is wrong.' );
		await expect( dialog ).toContainText( /How to fix/i );
		await expect( dialog ).toContainText( 'WooCommerce POS' );
		await screenshot( page, 'errors-detail' );
		await page.keyboard.press( 'Escape' );
		await expect( dialog ).toHaveCount( 0 );
	} );

	test( 'the Overview headline ties the failures to the key change', async ( {
		page,
	} ) => {
		await signIn( page, 'admin' );
		await openScreen( page, '' );
		await expect( page.locator( '#auth-sentinel-root' ) ).toContainText(
			/AUTH_KEY changed at .* failures? from \d+ users? since/
		);
		await expect( page.getByRole( 'img' ).first() ).toBeVisible();
		await expect( page.locator( '#auth-sentinel-root' ) ).toContainText(
			'WooCommerce POS'
		);
		await screenshot( page, 'overview' );
	} );

	test( 'failures past the storage cap are counted in one summary row', async ( {
		page,
		baseURL,
	} ) => {
		await signIn( page, 'admin' );
		const cap = page.getByLabel(
			'New failure rows per client network and hour'
		);
		await openScreen( page, 'settings' );
		// The test site's own cap, high: its requests all come from one network.
		const before = await cap.inputValue();
		expect( before ).toMatch( /^\d+$/ );
		const setCap = async ( value: string ) => {
			await openScreen( page, 'settings' );
			await cap.fill( value );
			await page.getByRole( 'button', { name: 'Save settings' } ).click();
			await expect(
				page
					.locator( '#auth-sentinel-root' )
					.getByText( 'Settings saved.' )
			).toBeVisible();
		};
		// The lowest cap.
		await setCap( '10' );
		try {
			// A stuffing attack: ever-new logins from one client network.
			const attacker = await request.newContext( {
				baseURL,
				storageState: { cookies: [], origins: [] },
			} );
			const run = crypto.randomBytes( 4 ).toString( 'hex' );
			for ( let i = 0; i < 15; i++ ) {
				await attacker.post( '/wp-login.php', {
					form: { log: `ghost-${ run }-${ i }`, pwd: 'guess' },
				} );
			}
			await attacker.dispose();

			await page.goto(
				'/wp-admin/admin.php?page=auth-sentinel-errors&cause=unknown_user&source=login_form'
			);
			const row = page
				.getByRole( 'row' )
				.filter( { hasText: /past the storage cap/ } )
				.first();
			await expect( row ).toContainText(
				/Summary of [\d,]+ failures? past the storage cap/
			);
			await expect( row ).toContainText(
				/about [\d,]+ credentials? from about [\d,]+ networks?/
			);
			await row.getByRole( 'button', { name: 'View details' } ).click();
			const dialog = page.getByRole( 'dialog' );
			await expect( dialog ).toContainText( 'Distinct credentials' );
			await expect( dialog ).toContainText( 'Client networks' );
			await expect( dialog ).toContainText(
				/were counted here without a row each|was counted here without a row of its own/
			);
			await page.keyboard.press( 'Escape' );
			await expect( dialog ).toHaveCount( 0 );
		} finally {
			await setCap( before );
		}
	} );
} );
