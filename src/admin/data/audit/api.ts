/**
 * Typed calls to the audit log routes of auth-sentinel/v1, and the address
 * of its CSV export.
 */
import apiFetch from '@wordpress/api-fetch';
import { addQueryArgs } from '@wordpress/url';

import { REST_NAMESPACE, definedArgs, fetchCollection } from '../../api';
import type { AuditEntry, AuditQuery } from './types';
import type { Page } from '../page';
import { normalizeAuditPage } from './normalize';
import { withSite } from '../../network/site-scope';

/**
 * Loads one page of the audit log.
 *
 * @param query  Filters and paging.
 * @param signal Aborts the request.
 * @return The rows and the totals of the X-WP-Total headers.
 */
export function fetchAudit(
	query: AuditQuery,
	signal?: AbortSignal
): Promise< Page< AuditEntry > > {
	return fetchCollection(
		addQueryArgs( `/${ REST_NAMESPACE }/audit`, definedArgs( query ) ),
		normalizeAuditPage,
		signal
	);
}

/**
 * Returns the freshest REST nonce: the one wp-api-fetch keeps up to date
 * when WordPress set it up, else the one printed with the page.
 *
 * @param fallback The nonce of the inline configuration.
 * @return A `wp_rest` nonce.
 */
export function currentRestNonce( fallback: string ): string {
	const middleware: unknown = (
		apiFetch as unknown as { nonceMiddleware?: unknown }
	 ).nonceMiddleware;
	if (
		typeof middleware === 'function' &&
		'nonce' in middleware &&
		typeof middleware.nonce === 'string' &&
		middleware.nonce !== ''
	) {
		return middleware.nonce;
	}
	return fallback;
}

/**
 * Builds the address that downloads the audit log as CSV, for a plain link:
 * the same filters as the table, every page, and a nonce so WordPress
 * accepts the login cookie.
 *
 * @param restRoot The REST root, e.g. "https://shop.test/wp-json/" or
 *                 "https://shop.test/?rest_route=/".
 * @param nonce    A `wp_rest` nonce.
 * @param query    The table's filters; paging is dropped.
 * @return The address.
 */
export function auditCsvUrl(
	restRoot: string,
	nonce: string,
	query: AuditQuery
): string {
	const filters: Partial< AuditQuery > = { ...query };
	delete filters.page;
	delete filters.per_page;
	return withSite(
		addQueryArgs( `${ restRoot }${ REST_NAMESPACE }/audit`, {
			...definedArgs( filters ),
			format: 'csv',
			_wpnonce: nonce,
		} )
	);
}
