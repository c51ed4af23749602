/**
 * The Secrets screen tells the truth about the running site, and shows a key change.
 */
import { expect, test } from '@playwright/test';
import crypto from 'crypto';
import { editSalt, openScreen, screenshot, signIn } from './helpers';

test.describe( 'Secrets', () => {
	test( 'lists the keys and salts of wp-config.php', async ( { page } ) => {
		await openScreen( page, 'secrets' );
		const table = page.getByRole( 'table' ).first();
		for ( const name of [ 'AUTH_KEY', 'NONCE_SALT', 'siteurl' ] ) {
			await expect(
				table.getByText( name, { exact: true } )
			).toBeVisible();
		}
		// No secret value is ever shown: only names and descriptions.
		await expect( page.locator( 'body' ) ).not.toContainText(
			'put your unique phrase here'
		);
	} );

	test( 'shows a salt change, its notice, and who was signed out', async ( {
		page,
	} ) => {
		const restore = editSalt(
			'AUTH_KEY',
			crypto.randomBytes( 32 ).toString( 'hex' )
		);
		try {
			// The change signs everyone out, the administrator too.
			await page.goto( '/wp-admin/' );
			await expect( page ).toHaveURL( /wp-login\.php/ );
			await signIn( page, 'admin' );

			const notice = page.locator( '.auth-sentinel-change-notice' );
			await expect( notice ).toContainText(
				'WordPress keys and salts changed (AUTH_KEY)'
			);
			await screenshot( page, 'notice-after-salt-change' );

			await notice
				.getByRole( 'link', { name: 'Review on the Secrets screen' } )
				.click();
			await expect(
				page.getByRole( 'navigation', { name: /Auth Sentinel/i } )
			).toBeVisible();
			const history = page.getByRole( 'region', { name: /history/i } );
			await expect( history ).toContainText( 'AUTH_KEY' );
			await expect( history ).toContainText( /signed out/ );
			await screenshot( page, 'secrets' );

			// Having reviewed it, the administrator is not told again.
			await page.goto( '/wp-admin/' );
			await expect(
				page.locator( '.auth-sentinel-change-notice' )
			).toHaveCount( 0 );
		} finally {
			restore();
		}
	} );
} );
