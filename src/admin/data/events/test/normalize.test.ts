import {
	fixtureRawCatalogEntry,
	fixtureRawEvent,
	fixtureRawOverflowEvent,
} from '../../../test-utils/fixtures';
import { normalizeCatalog } from '../../catalog/normalize';
import { normalizeEvent, normalizeEventsPage } from '../normalize';
import { normalizeStats } from '../normalize-stats';

describe( 'normalizeEventsPage', () => {
	it( 'keeps well-formed failures and reads the totals from the headers', () => {
		const page = normalizeEventsPage(
			[
				fixtureRawEvent(),
				fixtureRawEvent( { id: 8, cause: 'stolen' } ),
				fixtureRawEvent( { id: 9, source: undefined } ),
				'nonsense',
			],
			'57',
			'3'
		);
		expect( page.items.map( ( event ) => event.id ) ).toEqual( [ 7 ] );
		expect( page.total ).toBe( 57 );
		expect( page.totalPages ).toBe( 3 );
	} );

	it( 'counts the body when the headers are missing', () => {
		const page = normalizeEventsPage( [ fixtureRawEvent() ], null, '' );
		expect( page.total ).toBe( 1 );
		expect( page.totalPages ).toBe( 1 );
		expect( normalizeEventsPage( {}, null, null ) ).toEqual( {
			items: [],
			total: 0,
			totalPages: 0,
		} );
	} );

	it( 'fills what an older server leaves out', () => {
		const event = normalizeEvent( {
			id: '3',
			last_seen: '2026-11-26T14:30:00Z',
			cause: 'expired',
			source: 'cookie',
			user: { id: 4, login: 'jane' },
			token: null,
			details: { attempts: 2, nested: { no: true } },
		} );
		expect( event ).toMatchObject( {
			id: 3,
			first_seen: '2026-11-26T14:30:00Z',
			count: 1,
			user_id: 4,
			user: {
				id: 4,
				login: 'jane',
				display_name: 'jane',
				edit_url: null,
			},
			token: null,
			client: '',
			overflow: null,
			details: { attempts: 2 },
		} );
	} );

	it( 'reads the estimates of a summary row of failures past the caps', () => {
		expect( normalizeEvent( fixtureRawOverflowEvent() ) ).toMatchObject( {
			id: 9,
			count: 1204,
			server_code: 'overflow',
			user_id: 0,
			user: null,
			ip: '',
			overflow: { credentials: 340, networks: 12 },
		} );
		// Null: too many to tell; anything else unreadable is null too.
		expect(
			normalizeEvent(
				fixtureRawOverflowEvent( {
					overflow: { credentials: null, networks: 'many' },
				} )
			)?.overflow
		).toEqual( { credentials: null, networks: null } );
		expect( normalizeEvent( fixtureRawEvent() )?.overflow ).toBeNull();
		expect(
			normalizeEvent( fixtureRawEvent( { overflow: true } ) )?.overflow
		).toBeNull();
	} );
} );

describe( 'normalizeStats', () => {
	it( 'orders buckets, drops unknown causes and sums totals when missing', () => {
		const stats = normalizeStats(
			{
				buckets: [
					{
						start: '2026-11-26T13:00:00Z',
						counts: { expired: 2, stolen: 9 },
					},
					{ start: '2026-11-26T12:00:00Z', counts: [] },
					{ start: 'not a date', counts: { expired: 1 } },
				],
				markers: [ { at: '2026-11-26T12:30:00Z', changed: [] } ],
				spike: { at: '2026-11-26T12:30:00Z', changed: [ 'AUTH_KEY' ] },
			},
			'hour'
		);
		expect( stats.buckets ).toEqual( [
			{ start: '2026-11-26T12:00:00Z', counts: {} },
			{ start: '2026-11-26T13:00:00Z', counts: { expired: 2 } },
		] );
		expect( stats.totals ).toEqual( { expired: 2 } );
		expect( stats.total ).toBe( 2 );
		expect( stats.interval ).toBe( 'hour' );
		expect( stats.markers ).toEqual( [] );
		expect( stats.spike ).toEqual( {
			at: '2026-11-26T12:30:00Z',
			changed: [ 'AUTH_KEY' ],
			failures: 0,
			users: 0,
			users_exact: true,
		} );
	} );
} );

describe( 'normalizeCatalog', () => {
	it( 'accepts a list or an object keyed by code, and drops broken parts', () => {
		const entry = fixtureRawCatalogEntry( {
			causes: [
				{ cause: 'revoked', text: 'Revoked.' },
				{ cause: 'bogus', text: 'x' },
			],
			how_to_fix: [ { title: 'Empty', audience: 'admin', steps: [] } ],
		} );
		const [ fromList ] = normalizeCatalog( [
			entry,
			{ title: 'No code' },
		] );
		const [ fromObject ] = normalizeCatalog( { token_invalid: entry } );
		expect( fromList ).toEqual( fromObject );
		expect( fromList?.causes ).toEqual( [
			{ cause: 'revoked', text: 'Revoked.' },
		] );
		expect( fromList?.how_to_fix ).toEqual( [] );
		expect( fromList?.aliases ).toEqual( [ 'API02003' ] );
	} );
} );
