/**
 * A search longer than the REST listings take, and the server's answer to
 * one, for the screens' tests: a shared link or a paste can carry one, and
 * the screens must ask for its first 200 characters instead.
 */
import { getQueryArg } from '@wordpress/url';

/** The first 200 characters of LONG_SEARCH: what a screen asks for. */
export const SEARCH_HEAD = `${ 'WCPOS/1.6.0 (Android 14) '.repeat(
	7
) }${ 'a'.repeat( 25 ) }`;

/** 300 characters, after two leading spaces that the screens trim. */
export const LONG_SEARCH = `  ${ SEARCH_HEAD }${ 'b'.repeat( 100 ) }`;

/**
 * Answers a request as the server does when its `search` is longer than the
 * routes' maxLength (Controller::SEARCH_MAX, 200): a 400 naming it.
 *
 * @param path The request's path.
 * @return The rejected request, or null when the search is accepted.
 */
export function refuseLongSearch(
	path: string | undefined
): Promise< never > | null {
	const search = getQueryArg( path ?? '', 'search' );
	if ( typeof search === 'string' && Array.from( search ).length > 200 ) {
		return Promise.reject( {
			code: 'rest_invalid_param',
			message: 'Invalid parameter(s): search',
			data: {
				status: 400,
				params: {
					search: 'search must be at most 200 characters long.',
				},
			},
		} );
	}
	return null;
}

/**
 * The `search` a request asked for.
 *
 * @param path The request's path.
 * @return The search, or undefined.
 */
export function searchOf( path: string | undefined ): unknown {
	return getQueryArg( path ?? '', 'search' );
}
