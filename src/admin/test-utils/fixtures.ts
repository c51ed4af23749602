/**
 * Builders for secrets-report test data.
 */
import type { EventStats } from '../data/events/types';
import type { Secret, SecretChange } from '../data/secrets/types';

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
 * A raw `GET /events` summary row: failures past the storage caps in one
 * hour, counted together by cause and kind of credential.
 *
 * @param overrides Fields to change.
 * @return The item.
 */
export function fixtureRawOverflowEvent(
	overrides: Record< string, unknown > = {}
): Record< string, unknown > {
	return fixtureRawEvent( {
		id: 9,
		first_seen: '2026-11-26T14:00:02Z',
		last_seen: '2026-11-26T14:59:58Z',
		count: 1204,
		source: 'login_form',
		issuer: null,
		server_code: 'overflow',
		code: 'login_incorrect_password',
		cause: 'bad_credentials',
		user_id: 0,
		user: null,
		ip: '',
		user_agent: '',
		client: '',
		route: '',
		token: null,
		overflow: { credentials: 340, networks: 12 },
		explanation:
			'1,204 failures of this cause and kind, from about 340 distinct credentials from about 12 networks, were counted here without a row each: their clients were over the cap of new rows an hour (Settings), as in an attack with ever-new credentials.',
		details: { overflow: true, credentials: 340, networks: 12 },
		...overrides,
	} );
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
		users_exact: true,
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

/**
 * A raw `GET /sessions` item: a browser session of a cashier.
 *
 * @param overrides Fields to change.
 * @return The item.
 */
export function fixtureRawSession(
	overrides: Record< string, unknown > = {}
): Record< string, unknown > {
	return {
		id: 31,
		type: 'cookie',
		user_id: 12,
		user: {
			id: 12,
			login: 'cashier1',
			name: 'Ana Cashier',
			roles: [ 'shop_manager' ],
		},
		created: '2026-11-26T09:00:00Z',
		expires: '2026-11-28T09:00:00Z',
		last_seen: '2026-11-26T14:30:00Z',
		ip: '203.0.113.9',
		user_agent:
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36',
		client: 'Chrome 120 on Windows',
		label: '',
		current: false,
		status: 'active',
		ended_at: null,
		ended_by: 0,
		ended_reason: '',
		...overrides,
	};
}

/**
 * A raw `GET /audit` row: an administrator revoked a cashier's session.
 *
 * @param overrides Fields to change.
 * @return The row.
 */
export function fixtureRawAuditEntry(
	overrides: Record< string, unknown > = {}
): Record< string, unknown > {
	return {
		id: 501,
		at: '2026-11-26T14:00:00Z',
		action: 'session_revoked',
		actor_id: 1,
		actor: { id: 1, login: 'admin', name: 'Site Admin' },
		target_user_id: 12,
		target: { id: 12, login: 'cashier1', name: 'Ana Cashier' },
		ip: '198.51.100.4',
		user_agent: 'Mozilla/5.0 Firefox/133.0',
		details: { session_type: 'cookie', client: 'Chrome 120 on Windows' },
		summary:
			'Site Admin revoked a browser session of Ana Cashier (Chrome 120 on Windows).',
		...overrides,
	};
}

/**
 * A raw `GET /settings` body with the server's defaults and a webhook.
 *
 * @param overrides Fields to change.
 * @return The body.
 */
export function fixtureRawSettings(
	overrides: Record< string, unknown > = {}
): Record< string, unknown > {
	return {
		events_retention_days: 90,
		audit_retention_days: 365,
		anonymize_ip: false,
		revoke_on_password_change: true,
		revoke_on_email_change: true,
		revoke_on_role_change: false,
		session_limits: { shop_manager: 2 },
		alerts_email: true,
		alert_emails: '',
		alert_on: [
			'secrets_changed',
			'failure_spike',
			'all_sessions_revoked',
		],
		alert_spike_threshold: 100,
		alert_webhook_url: 'https://hooks.example.test/auth',
		alert_webhook_secret: 'whsec_3f9a1c',
		trusted_proxies: '',
		failure_cap_network: 100,
		failure_cap_hour: 1000,
		log_file_enabled: false,
		log_file_max_kb: 10240,
		log_file_keep: 5,
		log_syslog_enabled: false,
		log_syslog_transport: 'udp',
		log_syslog_host: '127.0.0.1',
		log_syslog_port: 514,
		log_syslog_socket: '/dev/log',
		log_syslog_facility: 'authpriv',
		log_timeout_ms: 200,
		log_repeat_minutes: 5,
		...overrides,
	};
}
