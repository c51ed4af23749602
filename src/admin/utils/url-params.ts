/**
 * The parameters a screen's URL state is declared with (url-state.ts): the
 * filters of its table, its search box, paging and sorting.
 */
import type { Filter, View } from '@wordpress/dataviews';

import {
	isPeriod,
	rangeFilter,
	timeFilterFromValue,
	timeFilterValue,
} from '../components/filters/time-filter';
import type { TimeFilter } from '../components/filters/time-filter';
import { oneOf } from '../data/guards';
import type { QueryArgs, StateParam } from './url-state';

/** The page sizes DataViews offers. */
export const PER_PAGE_CHOICES: readonly number[] = [ 10, 20, 50, 100 ];

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
 * Reads a whole number, also from its string form.
 *
 * @param value Anything.
 * @param min   The smallest accepted (0 or 1).
 * @return The number, or null.
 */
function wholeNumber( value: unknown, min: number ): number | null {
	let n: unknown = value;
	if ( typeof value === 'string' ) {
		n = /^\d+$/.test( value.trim() ) ? Number( value.trim() ) : null;
	}
	return typeof n === 'number' && Number.isInteger( n ) && n >= min
		? n
		: null;
}

/**
 * Builds the parameter of one `is` filter of the view, or of the address
 * alone when no field is given.
 *
 * @param arg             Its query argument.
 * @param parse           Reads a value from the address or the view; null if invalid.
 * @param initial         Its value when unset.
 * @param options         Where the view keeps it; whether it narrows the list.
 * @param options.field   The field it filters, or none.
 * @param options.narrows Whether it narrows the list (default true).
 * @return The parameter.
 */
function filterParam< T extends string | number | null >(
	arg: string,
	parse: ( value: unknown ) => T | null,
	initial: T,
	{ field, narrows = true }: { field?: string; narrows?: boolean }
): StateParam< T > {
	return {
		initial,
		args: [ arg ],
		read: ( args ) => parse( args[ arg ] ) ?? initial,
		write: ( value ) =>
			value === initial || value === null
				? {}
				: { [ arg ]: String( value ) },
		toView: ( value, view ) =>
			field === undefined || value === initial || value === null
				? view
				: {
						...view,
						filters: [
							...( view.filters ?? [] ),
							{ field, operator: 'is', value } as Filter,
						],
					},
		fromView: ( view, previous ) =>
			field === undefined
				? previous
				: ( parse( filterValue( view, field ) ) ?? initial ),
		narrows,
	};
}

/**
 * A choice among known values, e.g. a cause; null when unset, unless an
 * initial value is given (then that value is "unset").
 *
 * @param arg             Query argument.
 * @param values          The accepted values.
 * @param options         Field it filters; initial value.
 * @param options.field   The field it filters.
 * @param options.initial The value when unset.
 * @return The parameter.
 */
export function choice< T extends string >(
	arg: string,
	values: readonly T[],
	options: { field?: string; initial?: undefined }
): StateParam< T | null >;
export function choice< T extends string >(
	arg: string,
	values: readonly T[],
	options: { field?: string; initial: NoInfer< T > }
): StateParam< T >;
export function choice< T extends string >(
	arg: string,
	values: readonly T[],
	{ field, initial = null }: { field?: string; initial?: T | null }
): StateParam< T | null > {
	return filterParam< T | null >(
		arg,
		( value ) => oneOf( value, values ),
		initial,
		{ field }
	);
}

/**
 * A user id (1 and up), or with `zero` also 0 (e.g. "the system").
 *
 * @param arg             Query argument.
 * @param options         Field it filters; whether 0 counts; whether it narrows.
 * @param options.field   The field it filters; none: the address only.
 * @param options.zero    Whether 0 is a value.
 * @param options.narrows Whether it narrows the list (default true).
 * @return The parameter.
 */
