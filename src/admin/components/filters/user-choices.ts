/**
 * The user filters of the tables: the users the loaded rows named so far,
 * offered as choices, and whichever user the address asked for.
 */
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/** One choice of a filter. */
export interface Choice< V > {
	value: V;
	label: string;
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

/**
 * Remembers the name of every user the loaded rows named, so a user filter
 * can offer them all, not only those of the current page.
 *
 * @param items   The rows loaded.
 * @param usersOf Names the users of one row: [ id, name ] pairs. Must be
 *                stable (module level).
 * @return Names by user id, seen so far.
 */
export function useSeenUsers< T >(
	items: readonly T[],
	usersOf: ( item: T ) => Array< [ number, string ] >
): ReadonlyMap< number, string > {
	const [ seen, setSeen ] = useState< ReadonlyMap< number, string > >(
		() => new Map()
	);
	useEffect( () => {
		const found = items.flatMap( usersOf );
		setSeen( ( previous ) => {
			const fresh = found.filter( ( [ id ] ) => ! previous.has( id ) );
			if ( fresh.length === 0 ) {
				return previous;
			}
			const next = new Map( previous );
			for ( const [ id, name ] of fresh ) {
				next.set( id, name );
			}
			return next;
		} );
	}, [ items, usersOf ] );
	return seen;
}
