/**
 * Where a request's address comes from: the proxies in front of the site
 * whose forwarding headers are believed.
 */
import { TextareaControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { helpOrError } from './field-error';
import { SectionCard } from './section';
import type { SectionProps } from './section';

export function ClientAddressesSection( {
	draft,
	onChange,
	errors,
	disabled,
}: SectionProps ) {
	return (
		<SectionCard
			id="auth-sentinel-settings-client-addresses"
			title={ __( 'Client addresses', 'auth-sentinel' ) }
			description={ __(
				'Failures, sessions and rate limits are recorded by the address of the client. Behind a proxy, that address is only in the headers the proxy adds.',
				'auth-sentinel'
			) }
		>
			<TextareaControl
				__nextHasNoMarginBottom
				className="auth-sentinel-proxies"
				label={ __( 'Trusted proxies', 'auth-sentinel' ) }
				help={ helpOrError(
					<>
						{ __(
							'List the load balancers, reverse proxies or CDN in front of this site, one address or CIDR range (such as 10.0.0.0/8) per line: their X-Forwarded-For, Forwarded, CF-Connecting-IP and X-Real-IP headers are believed. Leave empty when requests reach the site directly; list only your own, since anyone can send these headers.',
							'auth-sentinel'
						) }{ ' ' }
						{ __(
							'The constant AUTH_SENTINEL_TRUSTED_PROXIES in wp-config.php adds to this list.',
							'auth-sentinel'
						) }
					</>,
					errors.trusted_proxies
				) }
				rows={ 4 }
				spellCheck={ false }
				autoComplete="off"
				value={ draft.trusted_proxies }
				onChange={ ( value ) => onChange( { trusted_proxies: value } ) }
				disabled={ disabled }
			/>
		</SectionCard>
	);
}
