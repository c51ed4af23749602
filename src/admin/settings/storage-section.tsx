/**
 * The caps of new failure rows an hour, which keep the failures table small
 * during an attack with ever-new credentials.
 */
import { __ } from '@wordpress/i18n';

import { LIMITS } from '../data/settings/normalize';
import { NumberField } from './number-field';
import { SectionCard } from './section';
import type { SectionProps } from './section';

export function StorageSection( props: SectionProps ) {
	return (
		<SectionCard
			id="auth-sentinel-settings-storage"
			title={ __( 'Storage limits', 'auth-sentinel' ) }
			description={ __(
				'Each failing credential gets a row of its own, once an hour. These caps keep the table small when an attack sends ever-new credentials: past a cap, failures are still counted, in one summary row per hour, cause and kind of credential, shown on the Errors screen.',
				'auth-sentinel'
			) }
		>
			<NumberField
				{ ...props }
				name="failure_cap_network"
				limits={ LIMITS.failureCapNetwork }
				label={ __(
					'New failure rows per client network and hour',
					'auth-sentinel'
				) }
				help={ __(
					'How many new rows one client network (an IPv4 /24 or an IPv6 /64) may add in an hour. Its failures past the cap are still counted, in the hour’s summary row.',
					'auth-sentinel'
				) }
			/>
			<NumberField
				{ ...props }
				name="failure_cap_hour"
				limits={ LIMITS.failureCapHour }
				label={ __(
					'New failure rows per hour, all networks together',
					'auth-sentinel'
				) }
				help={ __(
					'How many new rows all client networks together may add in an hour. Past the cap, failures are still counted, in one summary row per hour, cause and kind of credential.',
					'auth-sentinel'
				) }
			/>
		</SectionCard>
	);
}
