/**
 * Says how a revocation of sessions picked in the table went.
 */
import { __, _n, sprintf } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import type { RevokeOutcome } from '../data/sessions/use-sessions';
import { sessionUserName, typeLabel } from './labels';

export interface ScreenNotice {
	status: 'success' | 'warning' | 'error';
	content: ReactNode;
}

/**
 * Builds the notice of a revocation: how many were revoked and, for each
 * that was not, whose it was and why.
 *
 * @param outcome What the revocation achieved.
 * @return The notice.
 */
export function revokeReport( outcome: RevokeOutcome ): ScreenNotice {
	const done = outcome.revoked.length;
	const failed = outcome.failed.length;
	const revoked = sprintf(
		/* translators: %s: number of sessions. */
		_n(
			'Revoked %s session.',
			'Revoked %s sessions.',
			done,
			'auth-sentinel'
		),
		done.toLocaleString()
	);
	if ( failed === 0 ) {
		return { status: 'success', content: revoked };
	}
	const lead = sprintf(
		/* translators: %s: number of sessions. */
		_n(
			'%s session could not be revoked:',
			'%s sessions could not be revoked:',
			failed,
			'auth-sentinel'
		),
		failed.toLocaleString()
	);
	return {
		status: done > 0 ? 'warning' : 'error',
		content: (
			<>
				<p>{ done > 0 ? `${ revoked } ${ lead }` : lead }</p>
				<ul className="auth-sentinel-effects">
					{ outcome.failed.map( ( { session, message } ) => (
						<li key={ session.id }>
							{ sprintf(
								/* translators: 1: kind of session, 2: user name, 3: the server's error message. */
								__( '%1$s of %2$s: %3$s', 'auth-sentinel' ),
								typeLabel( session.type ),
								sessionUserName( session ),
								message
							) }
						</li>
					) ) }
				</ul>
			</>
		),
	};
}
