/**
 * Loads one page of sessions for the Sessions screen and revokes them: the
 * revoked rows leave the list at once, come back if the server refuses,
 * and the list is loaded again once the server has answered.
 */
import { useCallback, useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { restErrorMessage } from '../../api';
import type { Page } from '../page';
import type { RevokeResult, Session, SessionsQuery } from './types';
import { usePagedResource } from '../use-paged-resource';
import type { PagedResource } from '../use-paged-resource';
import {
	fetchSessions,
	revokeAllSessions,
	revokeSession,
	revokeUserSessions,
} from './api';

/** What a revocation of some sessions achieved. */
export interface RevokeOutcome {
	revoked: Session[];
	failed: Array< { session: Session; message: string } >;
}

export interface SessionsState extends Omit<
	PagedResource< Session >,
	'data'
> {
	/** Revokes sessions one after the other; never rejects. */
	revoke: ( sessions: readonly Session[] ) => Promise< RevokeOutcome >;
	/** Revokes every credential of a user; rejects with the REST error. */
	revokeUser: ( userId: number ) => Promise< RevokeResult >;
	/**
	 * Revokes everyone's credentials (on a network, of one site's members
	 * with `site`, or of the whole network with 0); rejects with the REST
	 * error.
	 */
	revokeAll: (
		password: string,
		applicationPasswords: boolean,
		site?: number
	) => Promise< RevokeResult >;
}

/**
 * Loads the sessions of a query, again whenever the query changes, and
 * offers the revocations.
 *
 * @param query Filters, sorting and paging.
 * @return The page, its state and the revocations.
 */
export function useSessions( query: SessionsQuery ): SessionsState {
	const { data, error, isLoading, reload } = usePagedResource(
		fetchSessions,
		query,
		__( 'The sessions could not be loaded.', 'auth-sentinel' )
	);
	// Rows being revoked, hidden from the page they were loaded with.
	const [ hidden, setHidden ] = useState< {
		page: Page< Session > | null;
		ids: ReadonlySet< number >;
	} >( { page: null, ids: new Set() } );

	const revoke = useCallback(
		async ( sessions: readonly Session[] ): Promise< RevokeOutcome > => {
			setHidden( {
				page: data,
				ids: new Set( sessions.map( ( session ) => session.id ) ),
			} );
			const outcome: RevokeOutcome = { revoked: [], failed: [] };
			for ( const session of sessions ) {
				try {
					await revokeSession( session.id );
					outcome.revoked.push( session );
				} catch ( reason ) {
					outcome.failed.push( {
						session,
						message: restErrorMessage(
							reason,
							__(
								'The session could not be revoked.',
								'auth-sentinel'
							)
						),
					} );
				}
			}
			const failed = new Set(
				outcome.failed.map( ( item ) => item.session.id )
			);
			setHidden( ( previous ) => ( {
				...previous,
				ids: new Set(
					[ ...previous.ids ].filter( ( id ) => ! failed.has( id ) )
				),
			} ) );
			if ( outcome.revoked.length > 0 ) {
				reload();
			}
			return outcome;
		},
		[ data, reload ]
	);

	const revokeUser = useCallback(
		async ( userId: number ) => {
			const result = await revokeUserSessions( userId );
			reload();
			return result;
		},
		[ reload ]
	);

	const revokeAll = useCallback(
		async (
			password: string,
			applicationPasswords: boolean,
			site?: number
		) => {
			const result = await revokeAllSessions(
				password,
				applicationPasswords,
				site
			);
			reload();
			return result;
		},
		[ reload ]
	);

	const items = useMemo( () => {
		const all = data?.items ?? [];
		return hidden.page === data && data !== null
			? all.filter( ( session ) => ! hidden.ids.has( session.id ) )
			: all;
	}, [ data, hidden ] );
	const removed = ( data?.items.length ?? 0 ) - items.length;

	return {
		items,
		total: Math.max( 0, ( data?.total ?? 0 ) - removed ),
		totalPages: data?.totalPages ?? 0,
		more: data?.more ?? false,
		hasLoaded: data !== null,
		error,
		isLoading,
		reload,
		revoke,
		revokeUser,
		revokeAll,
	};
}
