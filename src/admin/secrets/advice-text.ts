/**
 * The sentences of the secrets advice, singular and plural.
 */
import { _n, sprintf } from '@wordpress/i18n';

import type { SecretGroup } from '../data/secrets/types';
import { formatList } from '../utils/list';
import type { AdviceKind } from './advice';
import { secretName } from './labels';

/**
 * Writes the advice for secrets of one group sharing one problem.
 *
 * @param group Group of the secrets.
 * @param kind  Their problem.
 * @param names Their names, at least one.
 * @return The advice, naming the secrets.
 */
export function adviceText(
	group: SecretGroup,
	kind: AdviceKind,
	names: readonly string[]
): string {
	const n = names.length;
	const list = formatList( names.map( secretName ) );
	switch ( `${ group }:${ kind }` ) {
		case 'salt:default':
			return sprintf(
				/* translators: %s: names of WordPress keys or salts, e.g. "AUTH_KEY and AUTH_SALT". */
				_n(
					'%s is still the default phrase: WordPress ignores it and uses a generated value stored in the database. Add unique keys to wp-config.php.',
					'%s are still the default phrase: WordPress ignores them and uses generated values stored in the database. Add unique keys to wp-config.php.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'salt:duplicate':
			return sprintf(
				/* translators: %s: names of WordPress keys or salts. */
				_n(
					'%s has the same value as another key: WordPress ignores it and uses a generated value stored in the database. Give every key in wp-config.php its own unique value.',
					'%s share their values with other keys: WordPress ignores them and uses generated values stored in the database. Give every key in wp-config.php its own unique value.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'salt:weak':
			return sprintf(
				/* translators: %s: names of WordPress keys or salts. */
				_n(
					'%s is short or has little variety, which makes login cookies easier to forge. Replace it in wp-config.php with a long random value.',
					'%s are short or have little variety, which makes login cookies easier to forge. Replace them in wp-config.php with long random values.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'salt:missing':
			return sprintf(
				/* translators: %s: names of WordPress keys or salts. */
				_n(
					'%s is not set anywhere yet. WordPress generates a value and stores it in the database the first time it is needed; to choose it yourself, define it in wp-config.php.',
					'%s are not set anywhere yet. WordPress generates values and stores them in the database the first time they are needed; to choose them yourself, define them in wp-config.php.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'salt:generated':
			return sprintf(
				/* translators: 1: names of WordPress keys or salts, 2: names of the database options holding them. */
				_n(
					'%1$s is not defined in wp-config.php: WordPress generated it and keeps it in the database (option %2$s). Sign-in works, but anyone who can read the database could forge sign-in cookies: define it in wp-config.php. To rotate it meanwhile, delete that option and WordPress generates a new value.',
					'%1$s are not defined in wp-config.php: WordPress generated them and keeps them in the database (options %2$s). Sign-in works, but anyone who can read the database could forge sign-in cookies: define them in wp-config.php. To rotate them meanwhile, delete those options and WordPress generates new values.',
					n,
					'auth-sentinel'
				),
				list,
				formatList( names.map( ( name ) => name.toLowerCase() ) )
			);
		case 'token:weak':
			return sprintf(
				/* translators: %s: names of token signing secrets. */
				_n(
					'%s is short or has little variety: anyone who guesses it can forge tokens this site accepts. Replace it with a long random value.',
					'%s are short or have little variety: anyone who guesses them can forge tokens this site accepts. Replace them with long random values.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'token:default':
			return sprintf(
				/* translators: %s: names of token signing secrets. */
				_n(
					'%s is still a placeholder value that others know too: anyone can forge tokens this site accepts. Replace it with a long random value.',
					'%s are still placeholder values that others know too: anyone can forge tokens this site accepts. Replace them with long random values.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'token:duplicate':
			return sprintf(
				/* translators: %s: names of token signing secrets. */
				_n(
					'%s has the same value as another secret, so whoever learns one knows both. Give each secret its own long random value.',
					'%s share their values with other secrets, so whoever learns one knows the others. Give each secret its own long random value.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'token:missing':
			return sprintf(
				/* translators: %s: names of token signing secrets. */
				_n(
					'%s is not set. That is expected if no plugin on this site uses it; a plugin that does cannot issue or check tokens until it is set.',
					'%s are not set. That is expected if no plugin on this site uses them; a plugin that does cannot issue or check tokens until they are set.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'site:missing':
			return sprintf(
				/* translators: %s: "siteurl", "home" or both. */
				_n(
					'%s is not set in the database. WordPress needs it to build links, and token plugins write it into every token as the issuer.',
					'%s are not set in the database. WordPress needs them to build links, and token plugins write them into every token as the issuer.',
					n,
					'auth-sentinel'
				),
				list
			);
	}
	return genericText( kind, n, list );
}

/**
 * Writes advice for combinations the server is not expected to send.
 *
 * @param kind Problem.
 * @param n    Number of secrets.
 * @param list Their names.
 * @return The advice.
 */
function genericText( kind: AdviceKind, n: number, list: string ): string {
	switch ( kind ) {
		case 'weak':
			return sprintf(
				/* translators: %s: names of secrets. */
				_n(
					'%s is short or has little variety. Replace it with a long random value.',
					'%s are short or have little variety. Replace them with long random values.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'default':
			return sprintf(
				/* translators: %s: names of secrets. */
				_n(
					'%s still has its default value. Replace it with a unique value.',
					'%s still have their default values. Replace them with unique values.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'duplicate':
			return sprintf(
				/* translators: %s: names of secrets. */
				_n(
					'%s has the same value as another secret. Give each secret its own value.',
					'%s share their values with other secrets. Give each secret its own value.',
					n,
					'auth-sentinel'
				),
				list
			);
		case 'missing':
			return sprintf(
				/* translators: %s: names of secrets. */
				_n( '%s is not set.', '%s are not set.', n, 'auth-sentinel' ),
				list
			);
		case 'generated':
			return sprintf(
				/* translators: %s: names of secrets. */
				_n(
					'%s was generated by WordPress and is kept in the database.',
					'%s were generated by WordPress and are kept in the database.',
					n,
					'auth-sentinel'
				),
				list
			);
	}
}
