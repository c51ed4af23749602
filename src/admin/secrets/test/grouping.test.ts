import { fixtureSecret as secret } from '../../test-utils/fixtures';
import { groupSecrets } from '../grouping';

describe( 'groupSecrets', () => {
	it( 'lists keys and salts, then token secrets, then the site address, in wp-config.php order', () => {
		const sections = groupSecrets( [
			secret( { name: 'home', group: 'site', source: 'option' } ),
			secret( { name: 'AUTH_SALT' } ),
			secret( {
				name: 'woocommerce_pos_secret_key',
				group: 'token',
				source: 'option',
			} ),
			secret( { name: 'AUTH_KEY' } ),
			secret( { name: 'siteurl', group: 'site', source: 'option' } ),
		] );
		expect(
			sections.map( ( section ) => [
				section.group,
				section.secrets.map( ( item ) => item.name ),
			] )
		).toEqual( [
			[ 'salt', [ 'AUTH_KEY', 'AUTH_SALT' ] ],
			[ 'token', [ 'woocommerce_pos_secret_key' ] ],
			[ 'site', [ 'siteurl', 'home' ] ],
		] );
	} );

	it( 'leaves out groups with no secrets', () => {
		expect(
			groupSecrets( [ secret( { name: 'AUTH_KEY' } ) ] )
		).toHaveLength( 1 );
	} );
} );
