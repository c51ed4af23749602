/**
 * A translated site shows a translated admin app: the PHP strings come from the .mo, the app's
 * strings from the JSON files made for its scripts (bin/i18n.js translate, make-json).
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { SITE_DIR } from './helpers';

const ROOT = path.join( __dirname, '../..' );
const LANGUAGES = path.join( SITE_DIR, 'wp-content/languages/plugins' );
const SWITCH = path.join( SITE_DIR, 'wp-content/mu-plugins/locale-cookie.php' );

test.describe( 'a site in German', () => {
	let installed: string[] = [];

	test.beforeAll( () => {
		const before = fs.existsSync( LANGUAGES )
			? fs.readdirSync( LANGUAGES )
			: [];
		execFileSync( process.execPath, [
			path.join( ROOT, 'bin/i18n.js' ),
			'translate',
			path.join( ROOT, 'tests/i18n/auth-sentinel-de_DE.po' ),
			LANGUAGES,
		] );
		installed = fs
			.readdirSync( LANGUAGES )
			.filter( ( file ) => ! before.includes( file ) );
		fs.copyFileSync(
			path.join( ROOT, 'tests/i18n/locale-cookie.php' ),
			SWITCH
		);
	} );

	test.afterAll( () => {
		for ( const file of installed ) {
			fs.rmSync( path.join( LANGUAGES, file ), { force: true } );
		}
		fs.rmSync( SWITCH, { force: true } );
	} );

	test( 'shows the admin app translated', async ( { page, baseURL } ) => {
		expect( installed ).toContain( 'auth-sentinel-de_DE.mo' );
		expect(
			installed.filter( ( file ) => file.endsWith( '.json' ) ).length
		).toBeGreaterThan( 0 );
		await page
			.context()
			.addCookies( [
				{ name: 'as_locale', value: 'de_DE', url: baseURL! },
			] );
		await page.goto( '/wp-admin/admin.php?page=auth-sentinel-sessions' );
		await expect( page.locator( 'html' ) ).toHaveAttribute(
			'lang',
			'de-DE'
		);
		// A label of the app (build/sessions.js), from its JSON file.
		await expect(
			page.getByRole( 'button', { name: 'Alle Sitzungen widerrufen …' } )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: 'Revoke everyone’s sessions…' } )
		).toHaveCount( 0 );
		// The app's own tab and WordPress's menu (PHP, from the .mo) say the same.
		await expect(
			page
				.getByRole( 'navigation', { name: /Auth Sentinel/i } )
				.getByRole( 'link', { name: 'Sitzungen', exact: true } )
		).toBeVisible();
		await expect(
			page
				.locator( '#adminmenu' )
				.getByRole( 'link', { name: 'Sitzungen', exact: true } )
		).toBeVisible();
		// Strings without a translation stay in English.
		await expect(
			page
				.getByRole( 'navigation', { name: /Auth Sentinel/i } )
				.getByRole( 'link', { name: 'Overview', exact: true } )
		).toBeVisible();
		await page.context().clearCookies( { name: 'as_locale' } );
		await page.reload();
		await expect(
			page.getByRole( 'button', { name: 'Revoke everyone’s sessions…' } )
		).toBeVisible();
	} );
} );
