import apiFetch from '@wordpress/api-fetch';

import {
	auditExportFileAction,
	currentRestNonce,
	sameExportFilters,
} from '../../data/audit/api';
import { normalizeAuditExportJob } from '../../data/audit/normalize-export';
import { setSiteScope } from '../../network/site-scope';
import { AUDIT_STATE } from '../url-state';
import { exportFiltersFromState, restQueryFromState } from '../query';

jest.mock( '@wordpress/api-fetch' );

const { read: readAuditState, href: auditHref } = AUDIT_STATE;

const BASE = '/wp-admin/admin.php?page=auth-sentinel-audit';

describe( "the export's filters and download form", () => {
	afterEach( () => setSiteScope( 0 ) );

	it( 'sends the filters as chosen: a relative period as a period', () => {
		const week = readAuditState(
			`${ BASE }&action=sign_in&actor=0&period=week&search=%20Chrome%20&paged=3`
		);
		expect( exportFiltersFromState( week ) ).toEqual( {
			action: 'sign_in',
			actor: 0,
			period: 'week',
			search: 'Chrome',
		} );
		// A fixed range is sent as it is.
		expect(
			exportFiltersFromState(
				readAuditState(
					`${ BASE }&user=12&since=2026-11-01T00:00:00Z&until=2026-11-02T00:00:00Z`
				)
			)
		).toEqual( {
			user: 12,
			since: '2026-11-01T00:00:00Z',
			until: '2026-11-02T00:00:00Z',
		} );
		expect( exportFiltersFromState( readAuditState( BASE ) ) ).toEqual(
			{}
		);
	} );

	it( 'matches an export by its filters as chosen, in any order', () => {
		expect(
			sameExportFilters(
				{ period: 'week', user: 12 },
				{ user: '12', period: 'week' }
			)
		).toBe( true );
		expect(
			sameExportFilters( { period: 'week' }, { period: 'month' } )
		).toBe( false );
		expect(
			sameExportFilters( { period: 'week' }, { period: 'week', user: 1 } )
		).toBe( false );
		expect( sameExportFilters( {}, {} ) ).toBe( true );
	} );

	it( 'posts for the file, with plain permalinks and the site in the Network Admin', () => {
		expect(
			auditExportFileAction(
				'https://shop.test/wp-json/',
				'0123456789abcdef'
			)
		).toBe(
			'https://shop.test/wp-json/auth-sentinel/v1/audit/exports/0123456789abcdef/file'
		);
		setSiteScope( 2 );
		const action = new URL(
			auditExportFileAction(
				'https://shop.test/?rest_route=/',
				'0123456789abcdef'
			)
		);
		expect( action.pathname ).toBe( '/' );
		expect( Object.fromEntries( action.searchParams ) ).toEqual( {
			rest_route: '/auth-sentinel/v1/audit/exports/0123456789abcdef/file',
			site: '2',
		} );
	} );
} );

describe( 'normalizeAuditExportJob', () => {
	it( 'reads a running and a finished export', () => {
		expect(
			normalizeAuditExportJob( {
				id: '0123456789abcdef',
				state: 'running',
				rows: 5000,
				estimate: 20000,
				progress: 0.25,
				filename: null,
				size: null,
				filters: { period: 'week', actor: 0, junk: { no: 1 } },
				created: '2026-11-26T15:00:00Z',
			} )
		).toEqual( {
			id: '0123456789abcdef',
			filters: { period: 'week', actor: 0 },
			created: '2026-11-26T15:00:00Z',
			state: 'running',
			rows: 5000,
			estimate: 20000,
			progress: 0.25,
			filename: null,
			size: null,
		} );
		expect(
			normalizeAuditExportJob( {
				id: '0123456789abcdef',
				state: 'complete',
				rows: 3,
				estimate: 3,
				progress: 1,
				filename: 'auth-sentinel-audit-x.csv',
				size: 900,
			} )?.filename
		).toBe( 'auth-sentinel-audit-x.csv' );
	} );

	it( 'refuses what it cannot name or place', () => {
		expect( normalizeAuditExportJob( null ) ).toBeNull();
		expect(
			normalizeAuditExportJob( { id: '../../x', state: 'running' } )
		).toBeNull();
		expect(
			normalizeAuditExportJob( { id: '0123456789abcdef', state: 'done' } )
		).toBeNull();
		// Complete without a name: no file to offer.
		expect(
			normalizeAuditExportJob( {
				id: '0123456789abcdef',
				state: 'complete',
			} )
		).toBeNull();
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
