/**
 * Shapes of `GET /events` and `GET /events/stats`: recorded failures, their
 * causes and sources, and the statistics of the Overview.
 */
import type { Page } from '../page';

/**
 * Why a credential failed, as diagnosed by the server, in the order lists,
 * legends and stacked bars use: the causes an administrator acts on first,
 * "unknown" last. Their names come from the server (data/vocabulary.ts).
 */
export const CAUSES = [
	'secret_changed',
	'header_stripped',
	'plugin_conflict',
	'wrong_site',
	'revoked',
	'password_changed',
	'expired',
	'bad_credentials',
	'unknown_user',
	'corrupted',
	'unknown',
] as const;

/** Why a credential failed. */
export type FailureCause = ( typeof CAUSES )[ number ];

/** Which kind of credential failed, in the order filters list them. */
export const SOURCES = [
	'login_form',
	'cookie',
	'xmlrpc',
	'application_password',
	'token',
	'token_login',
	'rest_nonce',
	'rest',
] as const;

/** Which kind of credential failed. */
export type FailureSource = ( typeof SOURCES )[ number ];

/** The WordPress user a failure belongs to, when the user exists. */
export interface EventUser {
	id: number;
	login: string;
	display_name: string;
	/** Address of the user's profile screen, or null when not allowed. */
	edit_url: string | null;
}

/**
 * The claims of a token, decoded for diagnosis only: never trusted, and the
 * token itself is never stored.
 */
export interface EventToken {
	/** Short hash that identifies the token without revealing it. */
	fingerprint: string;
	iss: string | null;
	/** Unix seconds. */
	iat: number | null;
	/** Unix seconds. */
	exp: number | null;
	jti: string | null;
	/** For example "access" or "refresh". */
	type: string | null;
}

/**
 * What a summary row counts: failures past the caps of new rows an hour
 * (Settings), one row per hour, cause and kind of credential. The numbers
 * are estimates; null when there were too many to tell.
 */
export interface EventOverflow {
	/** About how many distinct credentials sent them. */
	credentials: number | null;
	/** About how many distinct client networks sent them. */
	networks: number | null;
}

/** A value of the extra facts the server adds to a failure. */
export type EventDetailValue = string | number | boolean | null;

/** One recorded failure (repeats are counted) in `GET /events`. */
export interface AuthEvent {
	id: number;
	/** ISO 8601. */
	first_seen: string;
	/** ISO 8601. */
	last_seen: string;
	count: number;
	source: FailureSource;
	/** Token plugin that issued the credential, e.g. "wcpos", or null. */
	issuer: string | null;
	/** The code the server answered with, e.g. "jwt_auth_invalid_token". */
	server_code: string;
	/** Code of the catalog entry the failure belongs to. */
	code: string;
	cause: FailureCause;
	/** 0 when the user is unknown. */
	user_id: number;
	user: EventUser | null;
	ip: string;
	user_agent: string;
	/** Readable app or browser name, e.g. "Chrome 131 on Windows". */
	client: string;
	/** For example "/wp-json/wc/v3/orders" or "wp-login.php". */
	route: string;
	token: EventToken | null;
	/**
	 * Set on a summary row of failures past the storage caps (no user, no
	 * address, server code "overflow"); null for an ordinary row.
	 */
	overflow: EventOverflow | null;
	/** One translated sentence from the server: why this cause. */
	explanation: string;
	details: Record< string, EventDetailValue >;
}

/** Sort orders `GET /events` accepts. */
export const EVENTS_ORDER_BY = [ 'last_seen', 'first_seen', 'count' ] as const;

/** Sort orders `GET /events` accepts. */
export type EventsOrderBy = ( typeof EVENTS_ORDER_BY )[ number ];

/** Query arguments of `GET /events`. */
export interface EventsQuery {
	page: number;
	per_page: number;
	cause?: FailureCause;
	code?: string;
	source?: FailureSource;
	user?: number;
	/** ISO 8601. */
	since?: string;
	/** ISO 8601. */
	until?: string;
	search?: string;
	orderby?: EventsOrderBy;
	order?: 'asc' | 'desc';
}

/** One page of `GET /events` with the totals of its headers. */
export type EventsPage = Page< AuthEvent >;

/** Bucket sizes of `GET /events/stats`. */
export type StatsInterval = 'hour' | 'day';

/** Failures per cause; causes without failures may be missing. */
export type CauseCounts = Partial< Record< FailureCause, number > >;

/** Query arguments of `GET /events/stats`. */
export interface StatsQuery {
	interval: StatsInterval;
	since?: string;
	until?: string;
	cause?: FailureCause;
	code?: string;
	source?: FailureSource;
	user?: number;
}

/** One time bucket of the stats. */
export interface StatsBucket {
	/** ISO 8601. */
	start: string;
	counts: CauseCounts;
}

/** A recorded change of secrets inside the stats period. */
export interface StatsMarker {
	/** ISO 8601. */
	at: string;
	changed: string[];
}

/** A secret change followed by failures: the failures since it. */
export interface StatsSpike {
	/** ISO 8601. */
	at: string;
	changed: string[];
	failures: number;
	users: number;
	/** False when `users` is an estimate. */
	users_exact?: boolean;
}

/** Response of `GET /auth-sentinel/v1/events/stats`. */
export interface EventStats {
	interval: StatsInterval;
	/** ISO 8601. */
	since: string;
	/** ISO 8601. */
	until: string;
	/** Contiguous, oldest first. */
	buckets: StatsBucket[];
	markers: StatsMarker[];
	totals: CauseCounts;
	total: number;
	/** Distinct users affected. */
	users: number;
	/** False when `users` is an estimate (a long range, read from the rollup). */
	users_exact: boolean;
	top_users: Array< {
		user_id: number;
		login: string;
		display_name: string;
		count: number;
	} >;
	/** `search`: the app's busiest user agent, what the Errors search matches. */
	top_clients: Array< { client: string; search: string; count: number } >;
	top_codes: Array< { code: string; title: string; count: number } >;
	spike: StatsSpike | null;
}
