/**
 * The decoded claims of the token a failure carried.
 */
import { __ } from '@wordpress/i18n';

import type { EventToken } from '../data/events/types';
import { formatDateTime, isoFromUnix } from '../utils/dates';
import { FactList } from './event-facts';

function claimDate( seconds: number | null ): string | null {
	const iso = isoFromUnix( seconds );
	return iso ? formatDateTime( iso ) : null;
}

export function TokenClaims( { token }: { token: EventToken } ) {
	return (
		<>
			<p className="auth-sentinel-note">
				{ __(
					'Decoded for diagnosis only, never trusted or stored raw: Auth Sentinel keeps only a fingerprint of the token.',
					'auth-sentinel'
				) }
			</p>
			<FactList
				facts={ [
					{
						key: 'iss',
						label: __( 'Issuer (iss)', 'auth-sentinel' ),
						value: token.iss && <code>{ token.iss }</code>,
					},
					{
						key: 'iat',
						label: __( 'Issued at (iat)', 'auth-sentinel' ),
						value: claimDate( token.iat ),
					},
					{
						key: 'exp',
						label: __( 'Expires (exp)', 'auth-sentinel' ),
						value: claimDate( token.exp ),
					},
					{
						key: 'jti',
						label: __( 'Token id (jti)', 'auth-sentinel' ),
						value: token.jti && <code>{ token.jti }</code>,
					},
					{
						key: 'type',
						label: __( 'Type', 'auth-sentinel' ),
						value: token.type,
					},
					{
						key: 'fingerprint',
						label: __( 'Fingerprint', 'auth-sentinel' ),
						value: token.fingerprint && (
							<code>{ token.fingerprint }</code>
						),
					},
				] }
			/>
		</>
	);
}
