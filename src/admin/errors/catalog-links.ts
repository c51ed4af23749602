/**
 * Finds catalog entries by any of their names, and the Errors filter that
 * shows their failures.
 */
import type { CatalogEntry } from '../data/catalog/types';
import type { ErrorsState } from './url-state';

/**
 * Finds an entry by its code, one of its app aliases or one of its server
 * codes, ignoring case.
 *
 * @param catalog The catalog.
 * @param name    A code, alias (e.g. "API02003") or server code.
 * @return The entry, or undefined.
 */
export function findEntry(
	catalog: readonly CatalogEntry[],
	name: string
): CatalogEntry | undefined {
	const wanted = name.toLowerCase();
	const is = ( value: string ) => value.toLowerCase() === wanted;
	return (
		catalog.find( ( entry ) => is( entry.code ) ) ??
		catalog.find(
			( entry ) =>
				entry.aliases.some( is ) ||
				entry.server_codes.some( ( server ) => is( server.code ) )
		)
	);
}

/**
 * Picks the Errors filter for an entry name: the entry itself when the
 * catalog knows it, else a search (the server matches aliases too).
 *
 * @param catalog The catalog.
 * @param name    A code, alias or server code.
 * @return Part of the Errors state.
 */
export function entryFilter(
	catalog: readonly CatalogEntry[],
	name: string
): Partial< ErrorsState > {
	const entry = findEntry( catalog, name );
	return entry ? { code: entry.code } : { search: name };
}
