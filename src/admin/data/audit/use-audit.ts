/**
 * Loads one page of the audit log for the Audit screen.
 */
import { __ } from '@wordpress/i18n';

import type { AuditEntry, AuditQuery } from '../../types';
import { useRestResource } from '../use-rest-resource';
import { fetchAudit } from './api';

export interface AuditState {
	/** The rows of the last page loaded, kept while the next loads. */
	items: AuditEntry[];
	/** Rows matching the query (X-WP-Total). */
	total: number;
	totalPages: number;
	/** Whether an answer has arrived yet. */
	hasLoaded: boolean;
	error: string | null;
	isLoading: boolean;
	reload: () => void;
}

/**
 * Loads `GET /auth-sentinel/v1/audit` for a query, again whenever the query
 * changes; a request the new query replaces is cancelled.
 *
 * @param query Filters and paging.
 * @return The page and its state.
 */
export function useAudit( query: AuditQuery ): AuditState {
	const { data, error, isLoading, reload } = useRestResource(
		( signal ) => fetchAudit( query, signal ),
		JSON.stringify( query ),
		__( 'The audit log could not be loaded.', 'auth-sentinel' )
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
