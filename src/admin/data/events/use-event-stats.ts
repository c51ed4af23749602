/**
 * Loads failures over time for the Overview screen.
 */
import { __ } from '@wordpress/i18n';

import { fetchEventStats } from '../../api';
import type { EventStats, StatsQuery } from './types';
import { useRestResource } from '../use-rest-resource';
import type { ResourceState } from '../use-rest-resource';

/**
 * Loads `GET /auth-sentinel/v1/events/stats`, again when the query changes.
 *
 * @param query Interval, period and filters.
 * @return The stats and their state.
 */
export function useEventStats(
	query: StatsQuery
): ResourceState< EventStats > {
	return useRestResource(
		( signal ) => fetchEventStats( query, signal ),
		JSON.stringify( query ),
		__( 'The failure statistics could not be loaded.', 'auth-sentinel' )
	);
}
