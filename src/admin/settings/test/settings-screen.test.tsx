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
