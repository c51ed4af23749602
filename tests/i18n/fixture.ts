/**
 * Input for `php bin/make-pot.php --self-test`: TypeScript without JSX, where "<" is never JSX.
 */
import { __ } from '@wordpress/i18n';

declare const value: unknown;

const size = <number>value; // A type assertion, not JSX.
const list: Array< string > = [];
const re = /\/'/;

export const messages = {
	// translators: %s: a file name.
	saved: __( 'Saved %s', 'auth-sentinel' ),
	plain: __( 'Plain string', 'auth-sentinel' ),
	size: size < 3 ? __( 'Small', 'auth-sentinel' ) : __( 'Large', 'auth-sentinel' ),
	nested: `${ __( 'Inside a template', 'auth-sentinel' ) } and ${ list.length }`,
	escaped: re.test( '\'' ) ? __( 'Tab\there', 'auth-sentinel' ) : '',
};
