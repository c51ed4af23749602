/**
 * The shell of every Auth Sentinel admin page: heading, navigation and the
 * current screen.
 */
import { __, sprintf } from '@wordpress/i18n';

import { AuditScreen } from './audit/audit-screen';
import { ScreenNav } from './components/screen-nav';
import { SitePicker } from './network/site-picker';
import { siteScope } from './network/site-scope';
import { pageSlugOf } from './config';
import { ErrorsScreen } from './errors/errors-screen';
import { OverviewScreen } from './overview/overview-screen';
import { SecretsScreen } from './secrets/secrets-screen';
import { SessionsScreen } from './sessions/sessions-screen';
import { SettingsScreen } from './settings/settings-screen';
import type { AdminConfig, ScreenLink, ScreenSlug } from './types';

interface AppProps {
	config: AdminConfig;
}

/**
 * Finds the address of a screen, falling back to its admin page slug.
 *
 * @param screens The navigation.
 * @param slug    The screen.
 * @return Its address.
 */
function urlOf( screens: readonly ScreenLink[], slug: ScreenSlug ): string {
	return (
		screens.find( ( link ) => link.slug === slug )?.url ??
		`admin.php?page=${ pageSlugOf( slug ) }`
	);
}

/**
 * Renders the screen of a slug.
 *
 * @param props        Component props.
 * @param props.config The admin configuration.
 */
function CurrentScreen( { config }: AppProps ) {
	const { screen, screens } = config;
	switch ( screen ) {
		case 'overview':
			return <OverviewScreen errorsUrl={ urlOf( screens, 'errors' ) } />;
		case 'errors':
			return <ErrorsScreen errorsUrl={ urlOf( screens, 'errors' ) } />;
		case 'sessions':
			return (
				<SessionsScreen
					sessionsUrl={ urlOf( screens, 'sessions' ) }
					currentUser={ config.currentUser }
				/>
			);
		case 'secrets':
			return <SecretsScreen />;
		case 'audit':
			return (
				<AuditScreen
					restRoot={ config.restRoot }
					restNonce={ config.restNonce }
				/>
			);
		case 'settings':
			return <SettingsScreen roles={ config.roles } />;
	}
}

export function App( { config }: AppProps ) {
	const { screen, screens } = config;
	const current = screens.find( ( link ) => link.slug === screen );
	const title = current?.title ?? __( 'Overview', 'auth-sentinel' );

	return (
		<div className="auth-sentinel">
			<h1>
				{ sprintf(
					/* translators: %s: title of the current screen, e.g. "Secrets". */
					__( 'Auth Sentinel — %s', 'auth-sentinel' ),
					title
				) }
			</h1>
			{ config.network && config.sites.length > 0 && (
				<SitePicker sites={ config.sites } current={ siteScope() } />
			) }
			<ScreenNav screens={ screens } current={ screen } />
			<div className="auth-sentinel-screen">
				<CurrentScreen config={ config } />
			</div>
		</div>
	);
}
