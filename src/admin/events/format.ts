/**
 * How a failure's user and repeat count are written on screen.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { AuthEvent } from '../data/events/types';

/**
 * Names the user of a failure.
 *
 * @param event The failure.
 * @return For example "Jane Doe (jane)", "User #12" for a user that no longer
 *         exists, or "Unknown user".
 */
export function userName(
	event: Pick< AuthEvent, 'user' | 'user_id' >
): string {
	if ( event.user ) {
		return event.user.display_name === event.user.login
			? event.user.login
			: sprintf(
					/* translators: 1: display name, 2: login name. */
					__( '%1$s (%2$s)', 'auth-sentinel' ),
					event.user.display_name,
					event.user.login
				);
	}
	if ( event.user_id > 0 ) {
		/* translators: %d: user id. */
		return sprintf( __( 'User #%d', 'auth-sentinel' ), event.user_id );
	}
	return __( 'Unknown user', 'auth-sentinel' );
}

/**
 * Writes a repeat count.
 *
 * @param count How many times.
 * @return For example "×3".
 */
export function formatCount( count: number ): string {
	return sprintf(
		/* translators: %s: how many times a failure happened, e.g. "3". */
		__( '×%s', 'auth-sentinel' ),
		count.toLocaleString()
	);
}
