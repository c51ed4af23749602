/**
 * How a failure's user and repeat count are written on screen, and what a
 * summary row of failures past the storage caps counts.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import type { AuthEvent, EventOverflow } from '../data/events/types';

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

/**
 * Names a summary row of failures past the storage caps, where an ordinary
 * row names its user.
 *
 * @param event The summary row.
 * @return For example "Summary of 1,204 failures past the storage cap".
 */
export function overflowLabel( event: Pick< AuthEvent, 'count' > ): string {
	return sprintf(
		/* translators: %s: number of failures. */
		_n(
			'Summary of %s failure past the storage cap',
			'Summary of %s failures past the storage cap',
			event.count,
			'auth-sentinel'
		),
		event.count.toLocaleString()
	);
}

/**
 * Names the user of a failure, or says that the row is a summary.
 *
 * @param event The failure.
 * @return The user's name, or the summary's label.
 */
export function whoOf(
	event: Pick< AuthEvent, 'user' | 'user_id' | 'count' | 'overflow' >
): string {
	return event.overflow ? overflowLabel( event ) : userName( event );
}

/**
 * Writes an estimated number of distinct credentials.
 *
 * @param n The estimate, null when there were too many to tell.
 * @return For example "about 340 credentials", or "too many to tell".
 */
export function credentialsEstimate( n: number | null ): string {
	if ( n === null ) {
		return __( 'too many to tell', 'auth-sentinel' );
	}
	return sprintf(
		/* translators: %s: estimated number of distinct credentials. */
		_n( 'about %s credential', 'about %s credentials', n, 'auth-sentinel' ),
		n.toLocaleString()
	);
}

/**
 * Writes an estimated number of distinct client networks.
 *
 * @param n The estimate, null when there were too many to tell.
 * @return For example "about 12 networks", or "too many to tell".
 */
export function networksEstimate( n: number | null ): string {
	if ( n === null ) {
		return __( 'too many to tell', 'auth-sentinel' );
	}
	return sprintf(
		/* translators: %s: estimated number of distinct client networks. */
		_n( 'about %s network', 'about %s networks', n, 'auth-sentinel' ),
		n.toLocaleString()
	);
}

/**
 * Says where the failures of a summary row came from.
 *
 * @param overflow The row's estimates.
 * @return For example "about 340 credentials from about 12 networks", or
 *         "too many credentials to tell, from about 12 networks".
 */
export function overflowSources( overflow: EventOverflow ): string {
	const { credentials, networks } = overflow;
	if ( credentials === null && networks === null ) {
		return __(
			'too many credentials and networks to tell',
			'auth-sentinel'
		);
	}
	if ( credentials === null ) {
		return sprintf(
			/* translators: %s: e.g. "about 12 networks". */
			__( 'too many credentials to tell, from %s', 'auth-sentinel' ),
			networksEstimate( networks )
		);
	}
	if ( networks === null ) {
		return sprintf(
			/* translators: %s: e.g. "about 340 credentials". */
			__( '%s from too many networks to tell', 'auth-sentinel' ),
			credentialsEstimate( credentials )
		);
	}
	return sprintf(
		/* translators: 1: e.g. "about 340 credentials", 2: e.g. "about 12 networks". */
		__( '%1$s from %2$s', 'auth-sentinel' ),
		credentialsEstimate( credentials ),
		networksEstimate( networks )
	);
}
