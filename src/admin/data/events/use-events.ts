/**
 * Loads one page of recorded failures for the Errors screen.
 */
import { __ } from '@wordpress/i18n';

import { fetchEvents } from '../../api';
import type { EventsPage, EventsQuery } from '../../types';
import { useRestResource } from '../use-rest-resource';

export interface EventsState {
	/** The failures of the last page loaded, kept while the next loads. */
	items: EventsPage[ 'items' ];
	/** Failures matching the query (X-WP-Total). */
	total: number;
	totalPages: number;
	/** Whether an answer has arrived yet. */
	hasLoaded: boolean;
	error: string | null;
	isLoading: boolean;
	reload: () => void;
}

/**
 * Loads `GET /auth-sentinel/v1/events` for a query, again whenever the query
 * changes; a request the new query replaces is cancelled.
 *
 * @param query Filters, sorting and paging.
 * @return The page and its state.
 */
export function useEvents( query: EventsQuery ): EventsState {
	// The query as JSON: a new object with the same values is no change.
	const { data, error, isLoading, reload } = useRestResource(
		( signal ) => fetchEvents( query, signal ),
		JSON.stringify( query ),
		__( 'The failures could not be loaded.', 'auth-sentinel' )
	);
	return {
		items: data?.items ?? [],
		total: data?.total ?? 0,
		totalPages: data?.totalPages ?? 0,
		hasLoaded: data !== null,
		error,
		isLoading,
		reload,
	};
}
