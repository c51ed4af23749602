/**
 * The Settings form's values: numbers kept as typed (so a field can be
 * empty while it is edited), checked on save, and only what changed sent.
 */
import { __, sprintf } from '@wordpress/i18n';

import { LIMITS, proxyEntries } from '../data/settings/normalize';
import type {
	AlertTrigger,
	Settings,
	SettingsInput,
	SyslogFacility,
	SyslogTransport,
} from '../data/settings/types';

export interface SettingsDraft {
	events_retention_days: string;
	audit_retention_days: string;
	anonymize_ip: boolean;
	revoke_on_password_change: boolean;
	revoke_on_email_change: boolean;
	revoke_on_role_change: boolean;
	/** Role => limit as typed; "0" for no limit. */
	session_limits: Record< string, string >;
	alerts_email: boolean;
	alert_emails: string;
	alert_on: AlertTrigger[];
	alert_spike_threshold: string;
	alert_webhook_url: string;
	/** As typed: one address or range per line. */
	trusted_proxies: string;
	failure_cap_network: string;
	failure_cap_hour: string;
	log_file_enabled: boolean;
	log_file_max_kb: string;
	log_file_keep: string;
	log_syslog_enabled: boolean;
	log_syslog_transport: SyslogTransport;
	log_syslog_host: string;
	log_syslog_port: string;
	log_syslog_socket: string;
	log_syslog_facility: SyslogFacility;
	log_timeout_ms: string;
	log_repeat_minutes: string;
}

/** Messages by setting name; a role's limit is `session_limits.<role>`. */
export type FieldErrors = Record< string, string >;

/**
 * Builds the form's values from the stored settings, with a limit for every
 * role of the site. A stored limit of a role the site no longer has is left
 * out (the server refuses unknown roles); without a list of roles, the
 * roles that have a limit are shown.
 *
 * @param settings The stored settings.
 * @param roles    The site's roles (slug => name).
 * @return The form values.
 */
export function draftFromSettings(
	settings: Settings,
	roles: Readonly< Record< string, string > >
): SettingsDraft {
	const limits: Record< string, string > = {};
	const slugs = Object.keys( roles );
	for ( const role of slugs.length > 0
		? slugs
		: Object.keys( settings.session_limits ) ) {
		limits[ role ] = String( settings.session_limits[ role ] ?? 0 );
	}
	return {
		events_retention_days: String( settings.events_retention_days ),
		audit_retention_days: String( settings.audit_retention_days ),
		anonymize_ip: settings.anonymize_ip,
		revoke_on_password_change: settings.revoke_on_password_change,
		revoke_on_email_change: settings.revoke_on_email_change,
		revoke_on_role_change: settings.revoke_on_role_change,
		session_limits: limits,
		alerts_email: settings.alerts_email,
		alert_emails: settings.alert_emails,
		alert_on: [ ...settings.alert_on ],
		alert_spike_threshold: String( settings.alert_spike_threshold ),
		alert_webhook_url: settings.alert_webhook_url,
		trusted_proxies: settings.trusted_proxies,
		failure_cap_network: String( settings.failure_cap_network ),
		failure_cap_hour: String( settings.failure_cap_hour ),
		log_file_enabled: settings.log_file_enabled,
		log_file_max_kb: String( settings.log_file_max_kb ),
		log_file_keep: String( settings.log_file_keep ),
		log_syslog_enabled: settings.log_syslog_enabled,
		log_syslog_transport: settings.log_syslog_transport,
		log_syslog_host: settings.log_syslog_host,
		log_syslog_port: String( settings.log_syslog_port ),
		log_syslog_socket: settings.log_syslog_socket,
		log_syslog_facility: settings.log_syslog_facility,
		log_timeout_ms: String( settings.log_timeout_ms ),
		log_repeat_minutes: String( settings.log_repeat_minutes ),
	};
}

/**
 * Reads a typed whole number within a range.
 *
 * @param text      What was typed.
 * @param range     The allowed range.
 * @param range.min Smallest value.
 * @param range.max Largest value.
 * @return The number, or an error message.
 */
function wholeNumber(
	text: string,
	range: { min: number; max: number }
): number | string {
	const value = text.trim();
	const n = /^\d+$/.test( value ) ? Number( value ) : NaN;
	if ( Number.isInteger( n ) && n >= range.min && n <= range.max ) {
		return n;
	}
	return sprintf(
		/* translators: 1: smallest allowed number, 2: largest allowed number. */
		__( 'Enter a whole number from %1$s to %2$s.', 'auth-sentinel' ),
		range.min.toLocaleString(),
		range.max.toLocaleString()
	);
}

/**
 * Checks the syslog address the transport needs: a host for UDP and TCP, an
 * absolute socket path for a Unix socket (the server checks the same).
 *
 * @param draft The form values.
 * @return The field and its message, or null when the address is usable.
 */
