import { effectOfName, groupOfName } from '../known-secrets';
import { secretLabel, secretName } from '../labels';

describe( 'the names of the watched secrets', () => {
	it( 'names every token plugin’s signing secret plainly', () => {
		expect( secretLabel( 'simple_jwt_login_decryption_key' ) ).toBe(
			'Simple JWT Login signing key'
		);
		expect( secretLabel( 'JWT_AUTH_SECRET_KEY' ) ).toBe(
			'JWT Authentication signing key'
		);
		expect( secretLabel( 'woocommerce_pos_secret_key' ) ).toBe(
			'WooCommerce POS signing key'
		);
		expect( secretLabel( 'woocommerce_pos_refresh_secret_key' ) ).toBe(
			'WooCommerce POS refresh token signing key'
		);
	} );

	it( 'keeps the names an administrator knows as they are', () => {
		for ( const name of [ 'AUTH_KEY', 'NONCE_SALT', 'siteurl', 'home' ] ) {
			expect( secretLabel( name ) ).toBeNull();
			expect( secretName( name ) ).toBe( name );
		}
		expect( secretName( 'SOMETHING_NEW' ) ).toBe( 'SOMETHING_NEW' );
	} );

	it( 'knows Simple JWT Login’s key as a token secret', () => {
		expect( groupOfName( 'simple_jwt_login_decryption_key' ) ).toBe(
			'token'
		);
		expect( effectOfName( 'simple_jwt_login_decryption_key' ) ).toBe(
			'tokens'
		);
	} );
} );
