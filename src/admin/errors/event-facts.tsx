/**
 * The facts of one failure as a description list.
 */
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import { describeDetails } from '../events/details';
import { sourceLabel } from '../events/sources';
import {
	credentialsEstimate,
	formatCount,
	networksEstimate,
	overflowLabel,
	userName,
} from '../events/format';
import type { AuthEvent } from '../data/events/types';
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

function UserFact( { event }: { event: AuthEvent } ) {
	const name = userName( event );
	return event.user?.edit_url ? (
		<a href={ event.user.edit_url }>{ name }</a>
	) : (
		<>{ name }</>
	);
}

/** What a summary row's details repeat of its `overflow` estimates. */
const OVERFLOW_DETAILS = [ 'overflow', 'credentials', 'networks' ];

/**
 * The facts of a summary row of failures past the storage caps: what it
 * counts, and from about how many credentials and networks.
 *
 * @param event The summary row.
 * @return Facts for the user and client places of an ordinary row.
 */
function overflowFacts( event: AuthEvent ): Fact[] {
	if ( ! event.overflow ) {
		return [];
	}
	return [
		{
			key: 'user',
			label: __( 'User', 'auth-sentinel' ),
			value: overflowLabel( event ),
		},
		{
			key: 'credentials',
			label: __( 'Distinct credentials', 'auth-sentinel' ),
			value: credentialsEstimate( event.overflow.credentials ),
		},
		{
			key: 'networks',
			label: __( 'Client networks', 'auth-sentinel' ),
			value: networksEstimate( event.overflow.networks ),
		},
	];
}

export function EventFacts( { event }: { event: AuthEvent } ) {
	const isSummary = event.overflow !== null;
	const details = Object.entries( event.details ).filter(
		( [ key ] ) => ! isSummary || ! OVERFLOW_DETAILS.includes( key )
	);
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
		...( isSummary
			? overflowFacts( event )
			: [
					{
						key: 'user',
						label: __( 'User', 'auth-sentinel' ),
						value: <UserFact event={ event } />,
					},
				] ),
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
			// A summary row's "overflow" is no server's answer.
			value:
				! isSummary && event.server_code ? (
					<code>{ event.server_code }</code>
				) : null,
		},
		{
			key: 'issuer',
			label: __( 'Issuer', 'auth-sentinel' ),
			value: event.issuer,
		},
		...describeDetails( Object.fromEntries( details ) ).map(
			( { key, label, text } ) => ( {
				key: `detail-${ key }`,
				label,
				value: text,
			} )
		),
	];
	return <FactList facts={ facts } />;
}
