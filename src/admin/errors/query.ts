/**
 * Maps the DataViews view of the Errors table to the screen state (and so to
 * the address) and to the `GET /events` query, and back.
 */
import type { Filter, View } from '@wordpress/dataviews';

import { CAUSES } from '../events/causes';
import { SOURCES } from '../events/sources';
import type { EventsQuery } from '../types';
import { DEFAULT_STATE, ORDER_BY } from './url-state';
import type { ErrorsState } from './url-state';
import {
	timeBounds,
	timeFilterFromValue,
	timeFilterValue,
} from './time-filter';

/** Ids of the table's fields; `last_seen` also carries the time filter. */
export const FIELD = {
	lastSeen: 'last_seen',
	firstSeen: 'first_seen',
	cause: 'cause',
	code: 'code',
	user: 'user',
	client: 'client',
	source: 'source',
	count: 'count',
	ip: 'ip',
} as const;

/** The view before the address changes it. */
export const DEFAULT_VIEW: View = {
	type: 'table',
	page: DEFAULT_STATE.page,
	perPage: DEFAULT_STATE.perPage,
	search: '',
	filters: [],
	sort: { field: FIELD.lastSeen, direction: 'desc' },
	fields: [
		FIELD.lastSeen,
		FIELD.cause,
		FIELD.code,
		FIELD.user,
		FIELD.client,
		FIELD.source,
		FIELD.count,
		FIELD.ip,
	],
	layout: {},
};

function filter( field: string, value: string | number ): Filter {
	return { field, operator: 'is', value };
}

/**
 * Applies the screen state to a view: filters, search, sorting and paging.
 * Columns and layout of the base view are kept.
 *
 * @param state The screen state.
 * @param base  The view to start from.
 * @return The view.
 */
export function viewFromState(
	state: ErrorsState,
	base: View = DEFAULT_VIEW
): View {
	const filters: Filter[] = [];
	if ( state.time ) {
		filters.push( filter( FIELD.lastSeen, timeFilterValue( state.time ) ) );
	}
	if ( state.cause ) {
		filters.push( filter( FIELD.cause, state.cause ) );
	}
	if ( state.code ) {
		filters.push( filter( FIELD.code, state.code ) );
	}
	if ( state.source ) {
		filters.push( filter( FIELD.source, state.source ) );
	}
	if ( state.user ) {
		filters.push( filter( FIELD.user, state.user ) );
	}
	return {
		...base,
		filters,
		search: state.search,
		page: state.page,
		perPage: state.perPage,
		sort: { field: state.orderby, direction: state.order },
	};
}

/**
 * Finds the value of the filter on a field. DataViews keeps a single value
 * for `is` and a list for the other operators; only `is` counts here.
 *
 * @param view  The view.
 * @param field Field id.
 * @return The value, or undefined when the field is not filtered.
 */
function filterValue( view: View, field: string ): unknown {
	const found = view.filters?.find(
		( item ) => item.field === field && item.operator === 'is'
	);
	const value: unknown = found?.value;
	return Array.isArray( value ) ? value[ 0 ] : value;
}

function known< T extends string >(
	value: unknown,
	allowed: readonly T[]
): T | null {
	return typeof value === 'string' &&
		( allowed as readonly string[] ).includes( value )
		? ( value as T )
		: null;
}

function userId( value: unknown ): number | null {
	const id = typeof value === 'string' ? Number( value ) : value;
	return typeof id === 'number' && Number.isInteger( id ) && id > 0
		? id
		: null;
}

/**
 * Reads the screen state from a view.
 *
 * @param view The view DataViews reports.
 * @return The state.
 */
export function stateFromView( view: View ): ErrorsState {
	const code = filterValue( view, FIELD.code );
	const sortField = known( view.sort?.field, ORDER_BY );
	return {
		cause: known( filterValue( view, FIELD.cause ), CAUSES ),
		code: typeof code === 'string' && code !== '' ? code : null,
		source: known( filterValue( view, FIELD.source ), SOURCES ),
		user: userId( filterValue( view, FIELD.user ) ),
		time: timeFilterFromValue( filterValue( view, FIELD.lastSeen ) ),
		search: view.search ?? '',
		page: Math.max( 1, view.page ?? DEFAULT_STATE.page ),
		perPage: view.perPage ?? DEFAULT_STATE.perPage,
		orderby: sortField ?? DEFAULT_STATE.orderby,
		order: sortField
			? ( view.sort?.direction ?? DEFAULT_STATE.order )
			: DEFAULT_STATE.order,
	};
}

/**
 * Builds the `GET /events` query of a screen state.
 *
 * @param state The screen state.
 * @param now   The current time, which periods count back from.
 * @return The REST query.
 */
export function restQueryFromState(
	state: ErrorsState,
	now: Date
): EventsQuery {
	const search = state.search.trim();
	return {
		page: state.page,
		per_page: Math.min( 100, state.perPage ),
		orderby: state.orderby,
		order: state.order,
		...( state.cause ? { cause: state.cause } : {} ),
		...( state.code ? { code: state.code } : {} ),
		...( state.source ? { source: state.source } : {} ),
		...( state.user ? { user: state.user } : {} ),
		...timeBounds( state.time, now ),
		...( search ? { search } : {} ),
	};
}

/**
 * Builds the `GET /events` query of a view.
 *
 * @param view The view DataViews reports.
 * @param now  The current time.
 * @return The REST query.
 */
export function restQueryFromView( view: View, now: Date ): EventsQuery {
	return restQueryFromState( stateFromView( view ), now );
}

/**
 * Sends a changed view back to the first page when its filters or search
 * changed, so a narrower list never opens on a page past its end.
 *
 * @param previous The view before the change.
 * @param next     The view after it.
 * @return The next view, on page 1 when the filters changed.
 */
export function resetPageOnFilterChange( previous: View, next: View ): View {
	const before = stateFromView( previous );
	const after = stateFromView( next );
	const narrowed =
		JSON.stringify( { ...before, page: 0, perPage: 0 } ) !==
		JSON.stringify( { ...after, page: 0, perPage: 0 } );
	return narrowed && after.page !== 1 ? { ...next, page: 1 } : next;
}
