/**
 * Builders for secrets-report test data.
 */
import type { Secret, SecretChange } from '../types';

export function fixtureSecret(
	overrides: Partial< Secret > & { name: string }
): Secret {
	return {
		group: 'salt',
		source: 'constant',
		strength: 'ok',
		changed_at: null,
		first_seen: '2026-11-20T08:00:00Z',
		...overrides,
	};
}

export function fixtureChange(
	overrides: Partial< SecretChange > & { changed: string[] }
): SecretChange {
	return {
		id: 1,
		at: '2026-11-26T01:02:03Z',
		sessions: null,
		users: null,
		...overrides,
	};
}
