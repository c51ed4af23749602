/**
 * Who is told, and about what: email recipients, the events that alert,
 * the spike threshold and a signed webhook.
 */
import {
	CheckboxControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { ALERT_TRIGGERS, LIMITS } from '../data/settings/normalize';
import type { AlertTrigger } from '../data/settings/types';
import { FieldError, helpOrError } from './field-error';
import { SectionCard } from './section';
import type { SectionProps } from './section';
import { WebhookSecret } from './webhook-secret';

/**
 * Names what can send an alert.
 *
 * @param trigger The alert trigger.
 * @return A label.
 */
function triggerLabel( trigger: AlertTrigger ): string {
	switch ( trigger ) {
		case 'secrets_changed':
			return __(
				'Keys, salts or token secrets changed',
				'auth-sentinel'
			);
		case 'failure_spike':
			return __( 'A spike of failed sign-ins', 'auth-sentinel' );
		case 'all_sessions_revoked':
			return __( 'Everyone’s sessions were revoked', 'auth-sentinel' );
	}
}

interface AlertsSectionProps extends SectionProps {
	/** The stored signing secret ('' until a webhook is saved). */
	webhookSecret: string;
}

export function AlertsSection( {
	draft,
	onChange,
	errors,
	disabled,
	webhookSecret,
}: AlertsSectionProps ) {
	const toggle = ( trigger: AlertTrigger, on: boolean ) =>
		onChange( {
			alert_on: ALERT_TRIGGERS.filter( ( item ) =>
				item === trigger ? on : draft.alert_on.includes( item )
			),
		} );

	return (
		<SectionCard
			id="auth-sentinel-settings-alerts"
			title={ __( 'Alerts', 'auth-sentinel' ) }
			description={ __(
				'At most one alert of each kind per hour.',
				'auth-sentinel'
			) }
		>
			<fieldset className="auth-sentinel-fieldset">
				<legend>{ __( 'Alert when', 'auth-sentinel' ) }</legend>
				{ ALERT_TRIGGERS.map( ( trigger ) => (
					<CheckboxControl
						key={ trigger }
						__nextHasNoMarginBottom
						label={ triggerLabel( trigger ) }
						checked={ draft.alert_on.includes( trigger ) }
						onChange={ ( on ) => toggle( trigger, on ) }
						disabled={ disabled }
					/>
				) ) }
				{ errors.alert_on && (
					<FieldError message={ errors.alert_on } />
				) }
			</fieldset>
			<TextControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				type="number"
				min={ LIMITS.spikeThreshold.min }
				max={ LIMITS.spikeThreshold.max }
				label={ __(
					'Spike threshold (failures per hour)',
					'auth-sentinel'
				) }
				help={ helpOrError(
					__(
						'A spike alert is sent when this many credentials fail within an hour.',
						'auth-sentinel'
					),
					errors.alert_spike_threshold
				) }
				value={ draft.alert_spike_threshold }
				onChange={ ( value ) =>
					onChange( { alert_spike_threshold: value } )
				}
				disabled={
					disabled || ! draft.alert_on.includes( 'failure_spike' )
				}
			/>
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __( 'Send alerts by email', 'auth-sentinel' ) }
				help={ helpOrError( undefined, errors.alerts_email ) }
				checked={ draft.alerts_email }
				onChange={ ( value ) => onChange( { alerts_email: value } ) }
				disabled={ disabled }
			/>
			<TextControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __( 'Email recipients', 'auth-sentinel' ) }
				help={ helpOrError(
					__(
						'Separate addresses with commas. Leave empty to use the site’s administration email address.',
						'auth-sentinel'
					),
					errors.alert_emails
				) }
				value={ draft.alert_emails }
				onChange={ ( value ) => onChange( { alert_emails: value } ) }
				disabled={ disabled || ! draft.alerts_email }
			/>
			<TextControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				type="url"
				label={ __( 'Webhook URL', 'auth-sentinel' ) }
				help={ helpOrError(
					__(
						'Alerts are also sent here as signed JSON. Leave empty for none.',
						'auth-sentinel'
					),
					errors.alert_webhook_url
				) }
				value={ draft.alert_webhook_url }
				onChange={ ( value ) =>
					onChange( { alert_webhook_url: value } )
				}
				disabled={ disabled }
			/>
			<WebhookSecret secret={ webhookSecret } />
		</SectionCard>
	);
}
