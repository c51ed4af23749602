/**
 * The Errors table's fields and default view, and the `GET /events` query
 * of a screen state (url-state.ts maps the view to the state and back).
 */
import type { View } from '@wordpress/dataviews';

import { timeBounds } from '../components/filters/time-filter';
import type { EventsQuery } from '../data/events/types';
import { searchQuery } from '../utils/url-params';
import type { ErrorsState } from './url-state';

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
	page: 1,
	perPage: 20,
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
	const search = searchQuery( state.search );
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
