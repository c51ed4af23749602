/**
 * Maps the DataViews view of the Audit table to the screen state (and so to
 * the address) and to the `GET /audit` query, and back.
 */
import type { Filter, View } from '@wordpress/dataviews';

import {
	timeBounds,
	timeFilterFromValue,
	timeFilterValue,
} from '../errors/time-filter';
import type { AuditQuery } from '../types';
import type { UrlViewSpec } from '../utils/use-url-view';
import {
	filterValue,
	isFilter,
	known,
	nonNegativeInt,
	positiveInt,
} from '../utils/view-state';
import { AUDIT_ACTIONS } from './labels';
import { DEFAULT_STATE, auditHref, readAuditState } from './url-state';
import type { AuditState } from './url-state';

/** Ids of the table's fields; `at` also carries the time filter. */
export const FIELD = {
	at: 'at',
	action: 'action',
	summary: 'summary',
	actor: 'actor',
	user: 'user',
	ip: 'ip',
} as const;

/** The view before the address changes it. */
export const DEFAULT_VIEW: View = {
	type: 'table',
	page: DEFAULT_STATE.page,
	perPage: DEFAULT_STATE.perPage,
	search: '',
	filters: [],
	fields: [
		FIELD.at,
		FIELD.action,
		FIELD.summary,
		FIELD.actor,
		FIELD.user,
		FIELD.ip,
	],
	layout: {},
};

/**
 * Applies the screen state to a view: filters, search and paging. Columns
 * and layout of the base view are kept.
 *
 * @param state The screen state.
 * @param base  The view to start from.
 * @return The view.
 */
export function viewFromState(
	state: AuditState,
	base: View = DEFAULT_VIEW
): View {
	const filters: Filter[] = [];
	if ( state.time ) {
		filters.push( isFilter( FIELD.at, timeFilterValue( state.time ) ) );
	}
	if ( state.action ) {
		filters.push( isFilter( FIELD.action, state.action ) );
	}
	if ( state.actor !== null ) {
		filters.push( isFilter( FIELD.actor, state.actor ) );
	}
	if ( state.user ) {
		filters.push( isFilter( FIELD.user, state.user ) );
	}
	return {
		...base,
		filters,
		search: state.search,
		page: state.page,
		perPage: state.perPage,
	};
}

/**
 * Reads the screen state from a view.
 *
 * @param view The view DataViews reports.
 * @return The state.
 */
export function stateFromView( view: View ): AuditState {
	return {
		action: known( filterValue( view, FIELD.action ), AUDIT_ACTIONS ),
		actor: nonNegativeInt( filterValue( view, FIELD.actor ) ),
		user: positiveInt( filterValue( view, FIELD.user ) ),
		time: timeFilterFromValue( filterValue( view, FIELD.at ) ),
		search: view.search ?? '',
		page: Math.max( 1, view.page ?? DEFAULT_STATE.page ),
		perPage: view.perPage ?? DEFAULT_STATE.perPage,
	};
}

/**
 * Builds the `GET /audit` query of a screen state.
 *
 * @param state The screen state.
 * @param now   The current time, which periods count back from.
 * @return The REST query.
 */
export function restQueryFromState( state: AuditState, now: Date ): AuditQuery {
	const search = state.search.trim();
	return {
		page: state.page,
		per_page: Math.min( 100, state.perPage ),
		...( state.action ? { action: state.action } : {} ),
		...( state.actor !== null ? { actor: state.actor } : {} ),
		...( state.user ? { user: state.user } : {} ),
		...timeBounds( state.time, now ),
		...( search ? { search } : {} ),
	};
}

/** How the Audit screen keeps its view in the address. */
export const AUDIT_VIEW_SPEC: UrlViewSpec< AuditState > = {
	read: readAuditState,
	href: auditHref,
	toView: viewFromState,
	fromView: stateFromView,
};
