/**
 * Remembers the users the loaded audit rows named, so the "By" and "User"
 * filters can offer them.
 */
import { useEffect, useState } from '@wordpress/element';

import type { AuditEntry } from '../types';
import { auditUserName } from './labels';

export interface SeenUsers {
	actors: ReadonlyMap< number, string >;
	targets: ReadonlyMap< number, string >;
}

function merge(
	seen: ReadonlyMap< number, string >,
	found: ReadonlyArray< [ number, string ] >
): ReadonlyMap< number, string > {
	const fresh = found.filter( ( [ id ] ) => ! seen.has( id ) );
	if ( fresh.length === 0 ) {
		return seen;
	}
	const next = new Map( seen );
	for ( const [ id, name ] of fresh ) {
		next.set( id, name );
	}
	return next;
}

/**
 * Collects the names of actors and target users, by id.
 *
 * @param items The rows loaded.
 * @return The names seen so far.
 */
export function useSeenUsers( items: readonly AuditEntry[] ): SeenUsers {
	const [ seen, setSeen ] = useState< SeenUsers >( () => ( {
		actors: new Map(),
		targets: new Map(),
	} ) );
	useEffect( () => {
		const actors: Array< [ number, string ] > = [];
		const targets: Array< [ number, string ] > = [];
		for ( const entry of items ) {
			if ( entry.actor ) {
				actors.push( [
					entry.actor.id,
					auditUserName( entry.actor, entry.actor.id, '' ),
				] );
			}
			if ( entry.target ) {
				targets.push( [
					entry.target.id,
					auditUserName( entry.target, entry.target.id, '' ),
				] );
			}
		}
		setSeen( ( previous ) => {
			const next = {
				actors: merge( previous.actors, actors ),
				targets: merge( previous.targets, targets ),
			};
			return next.actors === previous.actors &&
				next.targets === previous.targets
				? previous
				: next;
		} );
	}, [ items ] );
	return seen;
}
