/**
 * Typed calls to the audit log routes of auth-sentinel/v1, and the form of
 * its CSV export.
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

/** The CSV export as a form: where it posts, and its fields. */
export interface AuditExportForm {
	/** `POST /audit/export`, with `site` in the Network Admin. */
	action: string;
	/** The table's filters, as form fields; paging is dropped. */
	fields: Record< string, string >;
}

/**
 * Builds the form that downloads the audit log as CSV: `POST /audit/export`
 * with the table's filters in the body, every page. The REST nonce goes in
 * the body too (`_wpnonce`, added by the form when it is sent), never in a
 * URL that history, server logs and the Referer header would keep.
 *
 * @param restRoot The REST root, e.g. "https://shop.test/wp-json/" or
 *                 "https://shop.test/?rest_route=/".
 * @param query    The table's filters; paging is dropped.
 * @return The form's address and fields.
 */
export function auditExportForm(
	restRoot: string,
	query: AuditQuery
): AuditExportForm {
	const filters: Partial< AuditQuery > = { ...query };
	delete filters.page;
	delete filters.per_page;
	const fields: Record< string, string > = {};
	for ( const [ name, value ] of Object.entries( definedArgs( filters ) ) ) {
		fields[ name ] = String( value );
	}
	return {
		action: withSite( `${ restRoot }${ REST_NAMESPACE }/audit/export` ),
		fields,
	};
}
