/**
 * Mounts the Auth Sentinel admin app into the page PHP rendered.
 */
import apiFetch from '@wordpress/api-fetch';
import { createRoot } from '@wordpress/element';
import { addQueryArgs } from '@wordpress/url';

import { App } from './app';
import { getConfig } from './config';
import {
	setSiteScope,
	siteFromUrl,
	siteMiddleware,
} from './network/site-scope';
import './admin.scss';

function mount(): void {
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
	createRoot( container ).render( <App config={ config } /> );
}

if ( document.readyState === 'loading' ) {
	document.addEventListener( 'DOMContentLoaded', mount );
} else {
	mount();
}
