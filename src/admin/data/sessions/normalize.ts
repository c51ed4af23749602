/**
 * Checks `GET /sessions` items and the answers of the revoke routes, so the
 * Sessions screen never breaks on an older server or a partial record.
 * Items without an id, a known type or a creation date are dropped rather
 * than guessed.
 */
import type { Page } from '../page';
import { REVOKE_SCOPES, SESSION_TYPES } from './types';
import type {
	RevokeResult,
	RevokedCounts,
	Session,
	SessionEndReason,
	SessionStatus,
	SessionUser,
} from './types';
import { parseDate } from '../../utils/dates';
import {
	countOrNull,
	idOf,
	isRecord,
	oneOf,
	stringList,
	stringOrNull,
	text,
	userOf,
} from '../guards';
import { normalizePage } from '../page';

const STATUSES: readonly SessionStatus[] = [ 'active', 'revoked', 'ended' ];

const END_REASONS: readonly SessionEndReason[] = [
	'admin',
	'user',
	'signed_out',
	'policy_password',
	'policy_email',
	'policy_role',
	'limit',
	'revoke_all',
	'expired',
	'deleted',
];

/**
 * Returns a timestamp that parses as a date.
 *
 * @param value Anything.
 * @return The ISO 8601 text, or null.
 */
export function dateOrNull( value: unknown ): string | null {
	const iso = stringOrNull( value );
	return iso && parseDate( iso ) ? iso : null;
}

function toUser( raw: unknown ): SessionUser | null {
	return userOf( raw, ( fields, login ) => ( {
		name: stringOrNull( fields.name ) ?? login,
		roles: stringList( fields.roles ),
	} ) );
}

/**
 * Turns one raw item of `GET /sessions` into a Session.
 *
 * @param raw The parsed JSON item.
 * @return The session, or null when it cannot be understood.
 */
export function normalizeSession( raw: unknown ): Session | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	const id = idOf( raw.id );
	const type = oneOf( raw.type, SESSION_TYPES );
	const created = dateOrNull( raw.created );
	if ( id === null || id <= 0 || ! type || ! created ) {
		return null;
	}
	const user = toUser( raw.user );
	const userId = idOf( raw.user_id );
	const status = oneOf( raw.status, STATUSES ) ?? 'active';
	return {
		id,
		type,
		user_id: userId !== null && userId > 0 ? userId : ( user?.id ?? 0 ),
		user,
		created,
		expires: dateOrNull( raw.expires ),
		last_seen: dateOrNull( raw.last_seen ),
		ip: text( raw.ip ),
		user_agent: text( raw.user_agent ),
		client: text( raw.client ),
		label: text( raw.label ),
		current: raw.current === true,
		status,
		ended_at: status === 'active' ? null : dateOrNull( raw.ended_at ),
		ended_by: Math.max( 0, idOf( raw.ended_by ) ?? 0 ),
		ended_reason: oneOf( raw.ended_reason, END_REASONS ) ?? '',
	};
}

/**
 * Reads the counts of revoked credentials; missing or bad counts are 0.
 *
 * @param raw Anything.
 * @return A count for every session type.
 */
export function normalizeRevokedCounts( raw: unknown ): RevokedCounts {
	const body = isRecord( raw ) ? raw : {};
	const counts = {} as RevokedCounts;
	for ( const type of SESSION_TYPES ) {
		const count = countOrNull( body[ type ] );
		counts[ type ] = count !== null ? Math.floor( count ) : 0;
	}
	return counts;
}

/**
 * Turns the answer of a revoke-all route into a RevokeResult.
 *
 * @param raw The parsed JSON body.
 * @return The counts, the "not before" time and what was ended.
 */
export function normalizeRevokeResult( raw: unknown ): RevokeResult {
	const body = isRecord( raw ) ? raw : {};
	return {
		revoked: normalizeRevokedCounts( body.revoked ),
		not_before: dateOrNull( body.not_before ),
		scope: oneOf( body.scope, REVOKE_SCOPES ),
	};
}

/**
 * Tells whether a `DELETE /sessions/{id}` answer confirms the revocation.
 *
 * @param raw The parsed JSON body.
 * @return Whether `deleted` is true.
 */
export function isDeleted( raw: unknown ): boolean {
	return isRecord( raw ) && raw.deleted === true;
}

/**
 * Turns a `GET /sessions` body and its paging headers into a page.
 *
 * @param raw        The parsed JSON body.
 * @param total      The X-WP-Total header.
 * @param totalPages The X-WP-TotalPages header.
 * @return The page.
 */
export function normalizeSessionsPage(
	raw: unknown,
	total: string | null,
	totalPages: string | null
): Page< Session > {
	return normalizePage( raw, total, totalPages, normalizeSession );
}
