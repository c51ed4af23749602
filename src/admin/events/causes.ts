/**
 * The diagnosed causes of a failure: their names (from the server),
 * explanations, badge tones and chart colours. Their order is CAUSES.
 */
import { __ } from '@wordpress/i18n';

import type { BadgeTone } from '../components/status-badge';
import { termLabel, termTone } from '../data/vocabulary';
import type { FailureCause } from '../data/events/types';

/**
 * Names a cause in a few words.
 *
 * @param cause Cause code from the REST API.
 * @return Badge text, e.g. "Secret changed".
 */
export function causeLabel( cause: FailureCause ): string {
	return termLabel( 'causes', cause );
}

/**
 * Explains a cause in plain words, for the diagnosis of one failure.
 *
 * @param cause Cause code from the REST API.
 * @return One or two sentences.
 */
export function causeDescription( cause: FailureCause ): string {
	switch ( cause ) {
		case 'expired':
			return __(
				'The credential had expired. The app should renew it or sign in again; nothing is wrong with the site.',
				'auth-sentinel'
			);
		case 'revoked':
			return __(
				'The credential was revoked: the session was ended by an administrator or the user, or the token was issued before its sessions were revoked.',
				'auth-sentinel'
			);
		case 'secret_changed':
			return __(
				'Server reset: a WordPress key or a token signing secret changed after the credential was issued, so its signature no longer matches. Everyone signed in before the change has to sign in again.',
				'auth-sentinel'
			);
		case 'password_changed':
			return __(
				'The user’s password changed after the credential was issued, which ends every session signed with the old one.',
				'auth-sentinel'
			);
		case 'corrupted':
			return __(
				'The credential was damaged: it is not well formed, or its signature fails without a secret change to explain it.',
				'auth-sentinel'
			);
		case 'wrong_site':
			return __(
				'The token was issued by another site: its issuer is not this site’s address. The app may be connected to another WordPress installation, or the site address changed.',
				'auth-sentinel'
			);
		case 'unknown_user':
			return __(
				'The credential names a user who does not exist on this site: deleted, or never registered here.',
				'auth-sentinel'
			);
		case 'bad_credentials':
			return __(
				'The username, password or application password was wrong.',
				'auth-sentinel'
			);
		case 'header_stripped':
			return __(
				'The app sent an Authorization header, but the web server removed it before WordPress saw it. This is a server configuration problem, not a problem of the user.',
				'auth-sentinel'
			);
		case 'plugin_conflict':
			return __(
				'Two plugins checked the same token, and one rejected a token the other had issued.',
				'auth-sentinel'
			);
		case 'unknown':
			return __(
				'Auth Sentinel could not tell why this failed, and does not guess.',
				'auth-sentinel'
			);
	}
}

/**
 * Picks the badge tone of a cause, as the server chose it (Cause::tones()):
 * red for problems of the site, yellow for problems of the credential, blue
 * for the normal life of a session.
 *
 * @param cause Cause code from the REST API.
 * @return The tone; "info" when the server named none.
 */
export function causeTone( cause: FailureCause ): BadgeTone {
	const tone = termTone( 'causes', cause );
	return tone === 'error' || tone === 'warning' || tone === 'ok'
		? tone
		: 'info';
}

/**
 * Chart colours, chosen to stay apart for common colour-vision deficiencies
 * (Okabe–Ito and Tol palettes). Colour is never the only cue: every segment
 * has a title and the legend and table name the causes.
 */
const COLORS: Record< FailureCause, string > = {
	secret_changed: '#d55e00',
	header_stripped: '#882255',
	plugin_conflict: '#332288',
	wrong_site: '#009e73',
	revoked: '#0072b2',
	password_changed: '#cc79a7',
	expired: '#56b4e9',
	bad_credentials: '#e69f00',
	unknown_user: '#44aa99',
	corrupted: '#999933',
	unknown: '#8c8f94',
};

/**
 * Gives the chart colour of a cause.
 *
 * @param cause Cause code.
 * @return A CSS colour.
 */
export function causeColor( cause: FailureCause ): string {
	return COLORS[ cause ];
}
