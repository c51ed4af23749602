/**
 * The state of the Sessions screen in its address, so a view can be shared
 * and other screens (the Users list, a profile) can link to one user's
 * sessions: `admin.php?page=auth-sentinel-sessions&user=12&type=wcpos`.
 */
import {
	SESSIONS_ORDER_BY,
	SESSION_STATUS_FILTERS,
	SESSION_TYPES,
} from '../data/sessions/types';
import { choice, id, paging, sorting } from '../utils/url-params';
import { defineUrlState } from '../utils/url-state';
import { DEFAULT_VIEW, FIELD } from './query';

export const SESSIONS_STATE = defineUrlState(
	{
		// The user whose sessions are shown (null: everyone's); the page
		// header says whose, so it is no filter of the table.
		user: id( 'user', { narrows: false } ),
		type: choice( 'type', SESSION_TYPES, { field: FIELD.type } ),
		status: choice( 'status', SESSION_STATUS_FILTERS, {
			field: FIELD.status,
			initial: 'active',
		} ),
		...paging( DEFAULT_VIEW.perPage ?? 20 ),
		...sorting( SESSIONS_ORDER_BY, 'last_seen', 'desc' ),
	},
	DEFAULT_VIEW
);

export type SessionsState = typeof SESSIONS_STATE.initial;
