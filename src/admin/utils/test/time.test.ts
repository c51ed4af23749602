import {
	formatDate,
	formatDateTime,
	formatRelativeTime,
	parseDate,
} from '../time';

const NOW = new Date( '2026-11-26T03:02:03Z' );

describe( 'formatRelativeTime', () => {
	it( 'says "just now" for the last minute', () => {
		expect( formatRelativeTime( '2026-11-26T03:01:30Z', NOW ) ).toBe(
			'just now'
		);
	} );

	it( 'counts minutes, hours and days in the past', () => {
		expect( formatRelativeTime( '2026-11-26T03:01:03Z', NOW ) ).toBe(
			'1 minute ago'
		);
		expect( formatRelativeTime( '2026-11-26T02:17:03Z', NOW ) ).toBe(
			'45 minutes ago'
		);
		expect( formatRelativeTime( '2026-11-26T01:02:03Z', NOW ) ).toBe(
			'2 hours ago'
		);
		expect( formatRelativeTime( '2026-11-23T03:02:03Z', NOW ) ).toBe(
			'3 days ago'
		);
	} );

	it( 'counts months and years for old changes', () => {
		expect( formatRelativeTime( '2026-08-26T03:02:03Z', NOW ) ).toBe(
			'3 months ago'
		);
		expect( formatRelativeTime( '2024-11-01T00:00:00Z', NOW ) ).toBe(
			'2 years ago'
		);
	} );

	it( 'says "in …" when the server clock is ahead', () => {
		expect( formatRelativeTime( '2026-11-26T03:07:03Z', NOW ) ).toBe(
			'in 5 minutes'
		);
	} );

	it( 'shows text that is not a date as it is', () => {
		expect( formatRelativeTime( 'yesterday-ish', NOW ) ).toBe(
			'yesterday-ish'
		);
	} );
} );

describe( 'formatDateTime and formatDate', () => {
	const options = { locale: 'en-US', timeZone: 'UTC' };

	it( 'gives date, time and time zone', () => {
		expect( formatDateTime( '2026-11-26T01:02:03Z', options ) ).toBe(
			'Nov 26, 2026, 1:02 AM UTC'
		);
	} );

	it( 'gives the date alone', () => {
		expect( formatDate( '2026-11-20T08:00:00Z', options ) ).toBe(
			'Nov 20, 2026'
		);
	} );

	it( 'rejects what is not a date', () => {
		expect( parseDate( 'not a date' ) ).toBeNull();
		expect( parseDate( null ) ).toBeNull();
	} );
} );
