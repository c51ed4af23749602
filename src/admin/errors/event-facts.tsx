/**
 * The facts of one failure as a description list.
 */
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import { sourceLabel } from '../events/sources';
import { formatCount, userName } from '../events/format';
import type { AuthEvent, EventDetailValue } from '../data/events/types';
import { formatDateTime } from '../utils/dates';

export interface Fact {
	key: string;
	label: string;
	value: ReactNode;
}

/**
 * Renders facts as a description list, skipping those without a value.
 *
 * @param props       Component props.
 * @param props.facts The facts.
 */
export function FactList( { facts }: { facts: readonly Fact[] } ) {
	const shown = facts.filter(
		( fact ) => fact.value !== null && fact.value !== ''
	);
	return (
		<dl className="auth-sentinel-facts">
			{ shown.map( ( fact ) => (
				<div key={ fact.key }>
					<dt>{ fact.label }</dt>
					<dd>{ fact.value }</dd>
				</div>
			) ) }
		</dl>
	);
}

function detailText( value: EventDetailValue ): string {
	if ( value === null ) {
		return '—';
	}
	if ( typeof value === 'boolean' ) {
		return value
			? __( 'Yes', 'auth-sentinel' )
			: __( 'No', 'auth-sentinel' );
	}
	return String( value );
}

function UserFact( { event }: { event: AuthEvent } ) {
	const name = userName( event );
	return event.user?.edit_url ? (
		<a href={ event.user.edit_url }>{ name }</a>
	) : (
		<>{ name }</>
	);
}

export function EventFacts( { event }: { event: AuthEvent } ) {
	const facts: Fact[] = [
		{
			key: 'first_seen',
			label: __( 'First seen', 'auth-sentinel' ),
			value: formatDateTime( event.first_seen ),
		},
		{
			key: 'last_seen',
			label: __( 'Last seen', 'auth-sentinel' ),
			value: formatDateTime( event.last_seen ),
		},
		{
			key: 'count',
			label: __( 'Count', 'auth-sentinel' ),
			value: formatCount( event.count ),
		},
		{
			key: 'user',
			label: __( 'User', 'auth-sentinel' ),
			value: <UserFact event={ event } />,
		},
		{
			key: 'client',
			label: __( 'Client app', 'auth-sentinel' ),
			value: event.client,
		},
		{
			key: 'user_agent',
			label: __( 'User agent', 'auth-sentinel' ),
			value: event.user_agent && <code>{ event.user_agent }</code>,
		},
		{
			key: 'ip',
			label: __( 'IP address', 'auth-sentinel' ),
			value: event.ip,
		},
		{
			key: 'source',
			label: __( 'Source', 'auth-sentinel' ),
			value: sourceLabel( event.source ),
		},
		{
			key: 'route',
			label: __( 'Route', 'auth-sentinel' ),
			value: event.route && <code>{ event.route }</code>,
		},
		{
			key: 'server_code',
			label: __( 'Server code', 'auth-sentinel' ),
			value: event.server_code && <code>{ event.server_code }</code>,
		},
		{
			key: 'issuer',
			label: __( 'Issuer', 'auth-sentinel' ),
			value: event.issuer,
		},
		...Object.entries( event.details ).map( ( [ key, value ] ) => ( {
			key: `detail-${ key }`,
			label: key,
			value: detailText( value ),
		} ) ),
	];
	return <FactList facts={ facts } />;
}
