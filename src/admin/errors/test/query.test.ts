import type { View } from '@wordpress/dataviews';

import {
	timeFilterChoices,
	timeFilterLabel,
} from '../../components/filters/time-filter';
import { setSiteDates } from '../../test-utils/site-dates';
import { settleView } from '../../utils/use-url-view';
import { DEFAULT_VIEW, restQueryFromState } from '../query';
import { ERRORS_STATE } from '../url-state';

const {
	initial: DEFAULT_STATE,
	href: errorsHref,
	read: readErrorsState,
	toView: viewFromState,
	fromView: stateFromView,
} = ERRORS_STATE;

const restQueryFromView = ( view: View, now: Date ) =>
	restQueryFromState( stateFromView( view ), now );

const resetPageOnFilterChange = ( previous: View, next: View ) =>
	settleView( ERRORS_STATE, next, stateFromView( previous ) ).view;

const NOW = new Date( '2026-11-26T15:00:00Z' );

describe( 'restQueryFromView', () => {
	it( 'asks for the first page of the newest failures by default', () => {
		expect( restQueryFromView( DEFAULT_VIEW, NOW ) ).toEqual( {
			page: 1,
			per_page: 20,
			orderby: 'last_seen',
			order: 'desc',
		} );
	} );

	it( 'turns filters, search, sorting and paging into REST arguments', () => {
		const view: View = {
			...DEFAULT_VIEW,
			page: 2,
			perPage: 50,
			search: ' API02003 ',
			sort: { field: 'count', direction: 'asc' },
			filters: [
				{ field: 'cause', operator: 'is', value: 'secret_changed' },
				{ field: 'code', operator: 'is', value: 'token_invalid' },
				{ field: 'source', operator: 'is', value: 'token' },
				{ field: 'user', operator: 'is', value: 12 },
				{ field: 'last_seen', operator: 'is', value: 'day' },
			],
		};
		expect( restQueryFromView( view, NOW ) ).toEqual( {
			page: 2,
			per_page: 50,
			orderby: 'count',
			order: 'asc',
			cause: 'secret_changed',
			code: 'token_invalid',
			source: 'token',
			user: 12,
			since: '2026-11-25T15:00:00.000Z',
			search: 'API02003',
		} );
	} );

	it( 'sends a range as since and until, and all time as nothing', () => {
		const range = restQueryFromView(
			{
				...DEFAULT_VIEW,
				filters: [
					{
						field: 'last_seen',
						operator: 'is',
						value: '2026-11-26T14:02:00Z/',
					},
				],
			},
			NOW
		);
		expect( range.since ).toBe( '2026-11-26T14:02:00Z' );
		expect( range.until ).toBeUndefined();

		const all = restQueryFromView(
			{
				...DEFAULT_VIEW,
				filters: [
					{ field: 'last_seen', operator: 'is', value: 'all' },
				],
			},
			NOW
		);
		expect( all.since ).toBeUndefined();
	} );

	it( 'falls back to newest first when sorted by a column the server cannot sort', () => {
		const query = restQueryFromView(
			{ ...DEFAULT_VIEW, sort: { field: 'ip', direction: 'asc' } },
			NOW
		);
		expect( query.orderby ).toBe( 'last_seen' );
		expect( query.order ).toBe( 'desc' );
	} );
} );

describe( 'view and address', () => {
	it( 'shows the filters of an address as DataViews filters, and back', () => {
		const href =
			'/wp-admin/admin.php?page=auth-sentinel-errors&cause=expired&user=12&since=2026-11-26T14%3A02%3A00Z&search=API02003&paged=2';
		const view = viewFromState( readErrorsState( href ) );
		expect( view.filters ).toEqual( [
			{
				field: 'last_seen',
				operator: 'is',
				value: '2026-11-26T14:02:00Z/',
			},
			{ field: 'cause', operator: 'is', value: 'expired' },
			{ field: 'user', operator: 'is', value: 12 },
		] );
		expect( view.search ).toBe( 'API02003' );
		expect( view.page ).toBe( 2 );
		expect( view.fields ).toEqual( DEFAULT_VIEW.fields );
		expect(
			errorsHref(
				'/wp-admin/admin.php?page=auth-sentinel-errors',
				stateFromView( view )
			)
		).toBe(
			'/wp-admin/admin.php?page=auth-sentinel-errors&cause=expired&user=12&since=2026-11-26T14%3A02%3A00Z&search=API02003&paged=2'
		);
	} );

	it( 'keeps the columns and layout the admin chose', () => {
		const base: View = { ...DEFAULT_VIEW, fields: [ 'cause', 'ip' ] };
		expect( viewFromState( DEFAULT_STATE, base ).fields ).toEqual( [
			'cause',
			'ip',
		] );
	} );

	it( 'goes back to page 1 when a filter changes, not when the page does', () => {
		const onPage3: View = { ...DEFAULT_VIEW, page: 3 };
		const filtered = resetPageOnFilterChange( onPage3, {
			...onPage3,
			filters: [ { field: 'cause', operator: 'is', value: 'revoked' } ],
		} );
		expect( filtered.page ).toBe( 1 );
		expect(
			resetPageOnFilterChange( onPage3, { ...onPage3, page: 4 } ).page
		).toBe( 4 );
	} );
} );

describe( 'time filter', () => {
	beforeAll( () => setSiteDates( { date: 'M j, Y', time: 'g:i A' } ) );
	afterAll( () => setSiteDates() );

	it( 'offers all time, the periods, and the range in use', () => {
		const range = {
			type: 'range' as const,
			since: '2026-11-26T14:02:00Z',
			until: null,
		};
		expect(
			timeFilterChoices( range ).map( ( choice ) => choice.label )
		).toEqual( [
			'All time',
			'Last hour',
			'Last 24 hours',
			'Last 7 days',
			'Last 30 days',
			expect.stringMatching( /^Since Nov 26, 2026/ ),
		] );
		expect( timeFilterLabel( range ) ).toBe(
			'Since Nov 26, 2026 at 2:02 PM UTC'
		);
	} );
} );
