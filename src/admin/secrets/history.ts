/**
 * What each recorded change did, as sentences for the history.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import type { SecretChange } from '../data/secrets/types';
import { effectOutcome } from './effects';
import { effectsOfNames } from './known-secrets';

/**
 * Counts the sessions a change ended, when the server knows.
 *
 * @param change A recorded change.
 * @return E.g. "12 sessions of 4 users were signed out.", or null.
 */
export function signedOutText( change: SecretChange ): string | null {
	const { sessions, users } = change;
	if ( sessions === null || users === null ) {
		return null;
	}
	if ( sessions === 0 ) {
		return __(
			'No one was signed in, so no session ended.',
			'auth-sentinel'
		);
	}
	const sessionsText = sprintf(
		/* translators: %d: number of sessions. */
		_n( '%d session', '%d sessions', sessions, 'auth-sentinel' ),
		sessions
	);
	const usersText = sprintf(
		/* translators: %d: number of users. */
		_n( '%d user', '%d users', users, 'auth-sentinel' ),
		users
	);
	return sprintf(
		/* translators: 1: e.g. "12 sessions", 2: e.g. "4 users". */
		_n(
			'%1$s of %2$s was signed out.',
			'%1$s of %2$s were signed out.',
			sessions,
			'auth-sentinel'
		),
		sessionsText,
		usersText
	);
}

/**
 * Lists what a change did: the sessions it ended when known, and the
 * effect of each kind of secret changed.
 *
 * @param change A recorded change.
 * @return Sentences, most disruptive first.
 */
export function changeOutcomes( change: SecretChange ): string[] {
	const counted = signedOutText( change );
	const outcomes = effectsOfNames( change.changed ).flatMap( ( effect ) => {
		if ( effect === 'sign-out' && counted !== null ) {
			// The counted sentence says it more precisely.
			return [];
		}
		return [ effectOutcome( effect ) ];
	} );
	return counted === null ? outcomes : [ counted, ...outcomes ];
}
