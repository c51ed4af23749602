import { describeDetails } from '../details';

describe( 'describeDetails', () => {
	it( 'names the facts, shows times as dates and reasons in words, and hides the fingerprint', () => {
		const described = describeDetails( {
			revoked_at: 1796533123,
			revoked_by: 1,
			revoked_reason: 'admin',
			scheme: 'auth',
			session_exists: false,
			login_fp: 'abc',
			something_new: 'as it came',
		} );
		const byKey = Object.fromEntries(
			described.map( ( { key, label, text } ) => [
				key,
				[ label, text ],
			] )
		);
		expect( byKey.login_fp ).toBeUndefined();
		expect( byKey.revoked_at?.[ 0 ] ).toBe( 'Revoked at' );
		expect( byKey.revoked_at?.[ 1 ] ).toMatch( /2026/ );
		expect( byKey.revoked_at?.[ 1 ] ).not.toContain( '1796533123' );
		expect( byKey.revoked_by ).toEqual( [ 'Revoked by', 'user #1' ] );
		expect( byKey.revoked_reason ).toEqual( [
			'Why',
			'an administrator revoked it',
		] );
		expect( byKey.scheme ).toEqual( [ 'Cookie', 'wp-admin (auth)' ] );
		expect( byKey.session_exists ).toEqual( [
			'Session still stored',
			'No',
		] );
		expect( byKey.something_new ).toEqual( [
			'something_new',
			'as it came',
		] );
	} );
} );