export function syslogAddressError(
	draft: SettingsDraft
): { field: 'log_syslog_host' | 'log_syslog_socket'; message: string } | null {
	if ( draft.log_syslog_transport === 'unix' ) {
		const path = draft.log_syslog_socket.trim();
		return path.startsWith( '/' ) && path.length <= 107
			? null
			: {
					field: 'log_syslog_socket',
					message: __(
						'Enter the socket’s absolute path, such as /dev/log.',
						'auth-sentinel'
					),
				};
	}
	return /^[A-Za-z0-9.:[\]-]{1,253}$/.test( draft.log_syslog_host.trim() )
		? null
		: {
				field: 'log_syslog_host',
				message: __(
					'Enter the syslog server’s host name or IP address.',
					'auth-sentinel'
				),
			};
}

function sameList( a: readonly string[], b: readonly string[] ): boolean {
	return a.length === b.length && a.every( ( item ) => b.includes( item ) );
}

/**
 * Works out what the form changed, checking the numbers.
 *
 * @param draft The form values.
 * @param saved The stored settings.
 * @return The changed settings to send, and the messages of bad numbers.
 */
export function changesOf(
	draft: SettingsDraft,
	saved: Settings
): { values: Partial< SettingsInput >; errors: FieldErrors } {
	const values: Partial< SettingsInput > = {};
	const errors: FieldErrors = {};
	const numbers = [
		[ 'events_retention_days', LIMITS.retentionDays ],
		[ 'audit_retention_days', LIMITS.retentionDays ],
		[ 'alert_spike_threshold', LIMITS.spikeThreshold ],
		[ 'failure_cap_network', LIMITS.failureCapNetwork ],
		[ 'failure_cap_hour', LIMITS.failureCapHour ],
		[ 'log_file_max_kb', LIMITS.logFileMaxKb ],
		[ 'log_file_keep', LIMITS.logFileKeep ],
		[ 'log_syslog_port', LIMITS.syslogPort ],
		[ 'log_timeout_ms', LIMITS.logTimeoutMs ],
		[ 'log_repeat_minutes', LIMITS.logRepeatMinutes ],
	] as const;
	for ( const [ name, range ] of numbers ) {
		const n = wholeNumber( draft[ name ], range );
		if ( typeof n === 'string' ) {
			errors[ name ] = n;
		} else if ( n !== saved[ name ] ) {
			values[ name ] = n;
		}
	}
	const flags = [
		'anonymize_ip',
		'revoke_on_password_change',
		'revoke_on_email_change',
		'revoke_on_role_change',
		'alerts_email',
		'log_file_enabled',
		'log_syslog_enabled',
	] as const;
	for ( const name of flags ) {
		if ( draft[ name ] !== saved[ name ] ) {
			values[ name ] = draft[ name ];
		}
	}
	const texts = [
		'alert_emails',
		'alert_webhook_url',
		'log_syslog_host',
		'log_syslog_socket',
	] as const;
	for ( const name of texts ) {
		if ( draft[ name ].trim() !== saved[ name ] ) {
			values[ name ] = draft[ name ].trim();
		}
	}
	if ( draft.log_syslog_transport !== saved.log_syslog_transport ) {
		values.log_syslog_transport = draft.log_syslog_transport;
	}
	if ( draft.log_syslog_facility !== saved.log_syslog_facility ) {
		values.log_syslog_facility = draft.log_syslog_facility;
	}
	if ( draft.log_syslog_enabled ) {
		const where = syslogAddressError( draft );
		if ( where ) {
			errors[ where.field ] = where.message;
		}
	}
	// The list as the server keeps it: one entry per line. Retyping the
	// same entries another way (commas, spaces) changes nothing.
	const proxies = proxyEntries( draft.trusted_proxies ).join( '\n' );
	if ( proxies !== proxyEntries( saved.trusted_proxies ).join( '\n' ) ) {
		values.trusted_proxies = proxies;
	}
	if ( ! sameList( draft.alert_on, saved.alert_on ) ) {
		values.alert_on = [ ...draft.alert_on ];
	}

	const limits: Record< string, number > = {};
	let limitsChanged = false;
	for ( const [ role, text ] of Object.entries( draft.session_limits ) ) {
		const n = wholeNumber( text === '' ? '0' : text, LIMITS.sessionLimit );
		if ( typeof n === 'string' ) {
			errors[ `session_limits.${ role }` ] = n;
			continue;
		}
		limits[ role ] = n;
		if ( n !== ( saved.session_limits[ role ] ?? 0 ) ) {
			limitsChanged = true;
		}
	}
	if ( limitsChanged ) {
		// Every role, 0 included, so a removed limit is removed.
		values.session_limits = limits;
	}
	return { values, errors };
}

/**
 * Tells whether the form differs from the stored settings.
 *
 * @param draft The form values.
 * @param saved The stored settings.
 * @param roles The site's roles.
 * @return Whether there are unsaved changes.
 */
export function isDirty(
	draft: SettingsDraft,
	saved: Settings,
	roles: Readonly< Record< string, string > >
): boolean {
	return (
		JSON.stringify( draft ) !==
		JSON.stringify( draftFromSettings( saved, roles ) )
	);
}
