/**
 * The chart's numbers as a table, for anyone who prefers or needs them.
 */
import { __ } from '@wordpress/i18n';

import { causeLabel } from '../events/causes';
import type { FailureCause, StatsInterval } from '../data/events/types';
import type { Bar } from './chart-data';
import { bucketLabel } from './chart-data';

interface ChartTableProps {
	id: string;
	bars: readonly Bar[];
	order: readonly FailureCause[];
	interval: StatsInterval;
}

export function ChartTable( { id, bars, order, interval }: ChartTableProps ) {
	return (
		<table id={ id } className="widefat striped auth-sentinel-chart-table">
			<caption className="screen-reader-text">
				{ interval === 'hour'
					? __( 'Failures per hour and cause', 'auth-sentinel' )
					: __( 'Failures per day and cause', 'auth-sentinel' ) }
			</caption>
			<thead>
				<tr>
					<th scope="col">
						{ interval === 'hour'
							? __( 'Hour starting', 'auth-sentinel' )
							: __( 'Day', 'auth-sentinel' ) }
					</th>
					{ order.map( ( cause ) => (
						<th key={ cause } scope="col">
							{ causeLabel( cause ) }
						</th>
					) ) }
					<th scope="col">{ __( 'Total', 'auth-sentinel' ) }</th>
				</tr>
			</thead>
			<tbody>
				{ bars.map( ( bar ) => (
					<tr key={ bar.start }>
						<th scope="row">{ bucketLabel( bar, interval ) }</th>
						{ order.map( ( cause ) => (
							<td key={ cause }>
								{ (
									bar.segments.find(
										( segment ) => segment.cause === cause
									)?.count ?? 0
								).toLocaleString() }
							</td>
						) ) }
						<td>{ bar.total.toLocaleString() }</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
