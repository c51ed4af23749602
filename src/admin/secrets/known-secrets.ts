/**
 * What is known about each watched secret: its family, its place in the
 * list, and what changing it does to the people and apps signed in.
 */
import type { SecretGroup } from '../data/secrets/types';

/** The eight WordPress keys and salts, in wp-config.php order. */
export const SALT_NAMES: readonly string[] = [
	'AUTH_KEY',
	'SECURE_AUTH_KEY',
	'LOGGED_IN_KEY',
	'NONCE_KEY',
	'AUTH_SALT',
	'SECURE_AUTH_SALT',
	'LOGGED_IN_SALT',
	'NONCE_SALT',
];

/** Secrets token plugins sign with (named in labels.ts, secretLabel()). */
export const TOKEN_NAMES: readonly string[] = [
	'JWT_AUTH_SECRET_KEY',
	'woocommerce_pos_secret_key',
	'woocommerce_pos_refresh_secret_key',
	'simple_jwt_login_decryption_key',
];

/** The site address options tokens are issued for. */
export const SITE_NAMES: readonly string[] = [ 'siteurl', 'home' ];

/** Display order of the groups. */
export const GROUP_ORDER: readonly SecretGroup[] = [ 'salt', 'token', 'site' ];

/**
 * What a change of a secret does.
 *
 * - `sign-out`: cookie keys and salts; every login cookie stops working.
 * - `nonces`: nonce key and salt; open forms and REST nonces stop working.
 * - `tokens`: token signing secrets; every token signed with it is rejected.
 * - `issuer`: site address; tokens look as if another site issued them.
 */
export type ChangeEffect = 'sign-out' | 'nonces' | 'tokens' | 'issuer';

/** From most to least disruptive. */
export const EFFECT_ORDER: readonly ChangeEffect[] = [
	'sign-out',
	'tokens',
	'issuer',
	'nonces',
];

const KNOWN_NAMES: readonly string[] = [
	...SALT_NAMES,
	...TOKEN_NAMES,
	...SITE_NAMES,
];

/**
 * Finds the group of a known secret name.
 *
 * @param name Secret name.
 * @return Its group, or null for a name this screen does not know.
 */
export function groupOfName( name: string ): SecretGroup | null {
	if ( SALT_NAMES.includes( name ) ) {
		return 'salt';
	}
	if ( TOKEN_NAMES.includes( name ) ) {
		return 'token';
	}
	if ( SITE_NAMES.includes( name ) ) {
		return 'site';
	}
	return null;
}

/**
 * Tells what changing a secret does.
 *
 * @param name  Secret name.
 * @param group Its group, when the server sent one.
 * @return The effect, or null when unknown.
 */
export function effectOfName(
	name: string,
	group: SecretGroup | null = groupOfName( name )
): ChangeEffect | null {
	switch ( group ) {
		case 'salt':
			return name.startsWith( 'NONCE_' ) ? 'nonces' : 'sign-out';
		case 'token':
			return 'tokens';
		case 'site':
			return 'issuer';
		default:
			return null;
	}
}

/**
 * Lists the distinct effects of changing some secrets, most disruptive first.
 *
 * @param names Secret names.
 * @return The effects.
 */
export function effectsOfNames( names: readonly string[] ): ChangeEffect[] {
	const found = new Set(
		names.map( ( name ) => effectOfName( name ) ).filter( Boolean )
	);
	return EFFECT_ORDER.filter( ( effect ) => found.has( effect ) );
}

/**
 * Sorts secret names into the order used on screen: known names in their
 * canonical order, unknown names after them alphabetically.
 *
 * @param a First name.
 * @param b Second name.
 * @return A comparison result for Array.prototype.sort.
 */
export function compareNames( a: string, b: string ): number {
	const rank = ( name: string ): number => {
		const index = KNOWN_NAMES.indexOf( name );
		return index === -1 ? KNOWN_NAMES.length : index;
	};
	return rank( a ) - rank( b ) || a.localeCompare( b );
}
