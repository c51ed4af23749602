/**
 * The choices of the Errors code filter: the catalog entries, and whatever
 * code the address asked for.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { Choice } from '../components/filters/user-choices';
import type { CatalogEntry } from '../data/catalog/types';

/**
 * Lists the catalog entries to filter by, and the requested code when the
 * catalog does not have it (yet).
 *
 * @param catalog The catalog entries.
 * @param current The code filtered by, or null.
 * @return Choices labelled "Title (code)".
 */
export function codeChoices(
	catalog: readonly CatalogEntry[],
	current: string | null
): Choice< string >[] {
	const choices = catalog.map( ( entry ) => ( {
		value: entry.code,
		label:
			entry.title === entry.code
				? entry.code
				: sprintf(
						/* translators: 1: catalog entry title, 2: its code. */
						__( '%1$s (%2$s)', 'auth-sentinel' ),
						entry.title,
						entry.code
					),
	} ) );
	if ( current && ! choices.some( ( choice ) => choice.value === current ) ) {
		choices.push( { value: current, label: current } );
	}
	return choices;
}
