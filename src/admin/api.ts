/**
 * Typed calls to the auth-sentinel/v1 REST API. The nonce middleware of
 * wp-api-fetch is set up by WordPress.
 */
import apiFetch from '@wordpress/api-fetch';

import { normalizeSecretsResponse } from './data/secrets/normalize';
import type { SecretsResponse } from './types';

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
