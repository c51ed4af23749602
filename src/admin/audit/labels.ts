/**
 * How audit rows are named on screen: their action and who was involved.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { AuditAction, AuditEntry, AuditUser } from '../types';

/** Every action the audit log records, in the order filters list them. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
	'sign_in',
	'sign_out',
	'session_created',
	'session_revoked',
	'user_sessions_revoked',
	'all_sessions_revoked',
	'app_password_created',
	'app_password_first_used',
	'app_password_revoked',
	'password_changed',
	'email_changed',
	'role_changed',
	'secrets_changed',
	'settings_changed',
];

/**
 * Names an action.
 *
 * @param action The action code.
 * @return For example "Session revoked"; the code itself when unknown.
 */
export function actionLabel( action: string ): string {
	switch ( action as AuditAction ) {
		case 'sign_in':
			return __( 'Signed in', 'auth-sentinel' );
		case 'sign_out':
			return __( 'Signed out', 'auth-sentinel' );
		case 'session_created':
			return __( 'Session created', 'auth-sentinel' );
		case 'session_revoked':
			return __( 'Session revoked', 'auth-sentinel' );
		case 'user_sessions_revoked':
			return __( 'All of a user’s sessions revoked', 'auth-sentinel' );
		case 'all_sessions_revoked':
			return __( 'Everyone’s sessions revoked', 'auth-sentinel' );
		case 'app_password_created':
			return __( 'Application password created', 'auth-sentinel' );
		case 'app_password_first_used':
			return __( 'Application password first used', 'auth-sentinel' );
		case 'app_password_revoked':
			return __( 'Application password revoked', 'auth-sentinel' );
		case 'password_changed':
			return __( 'Password changed', 'auth-sentinel' );
		case 'email_changed':
			return __( 'Email address changed', 'auth-sentinel' );
		case 'role_changed':
			return __( 'Role changed', 'auth-sentinel' );
		case 'secrets_changed':
			return __( 'Secrets changed', 'auth-sentinel' );
		case 'settings_changed':
			return __( 'Settings changed', 'auth-sentinel' );
	}
	return action;
}

/**
 * Names the action of a row: this screen's name when it knows the action,
 * else the server's.
 *
 * @param entry The row.
 * @return For example "Session revoked".
 */
export function entryActionLabel(
	entry: Pick< AuditEntry, 'action' | 'action_label' >
): string {
	return ( AUDIT_ACTIONS as readonly string[] ).includes( entry.action )
		? actionLabel( entry.action )
		: entry.action_label || entry.action;
}

/**
 * Names a user of an audit row.
 *
 * @param user   The user, when it still exists.
 * @param id     The user id; 0 for none.
 * @param nobody What to say for id 0, e.g. "System".
 * @return For example "Site Admin (admin)", "User #12" or `nobody`.
 */
export function auditUserName(
	user: AuditUser | null,
	id: number,
	nobody: string
): string {
	if ( user ) {
		return user.name === user.login
			? user.login
			: sprintf(
					/* translators: 1: display name, 2: login name. */
					__( '%1$s (%2$s)', 'auth-sentinel' ),
					user.name,
					user.login
				);
	}
	if ( id > 0 ) {
		/* translators: %d: user id. */
		return sprintf( __( 'User #%d', 'auth-sentinel' ), id );
	}
	return nobody;
}
