import apiFetch from '@wordpress/api-fetch';
import {
	fireEvent,
	render,
	screen,
	waitFor,
	within,
} from '@testing-library/react';

import { fixtureRawSettings } from '../../test-utils/fixtures';
import { SettingsScreen } from '../settings-screen';

jest.mock( '@wordpress/api-fetch' );

const mockedApiFetch = apiFetch as jest.MockedFunction< typeof apiFetch >;

type Options = { path: string; method?: string; data?: unknown };

const ROLES = {
	administrator: 'Administrator',
	editor: 'Editor',
	shop_manager: 'Shop manager',
};

/**
 * Answers GET with the stored settings and POST with `onSave`.
 * @param onSave
 */
function routeApi( onSave: ( data: Record< string, unknown > ) => unknown ) {
	let stored = fixtureRawSettings();
	mockedApiFetch.mockImplementation( ( ( options: Options ) => {
		if ( options.method === 'POST' ) {
			try {
				const answer = onSave(
					options.data as Record< string, unknown >
				);
				if ( answer instanceof Promise ) {
					return answer;
				}
				stored = { ...stored, ...( options.data as object ) };
				return Promise.resolve( answer ?? stored );
			} catch ( error ) {
				return Promise.reject( error );
			}
		}
		return Promise.resolve( stored );
	} ) as typeof apiFetch );
}

function posted(): unknown[] {
	return mockedApiFetch.mock.calls
		.map( ( [ options ] ) => options as Options )
		.filter( ( options ) => options.method === 'POST' )
		.map( ( options ) => options.data );
}

function noticeText(): string | null {
	const notice = document.querySelector( '.components-notice__content' );
	return notice ? notice.textContent : null;
}

/**
 * The text that describes a field (its help, or its error).
 * @param field
 */
function descriptionOf( field: HTMLElement ): string {
	return ( field.getAttribute( 'aria-describedby' ) ?? '' )
		.split( ' ' )
		.map( ( id ) => document.getElementById( id )?.textContent ?? '' )
		.join( ' ' )
		.trim();
}

function saveButton(): HTMLElement {
	return screen.getByRole( 'button', { name: 'Save settings' } );
}

// DataViews and the modals render slowly when the machine is busy.
jest.setTimeout( 20000 );

beforeEach( () => {
	mockedApiFetch.mockReset();
} );

