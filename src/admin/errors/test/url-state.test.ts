import { ERRORS_STATE } from '../url-state';
import type { ErrorsState } from '../url-state';

const {
	initial: DEFAULT_STATE,
	href: errorsHref,
	hasFilters,
	read: readErrorsState,
} = ERRORS_STATE;

const BASE = 'https://shop.test/wp-admin/admin.php?page=auth-sentinel-errors';

describe( 'readErrorsState', () => {
	it( 'reads the filters an Overview link sets', () => {
		const state = readErrorsState(
			`${ BASE }&cause=expired&code=token_invalid&source=token&user=12&period=week&search=API02003`
		);
		expect( state ).toEqual( {
			...DEFAULT_STATE,
			cause: 'expired',
			code: 'token_invalid',
			source: 'token',
			user: 12,
			time: { type: 'period', period: 'week' },
			search: 'API02003',
		} );
	} );

	it( 'prefers an explicit range to a period, and ignores what is not valid', () => {
		const state = readErrorsState(
			`${ BASE }&cause=stolen&source=fax&user=abc&period=day&since=2026-11-26T14%3A02%3A00Z&until=soon&paged=-2&per_page=7&orderby=ip&order=up`
		);
		expect( state ).toEqual( {
			...DEFAULT_STATE,
			time: {
				type: 'range',
				since: '2026-11-26T14:02:00Z',
				until: null,
			},
		} );
	} );

	it( 'opens unfiltered on page 1, newest first, without arguments', () => {
		const state = readErrorsState( BASE );
		expect( state ).toEqual( DEFAULT_STATE );
		expect( hasFilters( state ) ).toBe( false );
	} );
} );

describe( 'errorsHref', () => {
	it( 'keeps the admin page and writes only what differs from the defaults', () => {
		expect( errorsHref( BASE, { cause: 'expired' } ) ).toBe(
			`${ BASE }&cause=expired`
		);
		expect( errorsHref( `${ BASE }&cause=expired&paged=3`, {} ) ).toBe(
			BASE
		);
	} );

	it( 'round-trips every filter, sorting and paging through the address', () => {
		const state: ErrorsState = {
			cause: 'wrong_site',
			code: 'token_invalid',
			source: 'application_password',
			user: 4,
			time: {
				type: 'range',
				since: '2026-11-26T14:02:00Z',
				until: '2026-11-27T00:00:00Z',
			},
			search: 'Android 14+',
			page: 3,
			perPage: 50,
			orderby: 'count',
			order: 'asc',
		};
		const href = errorsHref( BASE, state );
		expect( href ).toContain( 'page=auth-sentinel-errors' );
		expect( readErrorsState( href ) ).toEqual( state );
		expect( hasFilters( readErrorsState( href ) ) ).toBe( true );
	} );
} );
