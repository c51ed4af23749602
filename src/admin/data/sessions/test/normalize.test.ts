import { fixtureRawSession } from '../../../test-utils/fixtures';
import {
	isDeleted,
	normalizeRevokeResult,
	normalizeSession,
	normalizeSessionsPage,
} from '../normalize';

describe( 'normalizeSessionsPage', () => {
	it( 'keeps well-formed sessions and reads the totals from the headers', () => {
		const page = normalizeSessionsPage(
			[
				fixtureRawSession(),
				fixtureRawSession( { id: 32, type: 'passkey' } ),
				fixtureRawSession( { id: 33, created: 'yesterday' } ),
				fixtureRawSession( { id: 0 } ),
				fixtureRawSession( { id: 'abc' } ),
				null,
				'nonsense',
			],
			'41',
			'3'
		);
		expect( page.items.map( ( session ) => session.id ) ).toEqual( [ 31 ] );
		expect( page.total ).toBe( 41 );
		expect( page.totalPages ).toBe( 3 );
	} );

	it( 'counts the body when the headers are missing or bad', () => {
		const page = normalizeSessionsPage(
			[ fixtureRawSession() ],
			null,
			'-1'
		);
		expect( page.total ).toBe( 1 );
		expect( page.totalPages ).toBe( 1 );
		expect( normalizeSessionsPage( { items: [] }, null, null ) ).toEqual( {
			items: [],
			total: 0,
			totalPages: 0,
		} );
	} );
} );

describe( 'normalizeSession', () => {
	it( 'fills what an older server leaves out', () => {
		expect(
			normalizeSession( {
				id: '5',
				type: 'app_password',
				user_id: 3,
				created: '2026-11-20T08:00:00Z',
				expires: null,
				last_seen: null,
				ip: '203.0.113.1',
				user_agent: 'curl/8.4',
				current: false,
			} )
		).toEqual( {
			id: 5,
			type: 'app_password',
			user_id: 3,
			user: null,
			created: '2026-11-20T08:00:00Z',
			expires: null,
			last_seen: null,
			ip: '203.0.113.1',
			user_agent: 'curl/8.4',
			client: '',
			label: '',
			current: false,
			status: 'active',
			ended_at: null,
			ended_by: 0,
			ended_reason: '',
		} );
	} );

	it( 'cleans values of the wrong kind instead of trusting them', () => {
		const session = normalizeSession(
			fixtureRawSession( {
				user: { id: 12, login: '' },
				expires: 'never',
				last_seen: 42,
				current: 'yes',
				status: 'paused',
				ended_at: '2026-11-26T10:00:00Z',
				ended_by: -4,
				ended_reason: 'because',
				ip: null,
			} )
		);
		expect( session ).toMatchObject( {
			user_id: 12,
			user: null,
			expires: null,
			last_seen: null,
			current: false,
			status: 'active',
			// An active session has not ended, whatever the row says.
			ended_at: null,
			ended_by: 0,
			ended_reason: '',
			ip: '',
		} );
	} );

	it( 'keeps how a session ended', () => {
		expect(
			normalizeSession(
				fixtureRawSession( {
					status: 'revoked',
					ended_at: '2026-11-26T10:00:00Z',
					ended_by: 1,
					ended_reason: 'admin',
					user: { id: 12, login: 'cashier1', roles: [ 'editor', 3 ] },
				} )
			)
		).toMatchObject( {
			status: 'revoked',
			ended_at: '2026-11-26T10:00:00Z',
			ended_by: 1,
			ended_reason: 'admin',
			user: {
				id: 12,
				login: 'cashier1',
				name: 'cashier1',
				roles: [ 'editor' ],
			},
		} );
	} );
} );

describe( 'the revoke answers', () => {
	it( 'reads the counts, taking 0 for what is missing or bad', () => {
		expect(
			normalizeRevokeResult( {
				revoked: { cookie: 4, app_password: '2', wcpos: -1 },
				not_before: '2026-11-26T15:00:00Z',
			} )
		).toEqual( {
			revoked: { cookie: 4, app_password: 0, wcpos: 0, token: 0 },
			not_before: '2026-11-26T15:00:00Z',
			scope: null,
		} );
		expect( normalizeRevokeResult( null ) ).toEqual( {
			revoked: { cookie: 0, app_password: 0, wcpos: 0, token: 0 },
			not_before: null,
			scope: null,
		} );
	} );

	it( 'reads what a revocation of everyone ended', () => {
		for ( const scope of [ 'site', 'site_members', 'network' ] ) {
			expect(
				normalizeRevokeResult( { revoked: {}, scope } ).scope
			).toBe( scope );
		}
		expect(
			normalizeRevokeResult( { revoked: {}, scope: 'galaxy' } ).scope
		).toBeNull();
	} );

	it( 'accepts a deletion only when the server says so', () => {
		expect( isDeleted( { deleted: true, previous: {} } ) ).toBe( true );
		expect( isDeleted( { deleted: 'true' } ) ).toBe( false );
		expect( isDeleted( [] ) ).toBe( false );
	} );
} );
