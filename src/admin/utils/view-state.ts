/**
 * Helpers shared by the tables whose DataViews view is kept in the page
 * address: reading filter values and query arguments.
 */
import type { Filter, View } from '@wordpress/dataviews';
import { getQueryArgs } from '@wordpress/url';

/** The page sizes DataViews offers. */
export const PER_PAGE_CHOICES: readonly number[] = [ 10, 20, 50, 100 ];

/**
 * Builds an `is` filter.
 *
 * @param field Field id.
 * @param value The value.
 * @return The filter.
 */
export function isFilter( field: string, value: string | number ): Filter {
	return { field, operator: 'is', value };
}

/**
 * Finds the value of the `is` filter on a field. DataViews keeps a single
 * value for `is` and a list for the other operators; only `is` counts.
 *
 * @param view  The view.
 * @param field Field id.
 * @return The value, or undefined when the field is not filtered.
 */
export function filterValue( view: View, field: string ): unknown {
	const found = view.filters?.find(
		( item ) => item.field === field && item.operator === 'is'
	);
	const value: unknown = found?.value;
	return Array.isArray( value ) ? value[ 0 ] : value;
}

/**
 * Returns a value when it is one of the allowed strings.
 *
 * @param value   Anything.
 * @param allowed The accepted strings.
 * @return The value, or null.
 */
export function known< T extends string >(
	value: unknown,
	allowed: readonly T[]
): T | null {
	return typeof value === 'string' &&
		( allowed as readonly string[] ).includes( value )
		? ( value as T )
		: null;
}

/**
 * Reads a positive whole number, also from its string form.
 *
 * @param value Anything.
 * @return The number, or null.
 */
export function positiveInt( value: unknown ): number | null {
	let n: unknown = value;
	if ( typeof value === 'string' ) {
		n = /^\d+$/.test( value.trim() ) ? Number( value.trim() ) : null;
	}
	return typeof n === 'number' && Number.isInteger( n ) && n > 0 ? n : null;
}

/**
 * Reads a whole number, zero or more, also from its string form.
 *
 * @param value Anything.
 * @return The number, or null.
 */
export function nonNegativeInt( value: unknown ): number | null {
	if ( value === 0 || value === '0' ) {
		return 0;
	}
	return positiveInt( value );
}

/**
 * Reads the non-empty, trimmed string query arguments of an address.
 *
 * @param href  The address.
 * @param names The arguments to read.
 * @return The values by name.
 */
export function readArgs< N extends string >(
	href: string,
	names: readonly N[]
): Partial< Record< N, string > > {
	const raw = getQueryArgs( href ) as Record< string, unknown >;
	const args: Partial< Record< N, string > > = {};
	for ( const name of names ) {
		const value = raw[ name ];
		if ( typeof value === 'string' && value.trim() !== '' ) {
			args[ name ] = value.trim();
		}
	}
	return args;
}

/**
 * Reads a page size the table offers.
 *
 * @param value    The query argument.
 * @param fallback The default size.
 * @return The size.
 */
export function perPageOf( value: string | undefined, fallback: number ) {
	const n = positiveInt( value );
	return n && PER_PAGE_CHOICES.includes( n ) ? n : fallback;
}
