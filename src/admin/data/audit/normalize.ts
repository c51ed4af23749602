/**
 * Checks `GET /audit` rows. A row without an id, a date or an action name
 * is dropped; an action this screen does not know yet is kept (the server's
 * summary still says what happened), so no audit row is ever hidden.
 */
import type { AuditEntry, AuditUser } from './types';
import type { Page } from '../page';
import { idOf, isRecord, stringOrNull } from '../guards';
import { normalizePage } from '../page';
import { dateOrNull } from '../sessions/normalize';

const ACTION_NAME = /^[a-z][a-z0-9_]*$/;

function text( value: unknown ): string {
	return typeof value === 'string' ? value : '';
}

function toUser( raw: unknown ): AuditUser | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	const id = idOf( raw.id );
	const login = stringOrNull( raw.login );
	if ( id === null || id <= 0 || ! login ) {
		return null;
	}
	return { id, login, name: stringOrNull( raw.name ) ?? login };
}

function userId( value: unknown, user: AuditUser | null ): number {
	const id = idOf( value );
	return id !== null && id > 0 ? id : ( user?.id ?? 0 );
}

/**
 * Turns one raw row of `GET /audit` into an AuditEntry.
 *
 * @param raw The parsed JSON item.
 * @return The entry, or null when it cannot be understood.
 */
export function normalizeAuditEntry( raw: unknown ): AuditEntry | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	const id = idOf( raw.id );
	const at = dateOrNull( raw.at );
	const action = stringOrNull( raw.action );
	if ( id === null || id <= 0 || ! at || ! action ) {
		return null;
	}
	if ( ! ACTION_NAME.test( action ) ) {
		return null;
	}
	const actor = toUser( raw.actor );
	const target = toUser( raw.target );
	return {
		id,
		at,
		action,
		action_label: text( raw.action_label ),
		actor_id: userId( raw.actor_id, actor ),
		actor,
		target_user_id: userId( raw.target_user_id, target ),
		target,
		ip: text( raw.ip ),
		user_agent: text( raw.user_agent ),
		details: isRecord( raw.details ) ? raw.details : {},
		summary: text( raw.summary ),
	};
}

/**
 * Turns a `GET /audit` body and its paging headers into a page of entries.
 *
 * @param raw        The parsed JSON body.
 * @param total      The X-WP-Total header.
 * @param totalPages The X-WP-TotalPages header.
 * @return The page.
 */
export function normalizeAuditPage(
	raw: unknown,
	total: string | null,
	totalPages: string | null
): Page< AuditEntry > {
	return normalizePage( raw, total, totalPages, normalizeAuditEntry );
}
