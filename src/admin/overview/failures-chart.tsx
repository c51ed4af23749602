/**
 * Failures over time as stacked bars by cause, with a dashed line where
 * secrets changed. The SVG is one image to assistive technology, named by a
 * summary in words; the legend and the table alternative carry the rest.
 */
import { __, sprintf } from '@wordpress/i18n';

import { causeColor, causeLabel } from '../events/causes';
import type { EventStats, FailureCause } from '../data/events/types';
import { secretName } from '../secrets/labels';
import { formatList } from '../utils/list';
import { formatDateTime } from '../utils/dates';
import type { Bar, MarkerGroup } from './chart-data';
import { chartSummary } from './chart-summary';
import {
	axisLabel,
	bucketLabel,
	groupMarkers,
	markerLabel,
	yAxis,
} from './chart-data';

const WIDTH = 960;
const HEIGHT = 260;
const MARGIN = { top: 40, right: 28, bottom: 28, left: 44 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
/** At most this many labels on the x axis. */
const MAX_X_LABELS = 8;
/** Secret changes closer than this (in SVG units) share one line. */
const MARKER_GAP = 90;
/** Line height of the two staggered rows of marker labels. */
const LABEL_ROW = 13;

interface FailuresChartProps {
	stats: EventStats;
	bars: readonly Bar[];
	order: readonly FailureCause[];
}

function segmentTitle( cause: FailureCause, count: number, when: string ) {
	return sprintf(
		/* translators: 1: date or time, 2: a cause, e.g. "Expired", 3: number of failures. */
		__( '%1$s — %2$s: %3$s', 'auth-sentinel' ),
		when,
		causeLabel( cause ),
		count.toLocaleString()
	);
}

function markerTitle( group: MarkerGroup ): string {
	return group.markers
		.map( ( marker ) =>
			sprintf(
				/* translators: 1: names of secrets, 2: date and time. */
				__( '%1$s changed at %2$s', 'auth-sentinel' ),
				formatList( marker.changed.map( secretName ) ),
				formatDateTime( marker.at )
			)
		)
		.join( '\n' );
}

export function FailuresChart( { stats, bars, order }: FailuresChartProps ) {
	const max = bars.reduce( ( top, bar ) => Math.max( top, bar.total ), 0 );
	const axis = yAxis( max );
	const slot = bars.length > 0 ? PLOT_WIDTH / bars.length : PLOT_WIDTH;
	const gap = Math.min( 4, slot * 0.2 );
	const y = ( value: number ) =>
		MARGIN.top + PLOT_HEIGHT - ( value / axis.top ) * PLOT_HEIGHT;
	const labelEvery = Math.max( 1, Math.ceil( bars.length / MAX_X_LABELS ) );

	return (
		<svg
			className="auth-sentinel-chart"
			viewBox={ `0 0 ${ WIDTH } ${ HEIGHT }` }
			role="img"
			aria-label={ chartSummary( stats ) }
			data-causes={ order.join( ' ' ) }
		>
			{ axis.ticks.map( ( tick ) => (
				<g key={ tick } className="auth-sentinel-chart__tick">
					<line
						x1={ MARGIN.left }
						x2={ WIDTH - MARGIN.right }
						y1={ y( tick ) }
						y2={ y( tick ) }
					/>
					<text x={ MARGIN.left - 6 } y={ y( tick ) } dy="0.32em">
						{ tick.toLocaleString() }
					</text>
				</g>
			) ) }
			{ bars.map( ( bar, index ) => {
				const x = MARGIN.left + index * slot + gap / 2;
				const when = bucketLabel( bar, stats.interval );
				return (
					<g key={ bar.start } className="auth-sentinel-chart__bar">
						{ bar.segments.map( ( segment ) => (
							<rect
								key={ segment.cause }
								x={ x }
								width={ Math.max( 1, slot - gap ) }
								y={ y( segment.to ) }
								height={ y( segment.from ) - y( segment.to ) }
								fill={ causeColor( segment.cause ) }
								data-cause={ segment.cause }
							>
								<title>
									{ segmentTitle(
										segment.cause,
										segment.count,
										when
									) }
								</title>
							</rect>
						) ) }
						{ index % labelEvery === 0 && (
							<text
								className="auth-sentinel-chart__x-label"
								x={ x + ( slot - gap ) / 2 }
								y={ HEIGHT - MARGIN.bottom + 16 }
							>
								{ axisLabel( bar, stats.interval ) }
							</text>
						) }
					</g>
				);
			} ) }
			{ groupMarkers( stats.markers, bars, MARKER_GAP / slot ).map(
				( group, index ) => {
					const x = MARGIN.left + group.position * slot;
					const anchor = x > WIDTH * 0.75 ? 'end' : 'start';
					const row = index % 2;
					return (
						<g
							key={ group.markers[ 0 ]?.at ?? index }
							className="auth-sentinel-chart__marker"
						>
							<title>{ markerTitle( group ) }</title>
							<line
								x1={ x }
								x2={ x }
								y1={ MARGIN.top - 6 - row * LABEL_ROW }
								y2={ MARGIN.top + PLOT_HEIGHT }
							/>
							<text
								x={ anchor === 'end' ? x - 4 : x + 4 }
								y={ MARGIN.top - 10 - row * LABEL_ROW }
								textAnchor={ anchor }
							>
								{ markerLabel( group ) }
							</text>
						</g>
					);
				}
			) }
			<line
				className="auth-sentinel-chart__axis"
				x1={ MARGIN.left }
				x2={ WIDTH - MARGIN.right }
				y1={ MARGIN.top + PLOT_HEIGHT }
				y2={ MARGIN.top + PLOT_HEIGHT }
			/>
		</svg>
	);
}
