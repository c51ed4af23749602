import apiFetch from '@wordpress/api-fetch';
import {
	act,
	fireEvent,
	render,
	screen,
	waitFor,
	within,
} from '@testing-library/react';

import { fixtureRawAuditEntry } from '../../test-utils/fixtures';
import {
	LONG_SEARCH,
	SEARCH_HEAD,
	refuseInvalidArgs,
	searchOf,
} from '../../test-utils/long-search';
import { AuditScreen } from '../audit-screen';

jest.mock( '@wordpress/api-fetch' );

const mockedApiFetch = apiFetch as jest.MockedFunction< typeof apiFetch >;

const AUDIT_URL = '/wp-admin/admin.php?page=auth-sentinel-audit';
const EXPORTS = '/auth-sentinel/v1/audit/exports';
const NOW = Date.parse( '2026-11-26T15:00:00Z' );
const ROOT = 'https://shop.test/wp-json/';

function routeApi(
	rows: unknown[],
	exports: unknown[] = [],
	listed: unknown[] = []
) {
	mockedApiFetch.mockImplementation( ( ( options: {
		path?: string;
		method?: string;
	} ) => {
		if ( options.path === EXPORTS && ! options.method ) {
			return Promise.resolve( listed ); // The user's exports.
		}
		if ( options.method === 'DELETE' ) {
			return Promise.resolve( { deleted: true } );
		}
		if ( ( options.path ?? '' ).startsWith( EXPORTS ) ) {
			// One answer per request; the last one stays.
			return Promise.resolve(
				exports.length > 1 ? exports.shift() : exports[ 0 ]
			);
		}
		const refused = refuseInvalidArgs( options.path );
		if ( refused ) {
			return refused;
		}
		return Promise.resolve( {
			json: async () => rows,
			headers: {
				get: ( name: string ) =>
					( {
						'x-wp-total': String( rows.length ),
						'x-wp-totalpages': '1',
					} )[ name.toLowerCase() ] ?? null,
			},
		} );
	} ) as unknown as typeof apiFetch );
}

function auditPaths(): string[] {
	return mockedApiFetch.mock.calls
		.map( ( [ options ] ) => options.path ?? '' )
		.filter( ( path ) => ! path.startsWith( EXPORTS ) );
}

/**
 * The requests made to the exports' routes, but the listings of the user's.
 */
function exportCalls(): Array< {
	path?: string;
	method?: string;
	data?: unknown;
} > {
	return mockedApiFetch.mock.calls
		.map( ( [ options ] ) => options )
		.filter(
			( options ) =>
				( options.path ?? '' ).startsWith( EXPORTS ) &&
				! ( options.path === EXPORTS && ! options.method )
		);
}

/**
 * How many times the screen listed the user's exports.
 */
function listings(): number {
	return mockedApiFetch.mock.calls.filter(
		( [ options ] ) => options.path === EXPORTS && ! options.method
	).length;
}

const JOB_ID = '0123456789abcdef';

/**
 * An answer of `/audit/exports`.
 *
 * @param state    running or complete.
 * @param rows     Rows written.
 * @param progress From 0 to 1.
 * @param more     Other fields, or other values.
 */
function job(
	state: string,
	rows: number,
	progress: number,
	more: Record< string, unknown > = {}
) {
	return {
		id: JOB_ID,
		filters: {},
		state,
		rows,
		estimate: state === 'complete' ? rows : Math.round( rows / progress ),
		progress,
		filename:
			state === 'complete'
				? 'auth-sentinel-audit-20261119-150000-to-20261126-150000.csv'
				: null,
		size: state === 'complete' ? 5033165 : null,
		...more,
	};
}

/**
 * Reads the download form of a finished export: where it posts and the
 * fields it sends.
 */
