import { formatList, formatShortList } from '../list';

describe( 'formatList', () => {
	it( 'joins names the way a sentence does', () => {
		expect( formatList( [] ) ).toBe( '' );
		expect( formatList( [ 'AUTH_KEY' ] ) ).toBe( 'AUTH_KEY' );
		expect( formatList( [ 'AUTH_KEY', 'AUTH_SALT' ] ) ).toBe(
			'AUTH_KEY and AUTH_SALT'
		);
		expect( formatList( [ 'A', 'B', 'C', 'D' ] ) ).toBe( 'A, B, C and D' );
	} );
} );

describe( 'formatShortList', () => {
	it( 'names the first few and counts the rest', () => {
		expect( formatShortList( [ 'A', 'B', 'C', 'D', 'E' ], 3 ) ).toBe(
			'A, B, C and 2 others'
		);
		expect( formatShortList( [ 'A', 'B', 'C', 'D' ], 3 ) ).toBe(
			'A, B, C and 1 other'
		);
	} );

	it( 'names everything when the list is short enough', () => {
		expect( formatShortList( [ 'A', 'B', 'C' ], 3 ) ).toBe( 'A, B and C' );
	} );
} );
