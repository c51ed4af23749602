import apiFetch from '@wordpress/api-fetch';
import {
	act,
	fireEvent,
	render,
	screen,
	waitFor,
	within,
} from '@testing-library/react';

import {
	fixtureRawCatalogEntry,
	fixtureRawEvent,
	fixtureRawOverflowEvent,
} from '../../test-utils/fixtures';
import {
	LONG_SEARCH,
	SEARCH_HEAD,
	refuseInvalidArgs,
	searchOf,
} from '../../test-utils/long-search';
import { ErrorsScreen } from '../errors-screen';

jest.mock( '@wordpress/api-fetch' );

const mockedApiFetch = apiFetch as jest.MockedFunction< typeof apiFetch >;

const ERRORS_URL = '/wp-admin/admin.php?page=auth-sentinel-errors';
const NOW = Date.parse( '2026-11-26T15:00:00Z' );

/**
 * What `parse: false` resolves with: the body and the paging headers.
 * @param items
 * @param total
 */
function eventsResponse( items: unknown[], total = items.length ) {
	const headers: Record< string, string > = {
		'x-wp-total': String( total ),
		'x-wp-totalpages': String( Math.ceil( total / 20 ) ),
	};
	return {
		json: async () => items,
		headers: { get: ( name: string ) => headers[ name.toLowerCase() ] },
	};
}

function routeApi( events: unknown[] ) {
	mockedApiFetch.mockImplementation( ( ( options: { path: string } ) => {
		const path = options.path;
		const refused = refuseInvalidArgs( path );
		if ( refused ) {
			return refused;
		}
		if ( path.startsWith( '/auth-sentinel/v1/events' ) ) {
			return Promise.resolve( eventsResponse( events ) );
		}
		if ( path === '/auth-sentinel/v1/catalog' ) {
			return Promise.resolve( [ fixtureRawCatalogEntry() ] );
		}
		if ( path.startsWith( '/auth-sentinel/v1/catalog/' ) ) {
			return Promise.resolve( fixtureRawCatalogEntry() );
		}
		return Promise.reject( { message: `Unexpected ${ path }` } );
	} ) as typeof apiFetch );
}

function eventsPaths(): string[] {
	return mockedApiFetch.mock.calls
		.map( ( [ options ] ) => options.path ?? '' )
		.filter( ( path ) => path.startsWith( '/auth-sentinel/v1/events' ) );
}

beforeAll( () => {
	// DataViews measures its container; jsdom has no ResizeObserver.
	window.ResizeObserver ??= class {
		observe() {}
		unobserve() {}
		disconnect() {}
	};
} );

beforeEach( () => {
	jest.spyOn( Date, 'now' ).mockReturnValue( NOW );
	mockedApiFetch.mockReset();
	window.history.replaceState( null, '', ERRORS_URL );
} );

afterEach( () => {
	jest.restoreAllMocks();
} );

