import { fixtureRawSettings } from '../../../test-utils/fixtures';
import {
	DEFAULT_SETTINGS,
	fieldErrorsOf,
	normalizeSettings,
	proxyEntries,
} from '../normalize';

describe( 'normalizeSettings', () => {
	it( 'keeps what the server sent', () => {
		expect( normalizeSettings( fixtureRawSettings() ) ).toEqual( {
			...DEFAULT_SETTINGS,
			session_limits: { shop_manager: 2 },
			alert_webhook_url: 'https://hooks.example.test/auth',
			alert_webhook_secret: 'whsec_3f9a1c',
		} );
	} );

	it( 'takes the default for out-of-range or wrongly typed values', () => {
		const settings = normalizeSettings(
			fixtureRawSettings( {
				events_retention_days: 0,
				audit_retention_days: 4000,
				alert_spike_threshold: 2.5,
				anonymize_ip: 'yes',
				alert_emails: [ 'a@example.test' ],
				session_limits: {
					shop_manager: 101,
					editor: '3',
					author: 4,
					subscriber: 0,
				},
				alert_on: [ 'failure_spike', 'coffee', 'secrets_changed' ],
			} )
		);
		expect( settings ).toMatchObject( {
			events_retention_days: 90,
			audit_retention_days: 365,
			alert_spike_threshold: 100,
			anonymize_ip: false,
			alert_emails: '',
			// Only whole numbers within 1–100 are limits; 0 is no limit.
			session_limits: { author: 4 },
			// Known triggers, in the form's order.
			alert_on: [ 'secrets_changed', 'failure_spike' ],
		} );
	} );

	it( 'reads the trusted proxies and the caps of new failure rows', () => {
		expect(
			normalizeSettings(
				fixtureRawSettings( {
					trusted_proxies: '10.0.0.0/8\n2001:db8::/32',
					failure_cap_network: 10,
					failure_cap_hour: 1000000,
				} )
			)
		).toMatchObject( {
			trusted_proxies: '10.0.0.0/8\n2001:db8::/32',
			failure_cap_network: 10,
			failure_cap_hour: 1000000,
		} );
		// Out of the server's bounds, or missing (an older server): the defaults.
		expect(
			normalizeSettings(
				fixtureRawSettings( {
					trusted_proxies: [ '10.0.0.1' ],
					failure_cap_network: 9,
					failure_cap_hour: 1000001,
				} )
			)
		).toMatchObject( {
			trusted_proxies: '',
			failure_cap_network: 100,
			failure_cap_hour: 1000,
		} );
	} );

	it( 'splits a list of proxies as the server does', () => {
		expect(
			proxyEntries( ' 10.0.0.1, 10.0.0.2\n\n192.0.2.0/24  10.0.0.1\t' )
		).toEqual( [ '10.0.0.1', '10.0.0.2', '192.0.2.0/24' ] );
		expect( proxyEntries( ' \n ' ) ).toEqual( [] );
	} );

	it( 'reads the defaults from an empty or broken body', () => {
		expect( normalizeSettings( null ) ).toEqual( DEFAULT_SETTINGS );
		expect(
			normalizeSettings( { session_limits: [], alert_on: 'all' } )
		).toEqual( DEFAULT_SETTINGS );
	} );
} );

describe( 'fieldErrorsOf', () => {
	it( 'reads the message of each refused field', () => {
		expect(
			fieldErrorsOf( {
				code: 'rest_invalid_param',
				message:
					'Invalid parameter(s): alert_emails, alert_spike_threshold',
				data: {
					status: 400,
					params: {
						alert_emails: '“bob@” is not a valid email address.',
						alert_spike_threshold:
							'alert_spike_threshold must be between 1 (inclusive) and 100000 (inclusive)',
						broken: 12,
					},
				},
			} )
		).toEqual( {
			alert_emails: '“bob@” is not a valid email address.',
			alert_spike_threshold:
				'alert_spike_threshold must be between 1 (inclusive) and 100000 (inclusive)',
		} );
	} );

	it( 'finds none in other errors', () => {
		expect(
			fieldErrorsOf( { code: 'rest_forbidden', data: { status: 403 } } )
		).toEqual( {} );
		expect( fieldErrorsOf( new Error( 'offline' ) ) ).toEqual( {} );
		expect( fieldErrorsOf( undefined ) ).toEqual( {} );
	} );
} );
