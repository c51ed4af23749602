/**
 * How audit rows are named on screen: their action and who was involved.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { AuditEntry, AuditUser } from '../data/audit/types';
import { termLabel } from '../data/vocabulary';

/**
 * Names an action.
 *
 * @param action The action code.
 * @return For example "Session revoked"; the code itself when unknown.
 */
export function actionLabel( action: string ): string {
	return termLabel( 'auditActions', action );
}

/**
 * Names the action of a row: the name of its vocabulary, else the name the
 * row itself carries (an action a newer server added).
 *
 * @param entry The row.
 * @return For example "Session revoked".
 */
export function entryActionLabel(
	entry: Pick< AuditEntry, 'action' | 'action_label' >
): string {
	const label = actionLabel( entry.action );
	return label !== entry.action ? label : entry.action_label || entry.action;
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
