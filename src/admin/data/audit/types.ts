/**
 * Shapes of `GET /audit`: the audit log.
 */

/**
 * What the audit log records, in the order filters list them. Their names
 * come from the server (data/vocabulary.ts).
 */
export const AUDIT_ACTIONS = [
	'sign_in',
	'sign_out',
	'session_created',
	'session_revoked',
	'user_sessions_revoked',
	'all_sessions_revoked',
	'reauth_failed',
	'app_password_created',
	'app_password_first_used',
	'app_password_revoked',
	'password_changed',
	'email_changed',
	'role_changed',
	'secrets_changed',
	'settings_changed',
] as const;

/** What the audit log records. */
export type AuditAction = ( typeof AUDIT_ACTIONS )[ number ];

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

/**
 * The filters of a background export as the user chose them: a relative
 * period stays a period ("week"), so that the export is found again after a
 * reload, when the same choice gives another start.
 */
export type AuditExportFilters = Record< string, string | number >;

/** Where a background export is (`/audit/exports/{id}`). */
export type AuditExportState = 'running' | 'complete' | 'failed';

/** A background export of the audit log (`POST /audit/exports`). */
export interface AuditExportJob {
	id: string;
	/** The filters it was started with, as chosen. */
	filters: AuditExportFilters;
	state: AuditExportState;
	/** Rows written so far. */
	rows: number;
	/** Rows the file will have, estimated; exact when complete. */
	estimate: number | null;
	/** How much of the log is read, from 0 to 1. */
	progress: number;
	/** The file's name once complete, with the period of its rows. */
	filename: string | null;
	/** The file's size in bytes once complete. */
	size: number | null;
	/** When it started, ISO 8601. */
	created: string | null;
}
