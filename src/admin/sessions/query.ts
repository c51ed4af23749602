/**
 * Maps the DataViews view of the Sessions table to the screen state (and so
 * to the address) and to the `GET /sessions` query, and back.
 */
import type { Filter, View } from '@wordpress/dataviews';

import { SESSION_TYPES } from '../data/sessions/normalize';
import type { SessionsQuery } from '../types';
import type { UrlViewSpec } from '../utils/use-url-view';
import { filterValue, isFilter, known } from '../utils/view-state';
import {
	DEFAULT_STATE,
	ORDER_BY,
	STATUS_FILTERS,
	readSessionsState,
	sessionsHref,
} from './url-state';
import type { SessionsState } from './url-state';

/** Ids of the table's fields. */
export const FIELD = {
	user: 'user',
	type: 'type',
	client: 'client',
	created: 'created',
	lastSeen: 'last_seen',
	expires: 'expires',
	status: 'status',
} as const;

/** The view before the address changes it. */
export const DEFAULT_VIEW: View = {
	type: 'table',
	page: DEFAULT_STATE.page,
	perPage: DEFAULT_STATE.perPage,
	search: '',
	filters: [],
	sort: { field: FIELD.lastSeen, direction: 'desc' },
	// The user is each row's title, which also names its selection checkbox.
	titleField: FIELD.user,
	fields: [
		FIELD.type,
		FIELD.client,
		FIELD.created,
		FIELD.lastSeen,
		FIELD.expires,
		FIELD.status,
	],
	layout: {},
};

/**
 * Applies the screen state to a view: filters, search, sorting and paging.
 * Columns and layout of the base view are kept.
 *
 * @param state The screen state.
 * @param base  The view to start from.
 * @return The view.
 */
export function viewFromState(
	state: SessionsState,
	base: View = DEFAULT_VIEW
): View {
	const filters: Filter[] = [];
	if ( state.type ) {
		filters.push( isFilter( FIELD.type, state.type ) );
	}
	if ( state.status !== DEFAULT_STATE.status ) {
		filters.push( isFilter( FIELD.status, state.status ) );
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
 * Reads the screen state from a view.
 *
 * @param view     The view DataViews reports.
 * @param previous The state before; the user comes from it.
 * @return The state.
 */
export function stateFromView(
	view: View,
	previous: SessionsState = DEFAULT_STATE
): SessionsState {
	const sortField = known( view.sort?.field, ORDER_BY );
	return {
		user: previous.user,
		type: known( filterValue( view, FIELD.type ), SESSION_TYPES ),
		status:
			known( filterValue( view, FIELD.status ), STATUS_FILTERS ) ??
			DEFAULT_STATE.status,
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
 * Builds the sessions query of a screen state.
 *
 * @param state The screen state.
 * @return The REST query.
 */
export function restQueryFromState( state: SessionsState ): SessionsQuery {
	const search = state.search.trim();
	return {
		page: state.page,
		per_page: Math.min( 100, state.perPage ),
		orderby: state.orderby,
		order: state.order,
		status: state.status,
		...( state.user ? { user: state.user } : {} ),
		...( state.type ? { type: state.type } : {} ),
		...( search ? { search } : {} ),
	};
}

/** How the Sessions screen keeps its view in the address. */
export const SESSIONS_VIEW_SPEC: UrlViewSpec< SessionsState > = {
	read: readSessionsState,
	href: sessionsHref,
	toView: viewFromState,
	fromView: stateFromView,
};
