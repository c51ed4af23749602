/**
 * Checks `GET /settings` and the field errors of a refused `POST /settings`.
 * A missing or out-of-range setting takes its default, so the form always
 * shows every field with a value the server accepts.
 */
import type {
	AlertTrigger,
	Settings,
	SyslogFacility,
	SyslogTransport,
} from './types';
import { isRecord } from '../guards';

/** Every alert trigger, in the order the form lists them. */
export const ALERT_TRIGGERS: readonly AlertTrigger[] = [
	'secrets_changed',
	'failure_spike',
	'all_sessions_revoked',
];

/** Allowed ranges of the number settings. */
export const LIMITS = {
	retentionDays: { min: 1, max: 3650 },
	sessionLimit: { min: 0, max: 100 },
	spikeThreshold: { min: 1, max: 100000 },
	failureCapNetwork: { min: 10, max: 100000 },
	failureCapHour: { min: 100, max: 1000000 },
	logFileMaxKb: { min: 16, max: 1048576 },
	logFileKeep: { min: 1, max: 100 },
	syslogPort: { min: 1, max: 65535 },
	logTimeoutMs: { min: 10, max: 5000 },
	logRepeatMinutes: { min: 1, max: 60 },
} as const;

/** Syslog transports, in the order the form lists them. */
export const SYSLOG_TRANSPORTS: readonly SyslogTransport[] = [
	'udp',
	'tcp',
	'unix',
];

/** Syslog facilities, in the order the form lists them (as the server's LogConfig::FACILITIES). */
export const SYSLOG_FACILITIES: readonly SyslogFacility[] = [
	'kern',
	'user',
	'daemon',
	'auth',
	'syslog',
	'authpriv',
	'local0',
	'local1',
	'local2',
	'local3',
	'local4',
	'local5',
	'local6',
	'local7',
];

/** The server's defaults (includes/Settings/Settings.php). */
export const DEFAULT_SETTINGS: Settings = {
	events_retention_days: 90,
	audit_retention_days: 365,
	anonymize_ip: false,
	revoke_on_password_change: true,
	revoke_on_email_change: true,
	revoke_on_role_change: false,
	session_limits: {},
	alerts_email: true,
	alert_emails: '',
	alert_on: [ ...ALERT_TRIGGERS ],
	alert_spike_threshold: 100,
	alert_webhook_url: '',
	alert_webhook_secret: '',
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
};

/**
 * Returns a whole number within a range.
 *
 * @param value     Anything.
 * @param range     The allowed range.
 * @param range.min Smallest value.
 * @param range.max Largest value.
 * @return The number, or null.
 */
export function intIn(
	value: unknown,
	range: { min: number; max: number }
): number | null {
	return typeof value === 'number' &&
		Number.isInteger( value ) &&
		value >= range.min &&
		value <= range.max
		? value
		: null;
}

function bool( value: unknown, fallback: boolean ): boolean {
	return typeof value === 'boolean' ? value : fallback;
}

function str( value: unknown, fallback: string ): string {
	return typeof value === 'string' ? value : fallback;
}

function toLimits( raw: unknown ): Record< string, number > {
	const limits: Record< string, number > = {};
	if ( ! isRecord( raw ) ) {
		return limits;
	}
	for ( const [ role, value ] of Object.entries( raw ) ) {
		const limit = intIn( value, LIMITS.sessionLimit );
		if ( role !== '' && limit !== null && limit > 0 ) {
			limits[ role ] = limit;
		}
	}
	return limits;
}

/**
 * Returns a value when it is one of a list.
 *
 * @param value    Anything.
 * @param allowed  The list.
 * @param fallback What to return otherwise.
 * @return The value or the fallback.
 */
function oneOf< T extends string >(
	value: unknown,
	allowed: readonly T[],
	fallback: T
): T {
	return allowed.find( ( item ) => item === value ) ?? fallback;
}

function toTriggers( raw: unknown ): AlertTrigger[] {
	if ( ! Array.isArray( raw ) ) {
		return [ ...DEFAULT_SETTINGS.alert_on ];
	}
	return ALERT_TRIGGERS.filter( ( trigger ) => raw.includes( trigger ) );
}

/**
 * Turns a `GET /settings` (or `POST /settings`) body into Settings.
 *
 * @param raw The parsed JSON body.
 * @return Every setting; bad or missing values take their default.
 */
