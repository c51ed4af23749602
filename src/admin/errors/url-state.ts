/**
 * The state of the Errors screen in its address, so an administrator can
 * share or bookmark a filtered view and the Overview can link to one:
 * `&cause=expired&period=day&search=API02003&paged=2`.
 */
import { addQueryArgs, getQueryArgs, removeQueryArgs } from '@wordpress/url';

import { CAUSES } from '../events/causes';
import { SOURCES } from '../events/sources';
import type { EventsOrderBy, FailureCause, FailureSource } from '../types';
import { isPeriod, rangeFilter } from './time-filter';
import type { TimeFilter } from './time-filter';

export interface ErrorsFilters {
	cause: FailureCause | null;
	/** Catalog entry code. */
	code: string | null;
	source: FailureSource | null;
	/** User id. */
	user: number | null;
	time: TimeFilter;
	search: string;
}

export interface ErrorsState extends ErrorsFilters {
	page: number;
	perPage: number;
	orderby: EventsOrderBy;
	order: 'asc' | 'desc';
}

export const ORDER_BY: readonly EventsOrderBy[] = [
	'last_seen',
	'first_seen',
	'count',
];

/** The page sizes DataViews offers. */
export const PER_PAGE_CHOICES: readonly number[] = [ 10, 20, 50, 100 ];

export const DEFAULT_STATE: ErrorsState = {
	cause: null,
	code: null,
	source: null,
	user: null,
	time: null,
	search: '',
	page: 1,
	perPage: 20,
	orderby: 'last_seen',
	order: 'desc',
};

/** Every query argument this screen owns; `page` belongs to WordPress. */
const ARGS = [
	'cause',
	'code',
	'source',
	'user',
	'period',
	'since',
	'until',
	'search',
	'paged',
	'per_page',
	'orderby',
	'order',
] as const;

type Args = Partial< Record< ( typeof ARGS )[ number ], string > >;

function oneOf< T extends string >(
	value: string | undefined,
	allowed: readonly T[]
): T | null {
	return value !== undefined &&
		( allowed as readonly string[] ).includes( value )
		? ( value as T )
		: null;
}

function positiveInt( value: string | undefined ): number | null {
	const n =
		value !== undefined && /^\d+$/.test( value ) ? Number( value ) : 0;
	return n > 0 ? n : null;
}

function readArgs( href: string ): Args {
	const raw = getQueryArgs( href ) as Record< string, unknown >;
	const args: Args = {};
	for ( const name of ARGS ) {
		const value = raw[ name ];
		if ( typeof value === 'string' && value.trim() !== '' ) {
			args[ name ] = value.trim();
		}
	}
	return args;
}

function readTime( args: Args ): TimeFilter {
	const range = rangeFilter( args.since, args.until );
	if ( range ) {
		return range;
	}
	return isPeriod( args.period )
		? { type: 'period', period: args.period }
		: null;
}

/**
 * Reads the screen state from an address; what is missing or invalid takes
 * its default.
 *
 * @param href The page address.
 * @return The state.
 */
export function readErrorsState( href: string ): ErrorsState {
	const args = readArgs( href );
	const perPage = positiveInt( args.per_page );
	return {
		cause: oneOf( args.cause, CAUSES ),
		code: args.code ?? null,
		source: oneOf( args.source, SOURCES ),
		user: positiveInt( args.user ),
		time: readTime( args ),
		search: args.search ?? '',
		page: positiveInt( args.paged ) ?? DEFAULT_STATE.page,
		perPage:
			perPage && PER_PAGE_CHOICES.includes( perPage )
				? perPage
				: DEFAULT_STATE.perPage,
		orderby: oneOf( args.orderby, ORDER_BY ) ?? DEFAULT_STATE.orderby,
		order: oneOf( args.order, [ 'asc', 'desc' ] ) ?? DEFAULT_STATE.order,
	};
}

/**
 * Lists the query arguments of a state that differ from the defaults.
 *
 * @param state The state, or part of it.
 * @return The arguments, as strings.
 */
export function errorsStateArgs( state: Partial< ErrorsState > ): Args {
	const full = { ...DEFAULT_STATE, ...state };
	const args: Args = {};
	if ( full.cause ) {
		args.cause = full.cause;
	}
	if ( full.code ) {
		args.code = full.code;
	}
	if ( full.source ) {
		args.source = full.source;
	}
	if ( full.user ) {
		args.user = String( full.user );
	}
	if ( full.time?.type === 'period' ) {
		args.period = full.time.period;
	} else if ( full.time?.type === 'range' ) {
		if ( full.time.since ) {
			args.since = full.time.since;
		}
		if ( full.time.until ) {
			args.until = full.time.until;
		}
	}
	if ( full.search.trim() !== '' ) {
		args.search = full.search.trim();
	}
	if ( full.page !== DEFAULT_STATE.page ) {
		args.paged = String( full.page );
	}
	if ( full.perPage !== DEFAULT_STATE.perPage ) {
		args.per_page = String( full.perPage );
	}
	if ( full.orderby !== DEFAULT_STATE.orderby ) {
		args.orderby = full.orderby;
	}
	if ( full.order !== DEFAULT_STATE.order ) {
		args.order = full.order;
	}
	return args;
}

/**
 * Builds the address of the Errors screen showing a state. Other query
 * arguments of the base address (such as `page`) are kept.
 *
 * @param baseHref Address of the Errors screen.
 * @param state    The state, or part of it (e.g. only `{ cause }`).
 * @return The address.
 */
export function errorsHref(
	baseHref: string,
	state: Partial< ErrorsState >
): string {
	const clean = removeQueryArgs( baseHref, ...ARGS );
	const args = errorsStateArgs( state );
	return Object.keys( args ).length > 0 ? addQueryArgs( clean, args ) : clean;
}

/**
 * Tells whether any filter or search narrows the list.
 *
 * @param state The state.
 * @return Whether the list is filtered.
 */
export function hasFilters( state: ErrorsFilters ): boolean {
	return (
		state.cause !== null ||
		state.code !== null ||
		state.source !== null ||
		state.user !== null ||
		state.time !== null ||
		state.search.trim() !== ''
	);
}
