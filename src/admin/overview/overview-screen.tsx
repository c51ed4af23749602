/**
 * The Overview screen: what broke sign-ins lately, failures over time by
 * cause with the secret changes marked, and who and what was hit most.
 */
import { Card, CardBody } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { useEventStats } from '../data/events/use-event-stats';
import { ERRORS_STATE } from '../errors/url-state';
import type { StatsInterval } from '../data/events/types';
import { useNow } from '../utils/use-now';
import { ChartPanel } from './chart-panel';
import { overviewHeadline } from './headline';
import { TopLists } from './top-lists';

const IDS = {
	chart: 'auth-sentinel-chart-heading',
	tops: 'auth-sentinel-tops-heading',
};

interface OverviewScreenProps {
	/** Address of the Errors screen, for links to filtered views. */
	errorsUrl: string;
}

export function OverviewScreen( { errorsUrl }: OverviewScreenProps ) {
	const [ interval, setStatsInterval ] = useState< StatsInterval >( 'hour' );
	const { data, error, isLoading, reload } = useEventStats( { interval } );
	const now = useNow();

	if ( ! data ) {
		if ( error ) {
			return <LoadError message={ error } onRetry={ reload } />;
		}
		return (
			<Loading label={ __( 'Loading the overview…', 'auth-sentinel' ) } />
		);
	}

	const headline = overviewHeadline( data, now );
	return (
		<div className="auth-sentinel-overview">
			{ error && <LoadError message={ error } onRetry={ reload } /> }
			<Card className="auth-sentinel-summary">
				<CardBody>
					<p
						className={
							headline.isAlert
								? 'auth-sentinel-summary__problems has-problems'
								: 'auth-sentinel-summary__problems'
						}
					>
						{ headline.text }
					</p>
					{ headline.link && (
						<p>
							<a
								href={ ERRORS_STATE.href(
									errorsUrl,
									headline.link.filters
								) }
							>
								{ headline.link.label }
							</a>
						</p>
					) }
				</CardBody>
			</Card>
			<section aria-labelledby={ IDS.chart }>
				<h2 id={ IDS.chart }>
					{ __( 'Failures over time', 'auth-sentinel' ) }
				</h2>
				<ChartPanel
					stats={ data }
					interval={ interval }
					isLoading={ isLoading }
					onChangeInterval={ setStatsInterval }
				/>
			</section>
			<section aria-labelledby={ IDS.tops }>
				<h2 id={ IDS.tops }>
					{ __( 'Hit most often', 'auth-sentinel' ) }
				</h2>
				<TopLists stats={ data } errorsUrl={ errorsUrl } />
			</section>
		</div>
	);
}
