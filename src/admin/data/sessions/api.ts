/**
 * Typed calls to the sessions routes of auth-sentinel/v1.
 */
import apiFetch from '@wordpress/api-fetch';
import { __ } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

import { REST_NAMESPACE, definedArgs, fetchCollection } from '../../api';
import type { Page } from '../page';
import type { RevokeResult, Session, SessionsQuery } from './types';
import {
	isDeleted,
	normalizeRevokeResult,
	normalizeSessionsPage,
} from './normalize';

/**
 * Loads one page of sessions: everyone's, or one user's when the query
 * names a user (`GET /users/{id}/sessions`).
 *
 * @param query  Filters, sorting and paging.
 * @param signal Aborts the request.
 * @return The sessions and the totals of the X-WP-Total headers.
 */
export function fetchSessions(
	query: SessionsQuery,
	signal?: AbortSignal
): Promise< Page< Session > > {
	const { user, ...rest } = query;
	const route = user
		? `/${ REST_NAMESPACE }/users/${ user }/sessions`
		: `/${ REST_NAMESPACE }/sessions`;
	return fetchCollection(
		addQueryArgs( route, definedArgs( rest ) ),
		normalizeSessionsPage,
		signal
	);
}

/**
 * Revokes one session, application password or token session.
 *
 * @param id The session id.
 * @return Resolves once the server confirms.
 */
export async function revokeSession( id: number ): Promise< void > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/sessions/${ id }`,
		method: 'DELETE',
	} );
	if ( ! isDeleted( body ) ) {
		throw new Error(
			__( 'The server did not confirm the revocation.', 'auth-sentinel' )
		);
	}
}

/**
 * Revokes every credential of one user.
 *
 * @param userId The user.
 * @return What was revoked.
 */
export async function revokeUserSessions(
	userId: number
): Promise< RevokeResult > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/users/${ userId }/sessions`,
		method: 'DELETE',
	} );
	return normalizeRevokeResult( body );
}

/**
 * Revokes everyone's credentials except the caller's current session.
 *
 * @param password             The caller's own WordPress password.
 * @param applicationPasswords Whether to delete application passwords too.
 * @param site                 On a network, for a network administrator:
 *                             only the members of this site, or 0 for every
 *                             user of the network. Left out, the server
 *                             decides (the caller's own site, for a site
 *                             administrator).
 * @return What was revoked, and what the server says it ended.
 */
export async function revokeAllSessions(
	password: string,
	applicationPasswords: boolean,
	site?: number
): Promise< RevokeResult > {
	const route = `/${ REST_NAMESPACE }/sessions/revoke-all`;
	const body = await apiFetch< unknown >( {
		// In the address, so the Network Admin's site scope leaves it as it is.
		path: site === undefined ? route : addQueryArgs( route, { site } ),
		method: 'POST',
		data: { password, application_passwords: applicationPasswords },
	} );
	return normalizeRevokeResult( body );
}

/** A WordPress user as the core users route describes it. */
export interface CoreUser {
	id: number;
	name: string;
	username: string;
}

/**
 * Loads the name of a user from core's `GET /wp/v2/users/{id}`, for the
 * heading of a user's sessions when none of them names the user.
 *
 * @param userId The user.
 * @param signal Aborts the request.
 * @return The user, or null when the answer has no name.
 */
export async function fetchCoreUser(
	userId: number,
	signal?: AbortSignal
): Promise< CoreUser | null > {
	const body = await apiFetch< unknown >( {
		path: addQueryArgs( `/wp/v2/users/${ userId }`, {
			context: 'edit',
			_fields: 'id,name,username',
		} ),
		signal,
	} );
	if ( typeof body !== 'object' || body === null ) {
		return null;
	}
	const { name, username } = body as Record< string, unknown >;
	if ( typeof username !== 'string' || username === '' ) {
		return null;
	}
	return {
		id: userId,
		name: typeof name === 'string' && name !== '' ? name : username,
		username,
	};
}
