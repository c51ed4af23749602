/**
 * Turns the secrets report into advice: what is wrong (or worth knowing)
 * about each secret and what to do, with secrets of one kind of problem
 * merged into one piece of advice.
 */
import type {
	Secret,
	SecretGroup,
	SecretStrength,
} from '../data/secrets/types';
import { adviceText } from './advice-text';
import { GROUP_ORDER, compareNames } from './known-secrets';

export type AdviceLevel = 'error' | 'warning' | 'info';

/** What is wrong with a secret, by group: its strength, or "generated". */
export type AdviceKind = Exclude< SecretStrength, 'ok' > | 'generated';

export interface Advice {
	/** Stable key, e.g. "salt:default". */
	key: string;
	level: AdviceLevel;
	group: SecretGroup;
	kind: AdviceKind;
	names: string[];
	text: string;
	/** Where to get new values, when it helps. */
	link: string | null;
}

/** Generates a fresh set of the eight keys and salts. */
export const SALT_GENERATOR_URL =
	'https://api.wordpress.org/secret-key/1.1/salt/';

const LEVEL_ORDER: readonly AdviceLevel[] = [ 'error', 'warning', 'info' ];

const KIND_ORDER: readonly AdviceKind[] = [
	'weak',
	'default',
	'duplicate',
	'missing',
	'generated',
];

/**
 * Finds what deserves advice about a secret.
 *
 * @param secret A secret.
 * @return The kind of advice, or null when there is nothing to say.
 */
export function adviceKindOf( secret: Secret ): AdviceKind | null {
	// A key missing from wp-config.php that WordPress generated into the database.
	if ( secret.strength === 'missing' && secret.source === 'generated' ) {
		return 'generated';
	}
	if ( secret.strength !== 'ok' ) {
		return secret.strength;
	}
	return secret.source === 'generated' ? 'generated' : null;
}

/**
 * Rates how much a kind of advice matters for a group.
 *
 * @param group Group of the secret.
 * @param kind  Kind of advice.
 * @return The level.
 */
export function levelOf( group: SecretGroup, kind: AdviceKind ): AdviceLevel {
	if ( kind === 'generated' ) {
		// Keys in the database can be read by anyone who can read the database.
		return group === 'salt' ? 'warning' : 'info';
	}
	if ( kind === 'weak' ) {
		return 'error';
	}
	switch ( group ) {
		case 'salt':
			return 'warning';
		case 'token':
			if ( kind === 'missing' ) {
				// Normal when no plugin on the site uses this secret.
				return 'info';
			}
			return kind === 'default' ? 'error' : 'warning';
		case 'site':
			return kind === 'missing' ? 'error' : 'warning';
	}
}

/**
 * Rates a secret.
 *
 * @param secret A secret.
 * @return The level of its advice, or null when it is fine.
 */
export function severityOf( secret: Secret ): AdviceLevel | null {
	const kind = adviceKindOf( secret );
	return kind ? levelOf( secret.group, kind ) : null;
}

/**
 * Tells whether a secret needs the administrator to act.
 *
 * @param secret A secret.
 * @return Whether its advice is an error or a warning.
 */
export function isProblem( secret: Secret ): boolean {
	const level = severityOf( secret );
	return level === 'error' || level === 'warning';
}

/**
 * Writes the advice for a report, most urgent first.
 *
 * @param secrets Secrets from the REST API.
 * @return One piece of advice per group and kind of problem.
 */
export function adviceFor( secrets: readonly Secret[] ): Advice[] {
	const byKey = new Map<
		string,
		{ group: SecretGroup; kind: AdviceKind; names: string[] }
	>();
	for ( const secret of secrets ) {
		const kind = adviceKindOf( secret );
		if ( ! kind ) {
			continue;
		}
		const key = `${ secret.group }:${ kind }`;
		const entry = byKey.get( key ) ?? {
			group: secret.group,
			kind,
			names: [],
		};
		entry.names.push( secret.name );
		byKey.set( key, entry );
	}

	return [ ...byKey.entries() ]
		.map( ( [ key, { group, kind, names } ] ): Advice => {
			const sorted = [ ...names ].sort( compareNames );
			const offersGenerator =
				group === 'salt' && kind !== 'missing' && kind !== 'generated';
			return {
				key,
				level: levelOf( group, kind ),
				group,
				kind,
				names: sorted,
				text: adviceText( group, kind, sorted ),
				link: offersGenerator ? SALT_GENERATOR_URL : null,
			};
		} )
		.sort(
			( a, b ) =>
				LEVEL_ORDER.indexOf( a.level ) -
					LEVEL_ORDER.indexOf( b.level ) ||
				KIND_ORDER.indexOf( a.kind ) - KIND_ORDER.indexOf( b.kind ) ||
				GROUP_ORDER.indexOf( a.group ) - GROUP_ORDER.indexOf( b.group )
		);
}
