/**
 * The screens a later version will build, each saying what it will show.
 */
import { __ } from '@wordpress/i18n';

import { ComingSoon } from '../components/coming-soon';
import type { ScreenSlug } from '../types';

type PlaceholderSlug = Exclude< ScreenSlug, 'overview' | 'errors' | 'secrets' >;

/**
 * Says what a screen that is not built yet will show.
 *
 * @param slug Screen slug.
 * @return One or two sentences.
 */
export function plannedContent( slug: PlaceholderSlug ): string {
	switch ( slug ) {
		case 'sessions':
			return __(
				'Session management is coming in a later version. It will list the sessions, application passwords and app tokens of every user, and let you revoke one, all of a user’s or everyone’s.',
				'auth-sentinel'
			);
		case 'audit':
			return __(
				'The audit log is coming in a later version. It will record sign-ins, sign-outs, revoked sessions, password and secret changes with who did them, and export them as CSV.',
				'auth-sentinel'
			);
		case 'settings':
			return __(
				'Settings are coming in a later version. They will cover how long records are kept, IP address anonymisation and alerts.',
				'auth-sentinel'
			);
	}
}

interface PlaceholderScreenProps {
	slug: PlaceholderSlug;
	/** Address of the Secrets screen, which is available. */
	secretsUrl: string | null;
}

export function PlaceholderScreen( {
	slug,
	secretsUrl,
}: PlaceholderScreenProps ) {
	return (
		<ComingSoon>
			<p>{ plannedContent( slug ) }</p>
			{ secretsUrl && (
				<p>
					<a href={ secretsUrl }>
						{ __(
							'The Secrets screen is available now.',
							'auth-sentinel'
						) }
					</a>
				</p>
			) }
		</ComingSoon>
	);
}
