/**
 * Browser tests: Debian's Chromium driven by Playwright against the running test site.
 */
import { defineConfig } from '@playwright/test';
import path from 'path';

const baseURL = process.env.AUTH_SENTINEL_SITE_URL ?? 'http://localhost:8881';

export default defineConfig( {
	testDir: __dirname,
	outputDir: path.join( __dirname, '../../.cache/e2e-output' ),
	globalSetup: require.resolve( './global-setup' ),
	fullyParallel: false,
	workers: 1,
	// One retry in CI: a browser test that passes only on retry is reported as flaky by the summary's JSON.
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL,
		storageState: path.join( __dirname, '../../.cache/e2e-admin.json' ),
		viewport: { width: 1280, height: 900 },
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		},
	},
} );
