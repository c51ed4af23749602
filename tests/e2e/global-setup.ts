/**
 * Signs the administrator in once and keeps the cookies for every test.
 */
import { chromium, type FullConfig } from '@playwright/test';
import { signIn } from './helpers';

export default async function globalSetup(
	config: FullConfig
): Promise< void > {
	const { baseURL, storageState, launchOptions } = config.projects[ 0 ]!.use;
	const browser = await chromium.launch( launchOptions );
	const page = await browser.newPage( { baseURL } );
	await signIn( page, 'admin' );
	await page.context().storageState( { path: storageState as string } );
	await browser.close();
}
