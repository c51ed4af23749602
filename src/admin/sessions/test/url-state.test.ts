import { SESSIONS_STATE } from '../url-state';
import { formatRevokedCounts } from '../labels';

const { read: readSessionsState, href: sessionsHref } = SESSIONS_STATE;

const BASE = '/wp-admin/admin.php?page=auth-sentinel-sessions';

describe( 'the Sessions address', () => {
	it( 'reads a user, filters and sorting, ignoring what is invalid', () => {
		expect(
			readSessionsState(
				`${ BASE }&user=12&type=wcpos&status=ended&orderby=expires&order=asc&paged=2&per_page=50&search=%20ana%20`
			)
		).toEqual( {
			user: 12,
			type: 'wcpos',
			status: 'ended',
			search: 'ana',
			page: 2,
			perPage: 50,
			orderby: 'expires',
			order: 'asc',
		} );
		expect(
			readSessionsState(
				`${ BASE }&user=abc&type=passkey&status=gone&orderby=ip&per_page=7`
			)
		).toMatchObject( {
			user: null,
			type: null,
			status: 'active',
			orderby: 'last_seen',
			perPage: 20,
		} );
	} );

	it( 'writes only what differs from the defaults and keeps the page', () => {
		expect(
			sessionsHref( `${ BASE }&type=token&paged=3`, { user: 12 } )
		).toBe( `${ BASE }&user=12` );
		expect(
			sessionsHref( BASE, {
				status: 'all',
				search: 'POS',
				orderby: 'created',
			} )
		).toBe( `${ BASE }&status=all&search=POS&orderby=created` );
	} );
} );

describe( 'formatRevokedCounts', () => {
	it( 'names the kinds that were revoked', () => {
		expect(
			formatRevokedCounts( {
				cookie: 1,
				app_password: 3,
				wcpos: 0,
				token: 2,
			} )
		).toBe(
			'Revoked 1 browser session, 3 application passwords and 2 tokens.'
		);
		expect(
			formatRevokedCounts( {
				cookie: 0,
				app_password: 0,
				wcpos: 0,
				token: 0,
			} )
		).toBe( 'There were no sessions left to revoke.' );
	} );
} );
