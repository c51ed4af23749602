/**
 * Typed calls to the audit log routes of auth-sentinel/v1: the listing, the
 * background exports and the form that downloads a finished one.
 */
import apiFetch from '@wordpress/api-fetch';
import { __ } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

import { REST_NAMESPACE, definedArgs, fetchCollection } from '../../api';
import type {
	AuditEntry,
	AuditExportFilters,
	AuditExportJob,
	AuditQuery,
} from './types';
import type { Page } from '../page';
import { normalizeAuditPage } from './normalize';
import { normalizeAuditExportJob } from './normalize-export';
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
 * Tells whether two exports' filters are the same choice (whatever the order
 * of their keys, and a number the same as its string).
 *
 * @param a Filters.
 * @param b Filters.
 * @return Whether they are the same.
 */
export function sameExportFilters(
	a: AuditExportFilters,
	b: AuditExportFilters
): boolean {
	const keys = Object.keys( a );
	return (
		keys.length === Object.keys( b ).length &&
		keys.every(
			( key ) => key in b && String( a[ key ] ) === String( b[ key ] )
		)
	);
}

/**
 * Reads an answer of `/audit/exports`, or fails with a message.
 *
 * @param body The parsed JSON body.
 * @return The job.
 */
function exportJob( body: unknown ): AuditExportJob {
	const job = normalizeAuditExportJob( body );
	if ( ! job ) {
		throw new Error(
			__(
				'The server sent an export this screen cannot read.',
				'auth-sentinel'
			)
		);
	}
	return job;
}

/**
 * Starts a background export of every row matching the table's filters
 * (`POST /audit/exports`); the server writes its first rows at once.
 *
 * @param filters The table's filters as chosen (a relative period as `period`).
 * @param signal  Aborts the request.
 * @return The job.
 */
export async function startAuditExport(
	filters: AuditExportFilters,
	signal?: AbortSignal
): Promise< AuditExportJob > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/audit/exports`,
		method: 'POST',
		data: filters,
		signal,
	} );
	return exportJob( body );
}

/**
 * Lists the user's exports of the site, newest first (`GET /audit/exports`);
 * nothing is written.
 *
 * @param signal Aborts the request.
 * @return The exports the screen can read.
 */
export async function fetchAuditExports(
	signal?: AbortSignal
): Promise< AuditExportJob[] > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/audit/exports`,
		signal,
	} );
	return ( Array.isArray( body ) ? body : [] )
		.map( normalizeAuditExportJob )
		.filter( ( job ): job is AuditExportJob => job !== null );
}

/**
 * Cancels a running export (`DELETE /audit/exports/{id}`): the server deletes
 * it, its file and its next step.
 *
 * @param id     The job's id.
 * @param signal Aborts the request.
 */
export async function cancelAuditExport(
	id: string,
	signal?: AbortSignal
): Promise< void > {
	await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/audit/exports/${ id }`,
		method: 'DELETE',
		signal,
	} );
}

/**
 * Asks where an export is (`GET /audit/exports/{id}`): each request writes
 * its next rows, for a few seconds at most.
 *
 * @param id     The job's id.
 * @param signal Aborts the request.
 * @return The job.
 */
export async function fetchAuditExport(
	id: string,
	signal?: AbortSignal
): Promise< AuditExportJob > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/audit/exports/${ id }`,
		signal,
	} );
	return exportJob( body );
}

/**
 * Returns where the download form of a finished export posts:
 * `POST /audit/exports/{id}/file`, with `site` in the Network Admin. The REST
 * nonce goes in the form's body, never in an address that history, server
 * logs and the Referer header would keep.
 *
 * @param restRoot The REST root, e.g. "https://shop.test/wp-json/" or
 *                 "https://shop.test/?rest_route=/".
 * @param id       The job's id.
 * @return The form's address.
 */
export function auditExportFileAction( restRoot: string, id: string ): string {
	return withSite(
		`${ restRoot }${ REST_NAMESPACE }/audit/exports/${ id }/file`
	);
}
