import apiFetch from '@wordpress/api-fetch';

import { auditExportForm, currentRestNonce } from '../../data/audit/api';
import { setSiteScope } from '../../network/site-scope';
import { AUDIT_STATE } from '../url-state';
import { restQueryFromState } from '../query';

jest.mock( '@wordpress/api-fetch' );

const { read: readAuditState, href: auditHref } = AUDIT_STATE;

const BASE = '/wp-admin/admin.php?page=auth-sentinel-audit';

describe( 'auditExportForm', () => {
	afterEach( () => setSiteScope( 0 ) );

	it( 'posts the filters, without paging, to the export route', () => {
		expect(
			auditExportForm( 'https://shop.test/wp-json/', {
				page: 3,
				per_page: 50,
				action: 'sign_in',
				actor: 0,
				search: '',
			} )
		).toEqual( {
			action: 'https://shop.test/wp-json/auth-sentinel/v1/audit/export',
			fields: { action: 'sign_in', actor: '0' },
		} );
	} );

	it( 'works with plain permalinks, and names the site in the Network Admin', () => {
		setSiteScope( 2 );
		const form = auditExportForm( 'https://shop.test/?rest_route=/', {
			page: 1,
			per_page: 20,
			user: 12,
		} );
		const action = new URL( form.action );
		expect( action.pathname ).toBe( '/' );
		expect( Object.fromEntries( action.searchParams ) ).toEqual( {
			rest_route: '/auth-sentinel/v1/audit/export',
			site: '2',
		} );
		// Never the nonce in the address.
		expect( form.action ).not.toContain( 'nonce' );
		expect( form.fields ).toEqual( { user: '12' } );
	} );
} );

describe( 'currentRestNonce', () => {
	afterEach( () => {
		delete ( apiFetch as unknown as { nonceMiddleware?: unknown } )
			.nonceMiddleware;
	} );

	it( 'prefers the nonce wp-api-fetch keeps fresh', () => {
		expect( currentRestNonce( 'printed' ) ).toBe( 'printed' );
		(
			apiFetch as unknown as { nonceMiddleware?: unknown }
		 ).nonceMiddleware = Object.assign( () => {}, { nonce: 'renewed' } );
		expect( currentRestNonce( 'printed' ) ).toBe( 'renewed' );
	} );
} );

describe( 'the Audit address', () => {
	it( 'reads the system as an actor and a date range', () => {
		const state = readAuditState(
			`${ BASE }&actor=0&since=2026-11-01T00:00:00Z&until=2026-11-02T00:00:00Z&action=nope`
		);
		expect( state ).toMatchObject( {
			actor: 0,
			action: null,
			time: {
				type: 'range',
				since: '2026-11-01T00:00:00Z',
				until: '2026-11-02T00:00:00Z',
			},
		} );
		expect( restQueryFromState( state, new Date( 0 ) ) ).toEqual( {
			page: 1,
			per_page: 20,
			actor: 0,
			since: '2026-11-01T00:00:00Z',
			until: '2026-11-02T00:00:00Z',
		} );
		expect( auditHref( BASE, state ) ).toBe(
			`${ BASE }&actor=0&since=2026-11-01T00%3A00%3A00Z&until=2026-11-02T00%3A00%3A00Z`
		);
	} );
} );
