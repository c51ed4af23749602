import apiFetch from '@wordpress/api-fetch';
import { fireEvent, render, screen, within } from '@testing-library/react';

import { fixtureStats } from '../../test-utils/fixtures';
import { OverviewScreen } from '../overview-screen';

jest.mock( '@wordpress/api-fetch' );

const mockedApiFetch = apiFetch as jest.MockedFunction< typeof apiFetch >;

const ERRORS_URL = '/wp-admin/admin.php?page=auth-sentinel-errors';

beforeEach( () => {
	jest.spyOn( Date, 'now' ).mockReturnValue(
		Date.parse( '2026-11-26T15:30:00Z' )
	);
	mockedApiFetch.mockReset();
} );

afterEach( () => {
	jest.restoreAllMocks();
} );

describe( 'OverviewScreen', () => {
	it( 'leads with the spike, charts failures by cause and links to filtered errors', async () => {
		mockedApiFetch.mockResolvedValueOnce( fixtureStats() );
		mockedApiFetch.mockResolvedValueOnce(
			fixtureStats( { interval: 'day', spike: null } )
		);
		render( <OverviewScreen errorsUrl={ ERRORS_URL } /> );

		expect( screen.getByText( 'Loading the overview…' ) ).toBeTruthy();
		const headline = await screen.findByText(
			/^AUTH_KEY changed at .* — 312 failures from 41 users since$/
		);
		expect( headline ).toBeTruthy();
		expect( mockedApiFetch ).toHaveBeenCalledWith(
			expect.objectContaining( {
				path: '/auth-sentinel/v1/events/stats?interval=hour',
			} )
		);
		expect(
			screen
				.getByRole( 'link', {
					name: 'Show the failures since the change',
				} )
				.getAttribute( 'href' )
		).toBe( `${ ERRORS_URL }&since=2026-11-26T14%3A02%3A00Z` );

		// The chart is one image with a summary; segments and marker have titles.
		const chart = screen.getByRole( 'img' );
		expect( chart.getAttribute( 'aria-label' ) ).toMatch(
			/^Failures per hour over the last 24 hours: 315 in total\./
		);
		expect( chart.getAttribute( 'aria-label' ) ).toContain(
			'Secret change: AUTH_KEY at'
		);
		expect( chart.querySelectorAll( 'rect' ) ).toHaveLength( 5 );
		expect( chart.textContent ).toContain( 'AUTH_KEY' );

		const legend = screen.getByRole( 'list', {
			name: 'Causes, from the bottom of the bars up',
		} );
		expect(
			within( legend )
				.getAllByRole( 'listitem' )
				.map( ( item ) => item.textContent )
		).toEqual( [ 'Secret changed 300', 'Expired 12', 'Wrong password 3' ] );

		const toggle = screen.getByRole( 'button', { name: 'Show as table' } );
		expect( toggle.getAttribute( 'aria-expanded' ) ).toBe( 'false' );
		fireEvent.click( toggle );
		const table = screen.getByRole( 'table', {
			name: 'Failures per hour and cause',
		} );
		expect(
			within( table )
				.getAllByRole( 'columnheader' )
				.map( ( cell ) => cell.textContent )
		).toEqual( [
			'Hour starting',
			'Secret changed',
			'Expired',
			'Wrong password',
			'Total',
		] );
		expect( within( table ).getAllByRole( 'row' ) ).toHaveLength( 5 );

		expect(
			screen
				.getByRole( 'link', { name: 'Ana Cashier (cashier1)' } )
				.getAttribute( 'href' )
		).toBe( `${ ERRORS_URL }&user=12&period=day` );
		expect(
			screen
				.getByRole( 'link', { name: 'WooCommerce POS 1.6 (Android)' } )
				.getAttribute( 'href' )
		).toBe(
			// The app's own user agent: what the Errors search matches.
			`${ ERRORS_URL }&period=day&search=WCPOS%2F1.6.0%20(Android%2014)`
		);
		expect(
			screen
				.getByRole( 'link', { name: /^Token Invalid/ } )
				.getAttribute( 'href' )
		).toBe( `${ ERRORS_URL }&code=token_invalid&period=day` );

		fireEvent.click(
			screen.getByRole( 'button', { name: 'Last 30 days' } )
		);
		expect(
			await screen.findByText(
				'315 failures from 42 users in the last 30 days'
			)
		).toBeTruthy();
		expect( mockedApiFetch ).toHaveBeenLastCalledWith(
			expect.objectContaining( {
				path: '/auth-sentinel/v1/events/stats?interval=day',
			} )
		);
		expect(
			screen
				.getByRole( 'button', { name: 'Last 30 days' } )
				.getAttribute( 'aria-pressed' )
		).toBe( 'true' );
	} );

	it( 'shows the REST error with a way to retry', async () => {
		mockedApiFetch.mockRejectedValueOnce( {
			code: 'rest_forbidden',
			message: 'Sorry, you are not allowed to do that.',
		} );
		render( <OverviewScreen errorsUrl={ ERRORS_URL } /> );
		expect(
			// The notice also speaks its text into a live region: find the visible one.
			await screen.findByText( 'Sorry, you are not allowed to do that.', {
				ignore: '.a11y-speak-region, script, style',
			} )
		).toBeTruthy();
		expect( screen.getByRole( 'button', { name: 'Retry' } ) ).toBeTruthy();
	} );
} );
