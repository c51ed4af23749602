/**
 * What the browser tests do as a person would: sign in, open a screen, take its picture.
 */
import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

export const SITE_DIR =
	process.env.AUTH_SENTINEL_SITE_DIR ??
	path.join( __dirname, '../../.cache/site' );

const ROOT = path.join( __dirname, '../..' );

/** A cashier made by support/make-cashier.php: a user with an application password. */
export interface Cashier {
	id: number;
	login: string;
	name: string;
	app: string;
}

/**
 * Runs a helper script inside the site.
 *
 * @param baseURL The site's address.
 * @param script  Script under tests/e2e/support.
 * @param env     Extra environment.
 * @return What it printed.
 */
export function inSite(
	baseURL: string,
	script: string,
	env: Record< string, string > = {}
): string {
	return execFileSync(
		'php',
		[
			path.join( ROOT, 'tests/bin/wp-run.php' ),
			SITE_DIR,
			baseURL,
			path.join( __dirname, 'support', script ),
		],
		{ env: { ...process.env, ...env }, encoding: 'utf8' }
	).trim();
}

const SCREENSHOTS = path.join( __dirname, '../../docs/screenshots' );

/**
 * Signs a user in through wp-login.php (every test user's password is "password").
 *
 * @param page  The page.
 * @param login The user's login.
 */
export async function signIn( page: Page, login: string ): Promise< void > {
	await page.goto( '/wp-login.php' );
	// wp-login.php focuses a field 200 ms after load; when the browser still carries a
	// logged-in cookie it prefills the login and empties the password then, so a password
	// typed sooner is lost and the form refuses to submit. Let that happen first.
	await page
		.locator( '#user_login:focus, #user_pass:focus' )
		.waitFor( { timeout: 5000 } )
		.catch( () => undefined );
	await page.locator( '#user_login' ).fill( login );
	await page.locator( '#user_pass' ).fill( 'password' );
	await page.locator( '#wp-submit' ).click();
	await page.waitForURL( /wp-admin/ );
}

/**
 * Opens one of the plugin's screens and waits for the app to draw it.
 *
 * @param page   The page.
 * @param screen The screen's page slug suffix, '' for the Overview.
 */
export async function openScreen(
	page: Page,
	screen: string
): Promise< void > {
	const slug = screen ? `auth-sentinel-${ screen }` : 'auth-sentinel';
	await page.goto( `/wp-admin/admin.php?page=${ slug }` );
	await expect(
		page.getByRole( 'navigation', { name: /Auth Sentinel/i } )
	).toBeVisible();
}

/**
 * Saves a screenshot of the whole page into docs/screenshots/.
 *
 * @param page The page.
 * @param name File name without extension.
 */
export async function screenshot( page: Page, name: string ): Promise< void > {
	// The app, not the first rows the server printed before it took their place.
	await page
		.locator( '[data-auth-sentinel-first-rows]' )
		.waitFor( { state: 'detached' } );
	fs.mkdirSync( SCREENSHOTS, { recursive: true } );
	await page.screenshot( {
		path: path.join( SCREENSHOTS, `${ name }.png` ),
		fullPage: true,
	} );
}

/**
 * Replaces one key in the site's wp-config (its salts file), as an administrator editing
 * wp-config.php would. Returns a function that puts the old file back.
 *
 * @param name  Constant name, e.g. AUTH_KEY.
 * @param value New value.
 */
export function editSalt( name: string, value: string ): () => void {
	const file = path.join( SITE_DIR, 'salts.php' );
	const original = fs.readFileSync( file, 'utf8' );
	const pattern = new RegExp( `^define\\( '${ name }'.*$`, 'm' );
	const line = `define( '${ name }', '${ value }' );`;
	fs.writeFileSync(
		file,
		pattern.test( original )
			? original.replace( pattern, line )
			: `${ original }${ line }\n`
	);
	return () => fs.writeFileSync( file, original );
}
