/**
 * The demo site shows a living dashboard: what `bash bin/start.sh --demo` promises a newcomer.
 * Runs against that site (tests/e2e/demo.config.ts); skipped in the test site's run.
 */
import { expect, test } from '@playwright/test';
import { openScreen, screenshot, signIn } from './helpers';

// eslint-disable-next-line playwright/no-skipped-test -- Only against the demo site.
test.skip(
	! process.env.AUTH_SENTINEL_DEMO_URL,
	'runs against the demo site: bash bin/test.sh demo'
);

test( 'the demo site shows a living Overview, Errors and Sessions', async ( {
	page,
	baseURL,
} ) => {
	// Playground signs every cookie-less visitor in by itself; sign in as a person does instead.
	await page.context().addCookies( [
		{
			name: 'playground_auto_login_already_happened',
			value: '1',
			url: baseURL!,
		},
	] );
	await signIn( page, 'admin' );

	await openScreen( page, '' );
	// Failures of every cause over the last day, and the marker of the recorded key change.
	const legend = page.getByRole( 'listitem' ).filter( {
		hasText:
			/^(Expired|Revoked|Secret changed|Password changed|Corrupted|Wrong site|Unknown user|Wrong password|Header stripped|Plugin conflict|Unknown cause)\s+\d+/,
	} );
	await expect( legend.first() ).toBeVisible();
	await expect( legend ).toHaveCount( 11 );
	// The key change's marker (its label may name a real change near it first, as on a site
	// whose address changed; its title lists every change of the group).
	await expect(
		page
			.locator( '.auth-sentinel-chart__marker' )
			.filter( { hasText: /AUTH_KEY\b.* changed at / } )
			.locator( 'text' )
	).toBeVisible();
	await expect(
		page.getByRole( 'link', { name: /\(demo-[a-z.]+\)/ } ).first()
	).toBeVisible();
	await screenshot( page, 'overview-demo' );

	await openScreen( page, 'errors' );
	await expect( page.getByText( /demo-/ ).first() ).toBeVisible();

	await openScreen( page, 'sessions' );
	// A fresh site lists the administrator's own session or two; the demo, dozens.
	const match = page.getByText( /^\d+ sessions match\.$/ );
	await expect( match ).toBeVisible();
	expect(
		parseInt( ( await match.textContent() ) ?? '0', 10 )
	).toBeGreaterThan( 20 );
} );
