import { getConfig, screenFromUrl } from '../config';

describe( 'getConfig', () => {
	it( 'uses what PHP printed', () => {
		const config = getConfig(
			{
				screen: 'secrets',
				screens: [
					{
						slug: 'secrets',
						title: 'Geheimnisse',
						url: 'admin.php?page=auth-sentinel-secrets',
					},
				],
				restNamespace: 'auth-sentinel/v1',
				version: '0.1.0',
			},
			'https://example.test/wp-admin/admin.php?page=auth-sentinel'
		);
		expect( config.screen ).toBe( 'secrets' );
		expect( config.screens.map( ( link ) => link.title ) ).toEqual( [
			'Geheimnisse',
		] );
	} );

	it( 'reads the site of a network the screens belong to, and who is signed in', () => {
		const config = getConfig( {
			currentSite: { id: 3, name: 'Shop' },
			networkAdmin: true,
		} );
		expect( config.currentSite ).toEqual( { id: 3, name: 'Shop' } );
		expect( config.networkAdmin ).toBe( true );
		const single = getConfig( {
			currentSite: null,
			networkAdmin: 'yes' as unknown as boolean,
		} );
		expect( single.currentSite ).toBeNull();
		expect( single.networkAdmin ).toBe( false );
	} );

	it( 'falls back to the page address and the six screens when PHP printed nothing', () => {
		const config = getConfig(
			undefined,
			'https://example.test/wp-admin/admin.php?page=auth-sentinel-audit'
		);
		expect( config.screen ).toBe( 'audit' );
		expect( config.screens ).toHaveLength( 6 );
	} );
} );

describe( 'screenFromUrl', () => {
	it( 'maps admin page slugs to screens', () => {
		expect(
			screenFromUrl( '/wp-admin/admin.php?page=auth-sentinel' )
		).toBe( 'overview' );
		expect(
			screenFromUrl( '/wp-admin/admin.php?page=auth-sentinel-secrets' )
		).toBe( 'secrets' );
		expect( screenFromUrl( '/wp-admin/admin.php?page=other' ) ).toBeNull();
	} );
} );

describe( 'getConfig, the REST and user settings', () => {
	it( 'keeps well-formed values and drops the rest', () => {
		const config = getConfig(
			{
				restRoot: 'https://shop.test/?rest_route=/',
				restNonce: 'abc123',
				roles: {
					administrator: 'Administrator',
					shop_manager: 'Shop manager',
					broken: 7,
				} as unknown as Record< string, string >,
				currentUser: 3,
			},
			'https://shop.test/wp-admin/admin.php?page=auth-sentinel-settings'
		);
		expect( config.restRoot ).toBe( 'https://shop.test/?rest_route=/' );
		expect( config.restNonce ).toBe( 'abc123' );
		expect( config.roles ).toEqual( {
			administrator: 'Administrator',
			shop_manager: 'Shop manager',
		} );
		expect( config.currentUser ).toBe( 3 );
	} );

	it( 'falls back when PHP printed none', () => {
		const config = getConfig( undefined, 'https://shop.test/wp-admin/' );
		expect( config.restRoot ).toBe( '/wp-json/' );
		expect( config.restNonce ).toBe( '' );
		expect( config.roles ).toEqual( {} );
		expect( config.currentUser ).toBe( 0 );
	} );
} );
