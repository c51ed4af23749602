/**
 * Checks `GET /events` items and fills optional fields, so the Errors screen
 * never breaks on an older server or a partial record. Items without an id,
 * a date, a known cause or a known source are dropped rather than guessed.
 */
import { CAUSES, SOURCES } from './types';
import type {
	AuthEvent,
	EventDetailValue,
	EventOverflow,
	EventToken,
	EventUser,
	EventsPage,
} from './types';
import {
	countOrNull,
	idOf,
	isRecord,
	oneOf,
	stringOrNull,
	text,
	userOf,
} from '../guards';
import { normalizePage } from '../page';

function unixOrNull( value: unknown ): number | null {
	return typeof value === 'number' && Number.isFinite( value ) ? value : null;
}

function toUser( raw: unknown ): EventUser | null {
	return userOf( raw, ( fields, login ) => ( {
		display_name: stringOrNull( fields.display_name ) ?? login,
		edit_url: stringOrNull( fields.edit_url ),
	} ) );
}

function toToken( raw: unknown ): EventToken | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	return {
		fingerprint: text( raw.fingerprint ),
		iss: stringOrNull( raw.iss ),
		iat: unixOrNull( raw.iat ),
		exp: unixOrNull( raw.exp ),
		jti: stringOrNull( raw.jti ),
		type: stringOrNull( raw.type ),
	};
}

function estimateOrNull( value: unknown ): number | null {
	const count = countOrNull( value );
	return count === null ? null : Math.round( count );
}

function toOverflow( raw: unknown ): EventOverflow | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	return {
		credentials: estimateOrNull( raw.credentials ),
		networks: estimateOrNull( raw.networks ),
	};
}

function toDetails( raw: unknown ): Record< string, EventDetailValue > {
	const details: Record< string, EventDetailValue > = {};
	if ( ! isRecord( raw ) ) {
		return details;
	}
	for ( const [ key, value ] of Object.entries( raw ) ) {
		if (
			value === null ||
			typeof value === 'string' ||
			typeof value === 'number' ||
			typeof value === 'boolean'
		) {
			details[ key ] = value;
		}
	}
	return details;
}

/**
 * Turns one raw item of `GET /events` into an AuthEvent.
 *
 * @param raw The parsed JSON item.
 * @return The event, or null when it cannot be understood.
 */
export function normalizeEvent( raw: unknown ): AuthEvent | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	const id = idOf( raw.id );
	const lastSeen = stringOrNull( raw.last_seen );
	const cause = oneOf( raw.cause, CAUSES );
	const source = oneOf( raw.source, SOURCES );
	if ( id === null || ! lastSeen || ! cause || ! source ) {
		return null;
	}
	const user = toUser( raw.user );
	return {
		id,
		first_seen: stringOrNull( raw.first_seen ) ?? lastSeen,
		last_seen: lastSeen,
		count: Math.max( 1, countOrNull( raw.count ) ?? 1 ),
		source,
		issuer: stringOrNull( raw.issuer ),
		server_code: text( raw.server_code ),
		code: text( raw.code ),
		cause,
		user_id: idOf( raw.user_id ) ?? user?.id ?? 0,
		user,
		ip: text( raw.ip ),
		user_agent: text( raw.user_agent ),
		client: text( raw.client ),
		route: text( raw.route ),
		token: toToken( raw.token ),
		overflow: toOverflow( raw.overflow ),
		explanation: text( raw.explanation ),
		details: toDetails( raw.details ),
	};
}

/**
 * Turns a `GET /events` body and its paging headers into an EventsPage.
 *
 * @param raw        The parsed JSON body.
 * @param total      The X-WP-Total header.
 * @param totalPages The X-WP-TotalPages header.
 * @return The page; totals fall back to what the body holds.
 */
export function normalizeEventsPage(
	raw: unknown,
	total: string | null,
	totalPages: string | null
): EventsPage {
	return normalizePage( raw, total, totalPages, normalizeEvent );
}
