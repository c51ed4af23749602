/**
 * The Network Admin's site scope: which site a page shows, and that every
 * request of the plugin's carries it.
 */
import {
	setSiteScope,
	siteFromUrl,
	siteMiddleware,
	withSite,
} from '../site-scope';
import { getConfig } from '../../config';

const network = getConfig(
	{
		network: true,
		sites: [
			{ id: 1, name: 'Main' },
			{ id: 2, name: 'Site 2' },
		],
		mainSite: 1,
	},
	'https://net.test/wp-admin/network/admin.php?page=auth-sentinel'
);

afterEach( () => setSiteScope( 0 ) );

describe( 'siteFromUrl', () => {
	it( 'reads a known site from the address', () => {
		expect(
			siteFromUrl( network, 'https://net.test/x.php?page=a&site=2' )
		).toBe( 2 );
	} );

	it( 'falls back to the main site for an unknown or missing site', () => {
		expect( siteFromUrl( network, 'https://net.test/x.php?site=99' ) ).toBe(
			1
		);
		expect( siteFromUrl( network, 'https://net.test/x.php' ) ).toBe( 1 );
	} );

	it( 'is 0 outside the Network Admin', () => {
		expect(
			siteFromUrl(
				getConfig( {}, 'https://x.test/wp-admin/admin.php' ),
				'https://x.test/wp-admin/admin.php?site=2'
			)
		).toBe( 0 );
	} );
} );

describe( 'withSite and the middleware', () => {
	it( 'adds the site to the plugin’s routes only', () => {
		setSiteScope( 2 );
		expect( withSite( '/auth-sentinel/v1/events?page=1' ) ).toBe(
			'/auth-sentinel/v1/events?page=1&site=2'
		);
		expect( withSite( '/wp/v2/users/me' ) ).toBe( '/wp/v2/users/me' );
	} );

	it( 'keeps a site the address names itself (0: the whole network)', () => {
		setSiteScope( 2 );
		expect(
			withSite( '/auth-sentinel/v1/sessions/revoke-all?site=0' )
		).toBe( '/auth-sentinel/v1/sessions/revoke-all?site=0' );
		expect(
			withSite( '/auth-sentinel/v1/sessions/revoke-all?site=3' )
		).toBe( '/auth-sentinel/v1/sessions/revoke-all?site=3' );
	} );

	it( 'changes nothing without a site', () => {
		expect( withSite( '/auth-sentinel/v1/events' ) ).toBe(
			'/auth-sentinel/v1/events'
		);
	} );

	it( 'passes the scoped path to the next middleware', () => {
		setSiteScope( 2 );
		const next = jest.fn( () => Promise.resolve( {} ) );
		siteMiddleware( { path: '/auth-sentinel/v1/sessions' }, next );
		expect( next ).toHaveBeenCalledWith(
			expect.objectContaining( {
				path: '/auth-sentinel/v1/sessions?site=2',
			} )
		);
	} );
} );
