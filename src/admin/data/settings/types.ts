/**
 * Shapes of `GET /settings` and `POST /settings`.
 */

/** Events that can send an alert. */
export type AlertTrigger =
	'secrets_changed' | 'failure_spike' | 'all_sessions_revoked';

/** How syslog messages travel. */
export type SyslogTransport = 'udp' | 'tcp' | 'unix';

/** The syslog facilities the server accepts. */
export type SyslogFacility =
	| 'kern'
	| 'user'
	| 'daemon'
	| 'auth'
	| 'syslog'
	| 'authpriv'
	| 'local0'
	| 'local1'
	| 'local2'
	| 'local3'
	| 'local4'
	| 'local5'
	| 'local6'
	| 'local7';

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
	/**
	 * Proxies in front of the site whose forwarding headers are believed:
	 * addresses or CIDR ranges, one per line (as the server stores them).
	 */
	trusted_proxies: string;
	/** New failure rows one client network (IPv4 /24, IPv6 /64) may add per hour. */
	failure_cap_network: number;
	/** New failure rows all networks together may add per hour. */
	failure_cap_hour: number;
	/** Log forwarding (docs/logging.md): the JSON-lines file. */
	log_file_enabled: boolean;
	/** KiB past which the file is rotated. */
	log_file_max_kb: number;
	/** Rotated files kept. */
	log_file_keep: number;
	/** RFC 5424 syslog. */
	log_syslog_enabled: boolean;
	log_syslog_transport: SyslogTransport;
	log_syslog_host: string;
	log_syslog_port: number;
	/** Path of a Unix datagram socket (transport unix). */
	log_syslog_socket: string;
	log_syslog_facility: SyslogFacility;
	/** Time budget of each destination per request, in milliseconds. */
	log_timeout_ms: number;
	/** Minutes between the count updates of repeated failures. */
	log_repeat_minutes: number;
}

/** What `POST /settings` accepts: every setting but the read-only ones. */
export type SettingsInput = Omit< Settings, 'alert_webhook_secret' >;
