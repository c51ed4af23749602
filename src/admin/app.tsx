/**
 * The shell of every Auth Sentinel admin page: heading, navigation and the
 * current screen.
 */
import { __, sprintf } from '@wordpress/i18n';

import { ScreenNav } from './components/screen-nav';
import { PlaceholderScreen } from './placeholders/placeholder-screen';
import { SecretsScreen } from './secrets/secrets-screen';
import type { AdminConfig } from './types';

interface AppProps {
	config: AdminConfig;
}

export function App( { config }: AppProps ) {
	const { screen, screens } = config;
	const current = screens.find( ( link ) => link.slug === screen );
	const title = current?.title ?? __( 'Overview', 'auth-sentinel' );
	const secretsUrl =
		screens.find( ( link ) => link.slug === 'secrets' )?.url ?? null;

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
				{ screen === 'secrets' ? (
					<SecretsScreen />
				) : (
					<PlaceholderScreen
						slug={ screen }
						secretsUrl={ secretsUrl }
					/>
				) }
			</div>
		</div>
	);
}
