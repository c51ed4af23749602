import { fixtureSecret as secret } from '../../test-utils/fixtures';
import { SALT_GENERATOR_URL, adviceFor, isProblem } from '../advice';

describe( 'adviceFor', () => {
	it( 'tells to add unique keys to wp-config.php when a key is still the default phrase', () => {
		const [ advice ] = adviceFor( [
			secret( {
				name: 'AUTH_KEY',
				source: 'generated',
				strength: 'default',
			} ),
		] );
		expect( advice?.text ).toBe(
			'AUTH_KEY is still the default phrase: WordPress ignores it and uses a generated value stored in the database. Add unique keys to wp-config.php.'
		);
		expect( advice?.level ).toBe( 'warning' );
		expect( advice?.link ).toBe( SALT_GENERATOR_URL );
	} );

	it( 'merges secrets with the same problem into one piece of advice', () => {
		const advice = adviceFor( [
			secret( {
				name: 'AUTH_SALT',
				source: 'generated',
				strength: 'default',
			} ),
			secret( {
				name: 'AUTH_KEY',
				source: 'generated',
				strength: 'default',
			} ),
		] );
		expect( advice ).toHaveLength( 1 );
		expect( advice[ 0 ]?.text ).toMatch(
			/^AUTH_KEY and AUTH_SALT are still the default phrase: WordPress ignores them/
		);
	} );

	it( 'says a duplicated key is ignored by WordPress', () => {
		const [ advice ] = adviceFor( [
			secret( {
				name: 'NONCE_SALT',
				source: 'generated',
				strength: 'duplicate',
			} ),
		] );
		expect( advice?.text ).toContain(
			'NONCE_SALT has the same value as another key: WordPress ignores it'
		);
		expect( advice?.text ).toContain( 'its own unique value' );
	} );

	it( 'treats a weak token secret as urgent because tokens can be forged', () => {
		const [ advice ] = adviceFor( [
			secret( {
				name: 'JWT_AUTH_SECRET_KEY',
				group: 'token',
				strength: 'weak',
			} ),
		] );
		expect( advice?.level ).toBe( 'error' );
		expect( advice?.text ).toContain(
			'can forge tokens this site accepts'
		);
		expect( advice?.link ).toBeNull();
	} );

	it( 'warns about keys WordPress generated into the database, and says how to rotate them', () => {
		// What the REST route sends for a key missing from wp-config.php.
		const [ advice ] = adviceFor( [
			secret( {
				name: 'AUTH_KEY',
				source: 'generated',
				strength: 'missing',
			} ),
			secret( {
				name: 'AUTH_SALT',
				source: 'generated',
				strength: 'missing',
			} ),
		] );
		expect( advice?.level ).toBe( 'warning' );
		expect( advice?.text ).toContain( '(options auth_key and auth_salt)' );
		expect( advice?.text ).toContain( 'define them in wp-config.php' );
		expect( advice?.text ).toContain(
			'To rotate them meanwhile, delete those options'
		);
	} );

	it( 'does not count an unused token secret as a problem', () => {
		const missing = secret( {
			name: 'woocommerce_pos_secret_key',
			group: 'token',
			source: 'missing',
			strength: 'missing',
		} );
		expect( isProblem( missing ) ).toBe( false );
		const [ advice ] = adviceFor( [ missing ] );
		expect( advice?.level ).toBe( 'info' );
		expect( advice?.text ).toContain(
			'expected if no plugin on this site uses it'
		);
	} );

	it( 'has nothing to say about strong keys in wp-config.php', () => {
		expect(
			adviceFor( [
				secret( { name: 'AUTH_KEY' } ),
				secret( { name: 'AUTH_SALT' } ),
			] )
		).toEqual( [] );
	} );

	it( 'puts the most urgent advice first', () => {
		const advice = adviceFor( [
			secret( {
				name: 'woocommerce_pos_secret_key',
				group: 'token',
				source: 'missing',
				strength: 'missing',
			} ),
			secret( {
				name: 'LOGGED_IN_KEY',
				source: 'generated',
				strength: 'duplicate',
			} ),
			secret( { name: 'SECURE_AUTH_KEY', strength: 'weak' } ),
		] );
		expect( advice.map( ( item ) => item.level ) ).toEqual( [
			'error',
			'warning',
			'info',
		] );
	} );
} );
