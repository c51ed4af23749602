import { normalizeSettings } from '../../data/settings/normalize';
import { fixtureRawSettings } from '../../test-utils/fixtures';
import { changesOf, draftFromSettings, isDirty } from '../form-state';

const ROLES = { administrator: 'Administrator', editor: 'Editor' };

describe( 'the settings form', () => {
	const saved = normalizeSettings(
		fixtureRawSettings( { session_limits: { editor: 2, gone_role: 5 } } )
	);

	it( 'lists a limit for each role of the site, not for removed roles', () => {
		expect( draftFromSettings( saved, ROLES ).session_limits ).toEqual( {
			administrator: '0',
			editor: '2',
		} );
		expect( draftFromSettings( saved, {} ).session_limits ).toEqual( {
			editor: '2',
			gone_role: '5',
		} );
	} );

	it( 'sends nothing while nothing changed', () => {
		const draft = draftFromSettings( saved, ROLES );
		expect( isDirty( draft, saved, ROLES ) ).toBe( false );
		expect( changesOf( draft, saved ) ).toEqual( {
			values: {},
			errors: {},
		} );
	} );

	it( 'sends the changed values, trimmed, and flags bad numbers', () => {
		const draft = {
			...draftFromSettings( saved, ROLES ),
			alert_emails: ' ops@example.test ',
			alert_on: [ 'failure_spike' as const ],
			revoke_on_role_change: true,
			alert_spike_threshold: '1e3',
			session_limits: { administrator: '', editor: '101' },
		};
		expect( isDirty( draft, saved, ROLES ) ).toBe( true );
		expect( changesOf( draft, saved ) ).toEqual( {
			values: {
				revoke_on_role_change: true,
				alert_emails: 'ops@example.test',
				alert_on: [ 'failure_spike' ],
			},
			errors: {
				alert_spike_threshold:
					'Enter a whole number from 1 to 100,000.',
				'session_limits.editor': 'Enter a whole number from 0 to 100.',
			},
		} );
	} );

	it( 'checks the caps of new failure rows against the server’s bounds', () => {
		const draft = {
			...draftFromSettings( saved, ROLES ),
			failure_cap_network: '9',
			failure_cap_hour: '250000',
		};
		expect( changesOf( draft, saved ) ).toEqual( {
			values: { failure_cap_hour: 250000 },
			errors: {
				failure_cap_network: 'Enter a whole number from 10 to 100,000.',
			},
		} );
		expect(
			changesOf(
				{
					...draft,
					failure_cap_network: '100',
					failure_cap_hour: '99',
				},
				saved
			).errors
		).toEqual( {
			failure_cap_hour: 'Enter a whole number from 100 to 1,000,000.',
		} );
	} );

	it( 'sends the trusted proxies one per line, and only when the list changed', () => {
		const stored = normalizeSettings(
			fixtureRawSettings( { trusted_proxies: '10.0.0.0/8\n192.0.2.1' } )
		);
		const draft = draftFromSettings( stored, ROLES );
		expect( draft.trusted_proxies ).toBe( '10.0.0.0/8\n192.0.2.1' );
		// The same entries typed another way: nothing to send.
		expect(
			changesOf(
				{ ...draft, trusted_proxies: ' 10.0.0.0/8, 192.0.2.1\n' },
				stored
			).values
		).toEqual( {} );
		expect(
			changesOf(
				{ ...draft, trusted_proxies: '10.0.0.0/8, 192.0.2.1 bad' },
				stored
			).values
		).toEqual( { trusted_proxies: '10.0.0.0/8\n192.0.2.1\nbad' } );
		expect(
			changesOf( { ...draft, trusted_proxies: '  ' }, stored ).values
		).toEqual( { trusted_proxies: '' } );
	} );
} );
