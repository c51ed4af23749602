/**
 * The time filter of the Errors screen: a recent period ("last 24 hours")
 * or a fixed range (e.g. since a secret changed, from an Overview link).
 */
import { __, sprintf } from '@wordpress/i18n';

import { formatDateTime, parseDate } from '../../utils/dates';

export type Period = 'hour' | 'day' | 'week' | 'month';

export const PERIODS: readonly Period[] = [ 'hour', 'day', 'week', 'month' ];

/** No time limit. */
export const ALL_TIME = 'all';

export type TimeFilter =
	| { type: 'period'; period: Period }
	| { type: 'range'; since: string | null; until: string | null }
	| null;

const HOUR_MS = 60 * 60 * 1000;

const PERIOD_MS: Record< Period, number > = {
	hour: HOUR_MS,
	day: 24 * HOUR_MS,
	week: 7 * 24 * HOUR_MS,
	month: 30 * 24 * HOUR_MS,
};

/**
 * Tells whether a value is a period.
 *
 * @param value Anything.
 * @return Whether it is one of PERIODS.
 */
export function isPeriod( value: unknown ): value is Period {
	return (
		typeof value === 'string' &&
		( PERIODS as readonly string[] ).includes( value )
	);
}

/**
 * Names a period.
 *
 * @param period The period.
 * @return For example "Last 24 hours".
 */
export function periodLabel( period: Period ): string {
	switch ( period ) {
		case 'hour':
			return __( 'Last hour', 'auth-sentinel' );
		case 'day':
			return __( 'Last 24 hours', 'auth-sentinel' );
		case 'week':
			return __( 'Last 7 days', 'auth-sentinel' );
		case 'month':
			return __( 'Last 30 days', 'auth-sentinel' );
	}
}

/**
 * The dates the REST listings take as `since` and `until` (`format:
 * date-time`): what core's rest_parse_date() accepts, RFC 3339 with an
 * optional zone. Anything else (`2026-11-26` alone, `1`, `Nov 26 2026`,
 * which the browser reads as dates) is answered with a 400 that no retry
 * can help.
 */
const REST_DATE_TIME =
	/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::\d{2})?)?$/;

/**
 * Returns a date the REST listings take and the screens can show, else null.
 *
 * @param value A date from the address or a link.
 * @return The date as given, or null.
 */
function isoOrNull( value: string | null | undefined ): string | null {
	return value && REST_DATE_TIME.test( value ) && parseDate( value )
		? value
		: null;
}

/**
 * The moment of a date isoOrNull() took, as the server reads it: a date
 * without a zone is UTC (WordPress runs PHP in UTC).
 *
 * @param value The date.
 * @return Milliseconds since the epoch.
 */
function serverTime( value: string ): number {
	const zoned = /(?:Z|[+-]\d{2}(?::\d{2})?)$/.test( value );
	return Date.parse( zoned ? value : `${ value }Z` );
}

/**
 * Builds a range filter from URL values, dropping what is not a date the
 * REST listings take (isoOrNull()). Ends given in the wrong order are
 * swapped: the audit log answers a range that ends before it starts with a
 * 400 (AuditController::request_filters()), and the period between them is
 * what the link meant.
 *
 * @param since Start, ISO 8601.
 * @param until End, ISO 8601.
 * @return The filter, or null when neither end is a date.
 */
export function rangeFilter(
	since: string | null | undefined,
	until: string | null | undefined
): TimeFilter {
	const from = isoOrNull( since );
	const to = isoOrNull( until );
	if ( from && to && serverTime( from ) > serverTime( to ) ) {
		return { type: 'range', since: to, until: from };
	}
	return from || to ? { type: 'range', since: from, until: to } : null;
}

/**
 * Encodes a time filter as one DataViews filter value: the period, or an
 * ISO 8601 interval "since/until" with either end left empty.
 *
 * @param filter The time filter.
 * @return The value; "all" for no filter.
 */
export function timeFilterValue( filter: TimeFilter ): string {
	if ( ! filter ) {
		return ALL_TIME;
	}
	if ( filter.type === 'period' ) {
		return filter.period;
	}
	return `${ filter.since ?? '' }/${ filter.until ?? '' }`;
}

/**
 * Decodes a DataViews filter value made by timeFilterValue().
 *
 * @param value The value.
 * @return The time filter, or null for all time and unknown values.
 */
export function timeFilterFromValue( value: unknown ): TimeFilter {
	if ( isPeriod( value ) ) {
		return { type: 'period', period: value };
	}
	if ( typeof value !== 'string' || ! value.includes( '/' ) ) {
		return null;
	}
	const [ since, until ] = value.split( '/' );
	return rangeFilter( since, until );
}

/**
 * Names a time filter.
 *
 * @param filter The time filter.
 * @return For example "Last 7 days" or "Since Nov 26, 2026, 2:02 PM UTC".
 */
export function timeFilterLabel( filter: TimeFilter ): string {
	if ( ! filter ) {
		return __( 'All time', 'auth-sentinel' );
	}
	if ( filter.type === 'period' ) {
		return periodLabel( filter.period );
	}
	const since = filter.since ? formatDateTime( filter.since ) : '';
	const until = filter.until ? formatDateTime( filter.until ) : '';
	if ( since && until ) {
		/* translators: 1: start date and time, 2: end date and time. */
		return sprintf( __( '%1$s to %2$s', 'auth-sentinel' ), since, until );
	}
	if ( since ) {
		/* translators: %s: date and time. */
		return sprintf( __( 'Since %s', 'auth-sentinel' ), since );
	}
	/* translators: %s: date and time. */
	return sprintf( __( 'Until %s', 'auth-sentinel' ), until );
}

/**
 * Works out the REST `since` and `until` of a time filter.
 *
 * @param filter The time filter.
 * @param now    The current time, which periods count back from.
 * @return The bounds that are set, as ISO 8601.
 */
export function timeBounds(
	filter: TimeFilter,
	now: Date
): { since?: string; until?: string } {
	if ( ! filter ) {
		return {};
	}
	if ( filter.type === 'period' ) {
		return {
			since: new Date(
				now.getTime() - PERIOD_MS[ filter.period ]
			).toISOString(),
		};
	}
	return {
		...( filter.since ? { since: filter.since } : {} ),
		...( filter.until ? { until: filter.until } : {} ),
	};
}

/**
 * Lists the choices of the time filter: all time, the periods and, when
 * one is set, the current range.
 *
 * @param current The filter in use.
 * @return Values and labels.
 */
export function timeFilterChoices(
	current: TimeFilter
): Array< { value: string; label: string } > {
	const choices = [
		{ value: ALL_TIME, label: timeFilterLabel( null ) },
		...PERIODS.map( ( period ) => ( {
			value: period,
			label: periodLabel( period ),
		} ) ),
	];
	if ( current?.type === 'range' ) {
		choices.push( {
			value: timeFilterValue( current ),
			label: timeFilterLabel( current ),
		} );
	}
	return choices;
}
