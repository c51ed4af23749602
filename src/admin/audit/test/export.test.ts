import { auditCsvUrl } from '../../data/audit/api';
import { AUDIT_STATE } from '../url-state';
import { restQueryFromState } from '../query';

jest.mock( '@wordpress/api-fetch' );

const { read: readAuditState, href: auditHref } = AUDIT_STATE;

const BASE = '/wp-admin/admin.php?page=auth-sentinel-audit';

describe( 'auditCsvUrl', () => {
	it( 'works with plain permalinks too', () => {
		expect(
			auditCsvUrl( 'https://shop.test/?rest_route=/', 'n0nce', {
				page: 3,
				per_page: 50,
				action: 'sign_in',
				actor: 0,
			} )
		).toBe(
			'https://shop.test/?rest_route=%2Fauth-sentinel%2Fv1%2Faudit&action=sign_in&actor=0&format=csv&_wpnonce=n0nce'
		);
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
