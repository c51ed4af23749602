/**
 * Reads the configuration PHP prints as `window.authSentinel`, with safe
 * fallbacks so the screens still render (and navigate) if it is missing.
 */
import { __ } from '@wordpress/i18n';
import { getQueryArg } from '@wordpress/url';

import { vocabulariesOf } from './data/vocabulary';
import type { Vocabularies } from './data/vocabulary';

/** The screens of the admin menu, one sub page each. */
export type ScreenSlug =
	'overview' | 'errors' | 'sessions' | 'secrets' | 'audit' | 'settings';

/** One entry of the navigation, as printed by PHP. */
export interface ScreenLink {
	slug: ScreenSlug;
	title: string;
	url: string;
}

/** `window.authSentinel`, printed by PHP before the screen's script. */
export interface AdminConfig {
	screen: ScreenSlug;
	screens: ScreenLink[];
	restNamespace: string;
	version: string;
	/** Root of the REST API, e.g. "https://shop.test/wp-json/". */
	restRoot: string;
	/** A `wp_rest` nonce, for requests outside apiFetch such as the CSV export form. */
	restNonce: string;
	/** The site's roles: slug => translated name. */
	roles: Record< string, string >;
	/** Id of the signed-in user. */
	currentUser: number;
	/** Whether the screens run in a multisite Network Admin. */
	network: boolean;
	/** In the Network Admin: the network's sites, for the site filter. */
	sites: NetworkSite[];
	/** The network's main site id (0 on a single site). */
	mainSite: number;
	/** On a network: the site these screens belong to (null on a single site). */
	currentSite: NetworkSite | null;
	/** Whether the signed-in user is a network administrator. */
	networkAdmin: boolean;
	/** Causes, audit actions and session types with their translated names. */
	vocabularies: Vocabularies;
}

/** One site of a network, for the Network Admin's site filter. */
export interface NetworkSite {
	id: number;
	name: string;
}

declare global {
	interface Window {
		authSentinel?: Partial< AdminConfig >;
	}
}

const SCREEN_SLUGS: readonly ScreenSlug[] = [
	'overview',
	'errors',
	'sessions',
	'secrets',
	'audit',
	'settings',
];

/**
 * Tells whether a value is one of the known screen slugs.
 *
 * @param value Anything.
 * @return Whether it is a ScreenSlug.
 */
export function isScreenSlug( value: unknown ): value is ScreenSlug {
	return (
		typeof value === 'string' &&
		( SCREEN_SLUGS as readonly string[] ).includes( value )
	);
}

/**
 * Builds the admin page slug of a screen (`auth-sentinel` for the overview,
 * `auth-sentinel-<screen>` for the others).
 *
 * @param slug Screen slug.
 * @return The `page` query argument of its admin page.
 */
export function pageSlugOf( slug: ScreenSlug ): string {
	return slug === 'overview' ? 'auth-sentinel' : `auth-sentinel-${ slug }`;
}

/**
 * Lists the screens with translated titles, used when PHP sent none.
 *
 * @return The six screens in menu order.
 */
export function defaultScreens(): ScreenLink[] {
	const titles: Record< ScreenSlug, string > = {
		overview: __( 'Overview', 'auth-sentinel' ),
		errors: __( 'Errors', 'auth-sentinel' ),
		sessions: __( 'Sessions', 'auth-sentinel' ),
		secrets: __( 'Secrets', 'auth-sentinel' ),
		audit: __( 'Audit', 'auth-sentinel' ),
		settings: __( 'Settings', 'auth-sentinel' ),
	};
	return SCREEN_SLUGS.map( ( slug ) => ( {
		slug,
		title: titles[ slug ],
		url: `admin.php?page=${ pageSlugOf( slug ) }`,
	} ) );
}

/**
 * Finds the address of a screen in the navigation, falling back to its admin
 * page slug.
 *
 * @param config The admin configuration.
 * @param slug   The screen.
 * @return Its address.
 */