describe( 'SettingsScreen', () => {
	it( 'sends only what changed and shows the server’s refusal next to the field', async () => {
		routeApi( ( data ) => {
			if ( data.alert_webhook_url === 'ftp://hooks.example.test' ) {
				throw {
					code: 'rest_invalid_param',
					message: 'Invalid parameter(s): alert_webhook_url',
					data: {
						status: 400,
						params: {
							alert_webhook_url:
								'The webhook URL must be empty or an http:// or https:// address with a host name.',
						},
					},
				};
			}
			return undefined;
		} );
		render( <SettingsScreen roles={ ROLES } /> );

		const days = ( await screen.findByLabelText(
			'Keep failures for (days)'
		) ) as HTMLInputElement;
		expect( days.value ).toBe( '90' );
		expect( saveButton().getAttribute( 'aria-disabled' ) ).toBe( 'true' );
		expect( screen.queryByText( 'You have unsaved changes.' ) ).toBeNull();

		fireEvent.change( days, { target: { value: '30' } } );
		const webhook = screen.getByLabelText( 'Webhook URL' );
		fireEvent.change( webhook, {
			target: { value: 'ftp://hooks.example.test' },
		} );
		expect( screen.getByText( 'You have unsaved changes.' ) ).toBeTruthy();
		fireEvent.click( saveButton() );

		await waitFor( () =>
			expect( noticeText() ).toBe(
				'The settings were not saved: correct the fields marked below.'
			)
		);
		expect( posted() ).toEqual( [
			{
				events_retention_days: 30,
				alert_webhook_url: 'ftp://hooks.example.test',
			},
		] );
		expect( descriptionOf( webhook ) ).toBe(
			'The webhook URL must be empty or an http:// or https:// address with a host name.'
		);
		expect( screen.getByText( 'You have unsaved changes.' ) ).toBeTruthy();

		fireEvent.change( webhook, {
			target: { value: 'https://hooks.example.test/v2' },
		} );
		expect( descriptionOf( webhook ) ).toBe(
			'Alerts are also sent here as signed JSON. Leave empty for none.'
		);
		fireEvent.click( saveButton() );

		await waitFor( () => expect( noticeText() ).toBe( 'Settings saved.' ) );
		expect( posted()[ 1 ] ).toEqual( {
			events_retention_days: 30,
			alert_webhook_url: 'https://hooks.example.test/v2',
		} );
		expect( screen.queryByText( 'You have unsaved changes.' ) ).toBeNull();
		expect( saveButton().getAttribute( 'aria-disabled' ) ).toBe( 'true' );
		expect(
			(
				screen.getByLabelText(
					'Keep failures for (days)'
				) as HTMLInputElement
			 ).value
		).toBe( '30' );
	} );

	it( 'checks numbers before sending anything', async () => {
		routeApi( () => undefined );
		render( <SettingsScreen roles={ ROLES } /> );

		const days = await screen.findByLabelText(
			'Keep the audit log for (days)'
		);
		fireEvent.change( days, { target: { value: '0' } } );
		fireEvent.click( saveButton() );

		expect( descriptionOf( days ) ).toBe(
			'Enter a whole number from 1 to 3,650.'
		);
		expect( posted() ).toEqual( [] );
	} );

	it( 'lists a session limit for every role and sends them all when one changes', async () => {
		routeApi( () => undefined );
		render( <SettingsScreen roles={ ROLES } /> );

		const table = await screen.findByRole( 'table', {
			name: 'Session limits per role',
		} );
		const rows = within( table ).getAllByRole( 'row' ).slice( 1 );
		expect(
			rows.map( ( row ) => [
				within( row ).getByRole( 'rowheader' ).textContent,
				( within( row ).getByRole( 'spinbutton' ) as HTMLInputElement )
					.value,
			] )
		).toEqual( [
			[ 'Administrator', '0' ],
			[ 'Editor', '0' ],
			[ 'Shop manager', '2' ],
		] );

		fireEvent.change(
			within( table ).getByLabelText( 'Session limit for Editor' ),
			{ target: { value: '3' } }
		);
		fireEvent.change(
			within( table ).getByLabelText( 'Session limit for Shop manager' ),
			{ target: { value: '0' } }
		);
		fireEvent.click( saveButton() );

		await waitFor( () => expect( noticeText() ).toBe( 'Settings saved.' ) );
		expect( posted() ).toEqual( [
			{
				session_limits: {
					administrator: 0,
					editor: 3,
					shop_manager: 0,
				},
			},
		] );
	} );

	it( 'saves the trusted proxies and the storage caps, and shows the server’s refusal of a bad entry', async () => {
		const refusal =
			'Trusted proxies are addresses or CIDR ranges (such as 10.0.0.0/8), one per line; not: proxy.example.test.';
		routeApi( ( data ) => {
			if (
				typeof data.trusted_proxies === 'string' &&
				data.trusted_proxies.includes( 'proxy.example.test' )
			) {
				throw {
					code: 'rest_invalid_param',
					message: 'Invalid parameter(s): trusted_proxies',
					data: { status: 400, params: { trusted_proxies: refusal } },
				};
			}
			return undefined;
		} );
		render( <SettingsScreen roles={ ROLES } /> );

		const proxies = ( await screen.findByLabelText(
			'Trusted proxies'
		) ) as HTMLTextAreaElement;
		expect( proxies.value ).toBe( '' );
		expect( descriptionOf( proxies ) ).toMatch(
			/^List the load balancers, reverse proxies or CDN in front of this site.*X-Forwarded-For, Forwarded, CF-Connecting-IP and X-Real-IP.*Leave empty when requests reach the site directly.*AUTH_SENTINEL_TRUSTED_PROXIES in wp-config\.php adds to this list\.$/
		);
		const perNetwork = screen.getByLabelText(
			'New failure rows per client network and hour'
		) as HTMLInputElement;
		const perHour = screen.getByLabelText(
			'New failure rows per hour, all networks together'
		) as HTMLInputElement;
		expect( [ perNetwork.value, perHour.value ] ).toEqual( [
			'100',
			'1000',
		] );
		expect( descriptionOf( perHour ) ).toContain(
			'failures are still counted, in one summary row per hour, cause and kind of credential'
		);

		fireEvent.change( proxies, {
			target: { value: '10.0.0.0/8\nproxy.example.test' },
		} );
		fireEvent.change( perNetwork, { target: { value: '50' } } );
		fireEvent.click( saveButton() );
		await waitFor( () =>
			expect( descriptionOf( proxies ) ).toBe( refusal )
		);
		expect( posted() ).toEqual( [
			{
				failure_cap_network: 50,
				trusted_proxies: '10.0.0.0/8\nproxy.example.test',
			},
		] );

		fireEvent.change( proxies, {
			target: { value: '10.0.0.0/8, 192.0.2.7' },
		} );
		fireEvent.click( saveButton() );
		await waitFor( () => expect( noticeText() ).toBe( 'Settings saved.' ) );
		expect( posted()[ 1 ] ).toEqual( {
			failure_cap_network: 50,
			trusted_proxies: '10.0.0.0/8\n192.0.2.7',
		} );
		// As the server stores it: one entry per line.
		expect(
			(
				screen.getByLabelText(
					'Trusted proxies'
				) as HTMLTextAreaElement
			 ).value
		).toBe( '10.0.0.0/8\n192.0.2.7' );
	} );

	it( 'shows the webhook secret read-only and copies it', async () => {
		const writeText = jest.fn( () => Promise.resolve() );
		Object.defineProperty( window.navigator, 'clipboard', {
			value: { writeText },
			configurable: true,
		} );
		routeApi( () => undefined );
		render( <SettingsScreen roles={ ROLES } /> );

		const secret = ( await screen.findByLabelText(
			'Signing secret'
		) ) as HTMLInputElement;
		expect( secret.value ).toBe( 'whsec_3f9a1c' );
		expect( secret.readOnly ).toBe( true );

		fireEvent.click(
			screen.getByRole( 'button', { name: 'Copy secret' } )
		);
		expect( await screen.findByText( 'Copied.' ) ).toBeTruthy();
		expect( writeText ).toHaveBeenCalledWith( 'whsec_3f9a1c' );
	} );
} );
