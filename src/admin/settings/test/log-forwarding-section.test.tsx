import apiFetch from '@wordpress/api-fetch';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';

import { normalizeSettings } from '../../data/settings/normalize';
import { fixtureRawSettings } from '../../test-utils/fixtures';
import { changesOf, draftFromSettings } from '../form-state';
import { SettingsScreen } from '../settings-screen';

jest.mock( '@wordpress/api-fetch' );

const mockedApiFetch = apiFetch as jest.MockedFunction< typeof apiFetch >;

type Options = { path: string; method?: string; data?: unknown };

jest.setTimeout( 20000 );

function posted(): unknown[] {
	return mockedApiFetch.mock.calls
		.map( ( [ options ] ) => options as Options )
		.filter( ( options ) => options.method === 'POST' )
		.map( ( options ) => options.data );
}

beforeEach( () => {
	mockedApiFetch.mockReset();
	let stored = fixtureRawSettings();
	mockedApiFetch.mockImplementation( ( ( options: Options ) => {
		if ( options.method === 'POST' ) {
			stored = { ...stored, ...( options.data as object ) };
		}
		return Promise.resolve( stored );
	} ) as typeof apiFetch );
} );

describe( 'the log forwarding section', () => {
	it( 'shows a destination’s fields once it is on, and sends only what changed', async () => {
		render( <SettingsScreen roles={ {} } /> );
		const syslog = await screen.findByLabelText( 'Send to syslog' );
		expect( screen.queryByLabelText( 'Host' ) ).toBeNull();
		expect(
			screen.queryByLabelText( 'Rotate the file past (KiB)' )
		).toBeNull();

		fireEvent.click( syslog );
		fireEvent.change( screen.getByLabelText( 'Transport' ), {
			target: { value: 'tcp' },
		} );
		fireEvent.change( screen.getByLabelText( 'Host' ), {
			target: { value: 'logs.example.test' },
		} );
		fireEvent.change( screen.getByLabelText( 'Port' ), {
			target: { value: '6514' },
		} );
		fireEvent.change( screen.getByLabelText( 'Facility' ), {
			target: { value: 'local3' },
		} );
		fireEvent.click(
			screen.getByRole( 'button', { name: 'Save settings' } )
		);

		await waitFor( () => expect( posted() ).toHaveLength( 1 ) );
		expect( posted()[ 0 ] ).toEqual( {
			log_syslog_enabled: true,
			log_syslog_transport: 'tcp',
			log_syslog_host: 'logs.example.test',
			log_syslog_port: 6514,
			log_syslog_facility: 'local3',
		} );
	} );

	it( 'asks for a socket path instead of a host on a Unix socket, and checks it before saving', async () => {
		render( <SettingsScreen roles={ {} } /> );
		fireEvent.click( await screen.findByLabelText( 'Send to syslog' ) );
		fireEvent.change( screen.getByLabelText( 'Transport' ), {
			target: { value: 'unix' },
		} );
		expect( screen.queryByLabelText( 'Host' ) ).toBeNull();
		fireEvent.change( screen.getByLabelText( 'Socket path' ), {
			target: { value: 'dev/log' },
		} );
		fireEvent.click(
			screen.getByRole( 'button', { name: 'Save settings' } )
		);

		expect(
			await screen.findByText(
				'Enter the socket’s absolute path, such as /dev/log.'
			)
		).toBeTruthy();
		expect( posted() ).toEqual( [] );
	} );
} );

describe( 'the log forwarding values', () => {
	const saved = normalizeSettings( fixtureRawSettings() );

	it( 'checks the numbers against the server’s bounds', () => {
		const draft = {
			...draftFromSettings( saved, {} ),
			log_file_enabled: true,
			log_file_max_kb: '8',
			log_file_keep: '3',
			log_timeout_ms: '5001',
			log_repeat_minutes: '15',
		};
		expect( changesOf( draft, saved ) ).toEqual( {
			values: {
				log_file_enabled: true,
				log_file_keep: 3,
				log_repeat_minutes: 15,
			},
			errors: {
				log_file_max_kb: 'Enter a whole number from 16 to 1,048,576.',
				log_timeout_ms: 'Enter a whole number from 10 to 5,000.',
			},
		} );
	} );

	it( 'takes the defaults for values the server would refuse', () => {
		const odd = normalizeSettings(
			fixtureRawSettings( {
				log_syslog_transport: 'carrier-pigeon',
				log_syslog_facility: 'local9',
				log_syslog_port: 70000,
			} )
		);
		expect( odd.log_syslog_transport ).toBe( 'udp' );
		expect( odd.log_syslog_facility ).toBe( 'authpriv' );
		expect( odd.log_syslog_port ).toBe( 514 );
	} );

	it( 'refuses a host with spaces only while syslog is on', () => {
		const draft = {
			...draftFromSettings( saved, {} ),
			log_syslog_host: 'not a host',
		};
		expect( changesOf( draft, saved ).errors ).toEqual( {} );
		expect(
			changesOf( { ...draft, log_syslog_enabled: true }, saved ).errors
		).toEqual( {
			log_syslog_host:
				'Enter the syslog server’s host name or IP address.',
		} );
	} );
} );
