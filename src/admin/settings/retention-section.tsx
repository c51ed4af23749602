/**
 * How long records are kept, and IP address anonymisation.
 */
import { ToggleControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { LIMITS } from '../data/settings/normalize';
import { helpOrError } from './field-error';
import { NumberField } from './number-field';
import { SectionCard } from './section';
import type { SectionProps } from './section';

export function RetentionSection( props: SectionProps ) {
	const { draft, onChange, errors, disabled } = props;
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
				<NumberField
					{ ...props }
					name="events_retention_days"
					limits={ LIMITS.retentionDays }
					label={ __( 'Keep failures for (days)', 'auth-sentinel' ) }
					help={ __(
						'Failed sign-ins and token errors shown on the Errors screen.',
						'auth-sentinel'
					) }
				/>
				<NumberField
					{ ...props }
					name="audit_retention_days"
					limits={ LIMITS.retentionDays }
					label={ __(
						'Keep the audit log for (days)',
						'auth-sentinel'
					) }
					help={ __(
						'Sign-ins, revocations and changes shown on the Audit screen.',
						'auth-sentinel'
					) }
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
