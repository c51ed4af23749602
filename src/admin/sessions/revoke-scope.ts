/**
 * What "Revoke everyone's sessions" ends depends on where the screen runs:
 * everyone on a single site; on a network, a site's own screens end only
 * that site's members (what was created on it), and the Network Admin ends
 * either the members of the site it shows or every user of the network.
 * This says so, before (the dialog) and after (the server's `scope`).
 */
import { __, sprintf } from '@wordpress/i18n';

import type { AdminConfig, NetworkSite } from '../config';
import type { RevokeScope } from '../data/sessions/types';

/** Where the screen runs, as far as "revoke everyone" is concerned. */
export type RevokeAllContext =
	/** A single site: everyone's credentials end. */
	| { kind: 'site' }
	/** A site's own screens on a network: only this site's members. */
	| { kind: 'own_site' }
	/** The Network Admin, showing one site: its members, or the network. */
	| { kind: 'network'; site: NetworkSite };

/** What a network administrator chooses to end. */
export type NetworkChoice = 'site_members' | 'network';

/**
 * Works out the context of the Sessions screen (a network administrator on a
 * site's own screens gets the Network Admin's choice, for that site).
 *
 * @param config The admin configuration.
 * @param site   In the Network Admin, the site shown (see siteScope()).
 * @return The context.
 */
export function revokeAllContext(
	config: Pick<
		AdminConfig,
		'network' | 'sites' | 'mainSite' | 'currentSite' | 'networkAdmin'
	>,
	site: number
): RevokeAllContext {
	if ( config.network ) {
		const shown = config.sites.find( ( item ) => item.id === site ) ?? {
			id: site,
			/* translators: %d: site id. */
			name: sprintf( __( 'Site #%d', 'auth-sentinel' ), site ),
		};
		return { kind: 'network', site: shown };
	}
	if ( config.mainSite <= 0 ) {
		return { kind: 'site' };
	}
	// A network administrator on a site's own screens chooses as in the Network Admin: without
	// a site, the server would end every user of the network.
	return config.networkAdmin && config.currentSite
		? { kind: 'network', site: config.currentSite }
		: { kind: 'own_site' };
}

/**
 * The `site` to send with the revocation.
 *
 * @param context Where the screen runs.
 * @param choice  In the Network Admin, what the administrator chose.
 * @return The site id, 0 for the whole network, or undefined to send none.
 */
export function revokeAllSite(
	context: RevokeAllContext,
	choice: NetworkChoice
): number | undefined {
	if ( context.kind !== 'network' ) {
		return undefined;
	}
	return choice === 'network' ? 0 : context.site.id;
}

/** The words of the dialog. */
export interface RevokeAllWording {
	title: string;
	/** What will end, in plain words. */
	effect: string;
	/** Who keeps their sessions, when someone does besides the caller. */
	spared: string | null;
	confirm: string;
}

/**
 * Says what the dialog will end.
 *
 * @param context Where the screen runs.
 * @param choice  In the Network Admin, what the administrator chose.
 * @return The dialog's words.
 */
export function revokeAllWording(
	context: RevokeAllContext,
	choice: NetworkChoice
): RevokeAllWording {
	if ( context.kind === 'site' ) {
		return {
			title: __( 'Revoke everyone’s sessions', 'auth-sentinel' ),
			effect: __(
				'Every user is signed out everywhere: browser sessions end at their next request, WCPOS and other app sessions must sign in again, and app tokens issued before now are refused.',
				'auth-sentinel'
			),
			spared: null,
			confirm: __( 'Revoke everyone’s sessions', 'auth-sentinel' ),
		};
	}
	if ( context.kind === 'own_site' ) {
		return {
			title: __(
				'Revoke this site’s members’ sessions',
				'auth-sentinel'
			),
			effect: __(
				'This ends only the credentials of this site’s members, and only on this site: browser sessions and application passwords created here end, WCPOS and other app sessions of this site must sign in again, and app tokens issued before now are refused on this site.',
				'auth-sentinel'
			),
			spared: __(
				'The other sites of the network are not touched, and network administrators keep their sessions.',
				'auth-sentinel'
			),
			confirm: __( 'Revoke the members’ sessions', 'auth-sentinel' ),
		};
	}
	if ( choice === 'network' ) {
		return {
			title: __( 'Revoke everyone’s sessions', 'auth-sentinel' ),
			effect: __(
				'This ends every user’s credentials on the whole network, on every site: browser sessions end at their next request, WCPOS and other app sessions must sign in again, and app tokens issued before now are refused on every site.',
				'auth-sentinel'
			),
			spared: __(
				'Other network administrators are signed out too.',
				'auth-sentinel'
			),
			confirm: __(
				'Revoke everyone’s sessions on the network',
				'auth-sentinel'
			),
		};
	}
	return {
		title: __( 'Revoke everyone’s sessions', 'auth-sentinel' ),
		effect: sprintf(
			/* translators: %s: site name. */
			__(
				'This ends the credentials of the members of %s only, on every site they use: browser sessions end at their next request, WCPOS and other app sessions must sign in again, and their app tokens issued before now are refused.',
				'auth-sentinel'
			),
			context.site.name
		),
		spared: sprintf(
			/* translators: %s: site name. */
			__(
				'Network administrators and users who are not members of %s keep their sessions.',
				'auth-sentinel'
			),
			context.site.name
		),
		confirm: sprintf(
			/* translators: %s: site name. */
			__( 'Revoke the sessions of %s’s members', 'auth-sentinel' ),
			context.site.name
		),
	};
}

/**
 * Says what the server ended, from its answer's `scope`.
 *
 * @param scope   The answer's `scope`, null when it sent none.
 * @param context Where the screen runs (names the site of the Network Admin).
 * @return A sentence, or '' when the answer said nothing.
 */
export function revokeScopeMessage(
	scope: RevokeScope | null,
	context: RevokeAllContext
): string {
	switch ( scope ) {
		case 'site':
			return __( 'Everyone else was signed out.', 'auth-sentinel' );
		case 'network':
			return __(
				'Everyone else on the network was signed out, on every site.',
				'auth-sentinel'
			);
		case 'site_members':
			return context.kind === 'network'
				? sprintf(
						/* translators: %s: site name. */
						__(
							'The members of %s were signed out; network administrators were not.',
							'auth-sentinel'
						),
						context.site.name
					)
				: __(
						'This site’s members were signed out of this site; network administrators were not.',
						'auth-sentinel'
					);
		default:
			return '';
	}
}
