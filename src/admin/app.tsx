/**
 * The shell of every Auth Sentinel admin page: heading, navigation and the
 * current screen.
 */
import { __, sprintf } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import { ScreenNav } from './components/screen-nav';
import type { AdminConfig } from './config';
import { SitePicker } from './network/site-picker';
import { siteScope } from './network/site-scope';

interface AppProps {
	config: AdminConfig;
	/** The current screen. */
	children: ReactNode;
}

export function App( { config, children }: AppProps ) {
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
			<div className="auth-sentinel-screen">{ children }</div>
		</div>
	);
}
