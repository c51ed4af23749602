import apiFetch from '@wordpress/api-fetch';
import {
	act,
	fireEvent,
	render,
	screen,
	waitFor,
	within,
} from '@testing-library/react';

import { fixtureRawSession } from '../../test-utils/fixtures';
import {
	LONG_SEARCH,
	SEARCH_HEAD,
	refuseLongSearch,
	searchOf,
} from '../../test-utils/long-search';
import { SessionsScreen } from '../sessions-screen';

jest.mock( '@wordpress/api-fetch' );

const mockedApiFetch = apiFetch as jest.MockedFunction< typeof apiFetch >;

const SESSIONS_URL = '/wp-admin/admin.php?page=auth-sentinel-sessions';
const NOW = Date.parse( '2026-11-26T15:00:00Z' );

type Options = { path: string; method?: string; data?: unknown };
type Handler = ( options: Options ) => unknown;

/**
 * What `parse: false` resolves with: the body and the paging headers.
 * @param items
 */
function listResponse( items: unknown[] ) {
	const headers: Record< string, string > = {
		'x-wp-total': String( items.length ),
		'x-wp-totalpages': items.length > 0 ? '1' : '0',
	};
	return {
		json: async () => items,
		headers: { get: ( name: string ) => headers[ name.toLowerCase() ] },
	};
}

function routeApi( lists: () => unknown[], handlers: Handler = () => null ) {
	mockedApiFetch.mockImplementation( ( ( options: Options ) => {
		const answer = handlers( options );
		if ( answer !== null ) {
			return answer instanceof Promise
				? answer
				: Promise.resolve( answer );
		}
		if ( ( options.method ?? 'GET' ) === 'GET' ) {
			return (
				refuseLongSearch( options.path ) ??
				Promise.resolve( listResponse( lists() ) )
			);
		}
		return Promise.reject( { message: `Unexpected ${ options.path }` } );
	} ) as typeof apiFetch );
}

function calls( method: string ): string[] {
	return mockedApiFetch.mock.calls
		.map( ( [ options ] ) => options as Options )
		.filter( ( options ) => ( options.method ?? 'GET' ) === method )
		.map( ( options ) => options.path );
}

/**
 * The text of the notice on screen (the live region repeats it for screen
 * readers, so it is read from the notice itself).
 */
function noticeText(): string | null {
	const notice = document.querySelector( '.components-notice__content' );
	return notice ? notice.textContent : null;
}

function rowOf( text: string ): HTMLElement {
	const rows = within( screen.getByRole( 'table' ) ).getAllByRole( 'row' );
	const row = rows.find( ( item ) => item.textContent?.includes( text ) );
	if ( ! row ) {
		throw new Error( `No row with ${ text }` );
	}
	return row;
}

const OWN = fixtureRawSession( {
	id: 30,
	user_id: 1,
	user: { id: 1, login: 'admin', name: 'Site Admin', roles: [] },
	client: 'Firefox 133 on macOS',
	ip: '198.51.100.4',
	current: true,
} );
const CASHIER = fixtureRawSession();
const POS = fixtureRawSession( {
	id: 32,
	type: 'wcpos',
	client: 'WCPOS (iOS)',
	ip: '203.0.113.10',
	label: 'WooCommerce POS',
	last_seen: null,
	expires: null,
} );

beforeAll( () => {
	// DataViews measures its container; jsdom has no ResizeObserver.
	window.ResizeObserver ??= class {
		observe() {}
		unobserve() {}
		disconnect() {}
	};
} );

// DataViews and the modals render slowly when the machine is busy.
jest.setTimeout( 20000 );

beforeEach( () => {
	jest.spyOn( Date, 'now' ).mockReturnValue( NOW );
	mockedApiFetch.mockReset();
	window.history.replaceState( null, '', SESSIONS_URL );
} );

afterEach( () => {
	jest.restoreAllMocks();
} );

