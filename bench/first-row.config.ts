/**
 * Runs bench/first-row.ts in Debian's Chromium against a running site (see that file).
 */
import { defineConfig } from '@playwright/test';
import path from 'path';

export default defineConfig( {
	testDir: __dirname,
	testMatch: 'first-row.ts',
	outputDir: path.join( __dirname, '../.cache/bench-output' ),
	workers: 1,
	reporter: 'list',
	use: {
		baseURL: process.env.AUTH_SENTINEL_SITE_URL ?? 'http://localhost:8881',
		viewport: { width: 1280, height: 900 },
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		},
	},
} );
