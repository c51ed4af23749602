/**
 * How sessions are named on screen: their kind, their state, why they
 * ended, what revoking them does, and the counts of a mass revocation.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import { SESSION_TYPES } from '../data/sessions/types';
import type {
	RevokedCounts,
	Session,
	SessionEndReason,
	SessionStatusFilter,
	SessionType,
} from '../data/sessions/types';
import { termLabel } from '../data/vocabulary';
import { formatList } from '../utils/list';

/**
 * Names a kind of session.
 *
 * @param type The session type.
 * @return For example "Browser session".
 */
export function typeLabel( type: SessionType ): string {
	return termLabel( 'sessionTypes', type );
}

/**
 * Names a choice of the status filter.
 *
 * @param status The filter value.
 * @return For example "Ended".
 */
export function statusFilterLabel( status: SessionStatusFilter ): string {
	switch ( status ) {
		case 'active':
			return __( 'Active', 'auth-sentinel' );
		case 'ended':
			return __( 'Ended or revoked', 'auth-sentinel' );
		case 'all':
			return __( 'All', 'auth-sentinel' );
	}
}

/**
 * Says why a session ended.
 *
 * @param reason The reason code.
 * @return A short phrase, or '' when unknown.
 */
export function endReasonLabel( reason: SessionEndReason ): string {
	switch ( reason ) {
		case 'admin':
			return __( 'Revoked by an administrator', 'auth-sentinel' );
		case 'user':
			return __( 'Revoked by the user', 'auth-sentinel' );
		case 'signed_out':
			return __( 'Signed out', 'auth-sentinel' );
		case 'policy_password':
			return __( 'Password changed', 'auth-sentinel' );
		case 'policy_email':
			return __( 'Email address changed', 'auth-sentinel' );
		case 'policy_role':
			return __( 'Role changed', 'auth-sentinel' );
		case 'limit':
			return __( 'Session limit reached', 'auth-sentinel' );
		case 'revoke_all':
			return __( 'Everyone’s sessions revoked', 'auth-sentinel' );
		case 'expired':
			return __( 'Expired', 'auth-sentinel' );
		case 'deleted':
			return __( 'User deleted', 'auth-sentinel' );
		case '':
			return '';
	}
}

/**
 * Names the user of a session.
 *
 * @param session The session.
 * @return For example "Ana Cashier (cashier1)", or "User #12".
 */
export function sessionUserName(
	session: Pick< Session, 'user' | 'user_id' >
): string {
	if ( session.user ) {
		return session.user.name === session.user.login
			? session.user.login
			: sprintf(
					/* translators: 1: display name, 2: login name. */
					__( '%1$s (%2$s)', 'auth-sentinel' ),
					session.user.name,
					session.user.login
				);
	}
	if ( session.user_id > 0 ) {
		/* translators: %d: user id. */
		return sprintf( __( 'User #%d', 'auth-sentinel' ), session.user_id );
	}
	return __( 'Unknown user', 'auth-sentinel' );
}

/**
 * Describes one session: its kind, name, user and app.
 *
 * @param session The session.
 * @return For example "Browser session of Ana Cashier (cashier1) on Chrome
 *         120 on Windows".
 */
export function describeSession( session: Session ): string {
	const what = session.label
		? sprintf(
				/* translators: 1: kind of session, 2: its name, e.g. "Application password “POS”". */
				__( '%1$s “%2$s”', 'auth-sentinel' ),
				typeLabel( session.type ),
				session.label
			)
		: typeLabel( session.type );
	const where = session.client || session.ip;
	return where
		? sprintf(
				/* translators: 1: kind of session, 2: user name, 3: client app or IP address. */
				__( '%1$s of %2$s on %3$s', 'auth-sentinel' ),
				what,
				sessionUserName( session ),
				where
			)
		: sprintf(
				/* translators: 1: kind of session, 2: user name. */
				__( '%1$s of %2$s', 'auth-sentinel' ),
				what,
				sessionUserName( session )
			);
}

/**
 * Says what revoking a kind of session does.
 *
 * @param type The session type.
 * @return One sentence.
 */
export function revokeEffect( type: SessionType ): string {
	switch ( type ) {
		case 'cookie':
			return __(
				'The browser will be signed out at its next request.',
				'auth-sentinel'
			);
		case 'app_password':
			return __(
				'The application password will be deleted: apps and integrations using it stop working until they are given a new one.',
				'auth-sentinel'
			);
		case 'wcpos':
			return __(
				'The WCPOS app will be signed out at its next request and must sign in again.',
				'auth-sentinel'
			);
		case 'token':
			return __(
				'The token will be refused from now on: the app must sign in again.',
				'auth-sentinel'
			);
	}
}

function countPhrase( type: SessionType, n: number ): string {
	const count = n.toLocaleString();
	switch ( type ) {
		case 'cookie':
			return sprintf(
				/* translators: %s: number of browser sessions. */
				_n(
					'%s browser session',
					'%s browser sessions',
					n,
					'auth-sentinel'
				),
				count
			);
		case 'app_password':
			return sprintf(
				/* translators: %s: number of application passwords. */
				_n(
					'%s application password',
					'%s application passwords',
					n,
					'auth-sentinel'
				),
				count
			);
		case 'wcpos':
			return sprintf(
				/* translators: %s: number of WCPOS sessions. */
				_n(
					'%s WCPOS session',
					'%s WCPOS sessions',
					n,
					'auth-sentinel'
				),
				count
			);
		case 'token':
			return sprintf(
				/* translators: %s: number of token sessions. */
				_n( '%s token', '%s tokens', n, 'auth-sentinel' ),
				count
			);
	}
}

/**
 * Says what a mass revocation revoked.
 *
 * @param counts Revoked credentials per kind.
 * @return For example "Revoked 12 browser sessions and 3 application
 *         passwords."; a sentence saying so when nothing was left.
 */
export function formatRevokedCounts( counts: RevokedCounts ): string {
	const parts = SESSION_TYPES.filter( ( type ) => counts[ type ] > 0 ).map(
		( type ) => countPhrase( type, counts[ type ] )
	);
	if ( parts.length === 0 ) {
		return __( 'There were no sessions left to revoke.', 'auth-sentinel' );
	}
	return sprintf(
		/* translators: %s: a list such as "12 browser sessions and 3 tokens". */
		__( 'Revoked %s.', 'auth-sentinel' ),
		formatList( parts )
	);
}

/**
 * Says what a mass revocation did, with the "not before" time of tokens.
 *
 * @param result            The server's answer.
 * @param result.revoked    Revoked credentials per kind.
 * @param result.not_before Tokens issued before it are refused, or null.
 * @param formatDate        Writes a date and time.
 * @return One or two sentences.
 */
export function revokeResultMessage(
	result: { revoked: RevokedCounts; not_before: string | null },
	formatDate: ( iso: string ) => string
): string {
	const counts = formatRevokedCounts( result.revoked );
	if ( ! result.not_before ) {
		return counts;
	}
	return sprintf(
		/* translators: 1: what was revoked, 2: date and time. */
		__(
			'%1$s App tokens issued before %2$s are refused.',
			'auth-sentinel'
		),
		counts,
		formatDate( result.not_before )
	);
}
