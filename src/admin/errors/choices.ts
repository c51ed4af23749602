/**
 * The choices of the Errors filters that depend on data: catalog entries,
 * the users seen, and whatever the address asked for.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { CatalogEntry } from '../types';

export interface Choice< V > {
	value: V;
	label: string;
}

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

/**
 * Lists the users to filter by: those seen so far, and the requested id.
 *
 * @param seen    Names of the users seen, by id.
 * @param current The user id filtered by, or null.
 * @return Choices sorted by name.
 */
export function userChoices(
	seen: ReadonlyMap< number, string >,
	current: number | null
): Choice< number >[] {
	const choices = Array.from( seen, ( [ value, label ] ) => ( {
		value,
		label,
	} ) ).sort( ( a, b ) => a.label.localeCompare( b.label ) );
	if ( current && ! seen.has( current ) ) {
		choices.push( {
			value: current,
			/* translators: %d: user id. */
			label: sprintf( __( 'User #%d', 'auth-sentinel' ), current ),
		} );
	}
	return choices;
}
