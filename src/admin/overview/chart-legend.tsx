/**
 * The chart's legend: every stacked cause with its colour and total, in
 * stack order from the bottom of the bars up.
 */
import { __ } from '@wordpress/i18n';

import { causeColor, causeLabel } from '../events/causes';
import type { CauseCounts, FailureCause } from '../data/events/types';

interface ChartLegendProps {
	order: readonly FailureCause[];
	totals: CauseCounts;
}

export function ChartLegend( { order, totals }: ChartLegendProps ) {
	if ( order.length === 0 ) {
		return null;
	}
	return (
		<ul
			className="auth-sentinel-legend"
			aria-label={ __(
				'Causes, from the bottom of the bars up',
				'auth-sentinel'
			) }
		>
			{ order.map( ( cause ) => (
				<li key={ cause }>
					<span
						className="auth-sentinel-legend__swatch"
						style={ { background: causeColor( cause ) } }
						aria-hidden="true"
					/>
					{ causeLabel( cause ) }{ ' ' }
					<span className="auth-sentinel-muted">
						{ ( totals[ cause ] ?? 0 ).toLocaleString() }
					</span>
				</li>
			) ) }
		</ul>
	);
}
