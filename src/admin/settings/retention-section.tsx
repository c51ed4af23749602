/**
 * How long records are kept, and IP address anonymisation.
 */
import { TextControl, ToggleControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { LIMITS } from '../data/settings/normalize';
import { helpOrError } from './field-error';
import { SectionCard } from './section';
import type { SectionProps } from './section';

export function RetentionSection( {
	draft,
	onChange,
	errors,
	disabled,
}: SectionProps ) {
	return (
		<>
			<SectionCard
				id="auth-sentinel-settings-retention"
				title={ __( 'Retention', 'auth-sentinel' ) }
				description={ __(
					'Older records are deleted once a day.',
					'auth-sentinel'
				) }
			>
				<TextControl
					__nextHasNoMarginBottom
					__next40pxDefaultSize
					type="number"
					min={ LIMITS.retentionDays.min }
					max={ LIMITS.retentionDays.max }
					label={ __( 'Keep failures for (days)', 'auth-sentinel' ) }
					help={ helpOrError(
						__(
							'Failed sign-ins and token errors shown on the Errors screen.',
							'auth-sentinel'
						),
						errors.events_retention_days
					) }
					value={ draft.events_retention_days }
					onChange={ ( value ) =>
						onChange( { events_retention_days: value } )
					}
					disabled={ disabled }
				/>
				<TextControl
					__nextHasNoMarginBottom
					__next40pxDefaultSize
					type="number"
					min={ LIMITS.retentionDays.min }
					max={ LIMITS.retentionDays.max }
					label={ __(
						'Keep the audit log for (days)',
						'auth-sentinel'
					) }
					help={ helpOrError(
						__(
							'Sign-ins, revocations and changes shown on the Audit screen.',
							'auth-sentinel'
						),
						errors.audit_retention_days
					) }
					value={ draft.audit_retention_days }
					onChange={ ( value ) =>
						onChange( { audit_retention_days: value } )
					}
					disabled={ disabled }
				/>
			</SectionCard>
			<SectionCard
				id="auth-sentinel-settings-privacy"
				title={ __( 'Privacy', 'auth-sentinel' ) }
			>
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __( 'Anonymize IP addresses', 'auth-sentinel' ) }
					help={ helpOrError(
						__(
							'Store only the network part of each address (the last part of an IPv4 address is set to 0). Applies to new records.',
							'auth-sentinel'
						),
						errors.anonymize_ip
					) }
					checked={ draft.anonymize_ip }
					onChange={ ( value ) =>
						onChange( { anonymize_ip: value } )
					}
					disabled={ disabled }
				/>
			</SectionCard>
		</>
	);
}
