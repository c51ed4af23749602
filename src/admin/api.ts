/**
 * Typed calls to the auth-sentinel/v1 REST API. The nonce middleware of
 * wp-api-fetch is set up by WordPress.
 */
import apiFetch from '@wordpress/api-fetch';
import { __ } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

import {
	normalizeCatalog,
	normalizeCatalogEntry,
} from './data/catalog/normalize';
import { normalizeEventsPage } from './data/events/normalize';
import { normalizeStats } from './data/events/normalize-stats';
import { normalizeSecretsResponse } from './data/secrets/normalize';
import type { CatalogEntry } from './data/catalog/types';
import type {
	EventStats,
	EventsPage,
	EventsQuery,
	StatsQuery,
} from './data/events/types';
import type { SecretsResponse } from './data/secrets/types';

export const REST_NAMESPACE = 'auth-sentinel/v1';

/**
 * Loads the watched secrets, their strength and the change history.
 *
 * @param signal Aborts the request.
 * @return The secrets report.
 */
export async function fetchSecrets(
	signal?: AbortSignal
): Promise< SecretsResponse > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/secrets`,
		signal,
	} );
	return normalizeSecretsResponse( body );
}

/**
 * Drops the arguments that are not set, so the URL stays short.
 *
 * @param args Query arguments.
 * @return The arguments that have a value.
 */
export function definedArgs( args: object ): Record< string, string | number > {
	const defined: Record< string, string | number > = {};
	for ( const [ key, value ] of Object.entries( args ) ) {
		if (
			( typeof value === 'string' && value !== '' ) ||
			( typeof value === 'number' && Number.isFinite( value ) )
		) {
			defined[ key ] = value;
		}
	}
	return defined;
}

/**
 * Reads the JSON error body of a failed request made with `parse: false`,
 * which apiFetch rejects with the raw Response.
 *
 * @param error What the promise rejected with.
 * @return The error body when there is one, else the error itself.
 */
async function errorBody( error: unknown ): Promise< unknown > {
	if (
		typeof error === 'object' &&
		error !== null &&
		'json' in error &&
		typeof error.json === 'function'
	) {
		try {
			return await ( error as Response ).json();
		} catch {
			return error;
		}
	}
	return error;
}

/**
 * Loads one page of recorded failures.
 *
 * @param query  Filters, sorting and paging.
 * @param signal Aborts the request.
 * @return The failures and the totals of the X-WP-Total headers.
 */
export async function fetchEvents(
	query: EventsQuery,
	signal?: AbortSignal
): Promise< EventsPage > {
	return fetchCollection(
		addQueryArgs( `/${ REST_NAMESPACE }/events`, definedArgs( query ) ),
		normalizeEventsPage,
		signal
	);
}

/**
 * Loads one page of a collection with its X-WP-Total headers.
 *
 * @param path      Route and query.
 * @param normalize Reads the body and the two totals.
 * @param signal    Aborts the request.
 * @return What `normalize` makes of the answer.
 */
export async function fetchCollection< T extends object >(
	path: string,
	normalize: (
		body: unknown,
		total: string | null,
		totalPages: string | null
	) => T,
	signal?: AbortSignal
): Promise< T > {
	let response: Response;
	try {
		response = await apiFetch< unknown, false >( {
			path,
			parse: false,
			signal,
		} );
	} catch ( error ) {
		throw await errorBody( error );
	}
	const body: unknown = await response.json();
	const page = normalize(
		body,
		response.headers.get( 'X-WP-Total' ),
		response.headers.get( 'X-WP-TotalPages' )
	);
	// A listing past 10,000 rows says how far it counted.
	return response.headers.get( 'X-Auth-Sentinel-Total-Bound' )
		? { ...page, more: true }
		: page;
}

/**
 * Loads failures per time bucket and cause, secret changes and top lists.
 *
 * @param query  Interval, period and filters.
 * @param signal Aborts the request.
 * @return The stats.
 */
export async function fetchEventStats(
	query: StatsQuery,
	signal?: AbortSignal
): Promise< EventStats > {
	const body = await apiFetch< unknown >( {
		path: addQueryArgs(
			`/${ REST_NAMESPACE }/events/stats`,
			definedArgs( query )
		),
		signal,
	} );
	return normalizeStats( body, query.interval );
}

/**
 * Loads every entry of the error catalog.
 *
 * @param signal Aborts the request.
 * @return The entries.
 */
export async function fetchCatalog(
	signal?: AbortSignal
): Promise< CatalogEntry[] > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/catalog`,
		signal,
	} );
	return normalizeCatalog( body );
}

/**
 * Loads one catalog entry by its code, an app alias (e.g. "API02003") or a
 * server code.
 *
 * @param code   The code.
 * @param signal Aborts the request.
 * @return The entry.
 */
export async function fetchCatalogEntry(
	code: string,
	signal?: AbortSignal
): Promise< CatalogEntry > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/catalog/${ encodeURIComponent( code ) }`,
		signal,
	} );
	const entry = normalizeCatalogEntry( body );
	if ( ! entry ) {
		throw new Error(
			__(
				'The server sent a catalog entry this screen cannot read.',
				'auth-sentinel'
			)
		);
	}
	return entry;
}

/**
 * Extracts the message of a failed apiFetch call (a REST error body such as
 * `{ code, message, data }`, or the error apiFetch builds when offline).
 *
 * @param error    What the promise rejected with.
 * @param fallback Message to use when there is none.
 * @return A message to show.
 */
export function restErrorMessage( error: unknown, fallback: string ): string {
	if (
		typeof error === 'object' &&
		error !== null &&
		'message' in error &&
		typeof error.message === 'string' &&
		error.message.trim() !== ''
	) {
		return error.message;
	}
	return fallback;
}

/**
 * Tells whether a rejection comes from an aborted request.
 *
 * @param error What the promise rejected with.
 * @return Whether it is an abort.
 */
export function isAbortError( error: unknown ): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		'name' in error &&
		error.name === 'AbortError'
	);
}
