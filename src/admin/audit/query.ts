/**
 * The Audit table's fields and default view, and the `GET /audit` query of
 * a screen state (url-state.ts maps the view to the state and back).
 */
import type { View } from '@wordpress/dataviews';

import { definedArgs } from '../api';
import { timeBounds } from '../components/filters/time-filter';
import type { AuditExportFilters, AuditQuery } from '../data/audit/types';
import { searchQuery } from '../utils/url-params';
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
	page: 1,
	perPage: 20,
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
 * Builds the `GET /audit` query of a screen state.
 *
 * @param state The screen state.
 * @param now   The current time, which periods count back from.
 * @return The REST query.
 */
export function restQueryFromState( state: AuditState, now: Date ): AuditQuery {
	const search = searchQuery( state.search );
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

/**
 * Builds the filters of a background export from a screen state, as the user
 * chose them: a relative period is sent as `period` (the server counts it
 * back from when the export starts), so that the export is found again after
 * a reload, when "Last 7 days" gives another start.
 *
 * @param state The screen state.
 * @return The filters that are set.
 */
export function exportFiltersFromState(
	state: AuditState
): AuditExportFilters {
	const time = state.time;
	return definedArgs( {
		action: state.action ?? undefined,
		actor: state.actor ?? undefined,
		user: state.user ?? undefined,
		...( time?.type === 'period'
			? { period: time.period }
			: timeBounds( time, new Date() ) ),
		search: searchQuery( state.search ),
	} );
}
