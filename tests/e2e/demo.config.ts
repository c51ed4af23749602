/**
 * The browser test of the demo site (`bash bin/start.sh --demo`, http://localhost:8888): the
 * suite's settings without its global sign-in, so that the test site's saved session stays as
 * it is. Run by `bash bin/test.sh demo`:
 *   AUTH_SENTINEL_DEMO_URL=http://localhost:8888 npx playwright test --config tests/e2e/demo.config.ts
 */
import { defineConfig } from '@playwright/test';
import path from 'path';
import base from './playwright.config';

export default defineConfig( {
	...base,
	globalSetup: undefined,
	testMatch: /demo\.spec\.ts$/,
	outputDir: path.join( __dirname, '../../.cache/e2e-demo-output' ),
	use: {
		...base.use,
		baseURL: process.env.AUTH_SENTINEL_DEMO_URL ?? 'http://localhost:8888',
		storageState: undefined,
	},
} );
