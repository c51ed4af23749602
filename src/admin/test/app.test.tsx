import apiFetch from '@wordpress/api-fetch';
import { render, screen } from '@testing-library/react';

import { App } from '../app';
import { AuditScreen } from '../audit/audit-screen';
import { defaultScreens } from '../config';
import { vocabulariesOf } from '../data/vocabulary';
import type { AdminConfig, ScreenSlug } from '../config';
import { SessionsScreen } from '../sessions/sessions-screen';

jest.mock( '@wordpress/api-fetch' );

const mockedApiFetch = apiFetch as jest.MockedFunction< typeof apiFetch >;

function config( slug: ScreenSlug ): AdminConfig {
	return {
		screen: slug,
		screens: defaultScreens(),
		restNamespace: 'auth-sentinel/v1',
		version: '0.1.0',
		restRoot: 'https://shop.test/wp-json/',
		restNonce: 'abc123',
		roles: { administrator: 'Administrator' },
		currentUser: 1,
		network: false,
		sites: [],
		mainSite: 0,
		currentSite: null,
		networkAdmin: false,
		vocabularies: vocabulariesOf( window.authSentinel?.vocabularies ),
	};
}

beforeEach( () => {
	mockedApiFetch.mockReset();
	// An empty collection, as `parse: false` resolves it.
	mockedApiFetch.mockImplementation( ( () =>
		Promise.resolve( {
			json: async () => [],
			headers: { get: () => '0' },
		} ) ) as unknown as typeof apiFetch );
} );

describe( 'App', () => {
	it( 'names the screen, marks it in the navigation and mounts it', async () => {
		render(
			<App config={ config( 'audit' ) }>
				<AuditScreen
					restRoot="https://shop.test/wp-json/"
					restNonce=""
				/>
			</App>
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

		expect(
			await screen.findByRole( 'heading', {
				name: 'Nothing recorded yet',
			} )
		).toBeTruthy();
		expect( screen.queryByText( /coming in a later version/ ) ).toBeNull();
	} );

	it( 'mounts the Sessions screen with the revoke-everyone button', async () => {
		render(
			<App config={ config( 'sessions' ) }>
				<SessionsScreen
					sessionsUrl="admin.php?page=auth-sentinel-sessions"
					currentUser={ 1 }
				/>
			</App>
		);

		expect(
			await screen.findByRole( 'heading', { name: 'No active sessions' } )
		).toBeTruthy();
		expect(
			screen.getByRole( 'button', {
				name: 'Revoke everyone’s sessions…',
			} )
		).toBeTruthy();
	} );
} );
