import { render, screen } from '@testing-library/react';

import { App } from '../app';
import { defaultScreens } from '../config';

jest.mock( '@wordpress/api-fetch' );
jest.mock( '@wordpress/dataviews/wp', () =>
	jest.requireActual( '@wordpress/dataviews' )
);

describe( 'App', () => {
	it( 'names the screen, marks it in the navigation and says what is coming', () => {
		render(
			<App
				config={ {
					screen: 'audit',
					screens: defaultScreens(),
					restNamespace: 'auth-sentinel/v1',
					version: '0.1.0',
				} }
			/>
		);

		expect(
			screen.getByRole( 'heading', {
				level: 1,
				name: 'Auth Sentinel — Audit',
			} )
		).toBeTruthy();

		const nav = screen.getByRole( 'navigation', {
			name: 'Auth Sentinel screens',
		} );
		const links = Array.from( nav.querySelectorAll( 'a' ) );
		expect( links.map( ( link ) => link.textContent ) ).toEqual( [
			'Overview',
			'Errors',
			'Sessions',
			'Secrets',
			'Audit',
			'Settings',
		] );
		const current = links.filter(
			( link ) => link.getAttribute( 'aria-current' ) === 'page'
		);
		expect( current.map( ( link ) => link.textContent ) ).toEqual( [
			'Audit',
		] );
		expect( links[ 3 ]?.getAttribute( 'href' ) ).toBe(
			'admin.php?page=auth-sentinel-secrets'
		);

		expect( screen.getByText( /coming in a later version/ ) ).toBeTruthy();
		expect(
			screen.getByRole( 'link', {
				name: 'The Secrets screen is available now.',
			} )
		).toBeTruthy();
	} );
} );
