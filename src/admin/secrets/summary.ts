/**
 * The two sentences at the top of the Secrets screen: how many problems,
 * and the latest change.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import type { Secret, SecretChange } from '../data/secrets/types';
import { formatShortList } from '../utils/list';
import { formatDate, formatRelativeTime, parseDate } from '../utils/dates';
import { isProblem } from './advice';
import { effectClause } from './effects';
import { compareNames, effectsOfNames } from './known-secrets';
import { secretName } from './labels';

/** How many names the headline spells out before "and N others". */
const HEADLINE_NAMES = 3;

/**
 * Counts the secrets that need the administrator to act.
 *
 * @param secrets Secrets from the REST API.
 * @return The number of problems.
 */
export function countProblems( secrets: readonly Secret[] ): number {
	return secrets.filter( isProblem ).length;
}

/**
 * Says how many problems there are.
 *
 * @param secrets Secrets from the REST API.
 * @return A sentence.
 */
export function problemsHeadline( secrets: readonly Secret[] ): string {
	const count = countProblems( secrets );
	if ( count === 0 ) {
		return __(
			'No problems found with the watched secrets.',
			'auth-sentinel'
		);
	}
	return sprintf(
		/* translators: %d: number of secrets with a problem. */
		_n(
			'%d secret needs attention.',
			'%d secrets need attention.',
			count,
			'auth-sentinel'
		),
		count
	);
}

/**
 * Finds the most recent change.
 *
 * @param history Changes from the REST API.
 * @return The newest change, or null when there is none.
 */
export function latestChange(
	history: readonly SecretChange[]
): SecretChange | null {
	let latest: SecretChange | null = null;
	let latestTime = -Infinity;
	for ( const change of history ) {
		const time = parseDate( change.at )?.getTime() ?? -Infinity;
		if ( latest === null || time > latestTime ) {
			latest = change;
			latestTime = time;
		}
	}
	return latest;
}

/**
 * Finds when monitoring began: the earliest first sighting of a secret.
 *
 * @param secrets Secrets from the REST API.
 * @return ISO timestamp, or null when unknown.
 */
export function monitoringSince( secrets: readonly Secret[] ): string | null {
	let since: string | null = null;
	let sinceTime = Infinity;
	for ( const secret of secrets ) {
		const time = parseDate( secret.first_seen )?.getTime();
		if ( time !== undefined && time < sinceTime ) {
			since = secret.first_seen;
			sinceTime = time;
		}
	}
	return since;
}

/**
 * Says what changed last, when, and what it did.
 *
 * @param history Changes from the REST API.
 * @param secrets Secrets from the REST API.
 * @param now     The current time.
 * @return A sentence, e.g. "AUTH_KEY and AUTH_SALT changed 2 hours ago —
 *         everyone was signed out."
 */
export function latestChangeHeadline(
	history: readonly SecretChange[],
	secrets: readonly Secret[],
	now: Date
): string {
	const change = latestChange( history );
	if ( ! change ) {
		const since = monitoringSince( secrets );
		if ( ! since ) {
			return __( 'No change recorded yet.', 'auth-sentinel' );
		}
		return sprintf(
			/* translators: %s: date monitoring began. */
			__( 'No change recorded since %s.', 'auth-sentinel' ),
			formatDate( since )
		);
	}
	const names = formatShortList(
		[ ...change.changed ].sort( compareNames ).map( secretName ),
		HEADLINE_NAMES
	);
	const when = formatRelativeTime( change.at, now );
	const [ effect ] = effectsOfNames( change.changed );
	if ( ! effect ) {
		return sprintf(
			/* translators: 1: names of secrets, 2: how long ago, e.g. "2 hours ago". */
			__( '%1$s changed %2$s.', 'auth-sentinel' ),
			names,
			when
		);
	}
	return sprintf(
		/* translators: 1: names of secrets, 2: how long ago, e.g. "2 hours ago", 3: what the change did, e.g. "everyone was signed out". */
		__( '%1$s changed %2$s — %3$s.', 'auth-sentinel' ),
		names,
		when,
		effectClause( effect )
	);
}
