import { getConfig } from '../../config';
import {
	revokeAllContext,
	revokeAllSite,
	revokeAllWording,
	revokeScopeMessage,
} from '../revoke-scope';

const SITES = [
	{ id: 1, name: 'Main' },
	{ id: 2, name: 'Site 2' },
];

describe( 'revokeAllContext', () => {
	it( 'tells a single site, a site of a network and the Network Admin apart', () => {
		expect( revokeAllContext( getConfig( {} ), 0 ) ).toEqual( {
			kind: 'site',
		} );
		expect( revokeAllContext( getConfig( { mainSite: 1 } ), 0 ) ).toEqual( {
			kind: 'own_site',
		} );
		expect(
			revokeAllContext(
				getConfig( { network: true, sites: SITES, mainSite: 1 } ),
				2
			)
		).toEqual( { kind: 'network', site: { id: 2, name: 'Site 2' } } );
	} );

	it( 'gives a network administrator on a site’s own screens the choice, for that site', () => {
		const own = getConfig( {
			mainSite: 1,
			currentSite: { id: 3, name: 'Shop' },
			networkAdmin: true,
		} );
		const context = revokeAllContext( own, 0 );
		expect( context ).toEqual( {
			kind: 'network',
			site: { id: 3, name: 'Shop' },
		} );
		expect( revokeAllSite( context, 'site_members' ) ).toBe( 3 );
		expect( revokeAllSite( context, 'network' ) ).toBe( 0 );
		// A site administrator there keeps the plain "this site's members".
		expect(
			revokeAllContext(
				getConfig( {
					mainSite: 1,
					currentSite: { id: 3, name: 'Shop' },
					networkAdmin: false,
				} ),
				0
			)
		).toEqual( { kind: 'own_site' } );
	} );
} );

describe( 'what is sent and said', () => {
	const network = {
		kind: 'network' as const,
		site: { id: 2, name: 'Site 2' },
	};

	it( 'sends a site only from the Network Admin: 0 for the whole network', () => {
		expect( revokeAllSite( { kind: 'site' }, 'network' ) ).toBeUndefined();
		expect(
			revokeAllSite( { kind: 'own_site' }, 'network' )
		).toBeUndefined();
		expect( revokeAllSite( network, 'network' ) ).toBe( 0 );
		expect( revokeAllSite( network, 'site_members' ) ).toBe( 2 );
	} );

	it( 'words each of the three cases plainly', () => {
		expect(
			revokeAllWording( { kind: 'site' }, 'site_members' ).effect
		).toMatch( /^Every user is signed out everywhere/ );
		expect( revokeAllWording( network, 'network' ).effect ).toMatch(
			/every user’s credentials on the whole network/
		);
		expect( revokeAllWording( network, 'site_members' ).effect ).toMatch(
			/members of Site 2 only/
		);
		expect(
			revokeAllWording( { kind: 'own_site' }, 'network' ).effect
		).toMatch( /only the credentials of this site’s members/ );
	} );

	it( 'reports what the server says it ended', () => {
		expect( revokeScopeMessage( 'network', { kind: 'own_site' } ) ).toBe(
			'Everyone else on the network was signed out, on every site.'
		);
		expect( revokeScopeMessage( 'site_members', network ) ).toBe(
			'The members of Site 2 were signed out; network administrators were not.'
		);
		expect( revokeScopeMessage( 'site', { kind: 'site' } ) ).toBe(
			'Everyone else was signed out.'
		);
		expect( revokeScopeMessage( null, { kind: 'site' } ) ).toBe( '' );
	} );
} );
