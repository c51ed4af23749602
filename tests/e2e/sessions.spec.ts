/**
 * Sessions, as an administrator uses them: see a cashier's credentials, revoke them, and find
 * the cashier's next attempts in Errors as revoked, and the revocation in the Audit trail.
 */
import {
	expect,
	request,
	test,
	type APIRequestContext,
} from '@playwright/test';
import fs from 'fs';
import {
	inSite,
	openScreen,
	screenshot,
	signIn,
	type Cashier,
} from './helpers';

const POS = 'WCPOS/1.8.0 (iOS 17; e2e till)';

test.describe( 'Sessions', () => {
	let cashier: Cashier;
	let token = '';
	let till: APIRequestContext;

	test.beforeAll( async ( { baseURL } ) => {
		cashier = JSON.parse( inSite( baseURL!, 'make-cashier.php' ) );
		token = inSite( baseURL!, 'wcpos-token.php', {
			AUTH_SENTINEL_USER: String( cashier.id ),
		} );
		expect( token.split( '.' ) ).toHaveLength( 3 );
		// An app, not a browser: none of the administrator's cookies.
		till = await request.newContext( {
			baseURL,
			storageState: { cookies: [], origins: [] },
			extraHTTPHeaders: { 'User-Agent': POS },
		} );
	} );

	test.afterAll( async ( { baseURL } ) => {
		await till.dispose();
		inSite( baseURL!, 'disable-fixtures.php' );
	} );

	test( 'revoking a cashier ends the cookie, the application password and the token at once', async ( {
		page,
		browser,
	} ) => {
		// The cashier is signed in in a browser, with an application password, and with a POS token.
		const browserContext = await browser.newContext( {
			storageState: { cookies: [], origins: [] },
			userAgent: POS,
		} );
		const cashierPage = await browserContext.newPage();
		await signIn( cashierPage, cashier.login );
		const basic = {
			Authorization:
				'Basic ' +
				Buffer.from( `${ cashier.login }:${ cashier.app }` ).toString(
					'base64'
				),
		};
		const bearer = { Authorization: `Bearer ${ token }` };
		const before = await till.get( '/wp-json/wp/v2/users/me', {
			headers: basic,
		} );
		expect( before.status(), await before.text() ).toBe( 200 );
		expect(
			(
				await till.get( '/wp-json/wp/v2/users/me', { headers: bearer } )
			).status()
		).toBe( 200 );

		// The administrator opens the cashier's sessions from the Users list.
		await page.goto(
			`/wp-admin/users.php?s=${ encodeURIComponent( cashier.login ) }`
		);
		await page.locator( `#user-${ cashier.id }` ).hover();
		await page
			.locator( `#user-${ cashier.id }` )
			.getByRole( 'link', { name: 'Sessions' } )
			.click();
		await expect( page ).toHaveURL(
			new RegExp( `page=auth-sentinel-sessions.*user=${ cashier.id }` )
		);
		const root = page.locator( '#auth-sentinel-root' );
		await expect( root ).toContainText( cashier.name );
		await expect( root ).toContainText( 'Till 3' );
		await expect( root ).toContainText( 'WCPOS' );
		await screenshot( page, 'sessions-user' );

		await page
			.getByRole( 'button', {
				name: new RegExp(
					`^Revoke all of ${ cashier.name }.*credentials…$`
				),
			} )
			.click();
		const dialog = page.getByRole( 'dialog' );
		await expect( dialog ).toContainText( 'must sign in again everywhere' );
		await dialog.getByRole( 'button', { name: 'Revoke all' } ).click();
		await expect( dialog ).toHaveCount( 0 );
		await expect( root ).toContainText( /revoked/i );

		// The cashier's very next requests fail.
		await cashierPage.goto( '/wp-admin/profile.php' );
		await expect( cashierPage ).toHaveURL( /wp-login\.php/ );
		await browserContext.close();
		expect(
			(
				await till.get( '/wp-json/wp/v2/users/me', { headers: basic } )
			).status()
		).toBe( 401 );
		const refused = await till.get( '/wp-json/wp/v2/users/me', {
			headers: bearer,
		} );
		expect( refused.status() ).toBe( 401 );
		expect( ( await refused.json() ).code ).toBe(
			'auth_sentinel_token_revoked'
		);

		// Errors shows the three as revoked, by the administrator.
		await page.goto(
			`/wp-admin/admin.php?page=auth-sentinel-errors&cause=revoked&search=${ encodeURIComponent(
				cashier.login
			) }`
		);
		await expect( page.getByText( 'Revoked' ).first() ).toBeVisible();
		await page
			.getByRole( 'button', { name: 'View details' } )
			.first()
			.click();
		await expect( page.getByRole( 'dialog' ) ).toContainText(
			/revoked by admin/i
		);
		await screenshot( page, 'errors-revoked' );
		await page.keyboard.press( 'Escape' );

		// And the Audit trail names who did it.
		await openScreen( page, 'audit' );
		await expect( root ).toContainText( cashier.login );
		await screenshot( page, 'audit' );

		// The export is made on the server, then downloaded by a form POST:
		// no nonce in any address.
		await page.getByRole( 'button', { name: 'Export CSV' } ).click();
		const downloaded = page.waitForEvent( 'download' );
		await page.getByRole( 'button', { name: 'Download CSV' } ).click();
		const download = await downloaded;
		expect( download.url() ).toMatch( /audit(\/|%2F)exports(\/|%2F)/ );
		expect( download.url() ).not.toContain( 'nonce' );
		expect( download.suggestedFilename() ).toMatch(
			/^auth-sentinel-audit-.*\.csv$/
		);
		const csv = fs
			.readFileSync( await download.path(), 'utf8' )
			.replace( /^\uFEFF/, '' );
		expect( csv.split( '\n' )[ 0 ] ).toBe(
			'id,time,action,summary,"actor id","actor login","user id","user login",ip,"user agent",details'
		);
		expect( csv ).toContain( cashier.login );
		// The screen stays where it was.
		await expect( page ).toHaveURL( /page=auth-sentinel-audit/ );
	} );

	test( 'one session is revoked from the list; the others stay', async ( {
		page,
		browser,
	} ) => {
		const subscriber = await browser.newContext( {
			storageState: { cookies: [], origins: [] },
		} );
		const other = await subscriber.newPage();
		await signIn( other, 'subscriber' );

		await openScreen( page, 'sessions' );
		const root = page.locator( '#auth-sentinel-root' );
		await expect( root ).toContainText( 'This session' );
		await screenshot( page, 'sessions' );

		const row = page.getByRole( 'row' ).filter( { hasText: 'subscriber' } );
		await row.first().getByRole( 'button', { name: 'Revoke' } ).click();
		const dialog = page.getByRole( 'dialog' );
		await expect( dialog ).toContainText( 'Revoke this session?' );
		await dialog.getByRole( 'button', { name: 'Revoke' } ).click();
		await expect( dialog ).toHaveCount( 0 );

		await other.goto( '/wp-admin/profile.php' );
		await expect( other ).toHaveURL( /wp-login\.php/ );
		await subscriber.close();

		// The administrator's own session stays.
		await page.reload();
		await expect( root ).toContainText( 'This session' );
	} );

	test( 'revoking everyone asks for the password and refuses a wrong one', async ( {
		page,
	} ) => {
		await openScreen( page, 'sessions' );
		await page
			.getByRole( 'button', { name: 'Revoke everyone’s sessions…' } )
			.click();
		const dialog = page.getByRole( 'dialog' );
		const confirm = dialog.getByRole( 'button', {
			name: 'Revoke everyone’s sessions',
		} );
		await expect( confirm ).toBeDisabled();
		await dialog.getByLabel( 'Your password' ).fill( 'not-my-password' );
		await expect( confirm ).toBeEnabled();
		await confirm.click();
		await expect( dialog ).toContainText( 'not your password' );
		await screenshot( page, 'sessions-revoke-all' );
		await dialog.getByRole( 'button', { name: 'Cancel' } ).click();
		await expect( dialog ).toHaveCount( 0 );
	} );
} );

