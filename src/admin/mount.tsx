/**
 * Mounts one screen of the Auth Sentinel admin app, inside the shell every
 * page shares, into the element PHP rendered (beside the first rows PHP
 * printed there, which the screen replaces when its table has loaded). Each screen's entry point
 * (`<screen>/index.tsx`) calls it with its own component only, so a page
 * loads the code of its screen and nothing else.
 */
import apiFetch from '@wordpress/api-fetch';
import { createRoot } from '@wordpress/element';
import { addQueryArgs } from '@wordpress/url';
import type { ReactNode } from 'react';

import { App } from './app';
import { getConfig } from './config';
import type { AdminConfig } from './config';
import { appElement, screenStylesLoaded } from './first-rows';
import {
	setSiteScope,
	siteFromUrl,
	siteMiddleware,
} from './network/site-scope';

/**
 * Renders the shell and a screen once the page is ready and its stylesheet
 * applies.
 *
 * @param screen Builds the screen's element from the page configuration.
 */
export function mountScreen(
	screen: ( config: AdminConfig ) => ReactNode
): void {
	const mount = () => {
		const container = document.getElementById( 'auth-sentinel-root' );
		if ( ! container ) {
			return;
		}
		const config = getConfig();
		if ( config.network ) {
			// Network Admin: one site's data at a time, kept in the address.
			const site = siteFromUrl( config, window.location.href );
			setSiteScope( site );
			apiFetch.use( siteMiddleware );
			config.screens = config.screens.map( ( link ) => ( {
				...link,
				url: addQueryArgs( link.url, { site } ),
			} ) );
		}
		createRoot( appElement( container ) ).render(
			<App config={ config }>{ screen( config ) }</App>
		);
	};
	// The screen's stylesheet may still be loading (first-rows.ts).
	const start = () => void screenStylesLoaded().then( mount );
	if ( document.readyState === 'loading' ) {
		document.addEventListener( 'DOMContentLoaded', start );
	} else {
		start();
	}
}
