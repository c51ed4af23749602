/**
 * What to do about each problem, and what changing a secret does.
 */
import { ExternalLink } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { StatusBadge } from '../components/status-badge';
import type { Secret } from '../data/secrets/types';
import { adviceFor } from './advice';
import type { AdviceLevel } from './advice';
import { effectExplanation } from './effects';
import { EFFECT_ORDER } from './known-secrets';

function levelLabel( level: AdviceLevel ): string {
	switch ( level ) {
		case 'error':
			return __( 'Fix now', 'auth-sentinel' );
		case 'warning':
			return __( 'Should fix', 'auth-sentinel' );
		case 'info':
			return __( 'Good to know', 'auth-sentinel' );
	}
}

export function SecretsAdvice( { secrets }: { secrets: readonly Secret[] } ) {
	const advice = adviceFor( secrets );
	return (
		<>
			{ advice.length === 0 ? (
				<p>
					{ __(
						'Every watched secret is set and strong. Nothing to do.',
						'auth-sentinel'
					) }
				</p>
			) : (
				<ul className="auth-sentinel-advice-list">
					{ advice.map( ( item ) => (
						<li
							key={ item.key }
							className={ `auth-sentinel-advice auth-sentinel-advice--${ item.level }` }
						>
							<StatusBadge tone={ item.level }>
								{ levelLabel( item.level ) }
							</StatusBadge>
							<p>{ item.text }</p>
							{ item.link && (
								<p>
									<ExternalLink href={ item.link }>
										{ __(
											'Get a fresh set of keys and salts from WordPress.org',
											'auth-sentinel'
										) }
									</ExternalLink>
								</p>
							) }
						</li>
					) ) }
				</ul>
			) }
			<h3>{ __( 'What changing a secret does', 'auth-sentinel' ) }</h3>
			<ul className="auth-sentinel-effects">
				{ EFFECT_ORDER.map( ( effect ) => (
					<li key={ effect }>{ effectExplanation( effect ) }</li>
				) ) }
			</ul>
		</>
	);
}
