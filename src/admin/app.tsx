/**
 * The shell of every Auth Sentinel admin page: heading, navigation and the
 * current screen.
 */
import { __, sprintf } from '@wordpress/i18n';

import { ScreenNav } from './components/screen-nav';
import { pageSlugOf } from './config';
import { ErrorsScreen } from './errors/errors-screen';
import { OverviewScreen } from './overview/overview-screen';
import { PlaceholderScreen } from './placeholders/placeholder-screen';
import { SecretsScreen } from './secrets/secrets-screen';
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

export function App( { config }: AppProps ) {
	const { screen, screens } = config;
	const current = screens.find( ( link ) => link.slug === screen );
	const title = current?.title ?? __( 'Overview', 'auth-sentinel' );
	const secretsUrl =
		screens.find( ( link ) => link.slug === 'secrets' )?.url ?? null;
	const errorsUrl = urlOf( screens, 'errors' );

	return (
		<div className="auth-sentinel">
			<h1>
				{ sprintf(
					/* translators: %s: title of the current screen, e.g. "Secrets". */
					__( 'Auth Sentinel — %s', 'auth-sentinel' ),
					title
				) }
			</h1>
			<ScreenNav screens={ screens } current={ screen } />
			<div className="auth-sentinel-screen">
				{ screen === 'overview' && (
					<OverviewScreen errorsUrl={ errorsUrl } />
				) }
				{ screen === 'errors' && (
					<ErrorsScreen errorsUrl={ errorsUrl } />
				) }
				{ screen === 'secrets' && <SecretsScreen /> }
				{ screen !== 'overview' &&
					screen !== 'errors' &&
					screen !== 'secrets' && (
						<PlaceholderScreen
							slug={ screen }
							secretsUrl={ secretsUrl }
						/>
					) }
			</div>
		</div>
	);
}
