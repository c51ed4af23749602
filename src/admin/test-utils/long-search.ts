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

/**
 * The server's 400 for one invalid query argument.
 *
 * @param param   The argument.
 * @param message Why, as the route says it.
 * @return The rejected request.
 */
function invalidParam( param: string, message: string ): Promise< never > {
	return Promise.reject( {
		code: 'rest_invalid_param',
		message: `Invalid parameter(s): ${ param }`,
		data: { status: 400, params: { [ param ]: message } },
	} );
}

/**
 * Answers a request as the REST listings do when one of the arguments a
 * screen reads from its address is one they refuse: a search too long
 * (refuseLongSearch()), an app code off the `code` pattern of GET /events
 * (`^[a-z0-9_]{1,64}$`), a `since` or `until` that is not a date-time as
 * core's rest_parse_date() reads one, or (GET /audit) a range that ends
 * before it starts.
 *
 * @param path The request's path.
 * @return The rejected request, or null when the arguments are accepted.
 */
export function refuseInvalidArgs(
	path: string | undefined
): Promise< never > | null {
	const refused = refuseLongSearch( path );
	if ( refused ) {
		return refused;
	}
	const args = path ?? '';
	const code = getQueryArg( args, 'code' );
	if ( code !== undefined && ! /^[a-z0-9_]{1,64}$/.test( String( code ) ) ) {
		return invalidParam(
			'code',
			'code does not match pattern ^[a-z0-9_]{1,64}$.'
		);
	}
	const times: { since?: number; until?: number } = {};
	for ( const end of [ 'since', 'until' ] as const ) {
		const value = getQueryArg( args, end );
		if ( value === undefined ) {
			continue;
		}
		if (
			! /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::\d{2})?)?$/.test(
				String( value )
			)
		) {
			return invalidParam( end, 'Invalid date.' );
		}
		times[ end ] = Date.parse( String( value ) );
	}
	if (
		args.startsWith( '/auth-sentinel/v1/audit' ) &&
		times.since !== undefined &&
		times.until !== undefined &&
		times.since > times.until
	) {
		return invalidParam(
			'until',
			'The end of the period is before its start.'
		);
	}
	return null;
}
