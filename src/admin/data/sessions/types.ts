/**
 * Shapes of `GET /sessions`, `GET /users/{id}/sessions` and the revocations.
 */

/**
 * Kinds of credential the Sessions screen lists, in the order filters and
 * counts list them. Their names come from the server (data/vocabulary.ts).
 */
export const SESSION_TYPES = [
	'cookie',
	'app_password',
	'wcpos',
	'token',
] as const;

/** Kinds of credential the Sessions screen lists. */
export type SessionType = ( typeof SESSION_TYPES )[ number ];

/** Where a session stands. */
export type SessionStatus = 'active' | 'revoked' | 'ended';

/** Why a session ended ('' while it is active or when unknown). */
export type SessionEndReason =
	| ''
	| 'admin'
	| 'user'
	| 'signed_out'
	| 'policy_password'
	| 'policy_email'
	| 'policy_role'
	| 'limit'
	| 'revoke_all'
	| 'expired'
	| 'deleted';

/** A user named in a session. */
export interface SessionUser {
	id: number;
	login: string;
	name: string;
	roles: string[];
}

/** One session, application password or token session (`GET /sessions`). */
export interface Session {
	id: number;
	type: SessionType;
	user_id: number;
	/** Null when the user no longer exists. */
	user: SessionUser | null;
	/** ISO 8601. */
	created: string;
	/** ISO 8601, or null when it does not expire. */
	expires: string | null;
	/** ISO 8601, or null when never seen in use. */
	last_seen: string | null;
	ip: string;
	user_agent: string;
	/** Readable client, e.g. "Chrome 120 on Windows". */
	client: string;
	/** Application password or token issuer name, or ''. */
	label: string;
	/** Whether it is the session of this very browser. */
	current: boolean;
	status: SessionStatus;
	/** ISO 8601, or null while active. */
	ended_at: string | null;
	/** Who ended it; 0 for the system. */
	ended_by: number;
	ended_reason: SessionEndReason;
}

/** Which sessions `GET /sessions` lists. */
export const SESSION_STATUS_FILTERS = [ 'active', 'ended', 'all' ] as const;

/** Which sessions `GET /sessions` lists. */
export type SessionStatusFilter = ( typeof SESSION_STATUS_FILTERS )[ number ];

/** Sort orders `GET /sessions` accepts. */
export const SESSIONS_ORDER_BY = [ 'last_seen', 'created', 'expires' ] as const;

/** Sort orders `GET /sessions` accepts. */
export type SessionsOrderBy = ( typeof SESSIONS_ORDER_BY )[ number ];

/** Query arguments of `GET /sessions` and `GET /users/{id}/sessions`. */
export interface SessionsQuery {
	page: number;
	per_page: number;
	user?: number;
	type?: SessionType;
	status?: SessionStatusFilter;
	search?: string;
	orderby?: SessionsOrderBy;
	order?: 'asc' | 'desc';
}

/** Credentials revoked, per kind. */
export type RevokedCounts = Record< SessionType, number >;

/** What `POST /sessions/revoke-all` ended, as its answer's `scope` says. */
export const REVOKE_SCOPES = [ 'site', 'site_members', 'network' ] as const;

/**
 * What `POST /sessions/revoke-all` ended: everyone of a single site, the
 * members of one site of a network, or every user of the network.
 */
export type RevokeScope = ( typeof REVOKE_SCOPES )[ number ];

/** Answer of `DELETE /users/{id}/sessions` and `POST /sessions/revoke-all`. */
export interface RevokeResult {
	revoked: RevokedCounts;
	/** ISO 8601: tokens issued before it are refused; null when not sent. */
	not_before: string | null;
	/** What a revoke-all ended; null for one user's, or an older server. */
	scope: RevokeScope | null;
}
