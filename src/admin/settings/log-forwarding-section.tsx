/**
 * Log forwarding: the JSON-lines file and RFC 5424 syslog, their limits and
 * the time budget each destination has per request (docs/logging.md).
 */
import {
	SelectControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import {
	LIMITS,
	SYSLOG_FACILITIES,
	SYSLOG_TRANSPORTS,
} from '../data/settings/normalize';
import type { SyslogTransport } from '../data/settings/types';
import { helpOrError } from './field-error';
import { SectionCard } from './section';
import type { SectionProps } from './section';

/**
 * The transports' names, for the select.
 *
 * @return Transport => label.
 */
function transportLabels(): Record< SyslogTransport, string > {
	return {
		udp: __( 'UDP', 'auth-sentinel' ),
		tcp: __( 'TCP (octet-counted frames)', 'auth-sentinel' ),
		unix: __( 'Unix socket (such as /dev/log)', 'auth-sentinel' ),
	};
}

export function LogForwardingSection( {
	draft,
	onChange,
	errors,
	disabled,
}: SectionProps ) {
	const labels = transportLabels();
	const anyOn = draft.log_file_enabled || draft.log_syslog_enabled;
	return (
		<SectionCard
			id="auth-sentinel-settings-log-forwarding"
			title={ __( 'Log forwarding', 'auth-sentinel' ) }
			description={ __(
				'Sends every failure and every audit row to your log pipeline as well: a JSON-lines file and syslog (RFC 5424), with fields named after the Elastic Common Schema. A new failure is one line; its repeats are sent as count updates every few minutes. Lines never hold a password, token or cookie. Check a destination with “wp auth-sentinel log test”.',
				'auth-sentinel'
			) }
		>
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __( 'Write a JSON-lines file', 'auth-sentinel' ) }
				help={ __(
					'auth-sentinel.jsonl in the directory named by AUTH_SENTINEL_LOG_DIR in wp-config.php (outside the web root, recommended), or else in wp-content/uploads/auth-sentinel-logs/, closed to the web.',
					'auth-sentinel'
				) }
				checked={ draft.log_file_enabled }
				onChange={ ( value ) =>
					onChange( { log_file_enabled: value } )
				}
				disabled={ disabled }
			/>
			{ draft.log_file_enabled && (
				<>
					<TextControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						type="number"
						min={ LIMITS.logFileMaxKb.min }
						max={ LIMITS.logFileMaxKb.max }
						label={ __(
							'Rotate the file past (KiB)',
							'auth-sentinel'
						) }
						help={ helpOrError(
							__(
								'The file becomes auth-sentinel.jsonl.1 (the older ones .2, .3, …) when the next line would take it past this size.',
								'auth-sentinel'
							),
							errors.log_file_max_kb
						) }
						value={ draft.log_file_max_kb }
						onChange={ ( value ) =>
							onChange( { log_file_max_kb: value } )
						}
						disabled={ disabled }
					/>
					<TextControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						type="number"
						min={ LIMITS.logFileKeep.min }
						max={ LIMITS.logFileKeep.max }
						label={ __( 'Rotated files kept', 'auth-sentinel' ) }
						help={ helpOrError(
							__( 'Older files are deleted.', 'auth-sentinel' ),
							errors.log_file_keep
						) }
						value={ draft.log_file_keep }
						onChange={ ( value ) =>
							onChange( { log_file_keep: value } )
						}
						disabled={ disabled }
					/>
				</>
			) }
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __( 'Send to syslog', 'auth-sentinel' ) }
				help={ __(
					'RFC 5424 messages whose structured data carries the fields.',
					'auth-sentinel'
				) }
				checked={ draft.log_syslog_enabled }
				onChange={ ( value ) =>
					onChange( { log_syslog_enabled: value } )
				}
				disabled={ disabled }
			/>
			{ draft.log_syslog_enabled && (
				<>
					<SelectControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						label={ __( 'Transport', 'auth-sentinel' ) }
						help={ helpOrError(
							__(
								'UDP has no acknowledgement: a line sent while the server is down is lost without an error. Prefer TCP when every line matters.',
								'auth-sentinel'
							),
							errors.log_syslog_transport
						) }
						value={ draft.log_syslog_transport }
						options={ SYSLOG_TRANSPORTS.map( ( transport ) => ( {
							value: transport,
							label: labels[ transport ],
						} ) ) }
						onChange={ ( value: string ) =>
							onChange( {
								log_syslog_transport:
									SYSLOG_TRANSPORTS.find(
										( transport ) => transport === value
									) ?? 'udp',
							} )
						}
						disabled={ disabled }
					/>
					{ draft.log_syslog_transport === 'unix' ? (
						<TextControl
							__nextHasNoMarginBottom
							__next40pxDefaultSize
							label={ __( 'Socket path', 'auth-sentinel' ) }
							help={ helpOrError(
								__(
									'A Unix datagram socket, such as /dev/log.',
									'auth-sentinel'
								),
								errors.log_syslog_socket
							) }
							value={ draft.log_syslog_socket }
							onChange={ ( value ) =>
								onChange( { log_syslog_socket: value } )
							}
							disabled={ disabled }
						/>
					) : (
						<>
							<TextControl
								__nextHasNoMarginBottom
								__next40pxDefaultSize
								label={ __( 'Host', 'auth-sentinel' ) }
								help={ helpOrError(
									__(
										'The syslog server’s host name or IP address.',
										'auth-sentinel'
									),
									errors.log_syslog_host
								) }
								value={ draft.log_syslog_host }
								onChange={ ( value ) =>
									onChange( { log_syslog_host: value } )
								}
								disabled={ disabled }
							/>
							<TextControl
								__nextHasNoMarginBottom
								__next40pxDefaultSize
								type="number"
								min={ LIMITS.syslogPort.min }
								max={ LIMITS.syslogPort.max }
								label={ __( 'Port', 'auth-sentinel' ) }
								help={ helpOrError(
									undefined,
									errors.log_syslog_port
								) }
								value={ draft.log_syslog_port }
								onChange={ ( value ) =>
									onChange( { log_syslog_port: value } )
								}
								disabled={ disabled }
							/>
						</>
					) }
					<SelectControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						label={ __( 'Facility', 'auth-sentinel' ) }
						help={ helpOrError(
							__(
								'Failures are sent with the severity warning, audit rows notice.',
								'auth-sentinel'
							),
							errors.log_syslog_facility
						) }
						value={ draft.log_syslog_facility }
						options={ SYSLOG_FACILITIES.map( ( facility ) => ( {
							value: facility,
							label: facility,
						} ) ) }
						onChange={ ( value: string ) =>
							onChange( {
								log_syslog_facility:
									SYSLOG_FACILITIES.find(
										( facility ) => facility === value
									) ?? 'authpriv',
							} )
						}
						disabled={ disabled }
					/>
				</>
			) }
			{ anyOn && (
				<>
					<TextControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						type="number"
						min={ LIMITS.logTimeoutMs.min }
						max={ LIMITS.logTimeoutMs.max }
						label={ __(
							'Time budget per destination (ms)',
							'auth-sentinel'
						) }
						help={ helpOrError(
							__(
								'The longest a request spends connecting and sending to one destination. Lines a destination cannot take in time are kept and sent again; Site Health tells you when that happens.',
								'auth-sentinel'
							),
							errors.log_timeout_ms
						) }
						value={ draft.log_timeout_ms }
						onChange={ ( value ) =>
							onChange( { log_timeout_ms: value } )
						}
						disabled={ disabled }
					/>
					<TextControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						type="number"
						min={ LIMITS.logRepeatMinutes.min }
						max={ LIMITS.logRepeatMinutes.max }
						label={ __(
							'Minutes between count updates',
							'auth-sentinel'
						) }
						help={ helpOrError(
							__(
								'A failure that repeats is sent once, then as one line with its running count every so many minutes.',
								'auth-sentinel'
							),
							errors.log_repeat_minutes
						) }
						value={ draft.log_repeat_minutes }
						onChange={ ( value ) =>
							onChange( { log_repeat_minutes: value } )
						}
						disabled={ disabled }
					/>
				</>
			) }
		</SectionCard>
	);
}
