/**
 * Builders for secrets-report test data.
 */
import type { EventStats, Secret, SecretChange } from '../types';

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

/**
 * A raw `GET /events` item as the REST API sends it.
 *
 * @param overrides Fields to change.
 * @return The item.
 */
export function fixtureRawEvent(
	overrides: Record< string, unknown > = {}
): Record< string, unknown > {
	return {
		id: 7,
		first_seen: '2026-11-26T14:05:00Z',
		last_seen: '2026-11-26T14:30:00Z',
		count: 3,
		source: 'token',
		issuer: 'wcpos',
		server_code: 'woocommmerce_pos_auth_invalid_token',
		code: 'token_invalid',
		cause: 'secret_changed',
		user_id: 12,
		user: {
			id: 12,
			login: 'cashier1',
			display_name: 'Ana Cashier',
			edit_url: 'https://shop.test/wp-admin/user-edit.php?user_id=12',
		},
		ip: '203.0.113.9',
		user_agent: 'WCPOS/1.6 (Android 14)',
		client: 'WooCommerce POS 1.6 (Android)',
		route: '/wp-json/wc/v3/orders',
		token: {
			fingerprint: '9f86d081884c7d65',
			iss: 'https://shop.test',
			iat: 1795011120,
			exp: 1795097520,
			jti: 'a1b2c3',
			type: 'access',
		},
		explanation:
			'The token was issued at 09:12, before the WCPOS signing secret changed at 14:02.',
		details: { secret: 'woocommerce_pos_secret_key' },
		...overrides,
	};
}

/**
 * A raw `GET /catalog/{code}` entry shaped like the API02003 seed page.
 *
 * @param overrides Fields to change.
 * @return The entry.
 */
export function fixtureRawCatalogEntry(
	overrides: Record< string, unknown > = {}
): Record< string, unknown > {
	return {
		code: 'token_invalid',
		title: 'Token Invalid',
		aliases: [ 'API02003' ],
		meaning:
			'The authentication token being used is not recognized by the server.',
		causes: [
			{ cause: 'revoked', text: 'An administrator revoked the session.' },
			{
				cause: 'secret_changed',
				text: 'Server secret keys changed, invalidating all tokens.',
			},
		],
		server_codes: [
			{ code: 'jwt_auth_invalid_token', source: 'JWT Authentication' },
		],
		how_to_fix: [
			{
				title: 'Log in again',
				audience: 'user',
				steps: [ 'Log out completely', 'Log in with your credentials' ],
			},
			{
				title: 'Check server configuration',
				audience: 'admin',
				steps: [ 'Check if WordPress salts were changed' ],
			},
		],
		related: [ 'API02002' ],
		...overrides,
	};
}

/**
 * Stats of the last 24 hours (4 hourly buckets shown) with AUTH_KEY changed
 * at 14:02 UTC and the failures that followed.
 *
 * @param overrides Fields to change.
 * @return The stats.
 */
export function fixtureStats(
	overrides: Partial< EventStats > = {}
): EventStats {
	return {
		interval: 'hour',
		since: '2026-11-26T12:00:00Z',
		until: '2026-11-26T16:00:00Z',
		buckets: [
			{ start: '2026-11-26T12:00:00Z', counts: { expired: 2 } },
			{ start: '2026-11-26T13:00:00Z', counts: {} },
			{
				start: '2026-11-26T14:00:00Z',
				counts: { secret_changed: 200, expired: 10 },
			},
			{
				start: '2026-11-26T15:00:00Z',
				counts: { secret_changed: 100, bad_credentials: 3 },
			},
		],
		markers: [ { at: '2026-11-26T14:02:00Z', changed: [ 'AUTH_KEY' ] } ],
		totals: { secret_changed: 300, expired: 12, bad_credentials: 3 },
		total: 315,
		users: 42,
		top_users: [
			{
				user_id: 12,
				login: 'cashier1',
				display_name: 'Ana Cashier',
				count: 40,
			},
		],
		top_clients: [
			{
				client: 'WooCommerce POS 1.6 (Android)',
				search: 'WCPOS/1.6.0 (Android 14)',
				count: 290,
			},
		],
		top_codes: [
			{ code: 'token_invalid', title: 'Token Invalid', count: 300 },
		],
		spike: {
			at: '2026-11-26T14:02:00Z',
			changed: [ 'AUTH_KEY' ],
			failures: 312,
			users: 41,
		},
		...overrides,
	};
}