export function id(
	arg: string,
	{
		field,
		zero = false,
		narrows = true,
	}: { field?: string; zero?: boolean; narrows?: boolean }
): StateParam< number | null > {
	return filterParam< number | null >(
		arg,
		( value ) => wholeNumber( value, zero ? 0 : 1 ),
		null,
		{ field, narrows }
	);
}

/**
 * The app codes GET /events filters by (`code`): catalog codes, lowercase
 * slugs. The same pattern as the route's `code` argument
 * (EventsController::filter_params() in includes/Events/EventsController.php,
 * `^[a-z0-9_]{1,64}$`): any other value is answered with a 400 that no retry
 * can help.
 */
export const APP_CODE_PATTERN = /^[a-z0-9_]{1,64}$/;

/**
 * Reads an app code as the server takes it: trimmed and lowercased (a code
 * that only differs by case names the same catalog entry), or null when it
 * is still not one (e.g. `ABC!`, `token invalid`, 65 characters).
 *
 * @param value Anything, e.g. the `code` of an address.
 * @return The code, or null.
 */
export function appCode( value: unknown ): string | null {
	if ( typeof value !== 'string' ) {
		return null;
	}
	const slug = value.trim().toLowerCase();
	return APP_CODE_PATTERN.test( slug ) ? slug : null;
}

/**
 * An app code (appCode()), e.g. a catalog entry's; an address with one the
 * server refuses opens the list without that filter.
 *
 * @param arg           Query argument.
 * @param options       The field it filters.
 * @param options.field The field it filters.
 * @return The parameter.
 */
export function code(
	arg: string,
	{ field }: { field: string }
): StateParam< string | null > {
	return filterParam< string | null >( arg, appCode, null, { field } );
}

/**
 * A time filter: a period (`period=day`) or a range (`since`, `until`), kept
 * by the view as one filter value of a date field (time-filter.ts).
 *
 * @param field The date field that carries it.
 * @return The parameter.
 */
export function time( field: string ): StateParam< TimeFilter > {
	return {
		initial: null,
		args: [ 'period', 'since', 'until' ],
		read: ( args ) => {
			const range = rangeFilter( args.since, args.until );
			if ( range ) {
				return range;
			}
			return isPeriod( args.period )
				? { type: 'period', period: args.period }
				: null;
		},
		write: ( value ) => {
			if ( value?.type === 'period' ) {
				return { period: value.period };
			}
			const args: QueryArgs = {};
			if ( value?.since ) {
				args.since = value.since;
			}
			if ( value?.until ) {
				args.until = value.until;
			}
			return args;
		},
		// The time filter leads the view's filters.
		toView: ( value, view ) =>
			value
				? {
						...view,
						filters: [
							{
								field,
								operator: 'is',
								value: timeFilterValue( value ),
							},
							...( view.filters ?? [] ),
						],
					}
				: view,
		fromView: ( view ) => timeFilterFromValue( filterValue( view, field ) ),
		narrows: true,
	};
}

/**
 * The longest search the REST listings take, in characters: SEARCH_MAX of
 * includes/Rest/Controller.php (the routes' `search` has that maxLength, and a
 * longer one is answered with a 400 that no retry can help).
 */
export const SEARCH_MAX = 200;

/**
 * Cuts a search longer than the REST listings take to its first SEARCH_MAX
 * characters, leading spaces left out; a shorter one is returned as it is
 * (with the spaces of a search being typed). Characters are counted as the
 * server counts them (code points, as mb_strlen does), so no emoji is cut
 * in half.
 *
 * @param value The search, as typed, pasted or read from the address.
 * @return The search, at most SEARCH_MAX characters long.
 */
export function limitSearch( value: string ): string {
	const chars = Array.from( value );
	return chars.length > SEARCH_MAX
		? Array.from( value.trimStart() ).slice( 0, SEARCH_MAX ).join( '' )
		: value;
}

/**
 * The search as a REST listing is asked for it: trimmed, and at most
 * SEARCH_MAX characters long (limitSearch()); empty for no search.
 *
 * @param value The search of a screen's state.
 * @return The text to send.
 */
export function searchQuery( value: string ): string {
	return limitSearch( value ).trim();
}

