/**
 * Shapes of the data the admin screens receive: the inline configuration
 * printed by PHP and the REST responses of the auth-sentinel/v1 namespace.
 */

/** Which family a watched secret belongs to. */
export type SecretGroup = 'salt' | 'token' | 'site';

/**
 * Where the current value comes from.
 *
 * - `constant`: defined in wp-config.php.
 * - `generated`: WordPress generated it and keeps it in the database, because
 *   the constant is missing, empty, the default phrase or duplicated.
 * - `option`: an ordinary option (site address, WooCommerce POS secrets).
 * - `missing`: set nowhere.
 */
export type SecretSource = 'constant' | 'option' | 'generated' | 'missing';

/** How good the value is. Values themselves are never sent. */
export type SecretStrength =
	'ok' | 'weak' | 'default' | 'duplicate' | 'missing';

/** One watched secret in `GET /secrets`. */
export interface Secret {
	name: string;
	group: SecretGroup;
	source: SecretSource;
	strength: SecretStrength;
	/** ISO 8601; null when no change has been recorded. */
	changed_at: string | null;
	/** ISO 8601; when monitoring first saw this secret, or null. */
	first_seen: string | null;
}

/** One recorded change of one or more secrets in `GET /secrets`. */
export interface SecretChange {
	id: number;
	/** ISO 8601. */
	at: string;
	changed: string[];
	/** Sessions ended by the change, when known. */
	sessions: number | null;
	/** Users those sessions belonged to, when known. */
	users: number | null;
}

/** Response of `GET /auth-sentinel/v1/secrets`. */
export interface SecretsResponse {
	secrets: Secret[];
	/** Newest first. */
	history: SecretChange[];
	/** ISO 8601; when the server last compared the secrets. */
	checked_at: string | null;
}

/** Why a credential failed, as diagnosed by the server. */
export type FailureCause =
	| 'expired'
	| 'revoked'
	| 'secret_changed'
	| 'password_changed'
	| 'corrupted'
	| 'wrong_site'
	| 'unknown_user'
	| 'bad_credentials'
	| 'header_stripped'
	| 'plugin_conflict'
	| 'unknown';

/** Which kind of credential failed. */
export type FailureSource =
	| 'cookie'
	| 'login_form'
	| 'application_password'
	| 'rest_nonce'
	| 'token'
	| 'rest';

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
	/** One translated sentence from the server: why this cause. */
	explanation: string;
	details: Record< string, EventDetailValue >;
}

/** Sort orders `GET /events` accepts. */
export type EventsOrderBy = 'last_seen' | 'first_seen' | 'count';

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
export interface EventsPage {
	items: AuthEvent[];
	/** X-WP-Total. */
	total: number;
	/** X-WP-TotalPages. */
	totalPages: number;
}

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

/** Who a fix in the catalog is for. */
export type FixAudience = 'user' | 'admin';

/** One entry of the error catalog (`GET /catalog/{code}`). */
export interface CatalogEntry {
	code: string;
	title: string;
	/** App-side codes that mean this entry, e.g. "API02003". */
	aliases: string[];
	meaning: string;
	causes: Array< { cause: FailureCause; text: string } >;
	server_codes: Array< { code: string; source: string } >;
	how_to_fix: Array< {
		title: string;
		audience: FixAudience;
		steps: string[];
	} >;
	/** Codes or aliases of related entries. */
	related: string[];
}

/** Kinds of credential the Sessions screen lists. */
export type SessionType = 'cookie' | 'app_password' | 'wcpos' | 'token';

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
export type SessionStatusFilter = 'active' | 'ended' | 'all';

/** Sort orders `GET /sessions` accepts. */
export type SessionsOrderBy = 'last_seen' | 'created' | 'expires';

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

/** One page of a collection with the totals of its headers. */
export interface Page< T > {
	items: T[];
	/** X-WP-Total. */
	total: number;
	/** X-WP-TotalPages. */
	totalPages: number;
}

/** Credentials revoked, per kind. */
export type RevokedCounts = Record< SessionType, number >;

/** Answer of `DELETE /users/{id}/sessions` and `POST /sessions/revoke-all`. */
export interface RevokeResult {
	revoked: RevokedCounts;
	/** ISO 8601: tokens issued before it are refused; null when not sent. */
	not_before: string | null;
}

/** What the audit log records. */
export type AuditAction =
	| 'sign_in'
	| 'sign_out'
	| 'session_created'
	| 'session_revoked'
	| 'user_sessions_revoked'
	| 'all_sessions_revoked'
	| 'app_password_created'
	| 'app_password_first_used'
	| 'app_password_revoked'
	| 'password_changed'
	| 'email_changed'
	| 'role_changed'
	| 'secrets_changed'
	| 'settings_changed';

/** A user named in the audit log. */
export interface AuditUser {
	id: number;
	login: string;
	name: string;
}

/** One row of the audit log (`GET /audit`). */
export interface AuditEntry {
	id: number;
	/** ISO 8601. */
	at: string;
	/** One of AuditAction, or an action a newer server added. */
	action: string;
	/** The server's translated name of the action, or ''. */
	action_label: string;
	/** Who did it; 0 for the system. */
	actor_id: number;
	actor: AuditUser | null;
	/** Whose account it concerns; 0 for none. */
	target_user_id: number;
	target: AuditUser | null;
	ip: string;
	user_agent: string;
	details: Record< string, unknown >;
	/** One translated sentence from the server. */
	summary: string;
}

/** Query arguments of `GET /audit`. */
export interface AuditQuery {
	page: number;
	per_page: number;
	action?: AuditAction;
	/** 0 for the system. */
	actor?: number;
	user?: number;
	/** ISO 8601. */
	since?: string;
	/** ISO 8601. */
	until?: string;
	search?: string;
}

/** Events that can send an alert. */
export type AlertTrigger =
	'secrets_changed' | 'failure_spike' | 'all_sessions_revoked';

/** `GET /settings`. */
export interface Settings {
	events_retention_days: number;
	audit_retention_days: number;
	anonymize_ip: boolean;
	revoke_on_password_change: boolean;
	revoke_on_email_change: boolean;
	revoke_on_role_change: boolean;
	/** Role => most concurrent sessions; 0 or absent: no limit. */
	session_limits: Record< string, number >;
	alerts_email: boolean;
	/** Comma-separated; empty: the site admin email. */
	alert_emails: string;
	alert_on: AlertTrigger[];
	/** Failures per hour. */
	alert_spike_threshold: number;
	/** http(s) URL, or ''. */
	alert_webhook_url: string;
	/** Read-only; '' until a webhook URL is set. */
	alert_webhook_secret: string;
}

/** What `POST /settings` accepts: every setting but the read-only ones. */
export type SettingsInput = Omit< Settings, 'alert_webhook_secret' >;
