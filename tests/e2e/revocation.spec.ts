/**
 * Revocation holds however a credential travels: an administrator revokes a cashier from the
 * Sessions screen, and the very next request fails in every form the token plugins accept —
 * Bearer header, bare header, `?authorization=`, `?JWT=`, only `REDIRECT_HTTP_AUTHORIZATION`,
 * the issuer's refresh route — as do the browser cookie and the application password. Errors
 * lists each refusal as revoked, by the administrator.
 */
import {
	expect,
	request,
	test,
	type APIRequestContext,
	type Page,
} from '@playwright/test';
import { inSite, screenshot, signIn, type Cashier } from './helpers';

const ME = '/wp-json/wp/v2/users/me';

interface Tokens {
	wcpos?: { access_token: string; refresh_token: string };
	simple_jwt_login?: string;
}

/**
 * One way of presenting a credential: a name, and the request it makes.
 */
interface Form {
	name: string;
	send: (
		app: APIRequestContext
	) => ReturnType< APIRequestContext[ 'get' ] >;
}

/**
 * Revokes every credential of a user from the Sessions screen, as the administrator.
 *
 * @param page    The administrator's page.
 * @param cashier The user.
 */
async function revokeEverythingOf( page: Page, cashier: Cashier ) {
	await page.goto(
		`/wp-admin/admin.php?page=auth-sentinel-sessions&user=${ cashier.id }`
	);
	const root = page.locator( '#auth-sentinel-root' );
	await expect( root ).toContainText( cashier.name );
	await page
		.getByRole( 'button', {
			name: new RegExp(
				`^Revoke all of ${ cashier.name }.*credentials…$`
			),
		} )
		.click();
	const dialog = page.getByRole( 'dialog' );
	await dialog.getByRole( 'button', { name: 'Revoke all' } ).click();
	await expect( dialog ).toHaveCount( 0 );
	await expect( root ).toContainText( /revoked/i );
}

/**
 * Reads the failures recorded for a user as the signed-in administrator.
 *
 * @param page  The administrator's page (on one of the plugin's screens).
 * @param login The user's login.
 * @return The failures.
 */
async function failuresOf(
	page: Page,
	login: string
): Promise< Array< Record< string, any > > > {
	const nonce = await page.evaluate(
		() =>
			( window as unknown as { authSentinel: { restNonce: string } } )
				.authSentinel.restNonce
	);
	const answer = await page.request.get(
		`/wp-json/auth-sentinel/v1/events?per_page=100&search=${ encodeURIComponent(
			login
		) }`,
		{ headers: { 'X-WP-Nonce': nonce } }
	);
	expect( answer.status() ).toBe( 200 );
	return answer.json();
}

