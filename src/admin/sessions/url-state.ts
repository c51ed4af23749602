/**
 * The state of the Sessions screen in its address, so a view can be shared
 * and other screens (the Users list, a profile) can link to one user's
 * sessions: `admin.php?page=auth-sentinel-sessions&user=12&type=wcpos`.
 */
import { addQueryArgs, removeQueryArgs } from '@wordpress/url';

import { SESSION_TYPES } from '../data/sessions/normalize';
import type {
	SessionStatusFilter,
	SessionType,
	SessionsOrderBy,
} from '../types';
import { known, perPageOf, positiveInt, readArgs } from '../utils/view-state';

export interface SessionsState {
	/** The user whose sessions are shown, or null for everyone's. */
	user: number | null;
	type: SessionType | null;
	status: SessionStatusFilter;
	search: string;
	page: number;
	perPage: number;
	orderby: SessionsOrderBy;
	order: 'asc' | 'desc';
}

export const STATUS_FILTERS: readonly SessionStatusFilter[] = [
	'active',
	'ended',
	'all',
];

export const ORDER_BY: readonly SessionsOrderBy[] = [
	'last_seen',
	'created',
	'expires',
];

export const DEFAULT_STATE: SessionsState = {
	user: null,
	type: null,
	status: 'active',
	search: '',
	page: 1,
	perPage: 20,
	orderby: 'last_seen',
	order: 'desc',
};

/** Every query argument this screen owns; `page` belongs to WordPress. */
const ARGS = [
	'user',
	'type',
	'status',
	'search',
	'paged',
	'per_page',
	'orderby',
	'order',
] as const;

type Args = Partial< Record< ( typeof ARGS )[ number ], string > >;

/**
 * Reads the screen state from an address; what is missing or invalid takes
 * its default.
 *
 * @param href The page address.
 * @return The state.
 */
export function readSessionsState( href: string ): SessionsState {
	const args = readArgs( href, ARGS );
	return {
		user: positiveInt( args.user ),
		type: known( args.type, SESSION_TYPES ),
		status: known( args.status, STATUS_FILTERS ) ?? DEFAULT_STATE.status,
		search: args.search ?? '',
		page: positiveInt( args.paged ) ?? DEFAULT_STATE.page,
		perPage: perPageOf( args.per_page, DEFAULT_STATE.perPage ),
		orderby: known( args.orderby, ORDER_BY ) ?? DEFAULT_STATE.orderby,
		order: known( args.order, [ 'asc', 'desc' ] ) ?? DEFAULT_STATE.order,
	};
}

function stateArgs( state: Partial< SessionsState > ): Args {
	const full = { ...DEFAULT_STATE, ...state };
	const args: Args = {};
	if ( full.user ) {
		args.user = String( full.user );
	}
	if ( full.type ) {
		args.type = full.type;
	}
	if ( full.status !== DEFAULT_STATE.status ) {
		args.status = full.status;
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
 * Builds the address of the Sessions screen showing a state. Other query
 * arguments of the base address (such as `page`) are kept.
 *
 * @param baseHref Address of the Sessions screen.
 * @param state    The state, or part of it (e.g. only `{ user }`).
 * @return The address.
 */
export function sessionsHref(
	baseHref: string,
	state: Partial< SessionsState >
): string {
	const clean = removeQueryArgs( baseHref, ...ARGS );
	const args = stateArgs( state );
	return Object.keys( args ).length > 0 ? addQueryArgs( clean, args ) : clean;
}

/**
 * Tells whether a filter or search narrows the list beyond one user's
 * active sessions.
 *
 * @param state The state.
 * @return Whether the list is filtered.
 */
export function hasFilters( state: SessionsState ): boolean {
	return (
		state.type !== null ||
		state.status !== DEFAULT_STATE.status ||
		state.search.trim() !== ''
	);
}
