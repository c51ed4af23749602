import { ERRORS_STATE } from '../../errors/url-state';
import { LONG_SEARCH, SEARCH_HEAD } from '../../test-utils/long-search';
import { SEARCH_MAX, limitSearch, search, searchQuery } from '../url-params';
import { settleView } from '../use-url-view';

const BASE = 'https://shop.test/wp-admin/admin.php?page=auth-sentinel-errors';

describe( 'limitSearch', () => {
	it( 'takes what the REST routes take: 200 characters', () => {
		expect( SEARCH_MAX ).toBe( 200 );
		expect( SEARCH_HEAD ).toHaveLength( 200 );
		expect( limitSearch( LONG_SEARCH ) ).toBe( SEARCH_HEAD );
		expect( limitSearch( 'x'.repeat( 201 ) ) ).toBe( 'x'.repeat( 200 ) );
	} );

	it( 'leaves a search within the limit as it is, spaces and all', () => {
		const full = 'y'.repeat( 200 );
		expect( limitSearch( full ) ).toBe( full );
		expect( limitSearch( 'API02003 ' ) ).toBe( 'API02003 ' );
		expect( limitSearch( '' ) ).toBe( '' );
	} );

	it( 'counts characters as the server does, never cutting one in half', () => {
		const emoji = '😀'.repeat( 200 ); // 400 UTF-16 units.
		expect( limitSearch( emoji ) ).toBe( emoji );
		const cut = limitSearch( `${ emoji }😀` );
		expect( Array.from( cut ) ).toHaveLength( 200 );
		expect( cut ).toBe( emoji );
	} );
} );

describe( 'searchQuery', () => {
	it( 'trims the search, as the screens always did, and cuts it', () => {
		expect( searchQuery( '  API02003 ' ) ).toBe( 'API02003' );
		expect( searchQuery( '   ' ) ).toBe( '' );
		expect( searchQuery( LONG_SEARCH ) ).toBe( SEARCH_HEAD );
		// A cut that ends on a space sends no trailing space.
		expect( searchQuery( `${ 'z'.repeat( 199 ) } tail` ) ).toBe(
			'z'.repeat( 199 )
		);
	} );
} );

describe( 'the search parameter', () => {
	it( 'reads the first 200 characters of a longer search in the address', () => {
		const state = ERRORS_STATE.read(
			`${ BASE }&search=${ encodeURIComponent( LONG_SEARCH ) }`
		);
		expect( state ).toEqual( {
			...ERRORS_STATE.initial,
			search: SEARCH_HEAD,
		} );
		expect( ERRORS_STATE.toView( state ).search ).toBe( SEARCH_HEAD );
	} );

	it( 'writes at most 200 characters into an address', () => {
		expect( ERRORS_STATE.href( BASE, { search: LONG_SEARCH } ) ).toBe(
			`${ BASE }&search=${ encodeURIComponent( SEARCH_HEAD ) }`
		);
		expect( search.write( ' API02003 ' ) ).toEqual( {
			search: 'API02003',
		} );
	} );

	it( 'cuts a longer search of the box in the view and the state, on page 1', () => {
		const previous = { ...ERRORS_STATE.initial, page: 3 };
		const { view, state } = settleView(
			ERRORS_STATE,
			{ ...ERRORS_STATE.toView( previous ), search: LONG_SEARCH },
			previous
		);
		expect( view.search ).toBe( SEARCH_HEAD );
		expect( view.page ).toBe( 1 );
		expect( state ).toEqual( {
			...ERRORS_STATE.initial,
			search: SEARCH_HEAD,
		} );
	} );

	it( 'keeps the spaces of a search being typed', () => {
		const { view, state } = settleView(
			ERRORS_STATE,
			{ ...ERRORS_STATE.toView( ERRORS_STATE.initial ), search: 'API ' },
			ERRORS_STATE.initial
		);
		expect( view.search ).toBe( 'API ' );
		expect( state.search ).toBe( 'API ' );
	} );
} );
