import {
	fixtureChange as change,
	fixtureSecret as secret,
} from '../../test-utils/fixtures';
import { SALT_NAMES } from '../known-secrets';
import { latestChangeHeadline, problemsHeadline } from '../summary';
import { setSiteDates } from '../../test-utils/site-dates';

const NOW = new Date( '2026-11-26T03:02:03Z' );

beforeAll( () => setSiteDates( { date: 'M j, Y' } ) );
afterAll( () => setSiteDates() );
describe( 'problemsHeadline', () => {
	it( 'counts secrets that need the administrator to act', () => {
		expect(
			problemsHeadline( [
				secret( {
					name: 'AUTH_KEY',
					source: 'generated',
					strength: 'default',
				} ),
				secret( {
					name: 'JWT_AUTH_SECRET_KEY',
					group: 'token',
					strength: 'weak',
				} ),
				// Kept only in the database: readable by anyone who reads it.
				secret( {
					name: 'AUTH_SALT',
					source: 'generated',
					strength: 'missing',
				} ),
				// Not a problem: no plugin here uses this secret.
				secret( {
					name: 'woocommerce_pos_secret_key',
					group: 'token',
					source: 'missing',
					strength: 'missing',
				} ),
			] )
		).toBe( '3 secrets need attention.' );
	} );

	it( 'says so when all is well', () => {
		expect( problemsHeadline( [ secret( { name: 'AUTH_KEY' } ) ] ) ).toBe(
			'No problems found with the watched secrets.'
		);
	} );
} );

describe( 'latestChangeHeadline', () => {
	it( 'names the latest change, when, and that everyone was signed out', () => {
		expect(
			latestChangeHeadline(
				[ change( { changed: [ 'AUTH_KEY', 'AUTH_SALT' ] } ) ],
				[],
				NOW
			)
		).toBe(
			'AUTH_KEY and AUTH_SALT changed 2 hours ago — everyone was signed out.'
		);
	} );

	it( 'uses the newest change even if the list is not sorted', () => {
		const headline = latestChangeHeadline(
			[
				change( {
					id: 1,
					at: '2026-11-01T00:00:00Z',
					changed: [ 'AUTH_KEY' ],
				} ),
				change( {
					id: 2,
					at: '2026-11-26T02:57:03Z',
					changed: [ 'JWT_AUTH_SECRET_KEY' ],
				} ),
			],
			[],
			NOW
		);
		expect( headline ).toBe(
			'JWT Authentication signing key changed 5 minutes ago — tokens signed with the old value stopped working.'
		);
	} );

	it( 'shortens a full rotation of the eight keys and salts', () => {
		const headline = latestChangeHeadline(
			[ change( { changed: [ ...SALT_NAMES ].reverse() } ) ],
			[],
			NOW
		);
		expect( headline ).toBe(
			'AUTH_KEY, SECURE_AUTH_KEY, LOGGED_IN_KEY and 5 others changed 2 hours ago — everyone was signed out.'
		);
	} );

	it( 'says since when nothing changed', () => {
		expect(
			latestChangeHeadline(
				[],
				[
					secret( {
						name: 'AUTH_KEY',
						first_seen: '2026-11-21T08:00:00Z',
					} ),
					secret( {
						name: 'AUTH_SALT',
						first_seen: '2026-11-20T08:00:00Z',
					} ),
				],
				NOW
			)
		).toBe( 'No change recorded since Nov 20, 2026.' );
	} );

	it( 'says nothing was recorded when monitoring has no start date', () => {
		expect( latestChangeHeadline( [], [], NOW ) ).toBe(
			'No change recorded yet.'
		);
	} );
} );
