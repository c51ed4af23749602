/**
 * The failures chart in words: its accessible name.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import { causeLabel } from '../events/causes';
import type { EventStats, StatsInterval } from '../data/events/types';
import { secretName } from '../secrets/labels';
import { formatList } from '../utils/list';
import { formatDateTime } from '../utils/dates';
import { bucketLabel, stackBars, stackOrder } from './chart-data';
import type { Bar } from './chart-data';

/** Past this many, the summary counts the secret changes instead. */
const MAX_LISTED_CHANGES = 3;

function peakSentence( bars: readonly Bar[], interval: StatsInterval ): string {
	const peak = bars.reduce< Bar | null >(
		( best, bar ) => ( ! best || bar.total > best.total ? bar : best ),
		null
	);
	if ( ! peak || peak.total === 0 ) {
		return '';
	}
	const when = bucketLabel( peak, interval );
	return interval === 'hour'
		? sprintf(
				/* translators: 1: date and time, 2: number of failures. */
				_n(
					'The busiest hour began %1$s, with %2$s failure.',
					'The busiest hour began %1$s, with %2$s failures.',
					peak.total,
					'auth-sentinel'
				),
				when,
				peak.total.toLocaleString()
			)
		: sprintf(
				/* translators: 1: a date, 2: number of failures. */
				_n(
					'The busiest day was %1$s, with %2$s failure.',
					'The busiest day was %1$s, with %2$s failures.',
					peak.total,
					'auth-sentinel'
				),
				when,
				peak.total.toLocaleString()
			);
}

/**
 * Describes the chart in words, for its accessible name.
 *
 * @param stats Stats from the REST API.
 * @return A few sentences.
 */
export function chartSummary( stats: EventStats ): string {
	const order = stackOrder( stats.totals );
	const bars = stackBars( stats.buckets, order, stats.interval );
	const total = stats.total.toLocaleString();
	const sentences = [
		stats.interval === 'hour'
			? sprintf(
					/* translators: %s: number of failures. */
					__(
						'Failures per hour over the last 24 hours: %s in total.',
						'auth-sentinel'
					),
					total
				)
			: sprintf(
					/* translators: %s: number of failures. */
					__(
						'Failures per day over the last 30 days: %s in total.',
						'auth-sentinel'
					),
					total
				),
		peakSentence( bars, stats.interval ),
	];
	if ( order.length > 0 ) {
		const causes = order.map( ( cause ) =>
			sprintf(
				/* translators: 1: a cause, e.g. "Expired", 2: number of failures. */
				__( '%1$s: %2$s', 'auth-sentinel' ),
				causeLabel( cause ),
				( stats.totals[ cause ] ?? 0 ).toLocaleString()
			)
		);
		sentences.push(
			sprintf(
				/* translators: %s: list of causes with their counts. */
				__( 'By cause: %s.', 'auth-sentinel' ),
				formatList( causes )
			)
		);
	}
	const changes = stats.markers.map( ( marker ) =>
		sprintf(
			/* translators: 1: names of secrets, 2: date and time. */
			__( '%1$s at %2$s', 'auth-sentinel' ),
			formatList( marker.changed.map( secretName ) ),
			formatDateTime( marker.at )
		)
	);
	if ( changes.length > MAX_LISTED_CHANGES ) {
		sentences.push(
			sprintf(
				/* translators: 1: number of secret changes, 2: the latest, e.g. "AUTH_KEY at Nov 26, 2026, 2:02 PM UTC". */
				__( '%1$s secret changes; the latest: %2$s.', 'auth-sentinel' ),
				changes.length.toLocaleString(),
				changes[ changes.length - 1 ] as string
			)
		);
	} else if ( changes.length > 0 ) {
		sentences.push(
			sprintf(
				/* translators: %s: list of secret changes with their times. */
				_n(
					'Secret change: %s.',
					'Secret changes: %s.',
					changes.length,
					'auth-sentinel'
				),
				formatList( changes )
			)
		);
	}
	return sentences.filter( Boolean ).join( ' ' );
}
