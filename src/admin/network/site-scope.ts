/**
 * In a multisite Network Admin, the screens show one site's data: the site is
 * the page's `site` query argument (the main site by default), and every
 * request to the plugin's REST routes carries it.
 */
import { addQueryArgs, getQueryArg, hasQueryArg } from '@wordpress/url';
import type { APIFetchMiddleware } from '@wordpress/api-fetch';

import type { AdminConfig } from '../config';

let scope = 0;

/**
 * Works out the site a Network Admin page shows.
 *
 * @param config The admin configuration.
 * @param href   The page address.
 * @return The site id; 0 outside the Network Admin.
 */
export function siteFromUrl( config: AdminConfig, href: string ): number {
	if ( ! config.network ) {
		return 0;
	}
	const asked = Number( getQueryArg( href, 'site' ) );
	if ( config.sites.some( ( site ) => site.id === asked ) ) {
		return asked;
	}
	return config.mainSite;
}

/**
 * Remembers the site the page shows (0: none).
 *
 * @param site The site id.
 */
export function setSiteScope( site: number ): void {
	scope = site > 0 ? site : 0;
}

/**
 * Returns the site the page shows, 0 outside the Network Admin.
 *
 * @return The site id.
 */
export function siteScope(): number {
	return scope;
}

/**
 * Adds the site to an address of the plugin's routes, unless the address
 * names one itself (`site=0`: the whole network, for "revoke everyone").
 *
 * @param address A REST path or URL.
 * @return The address, with `site` when one is chosen and it is the plugin's route.
 */
export function withSite( address: string ): string {
	if (
		scope === 0 ||
		! address.includes( 'auth-sentinel/v1' ) ||
		hasQueryArg( address, 'site' )
	) {
		return address;
	}
	return addQueryArgs( address, { site: scope } );
}

/**
 * The apiFetch middleware that adds the site to every request of the plugin's.
 *
 * @param options The request.
 * @param next    The next middleware.
 * @return The response promise.
 */
export const siteMiddleware: APIFetchMiddleware = ( options, next ) => {
	return next( {
		...options,
		path: options.path ? withSite( options.path ) : options.path,
		url: options.url ? withSite( options.url ) : options.url,
	} );
};
