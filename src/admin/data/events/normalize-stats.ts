/**
 * Checks a `GET /events/stats` response: buckets in time order with a count
 * for every cause, markers and top lists without broken entries.
 */
import { CAUSES } from './types';
import type {
	CauseCounts,
	EventStats,
	StatsBucket,
	StatsInterval,
	StatsMarker,
	StatsSpike,
} from './types';
import { parseDate } from '../../utils/dates';
import {
	countOrNull,
	idOf,
	isRecord,
	listOf,
	oneOf,
	stringList,
	stringOrNull,
} from '../guards';

const INTERVALS: readonly StatsInterval[] = [ 'hour', 'day' ];

/**
 * Reads counts per cause, dropping unknown causes and bad numbers.
 *
 * @param raw Anything.
 * @return The counts of the known causes that have some.
 */
export function toCauseCounts( raw: unknown ): CauseCounts {
	const counts: CauseCounts = {};
	if ( ! isRecord( raw ) ) {
		return counts;
	}
	for ( const cause of CAUSES ) {
		const count = countOrNull( raw[ cause ] );
		if ( count ) {
			counts[ cause ] = count;
		}
	}
	return counts;
}

function toBucket( raw: unknown ): StatsBucket | null {
	if ( ! isRecord( raw ) || ! parseDate( stringOrNull( raw.start ) ) ) {
		return null;
	}
	return { start: raw.start as string, counts: toCauseCounts( raw.counts ) };
}

function toMarker( raw: unknown ): StatsMarker | null {
	if ( ! isRecord( raw ) || ! parseDate( stringOrNull( raw.at ) ) ) {
		return null;
	}
	const changed = stringList( raw.changed );
	return changed.length > 0 ? { at: raw.at as string, changed } : null;
}

function toSpike( raw: unknown ): StatsSpike | null {
	const marker = toMarker( raw );
	if ( ! marker || ! isRecord( raw ) ) {
		return null;
	}
	return {
		...marker,
		failures: countOrNull( raw.failures ) ?? 0,
		users: countOrNull( raw.users ) ?? 0,
		users_exact: raw.users_exact !== false,
	};
}

function byTime< T >( key: ( item: T ) => string ) {
	return ( a: T, b: T ) =>
		( parseDate( key( a ) )?.getTime() ?? 0 ) -
		( parseDate( key( b ) )?.getTime() ?? 0 );
}

function sumCounts( counts: CauseCounts ): number {
	return Object.values( counts ).reduce( ( sum, n ) => sum + ( n ?? 0 ), 0 );
}

/**
 * Turns a raw stats response into EventStats.
 *
 * @param raw      The parsed JSON body.
 * @param interval The interval asked for, used when the body names none.
 * @return The stats with every field present.
 */
export function normalizeStats(
	raw: unknown,
	interval: StatsInterval
): EventStats {
	const body = isRecord( raw ) ? raw : {};
	const buckets = listOf( body.buckets, toBucket ).sort(
		byTime( ( bucket ) => bucket.start )
	);
	const totals = isRecord( body.totals )
		? toCauseCounts( body.totals )
		: buckets.reduce< CauseCounts >( ( sum, bucket ) => {
				for ( const [ cause, n ] of Object.entries( bucket.counts ) ) {
					const key = cause as keyof CauseCounts;
					sum[ key ] = ( sum[ key ] ?? 0 ) + ( n ?? 0 );
				}
				return sum;
			}, {} );
	return {
		interval: oneOf( body.interval, INTERVALS ) ?? interval,
		since: stringOrNull( body.since ) ?? buckets[ 0 ]?.start ?? '',
		until: stringOrNull( body.until ) ?? '',
		buckets,
		markers: listOf( body.markers, toMarker ).sort(
			byTime( ( marker ) => marker.at )
		),
		totals,
		total: countOrNull( body.total ) ?? sumCounts( totals ),
		users: countOrNull( body.users ) ?? 0,
		users_exact: body.users_exact !== false,
		top_users: listOf( body.top_users, ( item ) => {
			if ( ! isRecord( item ) ) {
				return null;
			}
			const id = idOf( item.user_id );
			const login = stringOrNull( item.login );
			return id && id > 0 && login
				? {
						user_id: id,
						login,
						display_name:
							stringOrNull( item.display_name ) ?? login,
						count: countOrNull( item.count ) ?? 0,
					}
				: null;
		} ),
		top_clients: listOf( body.top_clients, ( item ) =>
			isRecord( item ) && stringOrNull( item.client )
				? {
						client: item.client as string,
						search:
							stringOrNull( item.search ) ??
							( item.client as string ),
						count: countOrNull( item.count ) ?? 0,
					}
				: null
		),
		top_codes: listOf( body.top_codes, ( item ) =>
			isRecord( item ) && stringOrNull( item.code )
				? {
						code: item.code as string,
						title:
							stringOrNull( item.title ) ??
							( item.code as string ),
						count: countOrNull( item.count ) ?? 0,
					}
				: null
		),
		spike: toSpike( body.spike ),
	};
}