describe( 'SessionsScreen', () => {
	it( 'lists the sessions and revokes one after saying what will happen', async () => {
		let items = [ OWN, CASHIER, POS ];
		routeApi(
			() => items,
			( { path, method } ) => {
				if ( method === 'DELETE' && path.endsWith( '/sessions/31' ) ) {
					items = [ OWN, POS ];
					return { deleted: true, previous: CASHIER };
				}
				return null;
			}
		);
		render(
			<SessionsScreen sessionsUrl={ SESSIONS_URL } currentUser={ 1 } />
		);

		expect( await screen.findByText( '3 sessions match.' ) ).toBeTruthy();
		expect( calls( 'GET' )[ 0 ] ).toBe(
			'/auth-sentinel/v1/sessions?page=1&per_page=20&orderby=last_seen&order=desc&status=active'
		);

		const own = rowOf( 'Firefox 133 on macOS' );
		expect( within( own ).getByText( 'This session' ) ).toBeTruthy();
		expect(
			within( own ).queryByRole( 'button', { name: 'Revoke' } )
		).toBeNull();

		const cashier = rowOf( 'Chrome 120 on Windows' );
		expect(
			within( cashier )
				.getByRole( 'link', { name: 'Ana Cashier (cashier1)' } )
				.getAttribute( 'href' )
		).toBe( `${ SESSIONS_URL }&user=12` );
		expect( within( cashier ).getByText( 'Browser session' ) ).toBeTruthy();
		expect( within( cashier ).getByText( '203.0.113.9' ) ).toBeTruthy();
		expect( within( cashier ).getByText( '30 minutes ago' ) ).toBeTruthy();
		expect( within( cashier ).queryByText( 'This session' ) ).toBeNull();

		const pos = rowOf( 'WCPOS (iOS)' );
		expect( within( pos ).getByText( 'WCPOS session' ) ).toBeTruthy();
		expect( within( pos ).getByText( 'WooCommerce POS' ) ).toBeTruthy();
		expect( within( pos ).getByText( 'Not seen yet' ) ).toBeTruthy();
		expect( within( pos ).getByText( 'Never' ) ).toBeTruthy();

		fireEvent.click(
			within( cashier ).getByRole( 'button', { name: 'Revoke' } )
		);
		const dialog = await screen.findByRole( 'dialog', {
			name: 'Revoke this session?',
		} );
		expect(
			within( dialog ).getByText(
				'Browser session of Ana Cashier (cashier1) on Chrome 120 on Windows'
			)
		).toBeTruthy();
		expect(
			within( dialog ).getByText(
				'The browser will be signed out at its next request.'
			)
		).toBeTruthy();
		expect( calls( 'DELETE' ) ).toEqual( [] );

		fireEvent.click(
			within( dialog ).getByRole( 'button', { name: 'Revoke' } )
		);

		await waitFor( () =>
			expect( noticeText() ).toBe( 'Revoked 1 session.' )
		);
		expect( calls( 'DELETE' ) ).toEqual( [
			'/auth-sentinel/v1/sessions/31',
		] );
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).toBeNull()
		);
		expect( await screen.findByText( '2 sessions match.' ) ).toBeTruthy();
		expect( screen.queryByText( 'Chrome 120 on Windows' ) ).toBeNull();
	} );

	it( 'revokes the picked sessions one by one and says which could not be revoked', async () => {
		const APP = fixtureRawSession( {
			id: 33,
			type: 'app_password',
			label: 'Accounting sync',
			client: 'Accounting sync',
		} );
		routeApi(
			() => [ OWN, CASHIER, POS, APP ],
			( { path, method } ) => {
				if ( method !== 'DELETE' ) {
					return null;
				}
				if ( path.endsWith( '/sessions/32' ) ) {
					return Promise.reject( {
						code: 'auth_sentinel_session_not_found',
						message: 'The session no longer exists.',
					} );
				}
				return { deleted: true, previous: {} };
			}
		);
		render(
			<SessionsScreen sessionsUrl={ SESSIONS_URL } currentUser={ 1 } />
		);
		await screen.findByText( '4 sessions match.' );

		// The caller's own session cannot be picked.
		expect(
			within( rowOf( 'Firefox 133 on macOS' ) )
				.getByRole( 'checkbox' )
				.getAttribute( 'aria-disabled' )
		).toBe( 'true' );
		for ( const text of [
			'Chrome 120 on Windows',
			'WCPOS (iOS)',
			'Accounting sync',
		] ) {
			fireEvent.click( within( rowOf( text ) ).getByRole( 'checkbox' ) );
		}
		const bulk = screen
			.getAllByRole( 'button', { name: 'Revoke' } )
			.find(
				( button ) => ! screen.getByRole( 'table' ).contains( button )
			);
		fireEvent.click( bulk as HTMLElement );

		const dialog = await screen.findByRole( 'dialog', {
			name: 'Revoke 3 sessions?',
		} );
		expect(
			within( dialog ).getByText(
				'Application password “Accounting sync” of Ana Cashier (cashier1) on Accounting sync'
			)
		).toBeTruthy();
		expect(
			within( dialog ).getByText(
				/^WCPOS session: The WCPOS app will be signed out/
			)
		).toBeTruthy();
		expect(
			within( dialog ).getByText(
				/^Application password: The application password will be deleted/
			)
		).toBeTruthy();
		fireEvent.click(
			within( dialog ).getByRole( 'button', { name: 'Revoke' } )
		);

		await waitFor( () =>
			expect( noticeText() ).toBe(
				'Revoked 2 sessions. 1 session could not be revoked:WCPOS session of Ana Cashier (cashier1): The session no longer exists.'
			)
		);
		expect( calls( 'DELETE' ) ).toEqual( [
			'/auth-sentinel/v1/sessions/31',
			'/auth-sentinel/v1/sessions/32',
			'/auth-sentinel/v1/sessions/33',
		] );
	} );

	it( 'revokes everyone’s sessions only with the administrator’s password', async () => {
		routeApi(
			() => [ OWN, CASHIER ],
			( { path, method, data } ) => {
				if ( method !== 'POST' || ! path.endsWith( '/revoke-all' ) ) {
					return null;
				}
				const { password } = data as { password: string };
				if ( password !== 'right' ) {
					return Promise.reject( {
						code: 'auth_sentinel_incorrect_password',
						message: 'The password you entered is not correct.',
						data: { status: 403 },
					} );
				}
				return {
					revoked: {
						cookie: 12,
						app_password: 0,
						wcpos: 2,
						token: 0,
					},
					not_before: '2026-11-26T15:00:00Z',
					scope: 'site',
				};
			}
		);
		render(
			<SessionsScreen sessionsUrl={ SESSIONS_URL } currentUser={ 1 } />
		);
		await screen.findByText( '2 sessions match.' );

		fireEvent.click(
			screen.getByRole( 'button', {
				name: 'Revoke everyone’s sessions…',
			} )
		);
		const dialog = await screen.findByRole( 'dialog', {
			name: 'Revoke everyone’s sessions',
		} );
		expect(
			within( dialog ).getByText(
				'Your own session in this browser is kept.'
			)
		).toBeTruthy();
		const alsoAppPasswords = within( dialog ).getByRole( 'checkbox', {
			name: 'Also revoke application passwords',
		} ) as HTMLInputElement;
		expect( alsoAppPasswords.checked ).toBe( true );
		const submit = within( dialog ).getByRole( 'button', {
			name: 'Revoke everyone’s sessions',
		} );
		expect( submit.getAttribute( 'aria-disabled' ) ).toBe( 'true' );
		fireEvent.click( submit );
		expect( calls( 'POST' ) ).toEqual( [] );

		const password = within( dialog ).getByLabelText( 'Your password' );
		fireEvent.change( password, { target: { value: 'wrong' } } );
		fireEvent.click( alsoAppPasswords );
		expect( submit.getAttribute( 'aria-disabled' ) ).toBeNull();
		fireEvent.click( submit );

		expect(
			await within( dialog ).findByText(
				'The password you entered is not correct.'
			)
		).toBeTruthy();
		expect( mockedApiFetch ).toHaveBeenLastCalledWith( {
			path: '/auth-sentinel/v1/sessions/revoke-all',
			method: 'POST',
			data: { password: 'wrong', application_passwords: false },
		} );

		fireEvent.change( password, { target: { value: 'right' } } );
		fireEvent.click( submit );
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).toBeNull()
		);
		expect( noticeText() ).toMatch(
			/^Everyone else was signed out\. Revoked 12 browser sessions and 2 WCPOS sessions\. App tokens issued before .* are refused\.$/
		);
	} );

	it( 'in the Network Admin, ends the members of the site shown or, if chosen, the whole network', async () => {
		const answers: Record< string, unknown > = {
			'/auth-sentinel/v1/sessions/revoke-all?site=0': {
				revoked: { cookie: 40 },
				not_before: '2026-11-26T15:00:00Z',
				scope: 'network',
			},
			'/auth-sentinel/v1/sessions/revoke-all?site=2': {
				revoked: { cookie: 3 },
				not_before: '2026-11-26T15:00:00Z',
				scope: 'site_members',
			},
		};
		routeApi(
			() => [ OWN, CASHIER ],
			( { path, method } ) =>
				method === 'POST' ? ( answers[ path ] ?? null ) : null
		);
		render(
			<SessionsScreen
				sessionsUrl={ SESSIONS_URL }
				currentUser={ 1 }
				revokeContext={ {
					kind: 'network',
					site: { id: 2, name: 'Site 2' },
				} }
			/>
		);
		await screen.findByText( '2 sessions match.' );
		const open = screen.getByRole( 'button', {
			name: 'Revoke everyone’s sessions…',
		} );

		// The whole network, chosen.
		fireEvent.click( open );
		let dialog = await screen.findByRole( 'dialog', {
			name: 'Revoke everyone’s sessions',
		} );
		const onlySite = within( dialog ).getByRole( 'radio', {
			name: 'Only the members of Site 2',
		} ) as HTMLInputElement;
		expect( onlySite.checked ).toBe( true );
		fireEvent.click(
			within( dialog ).getByRole( 'radio', {
				name: 'Every user of the whole network',
			} )
		);
		expect( dialog.textContent ).toContain(
			'This ends every user’s credentials on the whole network, on every site'
		);
		expect( dialog.textContent ).toContain(
			'Other network administrators are signed out too.'
		);
		fireEvent.change( within( dialog ).getByLabelText( 'Your password' ), {
			target: { value: 'right' },
		} );
		fireEvent.click(
			within( dialog ).getByRole( 'button', {
				name: 'Revoke everyone’s sessions on the network',
			} )
		);
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).toBeNull()
		);
		expect( calls( 'POST' ) ).toEqual( [
			'/auth-sentinel/v1/sessions/revoke-all?site=0',
		] );
		expect( noticeText() ).toMatch(
			/^Everyone else on the network was signed out, on every site\. Revoked 40 browser sessions\./
		);

		// The members of the site shown, as the dialog proposes.
		fireEvent.click( open );
		dialog = await screen.findByRole( 'dialog', {
			name: 'Revoke everyone’s sessions',
		} );
		expect( dialog.textContent ).toContain(
			'This ends the credentials of the members of Site 2 only'
		);
		expect( dialog.textContent ).toContain(
			'Network administrators and users who are not members of Site 2 keep their sessions.'
		);
		expect( dialog.textContent ).not.toContain( 'whole network,' );
		fireEvent.change( within( dialog ).getByLabelText( 'Your password' ), {
			target: { value: 'right' },
		} );
		fireEvent.click(
			within( dialog ).getByRole( 'button', {
				name: 'Revoke the sessions of Site 2’s members',
			} )
		);
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).toBeNull()
		);
		expect( calls( 'POST' ).at( -1 ) ).toBe(
			'/auth-sentinel/v1/sessions/revoke-all?site=2'
		);
		expect( noticeText() ).toMatch(
			/^The members of Site 2 were signed out; network administrators were not\. Revoked 3 browser sessions\./
		);
	} );

	it( 'on a site of a network, says that only this site’s members are signed out', async () => {
		routeApi(
			() => [ OWN, CASHIER ],
			( { path, method } ) =>
				method === 'POST' && path.endsWith( '/revoke-all' )
					? {
							revoked: { cookie: 2 },
							not_before: '2026-11-26T15:00:00Z',
							scope: 'site_members',
						}
					: null
		);
		render(
			<SessionsScreen
				sessionsUrl={ SESSIONS_URL }
				currentUser={ 1 }
				revokeContext={ { kind: 'own_site' } }
			/>
		);
		await screen.findByText( '2 sessions match.' );
		fireEvent.click(
			screen.getByRole( 'button', {
				name: 'Revoke everyone’s sessions…',
			} )
		);
		const dialog = await screen.findByRole( 'dialog', {
			name: 'Revoke this site’s members’ sessions',
		} );
		expect( within( dialog ).queryByRole( 'radio' ) ).toBeNull();
		expect( dialog.textContent ).toContain(
			'This ends only the credentials of this site’s members, and only on this site'
		);
		expect( dialog.textContent ).toContain(
			'The other sites of the network are not touched, and network administrators keep their sessions.'
		);
		fireEvent.change( within( dialog ).getByLabelText( 'Your password' ), {
			target: { value: 'right' },
		} );
		fireEvent.click(
			within( dialog ).getByRole( 'button', {
				name: 'Revoke the members’ sessions',
			} )
		);
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).toBeNull()
		);
		// No `site`: the server ends the caller's own site's members.
		expect( calls( 'POST' ) ).toEqual( [
			'/auth-sentinel/v1/sessions/revoke-all',
		] );
		expect( noticeText() ).toMatch(
			/^This site’s members were signed out of this site; network administrators were not\. Revoked 2 browser sessions\./
		);
	} );

	it( 'shows one user’s sessions and revokes all of that user’s credentials', async () => {
		window.history.replaceState( null, '', `${ SESSIONS_URL }&user=12` );
		let items = [ CASHIER, POS ];
		routeApi(
			() => items,
			( { path, method } ) => {
				if ( path.startsWith( '/wp/v2/users/12' ) ) {
					return {
						id: 12,
						name: 'Ana Cashier',
						username: 'cashier1',
					};
				}
				if (
					method === 'DELETE' &&
					path.endsWith( '/users/12/sessions' )
				) {
					items = [];
					return {
						revoked: {
							cookie: 1,
							app_password: 0,
							wcpos: 1,
							token: 0,
						},
						not_before: null,
					};
				}
				return null;
			}
		);
		render(
			<SessionsScreen sessionsUrl={ SESSIONS_URL } currentUser={ 1 } />
		);

		expect(
			await screen.findByRole( 'heading', {
				name: 'Sessions of Ana Cashier (cashier1)',
			} )
		).toBeTruthy();
		await screen.findByText( '2 sessions match.' );
		expect( calls( 'GET' ) ).toContain(
			'/auth-sentinel/v1/users/12/sessions?page=1&per_page=20&orderby=last_seen&order=desc&status=active'
		);
		expect(
			screen
				.getByRole( 'link', { name: '← Back to all sessions' } )
				.getAttribute( 'href' )
		).toBe( SESSIONS_URL );
		expect(
			screen.queryByRole( 'button', {
				name: 'Revoke everyone’s sessions…',
			} )
		).toBeNull();

		fireEvent.click(
			screen.getByRole( 'button', {
				name: 'Revoke all of Ana Cashier (cashier1)’s credentials…',
			} )
		);
		const dialog = await screen.findByRole( 'dialog', {
			name: 'Revoke all of Ana Cashier (cashier1)’s credentials?',
		} );
		expect(
			within( dialog ).getByText(
				/They must sign in again everywhere\.$/
			)
		).toBeTruthy();
		fireEvent.click(
			within( dialog ).getByRole( 'button', { name: 'Revoke all' } )
		);

		await waitFor( () =>
			expect( noticeText() ).toBe(
				'Revoked 1 browser session and 1 WCPOS session.'
			)
		);
		expect( calls( 'DELETE' ) ).toEqual( [
			'/auth-sentinel/v1/users/12/sessions',
		] );
		expect(
			await screen.findByRole( 'heading', {
				name: 'Ana Cashier (cashier1) has no active sessions',
			} )
		).toBeTruthy();
		await act( async () => {} );
	} );

	it( 'asks for the first 200 characters of a longer search in the address', async () => {
		window.history.replaceState(
			null,
			'',
			`${ SESSIONS_URL }&search=${ encodeURIComponent( LONG_SEARCH ) }`
		);
		routeApi( () => [ CASHIER ] );
		render(
			<SessionsScreen sessionsUrl={ SESSIONS_URL } currentUser={ 1 } />
		);

		expect( await screen.findByText( '1 session matches.' ) ).toBeTruthy();
		expect( calls( 'GET' ).map( searchOf ) ).toEqual( [ SEARCH_HEAD ] );
		expect( screen.queryByRole( 'button', { name: 'Retry' } ) ).toBeNull();
		await act( async () => {} );
	} );

	it( 'says when there are no sessions and offers the ended ones', async () => {
		routeApi( () => [] );
		render(
			<SessionsScreen sessionsUrl={ SESSIONS_URL } currentUser={ 1 } />
		);

		expect(
			await screen.findByRole( 'heading', { name: 'No active sessions' } )
		).toBeTruthy();
		expect( screen.queryByRole( 'table' ) ).toBeNull();

		fireEvent.click(
			screen.getByRole( 'button', {
				name: 'Show ended and revoked sessions',
			} )
		);
		await waitFor( () =>
			expect( window.location.search ).toBe(
				'?page=auth-sentinel-sessions&status=all'
			)
		);
		await waitFor( () =>
			expect( calls( 'GET' ).at( -1 ) ).toContain( '&status=all' )
		);
		expect( await screen.findByRole( 'table' ) ).toBeTruthy();
	} );
} );
