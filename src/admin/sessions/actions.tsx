/**
 * What can be done with sessions in the Sessions table.
 */
import type { Action } from '@wordpress/dataviews';
import { __ } from '@wordpress/i18n';
import { trash } from '@wordpress/icons';

import type { Session } from '../data/sessions/types';

/**
 * Tells whether a session can be revoked from the table: it is active and
 * not the caller's own (which would sign the caller out).
 *
 * @param session The session.
 * @return Whether the Revoke action applies.
 */
export function canRevoke( session: Session ): boolean {
	return session.status === 'active' && ! session.current;
}

/**
 * Builds the table's actions.
 *
 * @param onRevoke Asks to confirm the revocation of sessions.
 * @return DataViews actions.
 */
export function sessionActions(
	onRevoke: ( sessions: Session[] ) => void
): Action< Session >[] {
	return [
		{
			id: 'revoke',
			label: __( 'Revoke', 'auth-sentinel' ),
			icon: trash,
			isPrimary: true,
			isDestructive: true,
			supportsBulk: true,
			isEligible: canRevoke,
			callback: ( sessions ) => {
				const eligible = sessions.filter( canRevoke );
				if ( eligible.length > 0 ) {
					onRevoke( eligible );
				}
			},
		},
	];
}