describe( 'ErrorsScreen', () => {
	it( 'loads the filters of the address, lists the failures and explains one', async () => {
		window.history.replaceState(
			null,
			'',
			`${ ERRORS_URL }&cause=secret_changed&period=day`
		);
		routeApi( [ fixtureRawEvent() ] );
		render( <ErrorsScreen errorsUrl={ ERRORS_URL } /> );

		expect( await screen.findByText( '1 failure matches.' ) ).toBeTruthy();
		expect( eventsPaths()[ 0 ] ).toBe(
			'/auth-sentinel/v1/events?page=1&per_page=20&orderby=last_seen&order=desc&cause=secret_changed&since=2026-11-25T15%3A00%3A00.000Z'
		);

		const table = screen.getByRole( 'table' );
		const row = within( table ).getAllByRole( 'row' )[ 1 ] as HTMLElement;
		expect( within( row ).getByText( 'Secret changed' ) ).toBeTruthy();
		expect( within( row ).getByText( '30 minutes ago' ) ).toBeTruthy();
		expect(
			within( row )
				.getByRole( 'link', { name: 'Ana Cashier (cashier1)' } )
				.getAttribute( 'href' )
		).toBe( 'https://shop.test/wp-admin/user-edit.php?user_id=12' );
		expect(
			within( row ).getByText( 'WooCommerce POS 1.6 (Android)' )
		).toBeTruthy();
		expect( within( row ).getByText( '×3' ) ).toBeTruthy();
		expect( within( row ).getByText( '203.0.113.9' ) ).toBeTruthy();

		// The catalog names the entry once it has loaded.
		const open = await within( row ).findByRole( 'button', {
			name: 'Token Invalid',
		} );
		open.focus(); // A real click focuses the button; jsdom's does not.
		fireEvent.click( open );

		const dialog = await screen.findByRole( 'dialog', {
			name: 'Token Invalid — Ana Cashier (cashier1)',
		} );
		expect(
			within( dialog ).getByText(
				'The token was issued at 09:12, before the WCPOS signing secret changed at 14:02.'
			)
		).toBeTruthy();
		expect(
			within( dialog ).getByText( /^Server reset: a WordPress key/ )
		).toBeTruthy();
		expect(
			within( dialog ).getByText(
				/Decoded for diagnosis only, never trusted or stored raw/
			)
		).toBeTruthy();
		expect( within( dialog ).getByText( 'a1b2c3' ) ).toBeTruthy();
		expect(
			within( dialog ).getByText( 'woocommmerce_pos_auth_invalid_token' )
		).toBeTruthy();

		expect(
			await within( dialog ).findByRole( 'heading', {
				name: 'About this error: Token Invalid',
			} )
		).toBeTruthy();
		expect(
			within( dialog ).getByText( 'Apps show it as API02003.' )
		).toBeTruthy();
		expect(
			within( dialog ).getByText( '(diagnosed for this failure)' )
				.parentElement?.textContent
		).toContain( 'Server secret keys changed' );
		expect(
			within( dialog ).getByRole( 'heading', {
				name: 'What the user can do',
			} )
		).toBeTruthy();
		expect(
			within( dialog ).getByRole( 'heading', {
				name: 'What you can do (administrator)',
			} )
		).toBeTruthy();
		expect(
			within( dialog )
				.getByRole( 'link', { name: 'API02002' } )
				.getAttribute( 'href' )
		).toBe( `${ ERRORS_URL }&search=API02002` );

		// Focus moved into the dialog; Escape closes it and gives focus back.
		const focused = () => open.ownerDocument.activeElement;
		expect( dialog.contains( focused() ) ).toBe( true );
		fireEvent.keyDown( focused() as Element, { key: 'Escape' } );
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).toBeNull()
		);
		expect( focused() ).toBe( open );
	} );

	it( 'shows a summary row of failures past the storage caps for what it is', async () => {
		routeApi( [
			fixtureRawOverflowEvent(),
			fixtureRawOverflowEvent( {
				id: 10,
				count: 1,
				overflow: { credentials: null, networks: 3 },
				details: { overflow: true, credentials: null, networks: 3 },
			} ),
		] );
		render( <ErrorsScreen errorsUrl={ ERRORS_URL } /> );
		await screen.findByText( '2 failures match.' );

		const rows = within( screen.getByRole( 'table' ) ).getAllByRole(
			'row'
		);
		const row = rows[ 1 ] as HTMLElement;
		expect(
			within( row ).getByText(
				'Summary of 1,204 failures past the storage cap'
			)
		).toBeTruthy();
		expect(
			within( row ).getByText(
				'about 340 credentials from about 12 networks'
			)
		).toBeTruthy();
		expect( within( row ).queryByText( 'Unknown user' ) ).toBeNull();
		expect( within( row ).queryByText( 'Unknown app' ) ).toBeNull();
		expect( within( row ).getByText( '×1,204' ) ).toBeTruthy();
		const other = rows[ 2 ] as HTMLElement;
		expect(
			within( other ).getByText(
				'Summary of 1 failure past the storage cap'
			)
		).toBeTruthy();
		expect(
			within( other ).getByText(
				'too many credentials to tell, from about 3 networks'
			)
		).toBeTruthy();

		fireEvent.click(
			within( row ).getAllByRole( 'button', {
				name: 'View details',
			} )[ 0 ] as HTMLElement
		);
		const dialog = await screen.findByRole( 'dialog', {
			name: /— Summary of 1,204 failures past the storage cap$/,
		} );
		expect(
			within( dialog ).getByText(
				/^1,204 failures of this cause and kind/
			)
		).toBeTruthy();
		const facts = within( dialog ).getAllByRole( 'definition' );
		const fact = ( label: string ) =>
			within( dialog ).getByText( label, { selector: 'dt' } )
				.nextElementSibling?.textContent;
		expect( fact( 'User' ) ).toBe(
			'Summary of 1,204 failures past the storage cap'
		);
		expect( fact( 'Distinct credentials' ) ).toBe(
			'about 340 credentials'
		);
		expect( fact( 'Client networks' ) ).toBe( 'about 12 networks' );
		// Nothing empty, and no "overflow" posing as a server's code or a fact.
		expect(
			within( dialog ).queryByText( 'Server code', { selector: 'dt' } )
		).toBeNull();
		expect(
			within( dialog ).queryByText( 'IP address', { selector: 'dt' } )
		).toBeNull();
		expect(
			within( dialog ).queryByText( 'overflow', { selector: 'dt' } )
		).toBeNull();
		expect( facts.some( ( item ) => item.textContent === '' ) ).toBe(
			false
		);
		await act( async () => {} );
	} );

	it( 'writes a new filter into the address and asks the server again', async () => {
		// The search box debounces with Date.now(): let the clock run.
		jest.mocked( Date.now ).mockRestore();
		routeApi( [ fixtureRawEvent() ] );
		render( <ErrorsScreen errorsUrl={ ERRORS_URL } /> );
		await screen.findByText( '1 failure matches.' );

		const search = screen.getByRole( 'searchbox' );
		fireEvent.change( search, { target: { value: 'API02003' } } );

		await waitFor( () =>
			expect( window.location.search ).toBe(
				'?page=auth-sentinel-errors&search=API02003'
			)
		);
		await waitFor( () =>
			expect( eventsPaths().at( -1 ) ).toContain( '&search=API02003' )
		);
		await act( async () => {} );
	} );

	it( 'asks for the first 200 characters of a longer search in the address', async () => {
		window.history.replaceState(
			null,
			'',
			`${ ERRORS_URL }&search=${ encodeURIComponent( LONG_SEARCH ) }`
		);
		routeApi( [ fixtureRawEvent() ] );
		render( <ErrorsScreen errorsUrl={ ERRORS_URL } /> );

		expect( await screen.findByText( '1 failure matches.' ) ).toBeTruthy();
		expect( eventsPaths().map( searchOf ) ).toEqual( [ SEARCH_HEAD ] );
		expect(
			( screen.getByRole( 'searchbox' ) as HTMLInputElement ).value
		).toBe( SEARCH_HEAD );
		expect( screen.queryByRole( 'button', { name: 'Retry' } ) ).toBeNull();
	} );

	it( 'opens unfiltered by a code in the address that GET /events refuses', async () => {
		window.history.replaceState(
			null,
			'',
			`${ ERRORS_URL }&code=ABC!&cause=secret_changed`
		);
		routeApi( [ fixtureRawEvent() ] );
		render( <ErrorsScreen errorsUrl={ ERRORS_URL } /> );

		expect( await screen.findByText( '1 failure matches.' ) ).toBeTruthy();
		expect( eventsPaths() ).toEqual( [
			'/auth-sentinel/v1/events?page=1&per_page=20&orderby=last_seen&order=desc&cause=secret_changed',
		] );
		expect( screen.queryByText( /Invalid parameter/ ) ).toBeNull();
		expect( screen.queryByRole( 'button', { name: 'Retry' } ) ).toBeNull();
	} );

	it( 'asks for the lowercase code of a code in capitals in the address', async () => {
		window.history.replaceState(
			null,
			'',
			`${ ERRORS_URL }&code=TOKEN_EXPIRED`
		);
		routeApi( [ fixtureRawEvent() ] );
		render( <ErrorsScreen errorsUrl={ ERRORS_URL } /> );

		expect( await screen.findByText( '1 failure matches.' ) ).toBeTruthy();
		expect( eventsPaths()[ 0 ] ).toContain( '&code=token_expired' );
		expect( screen.queryByRole( 'button', { name: 'Retry' } ) ).toBeNull();
	} );

	it( 'opens unfiltered by a date in the address that GET /events refuses', async () => {
		window.history.replaceState(
			null,
			'',
			`${ ERRORS_URL }&since=2026-11-20&until=1`
		);
		routeApi( [ fixtureRawEvent() ] );
		render( <ErrorsScreen errorsUrl={ ERRORS_URL } /> );

		expect( await screen.findByText( '1 failure matches.' ) ).toBeTruthy();
		expect( eventsPaths() ).toEqual( [
			'/auth-sentinel/v1/events?page=1&per_page=20&orderby=last_seen&order=desc',
		] );
		expect( screen.queryByRole( 'button', { name: 'Retry' } ) ).toBeNull();
	} );

	it( 'cuts a longer search pasted into the box to 200 characters', async () => {
		// The search box debounces with Date.now(): let the clock run.
		jest.mocked( Date.now ).mockRestore();
		routeApi( [ fixtureRawEvent() ] );
		render( <ErrorsScreen errorsUrl={ ERRORS_URL } /> );
		await screen.findByText( '1 failure matches.' );

		const search = screen.getByRole( 'searchbox' ) as HTMLInputElement;
		fireEvent.change( search, { target: { value: LONG_SEARCH } } );

		await waitFor( () =>
			expect( searchOf( eventsPaths().at( -1 ) ) ).toBe( SEARCH_HEAD )
		);
		await waitFor( () => expect( search.value ).toBe( SEARCH_HEAD ) );
		expect( searchOf( window.location.href ) ).toBe( SEARCH_HEAD );
		expect( eventsPaths().map( searchOf ) ).not.toContain(
			LONG_SEARCH.trim()
		);
		expect( await screen.findByText( '1 failure matches.' ) ).toBeTruthy();
		expect( screen.queryByRole( 'button', { name: 'Retry' } ) ).toBeNull();
	} );

	it( 'says what is captured while nothing has failed', async () => {
		routeApi( [] );
		render( <ErrorsScreen errorsUrl={ ERRORS_URL } /> );

		expect(
			await screen.findByRole( 'heading', {
				name: 'No failed sign-ins or token errors recorded',
			} )
		).toBeTruthy();
		expect(
			screen.getByText( /access and refresh tokens of apps/ )
		).toBeTruthy();
		expect( screen.queryByRole( 'table' ) ).toBeNull();
	} );
} );
