/**
 * The state of the Audit screen in its address, so a filtered log can be
 * shared or linked to: `&action=session_revoked&actor=1&period=week`.
 */
import { addQueryArgs, removeQueryArgs } from '@wordpress/url';

import { isPeriod, rangeFilter } from '../errors/time-filter';
import type { TimeFilter } from '../errors/time-filter';
import {
	known,
	nonNegativeInt,
	perPageOf,
	positiveInt,
	readArgs,
} from '../utils/view-state';
import { AUDIT_ACTIONS } from './labels';
import type { AuditAction } from '../types';

export interface AuditState {
	action: AuditAction | null;
	/** Who did it (user id; 0 for the system). */
	actor: number | null;
	/** Whose account it concerns (user id). */
	user: number | null;
	time: TimeFilter;
	search: string;
	page: number;
	perPage: number;
}

export const DEFAULT_STATE: AuditState = {
	action: null,
	actor: null,
	user: null,
	time: null,
	search: '',
	page: 1,
	perPage: 20,
};

/** Every query argument this screen owns; `page` belongs to WordPress. */
const ARGS = [
	'action',
	'actor',
	'user',
	'period',
	'since',
	'until',
	'search',
	'paged',
	'per_page',
] as const;

type Args = Partial< Record< ( typeof ARGS )[ number ], string > >;

function readTime( args: Args ): TimeFilter {
	const range = rangeFilter( args.since, args.until );
	if ( range ) {
		return range;
	}
	return isPeriod( args.period )
		? { type: 'period', period: args.period }
		: null;
}

/**
 * Reads the screen state from an address; what is missing or invalid takes
 * its default.
 *
 * @param href The page address.
 * @return The state.
 */
export function readAuditState( href: string ): AuditState {
	const args = readArgs( href, ARGS );
	return {
		action: known( args.action, AUDIT_ACTIONS ),
		actor: nonNegativeInt( args.actor ),
		user: positiveInt( args.user ),
		time: readTime( args ),
		search: args.search ?? '',
		page: positiveInt( args.paged ) ?? DEFAULT_STATE.page,
		perPage: perPageOf( args.per_page, DEFAULT_STATE.perPage ),
	};
}

function stateArgs( state: Partial< AuditState > ): Args {
	const full = { ...DEFAULT_STATE, ...state };
	const args: Args = {};
	if ( full.action ) {
		args.action = full.action;
	}
	if ( full.actor !== null ) {
		args.actor = String( full.actor );
	}
	if ( full.user ) {
		args.user = String( full.user );
	}
	if ( full.time?.type === 'period' ) {
		args.period = full.time.period;
	} else if ( full.time?.type === 'range' ) {
		if ( full.time.since ) {
			args.since = full.time.since;
		}
		if ( full.time.until ) {
			args.until = full.time.until;
		}
	}
	if ( full.search.trim() !== '' ) {
		args.search = full.search.trim();
	}
	if ( full.page !== DEFAULT_STATE.page ) {
		args.paged = String( full.page );
	}
	if ( full.perPage !== DEFAULT_STATE.perPage ) {
		args.per_page = String( full.perPage );
	}
	return args;
}

/**
 * Builds the address of the Audit screen showing a state. Other query
 * arguments of the base address (such as `page`) are kept.
 *
 * @param baseHref Address of the Audit screen.
 * @param state    The state, or part of it.
 * @return The address.
 */
export function auditHref(
	baseHref: string,
	state: Partial< AuditState >
): string {
	const clean = removeQueryArgs( baseHref, ...ARGS );
	const args = stateArgs( state );
	return Object.keys( args ).length > 0 ? addQueryArgs( clean, args ) : clean;
}

/**
 * Tells whether any filter or search narrows the log.
 *
 * @param state The state.
 * @return Whether the log is filtered.
 */
export function hasFilters( state: AuditState ): boolean {
	return (
		state.action !== null ||
		state.actor !== null ||
		state.user !== null ||
		state.time !== null ||
		state.search.trim() !== ''
	);
}
