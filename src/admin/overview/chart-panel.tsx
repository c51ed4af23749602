/**
 * The "Failures over time" section: period switch, chart, legend and the
 * same numbers as a table on demand.
 */
import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { EventStats, StatsInterval } from '../data/events/types';
import { ChartLegend } from './chart-legend';
import { ChartTable } from './chart-table';
import { stackBars, stackOrder } from './chart-data';
import { FailuresChart } from './failures-chart';

const TABLE_ID = 'auth-sentinel-chart-table';

interface ChartPanelProps {
	stats: EventStats;
	interval: StatsInterval;
	isLoading: boolean;
	onChangeInterval: ( interval: StatsInterval ) => void;
}

export function ChartPanel( {
	stats,
	interval,
	isLoading,
	onChangeInterval,
}: ChartPanelProps ) {
	const [ showTable, setShowTable ] = useState( false );
	const order = stackOrder( stats.totals );
	const bars = stackBars( stats.buckets, order, stats.interval );
	const choices: Array< { value: StatsInterval; label: string } > = [
		{ value: 'hour', label: __( 'Last 24 hours', 'auth-sentinel' ) },
		{ value: 'day', label: __( 'Last 30 days', 'auth-sentinel' ) },
	];
	return (
		<div className="auth-sentinel-chart-panel" aria-busy={ isLoading }>
			<div
				className="auth-sentinel-toolbar"
				role="group"
				aria-label={ __( 'Period', 'auth-sentinel' ) }
			>
				{ choices.map( ( choice ) => (
					<Button
						key={ choice.value }
						variant="secondary"
						size="compact"
						isPressed={ interval === choice.value }
						onClick={ () => onChangeInterval( choice.value ) }
					>
						{ choice.label }
					</Button>
				) ) }
			</div>
			<FailuresChart stats={ stats } bars={ bars } order={ order } />
			<ChartLegend order={ order } totals={ stats.totals } />
			<Button
				variant="link"
				aria-expanded={ showTable }
				aria-controls={ showTable ? TABLE_ID : undefined }
				onClick={ () => setShowTable( ( shown ) => ! shown ) }
			>
				{ showTable
					? __( 'Hide the table', 'auth-sentinel' )
					: __( 'Show as table', 'auth-sentinel' ) }
			</Button>
			{ showTable && (
				<ChartTable
					id={ TABLE_ID }
					bars={ bars }
					order={ order }
					interval={ stats.interval }
				/>
			) }
		</div>
	);
}
