import { fixtureChange as change } from '../../test-utils/fixtures';
import { changeOutcomes, signedOutText } from '../history';

describe( 'signedOutText', () => {
	it( 'counts the sessions and users a change signed out', () => {
		expect(
			signedOutText(
				change( { changed: [ 'AUTH_KEY' ], sessions: 12, users: 4 } )
			)
		).toBe( '12 sessions of 4 users were signed out.' );
		expect(
			signedOutText(
				change( { changed: [ 'AUTH_KEY' ], sessions: 1, users: 1 } )
			)
		).toBe( '1 session of 1 user was signed out.' );
	} );

	it( 'says nothing when the numbers are not known', () => {
		expect(
			signedOutText( change( { changed: [ 'AUTH_KEY' ] } ) )
		).toBeNull();
	} );
} );

describe( 'changeOutcomes', () => {
	it( 'gives the counted sign-out instead of the general one', () => {
		expect(
			changeOutcomes(
				change( {
					changed: [ 'AUTH_KEY', 'NONCE_SALT' ],
					sessions: 12,
					users: 4,
				} )
			)
		).toEqual( [
			'12 sessions of 4 users were signed out.',
			'Open forms and REST nonces stopped working.',
		] );
	} );

	it( 'says everyone was signed out when the count is unknown', () => {
		expect(
			changeOutcomes( change( { changed: [ 'LOGGED_IN_SALT' ] } ) )
		).toEqual( [ 'Everyone was signed out.' ] );
	} );

	it( 'warns that tokens look foreign after a site address change', () => {
		expect( changeOutcomes( change( { changed: [ 'home' ] } ) ) ).toEqual( [
			'Tokens issued before the change look as if another site issued them.',
		] );
	} );
} );
