/**
 * The sentence at the top of the Overview: a secret change followed by
 * failures when there is one, else the failures of the period.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import type { ErrorsState } from '../errors/url-state';
import { compareNames } from '../secrets/known-secrets';
import { secretName } from '../secrets/labels';
import type { EventStats, StatsInterval } from '../data/events/types';
import { formatShortList } from '../utils/list';
import {
	formatDateTime,
	formatTime,
	isSameDay,
	parseDate,
} from '../utils/dates';

/** How many secret names the headline spells out. */
const HEADLINE_NAMES = 3;

export interface Headline {
	text: string;
	/** Whether it reports a secret change that broke sign-ins. */
	isAlert: boolean;
	/** A link to the failures it counts, or null when there are none. */
	link: { label: string; filters: Partial< ErrorsState > } | null;
}

/**
 * Gives the Errors time filter matching a stats interval.
 *
 * @param interval The interval of the stats.
 * @return Last 24 hours for hourly stats, last 30 days for daily ones.
 */
export function periodOfInterval(
	interval: StatsInterval
): Partial< ErrorsState > {
	return {
		time: { type: 'period', period: interval === 'hour' ? 'day' : 'month' },
	};
}

function failuresPhrase( failures: number ): string {
	return sprintf(
		/* translators: %s: number of failures. */
		_n( '%s failure', '%s failures', failures, 'auth-sentinel' ),
		failures.toLocaleString()
	);
}

function usersPhrase( users: number, exact = true ): string {
	return exact
		? sprintf(
				/* translators: %s: number of users. */
				_n( 'from %s user', 'from %s users', users, 'auth-sentinel' ),
				users.toLocaleString()
			)
		: sprintf(
				/* translators: %s: an estimated number of users (within about 3%). */
				_n(
					'from about %s user',
					'from about %s users',
					users,
					'auth-sentinel'
				),
				users.toLocaleString()
			);
}

function spikeText( stats: EventStats, now: Date ): string | null {
	const spike = stats.spike;
	const at = parseDate( spike?.at );
	if ( ! spike || ! at || spike.failures === 0 ) {
		return null;
	}
	const names = formatShortList(
		[ ...spike.changed ].sort( compareNames ).map( secretName ),
		HEADLINE_NAMES
	);
	const failures = failuresPhrase( spike.failures );
	const today = isSameDay( at, now );
	const when = today ? formatTime( spike.at ) : formatDateTime( spike.at );
	if ( spike.users > 0 ) {
		const users = usersPhrase( spike.users, spike.users_exact !== false );
		return today
			? sprintf(
					/* translators: 1: names of secrets, 2: a time, e.g. "14:02", 3: e.g. "312 failures", 4: e.g. "from 41 users". */
					__(
						'%1$s changed at %2$s — %3$s %4$s since',
						'auth-sentinel'
					),
					names,
					when,
					failures,
					users
				)
			: sprintf(
					/* translators: 1: names of secrets, 2: a date and time, 3: e.g. "312 failures", 4: e.g. "from 41 users". */
					__(
						'%1$s changed on %2$s — %3$s %4$s since',
						'auth-sentinel'
					),
					names,
					when,
					failures,
					users
				);
	}
	return today
		? sprintf(
				/* translators: 1: names of secrets, 2: a time, e.g. "14:02", 3: e.g. "312 failures". */
				__( '%1$s changed at %2$s — %3$s since', 'auth-sentinel' ),
				names,
				when,
				failures
			)
		: sprintf(
				/* translators: 1: names of secrets, 2: a date and time, 3: e.g. "312 failures". */
				__( '%1$s changed on %2$s — %3$s since', 'auth-sentinel' ),
				names,
				when,
				failures
			);
}

function totalsText( stats: EventStats ): string {
	const hourly = stats.interval === 'hour';
	if ( stats.total === 0 ) {
		return hourly
			? __( 'No failures in the last 24 hours', 'auth-sentinel' )
			: __( 'No failures in the last 30 days', 'auth-sentinel' );
	}
	const failures = failuresPhrase( stats.total );
	if ( stats.users > 0 ) {
		const users = usersPhrase( stats.users, stats.users_exact );
		return hourly
			? sprintf(
					/* translators: 1: e.g. "128 failures", 2: e.g. "from 9 users". */
					__( '%1$s %2$s in the last 24 hours', 'auth-sentinel' ),
					failures,
					users
				)
			: sprintf(
					/* translators: 1: e.g. "128 failures", 2: e.g. "from 9 users". */
					__( '%1$s %2$s in the last 30 days', 'auth-sentinel' ),
					failures,
					users
				);
	}
	return hourly
		? sprintf(
				/* translators: %s: e.g. "128 failures". */
				__( '%s in the last 24 hours', 'auth-sentinel' ),
				failures
			)
		: sprintf(
				/* translators: %s: e.g. "128 failures". */
				__( '%s in the last 30 days', 'auth-sentinel' ),
				failures
			);
}

/**
 * Writes the Overview headline.
 *
 * @param stats Stats from the REST API.
 * @param now   The current time.
 * @return The headline and the Errors filter it links to.
 */
export function overviewHeadline( stats: EventStats, now: Date ): Headline {
	const spike = spikeText( stats, now );
	if ( spike && stats.spike ) {
		return {
			text: spike,
			isAlert: true,
			link: {
				label: __(
					'Show the failures since the change',
					'auth-sentinel'
				),
				filters: {
					time: { type: 'range', since: stats.spike.at, until: null },
				},
			},
		};
	}
	return {
		text: totalsText( stats ),
		isAlert: false,
		link:
			stats.total > 0
				? {
						label: __( 'Show these failures', 'auth-sentinel' ),
						filters: periodOfInterval( stats.interval ),
					}
				: null,
	};
}
