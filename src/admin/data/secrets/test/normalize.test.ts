import { normalizeSecretsResponse } from '../normalize';

describe( 'normalizeSecretsResponse', () => {
	it( 'fills fields an older server leaves out', () => {
		const report = normalizeSecretsResponse( {
			secrets: [
				{
					name: 'AUTH_KEY',
					source: 'constant',
					strength: 'ok',
					changed_at: null,
				},
			],
			history: [
				{ at: '2026-11-26T01:02:03Z', changed: [ 'AUTH_KEY' ] },
			],
		} );
		expect( report ).toEqual( {
			secrets: [
				{
					name: 'AUTH_KEY',
					group: 'salt',
					source: 'constant',
					strength: 'ok',
					changed_at: null,
					first_seen: null,
				},
			],
			history: [
				{
					id: -1,
					at: '2026-11-26T01:02:03Z',
					changed: [ 'AUTH_KEY' ],
					sessions: null,
					users: null,
				},
			],
			checked_at: null,
		} );
	} );

	it( 'drops entries it cannot understand instead of guessing', () => {
		const report = normalizeSecretsResponse( {
			secrets: [
				{ name: 'SOMETHING_ELSE', source: 'constant', strength: 'ok' },
				{ name: 'AUTH_KEY', source: 'somewhere', strength: 'ok' },
				null,
			],
			history: [ { at: '2026-11-26T01:02:03Z', changed: [] } ],
		} );
		expect( report.secrets ).toEqual( [] );
		expect( report.history ).toEqual( [] );
	} );

	it( 'accepts a change id sent as a numeric string', () => {
		const report = normalizeSecretsResponse( {
			history: [
				{ id: '7', at: '2026-11-26T01:02:03Z', changed: [ 'home' ] },
			],
		} );
		expect( report.history[ 0 ]?.id ).toBe( 7 );
	} );

	it( 'copes with a body that is not a report at all', () => {
		expect( normalizeSecretsResponse( 'oops' ) ).toEqual( {
			secrets: [],
			history: [],
			checked_at: null,
		} );
	} );
} );
