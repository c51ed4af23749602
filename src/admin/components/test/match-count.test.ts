/**
 * The count above a table, and how a listing's bounded total reaches it.
 */
import apiFetch from '@wordpress/api-fetch';
import { fetchEvents } from '../../api';
import { matchCount } from '../match-count';

jest.mock( '@wordpress/api-fetch' );
const mockedApiFetch = apiFetch as jest.MockedFunction< typeof apiFetch >;

function answer( headers: Record< string, string > ) {
	mockedApiFetch.mockImplementation( ( () =>
		Promise.resolve( {
			json: async () => [],
			headers: {
				get: ( name: string ) => headers[ name.toLowerCase() ] ?? null,
			},
		} ) ) as unknown as typeof apiFetch );
}

describe( 'matchCount', () => {
	it( 'gives the exact count, or "more than" past the bound', () => {
		expect(
			matchCount(
				{ total: 1234, more: false },
				'%s failures match.',
				'More than %s failures match.'
			)
		).toBe( '1,234 failures match.' );
		expect(
			matchCount(
				{ total: 10000, more: true },
				'%s failures match.',
				'More than %s failures match.'
			)
		).toBe( 'More than 10,000 failures match.' );
	} );

	it( 'reads the bound from X-Auth-Sentinel-Total-Bound', async () => {
		answer( {
			'x-wp-total': '10000',
			'x-wp-totalpages': '500',
			'x-auth-sentinel-total-bound': '10000',
		} );
		const bounded = await fetchEvents( { page: 1, per_page: 20 } );
		expect( bounded.total ).toBe( 10000 );
		expect( bounded.more ).toBe( true );

		answer( { 'x-wp-total': '42', 'x-wp-totalpages': '3' } );
		const exact = await fetchEvents( { page: 1, per_page: 20 } );
		expect( exact.total ).toBe( 42 );
		expect( exact.more ).toBeUndefined();
	} );
} );
