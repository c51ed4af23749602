import { setSiteDates } from '../../test-utils/site-dates';
import {
	formatDate,
	formatDateTime,
	formatRelativeTime,
	isSameDay,
	parseDate,
} from '../dates';

afterEach( () => setSiteDates() );

describe( 'formatDateTime', () => {
	it( 'writes a fresh site’s formats, in UTC', () => {
		expect( formatDateTime( '2026-11-26T13:02:00Z' ) ).toBe(
			'November 26, 2026 at 1:02 pm UTC'
		);
	} );

	it( 'uses the site’s time zone and formats, with the zone of the day', () => {
		setSiteDates( { date: 'j. F Y', time: 'H:i', zone: 'Europe/Berlin' } );
		expect( formatDateTime( '2026-11-26T13:02:00Z' ) ).toBe(
			'26. November 2026 at 14:02 CET'
		);
		expect( formatDateTime( '2026-07-01T12:00:00Z' ) ).toBe(
			'1. July 2026 at 14:00 CEST'
		);
	} );

	it( 'names a site set to a UTC offset by its offset', () => {
		setSiteDates( { date: 'Y-m-d', time: 'H:i', offset: 5.5 } );
		expect( formatDateTime( '2026-11-26T13:02:00Z' ) ).toBe(
			'2026-11-26 at 18:32 UTC+5:30'
		);
		expect( formatDate( '2026-11-26T20:00:00Z' ) ).toBe( '2026-11-27' );
	} );

	it( 'shows text that is not a date as it is', () => {
		expect( formatDateTime( 'soon' ) ).toBe( 'soon' );
		expect( parseDate( 'not a date' ) ).toBeNull();
		expect( parseDate( null ) ).toBeNull();
	} );
} );

describe( 'formatRelativeTime', () => {
	const NOW = new Date( '2026-11-26T03:02:03Z' );

	it( 'says how long ago in the words of core’s screens', () => {
		expect( formatRelativeTime( '2026-11-26T01:02:03Z', NOW ) ).toBe(
			'2 hours ago'
		);
		expect( formatRelativeTime( '2026-11-26T02:22:03Z', NOW ) ).toBe(
			'40 minutes ago'
		);
		expect( formatRelativeTime( '2026-11-23T03:02:03Z', NOW ) ).toBe(
			'3 days ago'
		);
		expect( formatRelativeTime( '2026-11-26T03:07:03Z', NOW ) ).toBe(
			'5 minutes from now'
		);
		expect( formatRelativeTime( 'yesterday-ish', NOW ) ).toBe(
			'yesterday-ish'
		);
	} );
} );

describe( 'isSameDay', () => {
	it( 'compares days of the site’s calendar, not of UTC', () => {
		const evening = new Date( '2026-11-26T22:30:00Z' );
		const later = new Date( '2026-11-26T23:30:00Z' );
		expect( isSameDay( evening, later ) ).toBe( true );
		setSiteDates( { zone: 'Europe/Berlin' } );
		expect( isSameDay( evening, later ) ).toBe( false );
	} );
} );