test.describe( 'Revocation in every form', () => {
	test.afterAll( ( { baseURL } ) => {
		inSite( baseURL!, 'disable-fixtures.php' );
	} );

	test( 'a WooCommerce POS token in each form, its refresh token, a cookie and an application password', async ( {
		page,
		browser,
		baseURL,
	} ) => {
		const cashier: Cashier = JSON.parse(
			inSite( baseURL!, 'make-cashier.php' )
		);
		const tokens: Tokens = JSON.parse(
			inSite( baseURL!, 'mint-tokens.php', {
				AUTH_SENTINEL_USER: String( cashier.id ),
			} )
		);
		const access = tokens.wcpos!.access_token;
		const refresh = tokens.wcpos!.refresh_token;
		// Each form from its own "device", so that Errors lists each refusal on its own row.
		const as = ( form: string ) => ( {
			'User-Agent': `WCPOS/1.8.0 (e2e ${ form })`,
		} );
		const forms: Form[] = [
			{
				name: 'Bearer header',
				send: ( app ) =>
					app.get( ME, {
						headers: {
							...as( 'bearer' ),
							Authorization: `Bearer ${ access }`,
						},
					} ),
			},
			{
				name: 'bare header',
				send: ( app ) =>
					app.get( ME, {
						headers: { ...as( 'bare' ), Authorization: access },
					} ),
			},
			{
				name: '?authorization=',
				send: ( app ) =>
					app.get(
						`${ ME }?authorization=${ encodeURIComponent(
							`Bearer ${ access }`
						) }`,
						{ headers: as( 'query' ) }
					),
			},
			{
				name: 'REDIRECT_HTTP_AUTHORIZATION only',
				send: ( app ) =>
					app.get( ME, {
						headers: {
							...as( 'redirect' ),
							Authorization: `Bearer ${ access }`,
							'X-Fixture-Strip-Authorization': 'redirect-empty',
						},
					} ),
			},
			{
				name: 'application password',
				send: ( app ) =>
					app.get( ME, {
						headers: {
							...as( 'app-password' ),
							Authorization:
								'Basic ' +
								Buffer.from(
									`${ cashier.login }:${ cashier.app }`
								).toString( 'base64' ),
						},
					} ),
			},
		];
		const refreshRoute = ( app: APIRequestContext ) =>
			app.post( '/wp-json/wcpos/v1/auth/refresh', {
				headers: as( 'refresh' ),
				data: { refresh_token: refresh },
			} );

		const app = await request.newContext( {
			baseURL,
			storageState: { cookies: [], origins: [] },
		} );
		const cashierContext = await browser.newContext( {
			storageState: { cookies: [], origins: [] },
		} );
		const cashierPage = await cashierContext.newPage();
		await signIn( cashierPage, cashier.login );

		// Before: every form signs the cashier in.
		for ( const form of forms ) {
			const answer = await form.send( app );
			expect( answer.status(), `${ form.name } works before` ).toBe(
				200
			);
			expect( ( await answer.json() ).id ).toBe( cashier.id );
		}

		await signIn( page, 'admin' );
		await revokeEverythingOf( page, cashier );

		// After: the very next request fails, in every form.
		for ( const form of forms ) {
			const answer = await form.send( app );
			expect(
				answer.status(),
				`${ form.name }: ${ await answer.text() }`
			).toBe( 401 );
		}
		const refused = await refreshRoute( app );
		expect( refused.status(), await refused.text() ).toBe( 401 );
		expect( ( await refused.json() ).code ).toBe(
			'auth_sentinel_token_revoked'
		);
		expect( await refused.text() ).not.toContain( 'access_token' );
		await cashierPage.goto( '/wp-admin/profile.php' );
		await expect( cashierPage ).toHaveURL( /wp-login\.php/ );
		await cashierContext.close();
		await app.dispose();

		// Errors: each refusal is there, revoked, by the administrator.
		await page.goto(
			`/wp-admin/admin.php?page=auth-sentinel-errors&cause=revoked&search=${ encodeURIComponent(
				cashier.login
			) }`
		);
		await expect( page.getByText( 'Revoked' ).first() ).toBeVisible();
		const failures = await failuresOf( page, cashier.login );
		const revoked = failures.filter( ( f ) => f.cause === 'revoked' );
		for ( const form of [
			'bearer',
			'bare',
			'query',
			'redirect',
			'app-password',
			'refresh',
		] ) {
			const row = revoked.find( ( f ) =>
				String( f.user_agent ).includes( `e2e ${ form })` )
			);
			expect( row, `a revoked failure for ${ form }` ).toBeTruthy();
			expect( row!.details.revoked_by ).toBeTruthy();
			expect( row!.explanation ).toMatch( /admin/i );
		}
		await page
			.getByRole( 'button', { name: 'View details' } )
			.first()
			.click();
		await expect( page.getByRole( 'dialog' ) ).toContainText(
			/revoked by admin/i
		);
		await screenshot( page, 'errors-revoked-forms' );
	} );

	test( 'a Simple JWT Login token in the header and as ?JWT=', async ( {
		page,
		baseURL,
	} ) => {
		const cashier: Cashier = JSON.parse(
			inSite( baseURL!, 'make-cashier.php' )
		);
		inSite( baseURL!, 'enable-fixtures.php', {
			AUTH_SENTINEL_FIXTURES: 'fixture-simple-jwt-login',
		} );
		const tokens: Tokens = JSON.parse(
			inSite( baseURL!, 'mint-tokens.php', {
				AUTH_SENTINEL_USER: String( cashier.id ),
			} )
		);
		const jwt = tokens.simple_jwt_login!;
		const app = await request.newContext( {
			baseURL,
			storageState: { cookies: [], origins: [] },
		} );
		const forms: Form[] = [
			{
				name: 'bare header',
				send: ( ctx ) =>
					ctx.get( ME, {
						headers: {
							'User-Agent': 'SJL app (e2e bare)',
							Authorization: jwt,
						},
					} ),
			},
			{
				name: '?JWT=',
				send: ( ctx ) =>
					ctx.get( `${ ME }?JWT=${ encodeURIComponent( jwt ) }`, {
						headers: { 'User-Agent': 'SJL app (e2e jwt-param)' },
					} ),
			},
		];
		for ( const form of forms ) {
			const answer = await form.send( app );
			expect( answer.status(), `${ form.name } works before` ).toBe(
				200
			);
		}

		// The administrator's own requests carry no Authorization header: Simple JWT Login
		// would refuse anything in it that is not a JWT.
		await signIn( page, 'admin' );
		await revokeEverythingOf( page, cashier );

		for ( const form of forms ) {
			const answer = await form.send( app );
			expect(
				answer.status(),
				`${ form.name }: ${ await answer.text() }`
			).toBe( 401 );
			expect( ( await answer.json() ).code ).toBe(
				'auth_sentinel_token_revoked'
			);
		}
		await app.dispose();
		const failures = await failuresOf( page, cashier.login );
		for ( const form of [ 'bare', 'jwt-param' ] ) {
			const row = failures.find(
				( f ) =>
					f.cause === 'revoked' &&
					String( f.user_agent ).includes( `(e2e ${ form })` )
			);
			expect( row, `a revoked failure for ${ form }` ).toBeTruthy();
			expect( row!.details.revoked_by ).toBeTruthy();
		}
	} );
} );
