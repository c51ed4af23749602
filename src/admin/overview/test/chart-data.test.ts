import { fixtureStats } from '../../test-utils/fixtures';
import {
	barPosition,
	groupMarkers,
	markerLabel,
	stackBars,
	stackOrder,
	yAxis,
} from '../chart-data';
import { chartSummary } from '../chart-summary';
import { setSiteDates } from '../../test-utils/site-dates';

// A site whose formats write "Nov 26, 2026" and "2:00 PM".
beforeAll( () => setSiteDates( { date: 'M j, Y', time: 'g:i A' } ) );
afterAll( () => setSiteDates() );

describe( 'stacking', () => {
	it( 'stacks only the causes that occurred, in legend order, bottom up', () => {
		const stats = fixtureStats();
		const order = stackOrder( stats.totals );
		expect( order ).toEqual( [
			'secret_changed',
			'expired',
			'bad_credentials',
		] );

		const bars = stackBars( stats.buckets, order, 'hour' );
		expect( bars.map( ( bar ) => bar.total ) ).toEqual( [
			2, 0, 210, 103,
		] );
		expect( bars[ 2 ]?.segments ).toEqual( [
			{ cause: 'secret_changed', count: 200, from: 0, to: 200 },
			{ cause: 'expired', count: 10, from: 200, to: 210 },
		] );
		expect( bars[ 1 ]?.segments ).toEqual( [] );
		// The last bucket ends one interval after it starts.
		expect( bars[ 3 ]?.end ).toBe( '2026-11-26T16:00:00.000Z' );
	} );

	it( 'chooses round axis steps that hold the tallest bar', () => {
		expect( yAxis( 210 ) ).toEqual( {
			top: 300,
			ticks: [ 0, 100, 200, 300 ],
		} );
		expect( yAxis( 3 ).ticks ).toEqual( [ 0, 1, 2, 3 ] );
		expect( yAxis( 0 ) ).toEqual( { top: 1, ticks: [ 0, 1 ] } );
	} );

	it( 'places a secret change inside its bucket', () => {
		const stats = fixtureStats();
		const bars = stackBars(
			stats.buckets,
			stackOrder( stats.totals ),
			'hour'
		);
		expect( barPosition( '2026-11-26T14:30:00Z', bars ) ).toBeCloseTo(
			2.5
		);
		expect( barPosition( '2026-11-25T00:00:00Z', bars ) ).toBeNull();
	} );
} );

describe( 'secret change markers', () => {
	it( 'draws changes that fall close together as one line naming every secret once', () => {
		const stats = fixtureStats();
		const bars = stackBars( stats.buckets, [], 'hour' );
		const groups = groupMarkers(
			[
				{ at: '2026-11-26T14:02:00Z', changed: [ 'AUTH_KEY' ] },
				{ at: '2026-11-26T14:05:00Z', changed: [ 'AUTH_SALT' ] },
				{
					at: '2026-11-26T14:20:00Z',
					changed: [ 'AUTH_KEY', 'NONCE_SALT' ],
				},
				{ at: '2026-11-26T15:40:00Z', changed: [ 'siteurl' ] },
				{ at: '2026-11-20T00:00:00Z', changed: [ 'home' ] },
			],
			bars,
			0.5
		);
		expect( groups.map( ( group ) => group.markers.length ) ).toEqual( [
			3, 1,
		] );
		expect( groups[ 0 ]?.names ).toEqual( [
			'AUTH_KEY',
			'AUTH_SALT',
			'NONCE_SALT',
		] );
		expect( markerLabel( { names: groups[ 0 ]?.names ?? [] } ) ).toBe(
			'AUTH_KEY and 2 others'
		);
		expect( groups[ 1 ]?.position ).toBeCloseTo( 3 + 40 / 60 );
	} );
} );

describe( 'chartSummary', () => {
	it( 'says in words what the chart shows', () => {
		expect( chartSummary( fixtureStats() ) ).toBe(
			'Failures per hour over the last 24 hours: 315 in total. ' +
				'The busiest hour began Nov 26, 2026 at 2:00 PM UTC, with 210 failures. ' +
				'By cause: Secret changed: 300, Expired: 12 and Wrong password: 3. ' +
				'Secret change: AUTH_KEY at Nov 26, 2026 at 2:02 PM UTC.'
		);
	} );

	it( 'counts secret changes instead of listing many', () => {
		const markers = [ '14:02', '14:10', '14:20', '14:30' ].map(
			( time ) => ( {
				at: `2026-11-26T${ time }:00Z`,
				changed: [ 'AUTH_KEY' ],
			} )
		);
		expect( chartSummary( fixtureStats( { markers } ) ) ).toMatch(
			/ 4 secret changes; the latest: AUTH_KEY at Nov 26, 2026 at 2:30 PM UTC\.$/
		);
	} );

	it( 'stays short for a quiet period', () => {
		expect(
			chartSummary(
				fixtureStats( {
					interval: 'day',
					buckets: [],
					markers: [],
					totals: {},
					total: 0,
				} )
			)
		).toBe( 'Failures per day over the last 30 days: 0 in total.' );
	} );
} );
