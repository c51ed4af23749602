/**
 * The Network Admin's site filter: which site's data the screens show.
 */
import { SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

import type { NetworkSite } from '../config';

interface SitePickerProps {
	sites: readonly NetworkSite[];
	current: number;
	/** Goes to an address (the page reloads with the other site). */
	navigate?: ( href: string ) => void;
}

export function SitePicker( {
	sites,
	current,
	navigate = ( href ) => window.location.assign( href ),
}: SitePickerProps ) {
	return (
		<div className="auth-sentinel-site-picker">
			<SelectControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __( 'Site', 'auth-sentinel' ) }
				help={ __(
					'Failures, secrets, the audit trail and settings are kept per site. Sessions belong to users, who are the network’s: the Sessions screen lists the members of this site.',
					'auth-sentinel'
				) }
				value={ String( current ) }
				options={ sites.map( ( site ) => ( {
					value: String( site.id ),
					label: site.name,
				} ) ) }
				onChange={ ( value ) =>
					navigate(
						addQueryArgs( window.location.href, {
							site: Number( value ),
						} )
					)
				}
			/>
		</div>
	);
}