export function screenUrl(
	config: Pick< AdminConfig, 'screens' >,
	slug: ScreenSlug
): string {
	return (
		config.screens.find( ( link ) => link.slug === slug )?.url ??
		`admin.php?page=${ pageSlugOf( slug ) }`
	);
}

/**
 * Works out the current screen from the admin page's `page` query argument.
 *
 * @param href The page address.
 * @return The screen slug, or null when the address names none.
 */
export function screenFromUrl( href: string ): ScreenSlug | null {
	const page = getQueryArg( href, 'page' );
	if ( typeof page !== 'string' ) {
		return null;
	}
	return SCREEN_SLUGS.find( ( slug ) => pageSlugOf( slug ) === page ) ?? null;
}

/**
 * Returns the admin configuration, completed with fallbacks.
 *
 * @param source The raw configuration (defaults to `window.authSentinel`).
 * @param href   The page address (defaults to the current location).
 * @return The configuration.
 */
export function getConfig(
	source: Partial< AdminConfig > | undefined = window.authSentinel,
	href: string = window.location.href
): AdminConfig {
	const screens =
		Array.isArray( source?.screens ) && source.screens.length > 0
			? source.screens.filter( ( screen ) => isScreenSlug( screen.slug ) )
			: defaultScreens();
	const screen = isScreenSlug( source?.screen )
		? source.screen
		: ( screenFromUrl( href ) ?? 'overview' );
	return {
		screen,
		screens,
		restNamespace: source?.restNamespace ?? 'auth-sentinel/v1',
		version: source?.version ?? '',
		restRoot: restRootOf( source?.restRoot ),
		restNonce:
			typeof source?.restNonce === 'string' ? source.restNonce : '',
		roles: rolesOf( source?.roles ),
		currentUser:
			typeof source?.currentUser === 'number' &&
			Number.isInteger( source.currentUser ) &&
			source.currentUser > 0
				? source.currentUser
				: 0,
		network: source?.network === true,
		sites: sitesOf( source?.sites ),
		mainSite:
			typeof source?.mainSite === 'number' &&
			Number.isInteger( source.mainSite ) &&
			source.mainSite > 0
				? source.mainSite
				: 0,
		currentSite: sitesOf( [ source?.currentSite ] )[ 0 ] ?? null,
		networkAdmin: source?.networkAdmin === true,
		vocabularies: vocabulariesOf( source?.vocabularies ),
	};
}

/**
 * Keeps the well-formed sites of the network list PHP sent.
 *
 * @param value The raw list.
 * @return The sites.
 */
function sitesOf( value: unknown ): NetworkSite[] {
	if ( ! Array.isArray( value ) ) {
		return [];
	}
	return value.filter(
		( site ): site is NetworkSite =>
			typeof site === 'object' &&
			site !== null &&
			Number.isInteger( ( site as NetworkSite ).id ) &&
			( site as NetworkSite ).id > 0 &&
			typeof ( site as NetworkSite ).name === 'string'
	);
}

/**
 * Reads the REST root, falling back to the pretty-permalink default.
 *
 * @param value What PHP printed.
 * @return The root, ending with "/" unless it is a `?rest_route=` address.
 */
function restRootOf( value: unknown ): string {
	if ( typeof value !== 'string' || value === '' ) {
		return '/wp-json/';
	}
	return value.endsWith( '/' ) || value.endsWith( '=' )
		? value
		: `${ value }/`;
}

/**
 * Keeps the roles whose slug and name are non-empty strings.
 *
 * @param value What PHP printed.
 * @return Role slug => translated name.
 */
function rolesOf( value: unknown ): Record< string, string > {
	const roles: Record< string, string > = {};
	if (
		typeof value !== 'object' ||
		value === null ||
		Array.isArray( value )
	) {
		return roles;
	}
	for ( const [ slug, name ] of Object.entries( value ) ) {
		if ( slug !== '' && typeof name === 'string' && name !== '' ) {
			roles[ slug ] = name;
		}
	}
	return roles;
}
