/**
 * Reads one page of a REST collection: its items, checked one by one, and
 * the totals of the X-WP-Total and X-WP-TotalPages headers.
 */
import { listOf } from './guards';

/** One page of a collection with the totals of its headers. */
export interface Page< T > {
	items: T[];
	/** X-WP-Total. */
	total: number;
	/** X-WP-TotalPages. */
	totalPages: number;
	/**
	 * True when more rows match than `total` (the server stopped counting at
	 * X-Auth-Sentinel-Total-Bound); the screen says "more than".
	 */
	more?: boolean;
}

/**
 * Reads a count header.
 *
 * @param value The header, or null when it is missing.
 * @return The count, or null when it is not a whole number.
 */
export function headerCount( value: string | null ): number | null {
	if ( value === null || value.trim() === '' ) {
		return null;
	}
	const count = Number( value );
	return Number.isInteger( count ) && count >= 0 ? count : null;
}

/**
 * Turns a collection body and its paging headers into a Page.
 *
 * @param raw        The parsed JSON body.
 * @param total      The X-WP-Total header.
 * @param totalPages The X-WP-TotalPages header.
 * @param mapper     Turns one raw item into a value, or null to drop it.
 * @return The page; totals fall back to what the body holds.
 */
export function normalizePage< T >(
	raw: unknown,
	total: string | null,
	totalPages: string | null,
	mapper: ( item: unknown ) => T | null
): Page< T > {
	const items = listOf( raw, ( item ) => mapper( item ) );
	const count = headerCount( total ) ?? items.length;
	return {
		items,
		total: count,
		totalPages: headerCount( totalPages ) ?? ( count > 0 ? 1 : 0 ),
	};
}
