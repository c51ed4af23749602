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
import { AuditScreen } from '../audit-screen';

jest.mock( '@wordpress/api-fetch' );

const mockedApiFetch = apiFetch as jest.MockedFunction< typeof apiFetch >;

const AUDIT_URL = '/wp-admin/admin.php?page=auth-sentinel-audit';
const NOW = Date.parse( '2026-11-26T15:00:00Z' );
const ROOT = 'https://shop.test/wp-json/';

function routeApi( rows: unknown[] ) {
	mockedApiFetch.mockImplementation( ( () =>
		Promise.resolve( {
			json: async () => rows,
			headers: {
				get: ( name: string ) =>
					( {
						'x-wp-total': String( rows.length ),
						'x-wp-totalpages': '1',
					} )[ name.toLowerCase() ] ?? null,
			},
		} ) ) as unknown as typeof apiFetch );
}

function auditPaths(): string[] {
	return mockedApiFetch.mock.calls.map(
		( [ options ] ) => options.path ?? ''
	);
}

/**
 * Reads the export form: where it posts and the fields it sends.
 */
function exportForm(): {
	method: string;
	action: string;
	fields: Record< string, string >;
} {
	const button = screen.getByRole( 'button', { name: 'Export CSV' } );
	expect( button.getAttribute( 'type' ) ).toBe( 'submit' );
	const form = button.closest( 'form' ) as HTMLFormElement;
	const fields: Record< string, string > = {};
	form.querySelectorAll( 'input' ).forEach( ( input ) => {
		expect( input.type ).toBe( 'hidden' );
		fields[ input.name ] = input.value;
	} );
	return {
		method: form.getAttribute( 'method' ) ?? '',
		// Not form.action: the field named "action" shadows it.
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
		routeApi( [ fixtureRawAuditEntry() ] );
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

		// A form POST: the filters and the nonce in the body, not in an address.
		const form = exportForm();
		expect( form.method ).toBe( 'post' );
		expect( form.action ).toBe(
			'https://shop.test/wp-json/auth-sentinel/v1/audit/export'
		);
		expect( form.fields ).toEqual( {
			action: 'session_revoked',
			actor: '1',
			user: '12',
			since: '2026-11-19T15:00:00.000Z',
			search: 'Chrome',
			_wpnonce: 'n0nce',
		} );
	} );

	it( 'names the system as the actor and shows the details of a row', async () => {
		routeApi( [ SYSTEM_ROW, fixtureRawAuditEntry() ] );
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );

		expect( await screen.findByText( '2 entries match.' ) ).toBeTruthy();
		expect( exportForm().fields ).toEqual( { _wpnonce: 'n0nce' } );

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

	it( 'sends the freshest nonce when the export form is sent', async () => {
		routeApi( [ fixtureRawAuditEntry() ] );
		render( <AuditScreen restRoot={ ROOT } restNonce="n0nce" /> );
		await screen.findByText( '1 entry matches.' );

		// wp-api-fetch renewed the nonce after the page was printed.
		const api = apiFetch as unknown as { nonceMiddleware?: unknown };
		api.nonceMiddleware = Object.assign( () => {}, { nonce: 'renewed' } );
		try {
			const button = screen.getByRole( 'button', { name: 'Export CSV' } );
			fireEvent.submit( button.closest( 'form' ) as HTMLFormElement );
			expect( exportForm().fields._wpnonce ).toBe( 'renewed' );
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

	it( 'keeps a new search in the address and in the export form', async () => {
		// The search box debounces with Date.now(): let the clock run.
		jest.mocked( Date.now ).mockRestore();
		routeApi( [ fixtureRawAuditEntry() ] );
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
			expect( exportForm().fields.search ).toBe( 'cashier1' )
		);
		expect( auditPaths().at( -1 ) ).toContain( '&search=cashier1' );
	} );
} );