test( 'settings are validated by the server and saved', async ( { page } ) => {
	await openScreen( page, 'settings' );
	const failures = page.getByLabel( 'Keep failures for (days)' );
	await expect( failures ).toHaveValue( /\d+/ );
	const before = await failures.inputValue();
	await page
		.getByLabel( 'Email recipients', { exact: false } )
		.fill( 'ops@example.org, not-an-address' );
	await page.getByRole( 'button', { name: 'Save settings' } ).click();
	await expect( page.locator( '#auth-sentinel-root' ) ).toContainText(
		'not-an-address'
	);
	await page
		.getByLabel( 'Email recipients', { exact: false } )
		.fill( 'ops@example.org' );
	await failures.fill( '30' );
	await page.getByRole( 'button', { name: 'Save settings' } ).click();
	await expect(
		page.locator( '#auth-sentinel-root' ).getByText( 'Settings saved.' )
	).toBeVisible();
	await page.reload();
	await expect( page.getByLabel( 'Keep failures for (days)' ) ).toHaveValue(
		'30'
	);

	// Trusted proxies: the server names a bad entry under the field, and keeps a good list.
	const proxies = page.getByLabel( 'Trusted proxies' );
	await expect( proxies ).toHaveValue( '' );
	await proxies.fill( '10.0.0.0/8\nproxy.example.test' );
	await page.getByRole( 'button', { name: 'Save settings' } ).click();
	await expect( page.locator( '.auth-sentinel-field-error' ) ).toContainText(
		'proxy.example.test'
	);
	await expect(
		page
			.locator( '#auth-sentinel-root' )
			.getByText(
				'The settings were not saved: correct the fields marked below.'
			)
	).toBeVisible();
	await proxies.fill( '10.0.0.0/8, 192.0.2.7' );
	await page.getByRole( 'button', { name: 'Save settings' } ).click();
	await expect(
		page.locator( '#auth-sentinel-root' ).getByText( 'Settings saved.' )
	).toBeVisible();
	await page.reload();
	await expect( page.getByLabel( 'Trusted proxies' ) ).toHaveValue(
		'10.0.0.0/8\n192.0.2.7'
	);
	// The storage caps are shown (the test site raises them: its requests share one network).
	await expect(
		page.getByLabel( 'New failure rows per client network and hour' )
	).toHaveValue( /^\d+$/ );
	await expect(
		page.getByLabel( 'New failure rows per hour, all networks together' )
	).toHaveValue( /^\d+$/ );
	// In a window as tall as the page, the sticky save bar sits under the form, not over a
	// section of it.
	const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
	const height = await page.evaluate(
		() => document.documentElement.scrollHeight
	);
	await page.setViewportSize( { width: viewport.width, height } );
	await screenshot( page, 'settings' );
	await page.setViewportSize( viewport );

	// Put the defaults back for the other tests.
	await page.getByLabel( 'Keep failures for (days)' ).fill( before );
	await page.getByLabel( 'Email recipients', { exact: false } ).fill( '' );
	await page.getByLabel( 'Trusted proxies' ).fill( '' );
	await page.getByRole( 'button', { name: 'Save settings' } ).click();
	await expect(
		page.locator( '#auth-sentinel-root' ).getByText( 'Settings saved.' )
	).toBeVisible();
	await page.reload();
	await expect( page.getByLabel( 'Trusted proxies' ) ).toHaveValue( '' );
} );
