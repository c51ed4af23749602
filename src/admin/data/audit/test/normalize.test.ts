import { fixtureRawAuditEntry } from '../../../test-utils/fixtures';
import { normalizeAuditEntry, normalizeAuditPage } from '../normalize';

describe( 'normalizeAuditPage', () => {
	it( 'drops rows without an id, a date or an action', () => {
		const page = normalizeAuditPage(
			[
				fixtureRawAuditEntry(),
				fixtureRawAuditEntry( { id: 2, at: 'soon' } ),
				fixtureRawAuditEntry( { id: 3, action: '' } ),
				fixtureRawAuditEntry( { id: 4, action: '<script>' } ),
				fixtureRawAuditEntry( { id: -5 } ),
				42,
			],
			'120',
			'6'
		);
		expect( page.items.map( ( entry ) => entry.id ) ).toEqual( [ 501 ] );
		expect( page.total ).toBe( 120 );
		expect( page.totalPages ).toBe( 6 );
	} );

	it( 'keeps an action a newer server added, with the server’s label', () => {
		const entry = normalizeAuditEntry(
			fixtureRawAuditEntry( {
				action: 'passkey_added',
				action_label: 'Passkey added',
			} )
		);
		expect( entry?.action ).toBe( 'passkey_added' );
		expect( entry?.action_label ).toBe( 'Passkey added' );
	} );
} );

describe( 'normalizeAuditEntry', () => {
	it( 'takes the system for a missing actor and cleans the rest', () => {
		expect(
			normalizeAuditEntry( {
				id: '9',
				at: '2026-11-26T14:02:00Z',
				action: 'secrets_changed',
				actor: { id: 0, login: 'ghost' },
				target: 'nobody',
				details: [ 'AUTH_KEY' ],
				ip: 7,
			} )
		).toEqual( {
			id: 9,
			at: '2026-11-26T14:02:00Z',
			action: 'secrets_changed',
			action_label: '',
			actor_id: 0,
			actor: null,
			target_user_id: 0,
			target: null,
			ip: '',
			user_agent: '',
			details: {},
			summary: '',
		} );
	} );

	it( 'fills ids and names from the user objects', () => {
		const entry = normalizeAuditEntry(
			fixtureRawAuditEntry( {
				actor_id: undefined,
				target: { id: 12, login: 'cashier1' },
			} )
		);
		expect( entry?.actor_id ).toBe( 1 );
		expect( entry?.target ).toEqual( {
			id: 12,
			login: 'cashier1',
			name: 'cashier1',
		} );
	} );
} );
