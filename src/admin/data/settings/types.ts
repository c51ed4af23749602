/**
 * Shapes of `GET /settings` and `POST /settings`.
 */

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
