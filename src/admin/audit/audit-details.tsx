/**
 * The details of one audit row in a dialog: every fact the server recorded.
 */
import { Modal } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { FactList } from '../errors/event-facts';
import type { Fact } from '../errors/event-facts';
import type { AuditEntry } from '../data/audit/types';
import { formatDateTime } from '../utils/dates';
import { actorName, targetName } from './fields';
import { entryActionLabel } from './labels';

/**
 * Writes a detail value: text as is, lists joined, anything else as JSON.
 *
 * @param value A value of `details`.
 * @return The text.
 */
export function detailText( value: unknown ): string {
	if ( value === null || value === undefined || value === '' ) {
		return '—';
	}
	if ( typeof value === 'boolean' ) {
		return value
			? __( 'Yes', 'auth-sentinel' )
			: __( 'No', 'auth-sentinel' );
	}
	if ( typeof value === 'string' || typeof value === 'number' ) {
		return String( value );
	}
	if (
		Array.isArray( value ) &&
		value.every(
			( item ) => typeof item === 'string' || typeof item === 'number'
		)
	) {
		return value.join( ', ' );
	}
	return JSON.stringify( value );
}

interface AuditDetailsProps {
	entry: AuditEntry;
	onClose: () => void;
}

export function AuditDetails( { entry, onClose }: AuditDetailsProps ) {
	const facts: Fact[] = [
		{
			key: 'at',
			label: __( 'When', 'auth-sentinel' ),
			value: formatDateTime( entry.at ),
		},
		{
			key: 'action',
			label: __( 'Action', 'auth-sentinel' ),
			value: entryActionLabel( entry ),
		},
		{
			key: 'actor',
			label: __( 'By', 'auth-sentinel' ),
			value: actorName( entry ),
		},
		{
			key: 'target',
			label: __( 'User', 'auth-sentinel' ),
			value: entry.target_user_id > 0 ? targetName( entry ) : null,
		},
		{
			key: 'ip',
			label: __( 'IP address', 'auth-sentinel' ),
			value: entry.ip,
		},
		{
			key: 'user_agent',
			label: __( 'User agent', 'auth-sentinel' ),
			value: entry.user_agent && <code>{ entry.user_agent }</code>,
		},
		...Object.entries( entry.details ).map( ( [ key, value ] ) => ( {
			key: `detail-${ key }`,
			label: key,
			value: detailText( value ),
		} ) ),
	];
	return (
		<Modal
			title={ sprintf(
				/* translators: 1: action, e.g. "Session revoked", 2: date and time. */
				__( '%1$s — %2$s', 'auth-sentinel' ),
				entryActionLabel( entry ),
				formatDateTime( entry.at )
			) }
			onRequestClose={ onClose }
			className="auth-sentinel-audit-details"
		>
			{ entry.summary && (
				<p className="auth-sentinel-explanation">{ entry.summary }</p>
			) }
			<FactList facts={ facts } />
		</Modal>
	);
}
