/**
 * Mounts the Auth Sentinel admin app into the page PHP rendered.
 */
import { createRoot } from '@wordpress/element';

import { App } from './app';
import { getConfig } from './config';
import './admin.scss';

function mount(): void {
	const container = document.getElementById( 'auth-sentinel-root' );
	if ( container ) {
		createRoot( container ).render( <App config={ getConfig() } /> );
	}
}

if ( document.readyState === 'loading' ) {
	document.addEventListener( 'DOMContentLoaded', mount );
} else {
	mount();
}
