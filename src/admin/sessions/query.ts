/**
 * The Sessions table's fields and default view, and the sessions query of a
 * screen state (url-state.ts maps the view to the state and back).
 */
import type { View } from '@wordpress/dataviews';

import type { SessionsQuery } from '../data/sessions/types';
import { searchQuery } from '../utils/url-params';
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
	page: 1,
	perPage: 20,
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
 * Builds the sessions query of a screen state.
 *
 * @param state The screen state.
 * @return The REST query.
 */
export function restQueryFromState( state: SessionsState ): SessionsQuery {
	const search = searchQuery( state.search );
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
