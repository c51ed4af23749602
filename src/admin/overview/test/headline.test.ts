import { fixtureStats } from '../../test-utils/fixtures';
import { setSiteDates } from '../../test-utils/site-dates';
import { overviewHeadline } from '../headline';

const NOW = new Date( '2026-11-26T15:30:00Z' );

// A site that writes dates the British way (Settings → General).
beforeAll( () => setSiteDates( { date: 'j M Y', time: 'H:i' } ) );
afterAll( () => setSiteDates() );

describe( 'overviewHeadline', () => {
	it( 'leads with the secret change that broke sign-ins, and links to what followed', () => {
		const headline = overviewHeadline( fixtureStats(), NOW );
		expect( headline.text ).toBe(
			'AUTH_KEY changed at 14:02 — 312 failures from 41 users since'
		);
		expect( headline.isAlert ).toBe( true );
		expect( headline.link?.filters ).toEqual( {
			time: { type: 'range', since: '2026-11-26T14:02:00Z', until: null },
		} );
	} );

	it( 'gives the date of a change on an earlier day, and names several secrets', () => {
		const stats = fixtureStats( {
			interval: 'day',
			spike: {
				at: '2026-11-20T09:15:00Z',
				changed: [ 'AUTH_SALT', 'AUTH_KEY', 'JWT_AUTH_SECRET_KEY' ],
				failures: 1,
				users: 1,
			},
		} );
		expect( overviewHeadline( stats, NOW ).text ).toBe(
			'AUTH_KEY, AUTH_SALT and JWT Authentication signing key changed on 20 Nov 2026 at 09:15 UTC — 1 failure from 1 user since'
		);
	} );

	it( 'sums up the period when no secret change explains the failures', () => {
		const headline = overviewHeadline(
			fixtureStats( { spike: null, total: 128, users: 9 } ),
			NOW
		);
		expect( headline.text ).toBe(
			'128 failures from 9 users in the last 24 hours'
		);
		expect( headline.isAlert ).toBe( false );
		expect( headline.link?.filters ).toEqual( {
			time: { type: 'period', period: 'day' },
		} );
	} );

	it( 'says "about" when the users are an estimate over a long range', () => {
		const headline = overviewHeadline(
			fixtureStats( {
				spike: null,
				total: 880000,
				users: 41500,
				users_exact: false,
				interval: 'day',
			} ),
			NOW
		);
		expect( headline.text ).toBe(
			'880,000 failures from about 41,500 users in the last 30 days'
		);
	} );

	it( 'says so when nothing failed, without a link', () => {
		const headline = overviewHeadline(
			fixtureStats( {
				spike: null,
				total: 0,
				users: 0,
				interval: 'day',
			} ),
			NOW
		);
		expect( headline.text ).toBe( 'No failures in the last 30 days' );
		expect( headline.link ).toBeNull();
	} );
} );
