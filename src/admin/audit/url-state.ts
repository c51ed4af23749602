/**
 * The state of the Audit screen in its address, so a filtered log can be
 * shared or linked to: `&action=session_revoked&actor=1&period=week`.
 */
import { AUDIT_ACTIONS } from '../data/audit/types';
import { choice, id, paging, time } from '../utils/url-params';
import { defineUrlState } from '../utils/url-state';
import { DEFAULT_VIEW, FIELD } from './query';

export const AUDIT_STATE = defineUrlState(
	{
		action: choice( 'action', AUDIT_ACTIONS, { field: FIELD.action } ),
		// Who did it: a user id, or 0 for the system.
		actor: id( 'actor', { field: FIELD.actor, zero: true } ),
		// Whose account it concerns.
		user: id( 'user', { field: FIELD.user } ),
		time: time( FIELD.at ),
		...paging( DEFAULT_VIEW.perPage ?? 20 ),
	},
	DEFAULT_VIEW
);

export type AuditState = typeof AUDIT_STATE.initial;