function downloadForm(): {
	method: string;
	action: string;
	fields: Record< string, string >;
} {
	const button = screen.getByRole( 'button', { name: 'Download CSV' } );
	expect( button.getAttribute( 'type' ) ).toBe( 'submit' );
	const form = button.closest( 'form' ) as HTMLFormElement;
	const fields: Record< string, string > = {};
	form.querySelectorAll( 'input' ).forEach( ( input ) => {
		expect( input.type ).toBe( 'hidden' );
		fields[ input.name ] = input.value;
	} );
	return {
		method: form.getAttribute( 'method' ) ?? '',
		action: form.getAttribute( 'action' ) ?? '',
		fields,
	};
}

const SYSTEM_ROW = fixtureRawAuditEntry( {
	id: 502,
	at: '2026-11-26T14:02:00Z',
	action: 'secrets_changed',
	actor_id: 0,
	actor: null,
	target_user_id: 0,
	target: null,
	ip: '',
	details: { changed: [ 'AUTH_KEY', 'SECURE_AUTH_KEY' ] },
	summary: 'AUTH_KEY and SECURE_AUTH_KEY changed.',
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
	window.history.replaceState( null, '', AUDIT_URL );
} );

afterEach( () => {
	jest.restoreAllMocks();
} );

describe( 'AuditScreen', () => {
	it( 'lists the log with the filters of the address and exports the same rows', async () => {
		window.history.replaceState(
			null,
			'',
			`${ AUDIT_URL }&action=session_revoked&actor=1&user=12&period=week&search=Chrome`
		);
		routeApi(
			[ fixtureRawAuditEntry() ],
			[ job( 'running', 5000, 0.25 ), job( 'complete', 20000, 1 ) ]
		);
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );

		expect( await screen.findByText( '1 entry matches.' ) ).toBeTruthy();
		expect( auditPaths()[ 0 ] ).toBe(
			'/auth-sentinel/v1/audit?page=1&per_page=20&action=session_revoked&actor=1&user=12&since=2026-11-19T15%3A00%3A00.000Z&search=Chrome'
		);

		const row = within( screen.getByRole( 'table' ) ).getAllByRole(
			'row'
		)[ 1 ] as HTMLElement;
		expect( within( row ).getByText( 'an hour ago' ) ).toBeTruthy();
		expect( within( row ).getByText( 'Session revoked' ) ).toBeTruthy();
		expect(
			within( row ).getByRole( 'button', {
				name: 'Site Admin revoked a browser session of Ana Cashier (Chrome 120 on Windows).',
			} )
		).toBeTruthy();
		expect( within( row ).getByText( 'Site Admin (admin)' ) ).toBeTruthy();
		expect(
			within( row ).getByText( 'Ana Cashier (cashier1)' )
		).toBeTruthy();
		expect( within( row ).getByText( '198.51.100.4' ) ).toBeTruthy();

		// The export starts on the server with the same filters, shows how
		// far it is, then offers its file through a form POST (the nonce in
		// the body, not in an address).
		fireEvent.click( screen.getByRole( 'button', { name: 'Export CSV' } ) );
		expect(
			await screen.findByText( '5,000 of about 20,000 rows written…' )
		).toBeTruthy();
		expect(
			screen.getByRole( 'progressbar', { name: 'Export progress' } )
		).toBeTruthy();
		expect( exportCalls()[ 0 ] ).toMatchObject( {
			path: EXPORTS,
			method: 'POST',
			// The period as chosen: the server counts it back from its start.
			data: {
				action: 'session_revoked',
				actor: 1,
				user: 12,
				period: 'week',
				search: 'Chrome',
			},
		} );
		expect(
			await screen.findByText(
				'Export ready: 20,000 rows, 4.8 MB.',
				{},
				{ timeout: 5000 }
			)
		).toBeTruthy();
		expect( exportCalls()[ 1 ]?.path ).toBe( `${ EXPORTS }/${ JOB_ID }` );
		expect( listings() ).toBe( 1 ); // When the screen opened.
		const form = downloadForm();
		expect( form.method ).toBe( 'post' );
		expect( form.action ).toBe(
			`https://shop.test/wp-json/auth-sentinel/v1/audit/exports/${ JOB_ID }/file`
		);
		expect( form.fields ).toEqual( { _wpnonce: 'n0nce' } );
		expect( screen.queryByRole( 'progressbar' ) ).toBeNull();
	} );

	it( "finds the user's export of the same period again after a reload", async () => {
		window.history.replaceState( null, '', `${ AUDIT_URL }&period=week` );
		const OTHER = 'fedcba9876543210';
		routeApi(
			[ fixtureRawAuditEntry() ],
			[],
			[
				// Newest first: one for another period, then this one.
				job( 'complete', 5, 1, {
					id: OTHER,
					filters: { period: 'month' },
				} ),
				job( 'complete', 20000, 1, {
					filters: { period: 'week' },
					created: '2026-11-26T14:00:00Z',
				} ),
			]
		);
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );

		expect(
			await screen.findByRole( 'button', { name: 'Download CSV' } )
		).toBeTruthy();
		expect( downloadForm().action ).toContain(
			`/exports/${ JOB_ID }/file`
		);
		expect(
			screen.getByText(
				/^Export ready: 20,000 rows, 4\.8 MB\. Started .*2026/
			)
		).toBeTruthy();
		expect( exportCalls() ).toEqual( [] ); // Listed, not advanced.
	} );

	it( 'does not offer an export made for other filters', async () => {
		routeApi(
			[ fixtureRawAuditEntry() ],
			[],
			[ job( 'complete', 1, 1, { filters: { user: 12 } } ) ]
		);
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );
		await screen.findByText( '1 entry matches.' );
		await waitFor( () => expect( listings() ).toBe( 1 ) );
		await act( async () => {} );
		expect(
			screen.queryByRole( 'button', { name: 'Download CSV' } )
		).toBeNull();
		expect(
			screen.getByRole( 'button', { name: 'Export CSV' } )
		).toBeTruthy();
	} );

	it( 'cancels a running export: its job and file go, the screen says so', async () => {
		routeApi( [ fixtureRawAuditEntry() ], [ job( 'running', 500, 0.05 ) ] );
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );
		await screen.findByText( '1 entry matches.' );
		fireEvent.click( screen.getByRole( 'button', { name: 'Export CSV' } ) );
		await screen.findByText( '500 of about 10,000 rows written…' );

		fireEvent.click(
			screen.getByRole( 'button', { name: 'Cancel export' } )
		);
		expect(
			await screen.findByText( 'Export cancelled: its file is deleted.' )
		).toBeTruthy();
		expect( exportCalls().at( -1 ) ).toEqual( {
			path: `${ EXPORTS }/${ JOB_ID }`,
			method: 'DELETE',
			signal: expect.any( AbortSignal ),
		} );
		expect( screen.queryByRole( 'progressbar' ) ).toBeNull();
		expect(
			screen.getByRole( 'button', { name: 'Export CSV' } )
		).toBeTruthy();
		// No more questions about it.
		const asked = exportCalls().length;
		await new Promise( ( resolve ) => setTimeout( resolve, 1500 ) );
		expect( exportCalls() ).toHaveLength( asked );
	} );

	it( 'names the system as the actor and shows the details of a row', async () => {
		routeApi( [ SYSTEM_ROW, fixtureRawAuditEntry() ] );
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );

		expect( await screen.findByText( '2 entries match.' ) ).toBeTruthy();
		expect(
			screen.getByRole( 'button', { name: 'Export CSV' } )
		).toBeTruthy();

		const row = within( screen.getByRole( 'table' ) ).getAllByRole(
			'row'
		)[ 1 ] as HTMLElement;
		expect( within( row ).getByText( 'System' ) ).toBeTruthy();
		expect( within( row ).getByText( 'Secrets changed' ) ).toBeTruthy();

		const open = within( row ).getByRole( 'button', {
			name: 'AUTH_KEY and SECURE_AUTH_KEY changed.',
		} );
		fireEvent.click( open );
		const dialog = await screen.findByRole( 'dialog', {
			name: /^Secrets changed — /,
		} );
		expect( within( dialog ).getByText( 'changed' ) ).toBeTruthy();
		expect(
			within( dialog ).getByText( 'AUTH_KEY, SECURE_AUTH_KEY' )
		).toBeTruthy();
		expect( within( dialog ).getAllByText( 'System' ).length ).toBe( 1 );
		await act( async () => {} );
	} );

	it( 'sends the freshest nonce when the download form is sent', async () => {
		routeApi( [ fixtureRawAuditEntry() ], [ job( 'complete', 1, 1 ) ] );
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );
		await screen.findByText( '1 entry matches.' );
		fireEvent.click( screen.getByRole( 'button', { name: 'Export CSV' } ) );
		const button = await screen.findByRole( 'button', {
			name: 'Download CSV',
		} );

		// wp-api-fetch renewed the nonce after the page was printed.
		const api = apiFetch as unknown as { nonceMiddleware?: unknown };
		api.nonceMiddleware = Object.assign( () => {}, { nonce: 'renewed' } );
		try {
			fireEvent.submit( button.closest( 'form' ) as HTMLFormElement );
			expect( downloadForm().fields._wpnonce ).toBe( 'renewed' );
		} finally {
			delete api.nonceMiddleware;
		}
	} );

	it( 'says what will be recorded while the log is empty', async () => {
		routeApi( [] );
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );

		expect(
			await screen.findByRole( 'heading', {
				name: 'Nothing recorded yet',
			} )
		).toBeTruthy();
		expect( screen.queryByRole( 'table' ) ).toBeNull();
	} );

	it( 'lists and exports the first 200 characters of a longer search in the address', async () => {
		window.history.replaceState(
			null,
			'',
			`${ AUDIT_URL }&search=${ encodeURIComponent( LONG_SEARCH ) }`
		);
		routeApi( [ fixtureRawAuditEntry() ], [ job( 'complete', 1, 1 ) ] );
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );

		expect( await screen.findByText( '1 entry matches.' ) ).toBeTruthy();
		expect( auditPaths().map( searchOf ) ).toEqual( [ SEARCH_HEAD ] );
		expect( screen.queryByRole( 'button', { name: 'Retry' } ) ).toBeNull();

		fireEvent.click( screen.getByRole( 'button', { name: 'Export CSV' } ) );
		await screen.findByRole( 'button', { name: 'Download CSV' } );
		expect( exportCalls()[ 0 ]?.data ).toEqual( { search: SEARCH_HEAD } );
	} );

	it( 'lists a range of the address whose ends are swapped', async () => {
		window.history.replaceState(
			null,
			'',
			`${ AUDIT_URL }&since=2026-11-26T12:00:00Z&until=2026-11-20T00:00:00Z`
		);
		routeApi( [ fixtureRawAuditEntry() ] );
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );

		expect( await screen.findByText( '1 entry matches.' ) ).toBeTruthy();
		expect( auditPaths() ).toEqual( [
			'/auth-sentinel/v1/audit?page=1&per_page=20&since=2026-11-20T00%3A00%3A00Z&until=2026-11-26T12%3A00%3A00Z',
		] );
		expect( screen.queryByRole( 'button', { name: 'Retry' } ) ).toBeNull();
	} );

	it( 'keeps a new search in the address and in the export', async () => {
		// The search box debounces with Date.now(): let the clock run.
		jest.mocked( Date.now ).mockRestore();
		routeApi( [ fixtureRawAuditEntry() ], [ job( 'complete', 1, 1 ) ] );
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );
		await screen.findByText( '1 entry matches.' );

		fireEvent.change( screen.getByRole( 'searchbox' ), {
			target: { value: 'cashier1' },
		} );
		await waitFor( () =>
			expect( window.location.search ).toBe(
				'?page=auth-sentinel-audit&search=cashier1'
			)
		);
		await waitFor( () =>
			expect( auditPaths().at( -1 ) ).toContain( '&search=cashier1' )
		);
		fireEvent.click( screen.getByRole( 'button', { name: 'Export CSV' } ) );
		await screen.findByRole( 'button', { name: 'Download CSV' } );
		expect( exportCalls()[ 0 ]?.data ).toEqual( { search: 'cashier1' } );
	} );
} );
