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
} );
