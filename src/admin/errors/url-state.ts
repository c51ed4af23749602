/**
 * The state of the Errors screen in its address, so an administrator can
 * share or bookmark a filtered view and the Overview can link to one:
 * `&cause=expired&period=day&search=API02003&paged=2`.
 */
import { CAUSES, EVENTS_ORDER_BY, SOURCES } from '../data/events/types';
import { choice, code, id, paging, sorting, time } from '../utils/url-params';
import { defineUrlState } from '../utils/url-state';
import { DEFAULT_VIEW, FIELD } from './query';

export const ERRORS_STATE = defineUrlState(
	{
		cause: choice( 'cause', CAUSES, { field: FIELD.cause } ),
		code: code( 'code', { field: FIELD.code } ),
		source: choice( 'source', SOURCES, { field: FIELD.source } ),
		user: id( 'user', { field: FIELD.user } ),
		time: time( FIELD.lastSeen ),
		...paging( DEFAULT_VIEW.perPage ?? 20 ),
		...sorting( EVENTS_ORDER_BY, 'last_seen', 'desc' ),
	},
	DEFAULT_VIEW
);

export type ErrorsState = typeof ERRORS_STATE.initial;
