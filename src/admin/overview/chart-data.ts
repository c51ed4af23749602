/**
 * The numbers behind the failures chart: stacked segments per bucket, the
 * axis scale, where secret changes fall, and the labels of buckets.
 */
import { CAUSES } from '../data/events/types';
import type {
	CauseCounts,
	FailureCause,
	StatsBucket,
	StatsInterval,
	StatsMarker,
} from '../data/events/types';
import { secretName } from '../secrets/labels';
import { formatShortList } from '../utils/list';
import {
	formatDate,
	formatDateTime,
	formatMonthDay,
	formatTime,
	parseDate,
} from '../utils/dates';

const HOUR_MS = 60 * 60 * 1000;

export interface Segment {
	cause: FailureCause;
	count: number;
	/** Failures stacked below this segment. */
	from: number;
	/** `from` plus this segment's count. */
	to: number;
}

export interface Bar {
	/** ISO 8601. */
	start: string;
	/** ISO 8601: the next bucket's start. */
	end: string;
	total: number;
	/** Bottom to top, in stack order; causes without failures left out. */
	segments: Segment[];
}

/**
 * Lists the causes the chart stacks, bottom to top; the legend uses the same
 * order. Causes without failures in the period are left out.
 *
 * @param totals Failures per cause over the period.
 * @return Causes in CAUSES order.
 */
export function stackOrder( totals: CauseCounts ): FailureCause[] {
	return CAUSES.filter( ( cause ) => ( totals[ cause ] ?? 0 ) > 0 );
}

function bucketMs( interval: StatsInterval ): number {
	return interval === 'hour' ? HOUR_MS : 24 * HOUR_MS;
}

/**
 * Stacks the failures of each bucket by cause.
 *
 * @param buckets  Buckets from the REST API, oldest first.
 * @param order    Stack order, bottom first.
 * @param interval Bucket size, for the end of the last bucket.
 * @return One bar per bucket.
 */
export function stackBars(
	buckets: readonly StatsBucket[],
	order: readonly FailureCause[],
	interval: StatsInterval
): Bar[] {
	return buckets.map( ( bucket, index ) => {
		let total = 0;
		const segments: Segment[] = [];
		for ( const cause of order ) {
			const count = bucket.counts[ cause ] ?? 0;
			if ( count > 0 ) {
				segments.push( {
					cause,
					count,
					from: total,
					to: total + count,
				} );
				total += count;
			}
		}
		const next = buckets[ index + 1 ]?.start;
		const start = parseDate( bucket.start )?.getTime() ?? 0;
		return {
			start: bucket.start,
			end: next ?? new Date( start + bucketMs( interval ) ).toISOString(),
			total,
			segments,
		};
	} );
}

/**
 * Chooses the y axis: a round step and a top that holds the tallest bar.
 *
 * @param max The tallest bar.
 * @return The axis top and its ticks, from 0.
 */
export function yAxis( max: number ): { top: number; ticks: number[] } {
	const raw = Math.max( 1, max ) / 4;
	const magnitude = 10 ** Math.floor( Math.log10( raw ) );
	const step =
		[ 1, 2, 5, 10 ]
			.map( ( m ) => m * magnitude )
			.find( ( candidate ) => candidate >= raw && candidate >= 1 ) ??
		10 * magnitude;
	const top = Math.max( step, Math.ceil( Math.max( 1, max ) / step ) * step );
	const ticks: number[] = [];
	for ( let tick = 0; tick <= top; tick += step ) {
		ticks.push( tick );
	}
	return { top, ticks };
}

/**
 * Places a moment on the bar scale: bar i spans [i, i + 1).
 *
 * @param at   ISO 8601.
 * @param bars The bars.
 * @return The position, or null when it falls outside the bars.
 */
export function barPosition( at: string, bars: readonly Bar[] ): number | null {
	const time = parseDate( at )?.getTime();
	if ( time === undefined ) {
		return null;
	}
	for ( let index = 0; index < bars.length; index++ ) {
		const bar = bars[ index ] as Bar;
		const start = parseDate( bar.start )?.getTime() ?? 0;
		const end = parseDate( bar.end )?.getTime() ?? start;
		if ( time >= start && time < end && end > start ) {
			return index + ( time - start ) / ( end - start );
		}
	}
	return null;
}

/**
 * Names a bucket.
 *
 * @param bar      The bar.
 * @param interval Bucket size.
 * @return For example "Nov 26, 2026, 2:00 PM UTC" or "Nov 26, 2026".
 */
export function bucketLabel(
	bar: Pick< Bar, 'start' >,
	interval: StatsInterval
): string {
	return interval === 'hour'
		? formatDateTime( bar.start )
		: formatDate( middayOf( bar.start ) );
}

/**
 * Labels a bucket on the x axis, briefly.
 *
 * @param bar      The bar.
 * @param interval Bucket size.
 * @return For example "2:00 PM" or "Nov 26".
 */
export function axisLabel(
	bar: Pick< Bar, 'start' >,
	interval: StatsInterval
): string {
	return interval === 'hour'
		? formatTime( bar.start )
		: formatMonthDay( middayOf( bar.start ) );
}

/**
 * Moves to the middle of a day bucket, so a server day that starts a few
 * hours off the browser's midnight is still named by its own date.
 *
 * @param iso Bucket start.
 * @return Twelve hours later, ISO 8601.
 */
function middayOf( iso: string ): string {
	const date = parseDate( iso );
	return date ? new Date( date.getTime() + 12 * HOUR_MS ).toISOString() : iso;
}

/** Secret changes close enough on the chart to share one line. */
export interface MarkerGroup {
	/** Where the line goes, on the bar scale (the first change). */
	position: number;
	/** The changes, oldest first. */
	markers: StatsMarker[];
	/** Every secret changed, each named once. */
	names: string[];
}

/**
 * Groups the secret changes that fall within `minGap` of the first change of
 * a group, so their lines and labels do not pile up.
 *
 * @param markers The changes, oldest first.
 * @param bars    The bars.
 * @param minGap  Distance on the bar scale under which changes merge.
 * @return The groups, left to right; changes outside the bars are left out.
 */
export function groupMarkers(
	markers: readonly StatsMarker[],
	bars: readonly Bar[],
	minGap: number
): MarkerGroup[] {
	const groups: MarkerGroup[] = [];
	for ( const marker of markers ) {
		const position = barPosition( marker.at, bars );
		if ( position === null ) {
			continue;
		}
		const last = groups[ groups.length - 1 ];
		if ( last && position - last.position < minGap ) {
			last.markers.push( marker );
			for ( const name of marker.changed ) {
				if ( ! last.names.includes( name ) ) {
					last.names.push( name );
				}
			}
		} else {
			groups.push( {
				position,
				markers: [ marker ],
				names: [ ...new Set( marker.changed ) ],
			} );
		}
	}
	return groups;
}

/**
 * Names the secrets of a marker group briefly, for the chart.
 *
 * @param group The group.
 * @return For example "AUTH_KEY and AUTH_SALT" or "AUTH_KEY and 6 others".
 */
export function markerLabel( group: Pick< MarkerGroup, 'names' > ): string {
	return formatShortList(
		group.names.map( secretName ),
		group.names.length > 2 ? 1 : 2
	);
}
