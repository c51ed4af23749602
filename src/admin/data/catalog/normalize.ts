/**
 * Checks error catalog entries from `GET /catalog` and `GET /catalog/{code}`.
 */
import { CAUSES } from '../events/types';
import type { CatalogEntry, FixAudience } from './types';
import { isRecord, listOf, oneOf, stringList, stringOrNull } from '../guards';

const AUDIENCES: readonly FixAudience[] = [ 'user', 'admin' ];

/**
 * Turns one raw catalog entry into a CatalogEntry.
 *
 * @param raw The parsed JSON entry.
 * @return The entry, or null when it has no code.
 */
export function normalizeCatalogEntry( raw: unknown ): CatalogEntry | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	const code = stringOrNull( raw.code );
	if ( ! code ) {
		return null;
	}
	return {
		code,
		title: stringOrNull( raw.title ) ?? code,
		aliases: stringList( raw.aliases ),
		meaning: stringOrNull( raw.meaning ) ?? '',
		causes: listOf( raw.causes, ( item ) => {
			const cause = isRecord( item ) ? oneOf( item.cause, CAUSES ) : null;
			const text = isRecord( item ) ? stringOrNull( item.text ) : null;
			return cause && text ? { cause, text } : null;
		} ),
		server_codes: listOf( raw.server_codes, ( item ) =>
			isRecord( item ) && stringOrNull( item.code )
				? {
						code: item.code as string,
						source: stringOrNull( item.source ) ?? '',
					}
				: null
		),
		how_to_fix: listOf( raw.how_to_fix, ( item ) => {
			if ( ! isRecord( item ) ) {
				return null;
			}
			const title = stringOrNull( item.title );
			const steps = stringList( item.steps );
			return title && steps.length > 0
				? {
						title,
						audience: oneOf( item.audience, AUDIENCES ) ?? 'user',
						steps,
					}
				: null;
		} ),
		related: stringList( raw.related ),
	};
}

/**
 * Turns a raw `GET /catalog` body into entries.
 *
 * @param raw The parsed JSON body: a list, or an object keyed by code.
 * @return The entries that could be understood.
 */
export function normalizeCatalog( raw: unknown ): CatalogEntry[] {
	const list = isRecord( raw ) ? Object.values( raw ) : raw;
	return listOf( list, normalizeCatalogEntry );
}
