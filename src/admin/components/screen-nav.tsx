/**
 * Navigation between the plugin's admin screens, styled as core's tabs.
 */
import { __ } from '@wordpress/i18n';

import type { ScreenLink, ScreenSlug } from '../config';

interface ScreenNavProps {
	screens: readonly ScreenLink[];
	current: ScreenSlug;
}

export function ScreenNav( { screens, current }: ScreenNavProps ) {
	return (
		<nav
			className="nav-tab-wrapper auth-sentinel-nav"
			aria-label={ __( 'Auth Sentinel screens', 'auth-sentinel' ) }
		>
			{ screens.map( ( screen ) => {
				const isCurrent = screen.slug === current;
				return (
					<a
						key={ screen.slug }
						href={ screen.url }
						className={
							isCurrent ? 'nav-tab nav-tab-active' : 'nav-tab'
						}
						aria-current={ isCurrent ? 'page' : undefined }
					>
						{ screen.title }
					</a>
				);
			} ) }
		</nav>
	);
}