/**
 * The search box (`search`), cut to SEARCH_MAX characters wherever it comes
 * from: the address (a shared link), the box (typed or pasted), a link.
 */
export const search: StateParam< string > = {
	initial: '',
	args: [ 'search' ],
	read: ( args ) => limitSearch( args.search ?? '' ),
	write: ( value ) => {
		const sent = searchQuery( value );
		return sent !== '' ? { search: sent } : {};
	},
	toView: ( value, view ) => ( { ...view, search: value } ),
	fromView: ( view ) => limitSearch( view.search ?? '' ),
	narrows: true,
};

/** The page number (`paged`, as core's list tables name it). */
export const page: StateParam< number > = {
	initial: 1,
	args: [ 'paged' ],
	read: ( args ) => wholeNumber( args.paged, 1 ) ?? 1,
	write: ( value ) => ( value !== 1 ? { paged: String( value ) } : {} ),
	toView: ( value, view ) => ( { ...view, page: value } ),
	fromView: ( view ) => Math.max( 1, view.page ?? 1 ),
	narrows: false,
};

/**
 * The page size (`per_page`), one of those DataViews offers.
 *
 * @param initial The default size.
 * @return The parameter.
 */
export function perPage( initial: number ): StateParam< number > {
	return {
		initial,
		args: [ 'per_page' ],
		read: ( args ) => {
			const n = wholeNumber( args.per_page, 1 );
			return n && PER_PAGE_CHOICES.includes( n ) ? n : initial;
		},
		write: ( value ) =>
			value !== initial ? { per_page: String( value ) } : {},
		toView: ( value, view ) => ( { ...view, perPage: value } ),
		fromView: ( view ) => view.perPage ?? initial,
		narrows: false,
	};
}

/**
 * The sort column (`orderby`), among those the server can sort by.
 *
 * @param values  The columns the server sorts by.
 * @param initial The default.
 * @return The parameter.
 */
export function orderBy< T extends string >(
	values: readonly T[],
	initial: T
): StateParam< T > {
	return {
		initial,
		args: [ 'orderby' ],
		read: ( args ) => oneOf( args.orderby, values ) ?? initial,
		write: ( value ) => ( value !== initial ? { orderby: value } : {} ),
		toView: ( value, view ) => ( {
			...view,
			sort: { field: value, direction: view.sort?.direction ?? 'desc' },
		} ),
		fromView: ( view ) => oneOf( view.sort?.field, values ) ?? initial,
		narrows: false,
	};
}

/**
 * The sort direction (`order`); declare it after orderBy(): a sort by a
 * column the server cannot sort by falls back to both defaults.
 *
 * @param initial The default.
 * @return The parameter.
 */
export function order( initial: 'asc' | 'desc' ): StateParam< 'asc' | 'desc' > {
	return {
		initial,
		args: [ 'order' ],
		read: ( args ) => oneOf( args.order, [ 'asc', 'desc' ] ) ?? initial,
		write: ( value ) => ( value !== initial ? { order: value } : {} ),
		toView: ( value, view ) => ( {
			...view,
			sort: { field: view.sort?.field ?? '', direction: value },
		} ),
		fromView: ( view, previous, state ) =>
			view.sort && view.sort.field === state.orderby
				? view.sort.direction
				: initial,
		narrows: false,
	};
}

/**
 * The search box, the page number and the page size of a table.
 *
 * @param size The default page size.
 * @return The parameters `search`, `page` and `perPage`.
 */
export function paging( size: number ) {
	return { search, page, perPage: perPage( size ) };
}

/**
 * The sorting of a table by the columns the server can sort by.
 *
 * @param values    The columns the server sorts by.
 * @param column    The default column.
 * @param direction The default direction.
 * @return The parameters `orderby` and `order`.
 */
export function sorting< T extends string >(
	values: readonly T[],
	column: T,
	direction: 'asc' | 'desc'
) {
	return { orderby: orderBy( values, column ), order: order( direction ) };
}