export function normalizeSettings( raw: unknown ): Settings {
	const body = isRecord( raw ) ? raw : {};
	const d = DEFAULT_SETTINGS;
	return {
		events_retention_days:
			intIn( body.events_retention_days, LIMITS.retentionDays ) ??
			d.events_retention_days,
		audit_retention_days:
			intIn( body.audit_retention_days, LIMITS.retentionDays ) ??
			d.audit_retention_days,
		anonymize_ip: bool( body.anonymize_ip, d.anonymize_ip ),
		revoke_on_password_change: bool(
			body.revoke_on_password_change,
			d.revoke_on_password_change
		),
		revoke_on_email_change: bool(
			body.revoke_on_email_change,
			d.revoke_on_email_change
		),
		revoke_on_role_change: bool(
			body.revoke_on_role_change,
			d.revoke_on_role_change
		),
		session_limits: toLimits( body.session_limits ),
		alerts_email: bool( body.alerts_email, d.alerts_email ),
		alert_emails: str( body.alert_emails, d.alert_emails ),
		alert_on: toTriggers( body.alert_on ),
		alert_spike_threshold:
			intIn( body.alert_spike_threshold, LIMITS.spikeThreshold ) ??
			d.alert_spike_threshold,
		alert_webhook_url: str( body.alert_webhook_url, d.alert_webhook_url ),
		alert_webhook_secret: str(
			body.alert_webhook_secret,
			d.alert_webhook_secret
		),
		trusted_proxies: str( body.trusted_proxies, d.trusted_proxies ),
		failure_cap_network:
			intIn( body.failure_cap_network, LIMITS.failureCapNetwork ) ??
			d.failure_cap_network,
		failure_cap_hour:
			intIn( body.failure_cap_hour, LIMITS.failureCapHour ) ??
			d.failure_cap_hour,
		log_file_enabled: bool( body.log_file_enabled, d.log_file_enabled ),
		log_file_max_kb:
			intIn( body.log_file_max_kb, LIMITS.logFileMaxKb ) ??
			d.log_file_max_kb,
		log_file_keep:
			intIn( body.log_file_keep, LIMITS.logFileKeep ) ?? d.log_file_keep,
		log_syslog_enabled: bool(
			body.log_syslog_enabled,
			d.log_syslog_enabled
		),
		log_syslog_transport: oneOf(
			body.log_syslog_transport,
			SYSLOG_TRANSPORTS,
			d.log_syslog_transport
		),
		log_syslog_host: str( body.log_syslog_host, d.log_syslog_host ),
		log_syslog_port:
			intIn( body.log_syslog_port, LIMITS.syslogPort ) ??
			d.log_syslog_port,
		log_syslog_socket: str( body.log_syslog_socket, d.log_syslog_socket ),
		log_syslog_facility: oneOf(
			body.log_syslog_facility,
			SYSLOG_FACILITIES,
			d.log_syslog_facility
		),
		log_timeout_ms:
			intIn( body.log_timeout_ms, LIMITS.logTimeoutMs ) ??
			d.log_timeout_ms,
		log_repeat_minutes:
			intIn( body.log_repeat_minutes, LIMITS.logRepeatMinutes ) ??
			d.log_repeat_minutes,
	};
}

/**
 * Splits a list of trusted proxies as the server does: entries are
 * separated by line breaks, spaces or commas.
 *
 * @param text The list as typed or stored.
 * @return The entries, each once, in order.
 */
export function proxyEntries( text: string ): string[] {
	return [
		...new Set(
			text.split( /[\s,]+/ ).filter( ( entry ) => entry !== '' )
		),
	];
}

/**
 * Reads the message per field of a refused save (`rest_invalid_param`,
 * whose `data.params` maps each bad argument to a message).
 *
 * @param error What the request rejected with.
 * @return Messages by setting name; empty when there are none.
 */
export function fieldErrorsOf( error: unknown ): Record< string, string > {
	const errors: Record< string, string > = {};
	if ( ! isRecord( error ) || ! isRecord( error.data ) ) {
		return errors;
	}
	const params = error.data.params;
	if ( ! isRecord( params ) ) {
		return errors;
	}
	for ( const [ name, message ] of Object.entries( params ) ) {
		if ( typeof message === 'string' && message.trim() !== '' ) {
			errors[ name ] = message;
		}
	}
	return errors;
}
