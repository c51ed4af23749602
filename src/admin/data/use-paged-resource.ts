/**
 * Loads one page of a REST collection for a table: its rows and the totals
 * of its X-WP-Total headers, again whenever the query changes.
 */
import type { Page } from './page';
import { useRestResource } from './use-rest-resource';

export interface PagedResource< T > {
	/** The rows of the last page loaded, kept while the next loads. */
	items: T[];
	/** Rows matching the query (X-WP-Total). */
	total: number;
	totalPages: number;
	/** Whether more rows match than `total` (a bounded count). */
	more: boolean;
	/** The last page loaded, or null before the first answer. */
	data: Page< T > | null;
	/** Whether an answer has arrived yet. */
	hasLoaded: boolean;
	error: string | null;
	isLoading: boolean;
	reload: () => void;
}

/**
 * Loads a page for a query; a request the new query replaces is cancelled.
 *
 * @param fetchPage Loads a page (e.g. fetchEvents); must be stable.
 * @param query     Filters, sorting and paging; a new object with the same
 *                  values is no change.
 * @param fallback  Message shown when a failed load says nothing.
 * @return The page and its state.
 */
export function usePagedResource< T, Q >(
	fetchPage: ( query: Q, signal: AbortSignal ) => Promise< Page< T > >,
	query: Q,
	fallback: string
): PagedResource< T > {
	const { data, error, isLoading, reload } = useRestResource(
		( signal ) => fetchPage( query, signal ),
		JSON.stringify( query ),
		fallback
	);
	return {
		items: data?.items ?? [],
		total: data?.total ?? 0,
		totalPages: data?.totalPages ?? 0,
		more: data?.more ?? false,
		data,
		hasLoaded: data !== null,
		error,
		isLoading,
		reload,
	};
}
