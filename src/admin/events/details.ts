/**
 * The facts a diagnosis used (`details` of `GET /events`), named and shown as
 * a person reads them: times as dates, reasons in words. A key the server adds
 * later and this list does not know is shown as it came.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { EventDetailValue } from '../data/events/types';
import { formatDateTime } from '../utils/dates';

/** How to show one known detail. */
interface DetailKind {
	label: () => string;
	/** Unix seconds shown as a date. */
	time?: true;
	/** A user id. */
	user?: true;
	/** Value => words. */
	words?: () => Record< string, string >;
	/** Not worth showing (an internal fingerprint). */
	hidden?: true;
}

const REASONS = (): Record< string, string > => ( {
	admin: __( 'an administrator revoked it', 'auth-sentinel' ),
	user: __( 'the user signed out everywhere', 'auth-sentinel' ),
	revoke_all: __( 'everyone’s sessions were revoked', 'auth-sentinel' ),
	policy_password: __( 'the password changed', 'auth-sentinel' ),
	policy_email: __( 'the email address changed', 'auth-sentinel' ),
	policy_role: __( 'the role changed', 'auth-sentinel' ),
	limit: __( 'over the session limit', 'auth-sentinel' ),
	unverifiable: __( 'it could not be checked', 'auth-sentinel' ),
} );

const KINDS: Record< string, DetailKind > = {
	expiration: {
		label: () => __( 'Expires', 'auth-sentinel' ),
		time: true,
	},
	scheme: {
		label: () => __( 'Cookie', 'auth-sentinel' ),
		words: () => ( {
			auth: __( 'wp-admin (auth)', 'auth-sentinel' ),
			secure_auth: __(
				'wp-admin over HTTPS (secure_auth)',
				'auth-sentinel'
			),
			logged_in: __( 'signed-in (logged_in)', 'auth-sentinel' ),
		} ),
	},
	revoked_at: {
		label: () => __( 'Revoked at', 'auth-sentinel' ),
		time: true,
	},
	revoked_by: {
		label: () => __( 'Revoked by', 'auth-sentinel' ),
		user: true,
	},
	revoked_reason: {
		label: () => __( 'Why', 'auth-sentinel' ),
		words: REASONS,
	},
	issued_at: { label: () => __( 'Issued at', 'auth-sentinel' ), time: true },
	changed_at: {
		label: () => __( 'Secret changed at', 'auth-sentinel' ),
		time: true,
	},
	changed: { label: () => __( 'Secrets changed', 'auth-sentinel' ) },
	password_changed_at: {
		label: () => __( 'Password changed at', 'auth-sentinel' ),
		time: true,
	},
	session_exists: {
		label: () => __( 'Session still stored', 'auth-sentinel' ),
	},
	login: { label: () => __( 'Login typed (masked)', 'auth-sentinel' ) },
	login_fp: { label: () => '', hidden: true },
	token_user: {
		label: () => __( 'User the token names', 'auth-sentinel' ),
		user: true,
	},
	issuer_code: {
		label: () => __( 'Token plugin’s error number', 'auth-sentinel' ),
	},
	issued_by: { label: () => __( 'Signed by', 'auth-sentinel' ) },
	rejected_by: { label: () => __( 'Refused by', 'auth-sentinel' ) },
	previous_address: {
		label: () =>
			__( 'Issued for the site’s earlier address', 'auth-sentinel' ),
	},
	device: { label: () => __( 'Device', 'auth-sentinel' ) },
	problem: { label: () => __( 'What is wrong with it', 'auth-sentinel' ) },
	age_h: { label: () => __( 'Nonce age (hours)', 'auth-sentinel' ) },
};

/**
 * Shows one value as text.
 *
 * @param value The value.
 * @return The text.
 */
function plain( value: EventDetailValue ): string {
	if ( value === null ) {
		return '—';
	}
	if ( typeof value === 'boolean' ) {
		return value
			? __( 'Yes', 'auth-sentinel' )
			: __( 'No', 'auth-sentinel' );
	}
	return String( value );
}

/**
 * Names and formats the details of a failure, in the order they came, without
 * the internal ones.
 *
 * @param details The failure's `details`.
 * @return Label and text of each.
 */
export function describeDetails(
	details: Record< string, EventDetailValue >
): Array< { key: string; label: string; text: string } > {
	const described: Array< { key: string; label: string; text: string } > = [];
	for ( const [ key, value ] of Object.entries( details ) ) {
		const kind = KINDS[ key ];
		if ( kind?.hidden ) {
			continue;
		}
		let text = plain( value );
		if ( kind?.time && typeof value === 'number' && value > 0 ) {
			text = formatDateTime( new Date( value * 1000 ).toISOString() );
		} else if ( kind?.user && typeof value === 'number' ) {
			text =
				value > 0
					? /* translators: %d: user id. */
						sprintf( __( 'user #%d', 'auth-sentinel' ), value )
					: __( 'the system', 'auth-sentinel' );
		} else if ( kind?.words && typeof value === 'string' ) {
			text = kind.words()[ value ] ?? value;
		}
		described.push( { key, label: kind ? kind.label() : key, text } );
	}
	return described;
}
