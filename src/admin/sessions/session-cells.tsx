/**
 * The cells of the Sessions table.
 */
import { __ } from '@wordpress/i18n';

import { RelativeDate } from '../components/relative-date';
import { StatusBadge } from '../components/status-badge';
import type { Session } from '../data/sessions/types';
import { formatDateTime } from '../utils/dates';
import { endReasonLabel, sessionUserName, typeLabel } from './labels';

interface UserCellProps {
	session: Session;
	/** Address of the user's sessions, or null when there is no user. */
	href: string | null;
}

export function UserCell( { session, href }: UserCellProps ) {
	const name = sessionUserName( session );
	return href ? (
		<a href={ href }>{ name }</a>
	) : (
		<span className="auth-sentinel-muted">{ name }</span>
	);
}

export function TypeCell( { session }: { session: Session } ) {
	return (
		<StatusBadge tone={ session.type === 'cookie' ? 'info' : 'ok' }>
			{ typeLabel( session.type ) }
		</StatusBadge>
	);
}

export function ClientCell( { session }: { session: Session } ) {
	return (
		<span className="auth-sentinel-stack">
			{ session.label && <strong>{ session.label }</strong> }
			<span title={ session.user_agent || undefined }>
				{ session.client || __( 'Unknown app', 'auth-sentinel' ) }
			</span>
			{ session.ip && (
				<span className="auth-sentinel-muted">{ session.ip }</span>
			) }
			{ session.current && (
				<span>
					<StatusBadge tone="warning">
						{ __( 'This session', 'auth-sentinel' ) }
					</StatusBadge>
				</span>
			) }
		</span>
	);
}

interface DateCellProps {
	date: string | null;
	now: Date;
	/** What to say when there is no date. */
	empty: string;
}

export function DateCell( { date, now, empty }: DateCellProps ) {
	if ( ! date ) {
		return <span className="auth-sentinel-muted">{ empty }</span>;
	}
	return (
		<span className="auth-sentinel-stack">
			<RelativeDate date={ date } now={ now } />
			<span className="auth-sentinel-muted">
				{ formatDateTime( date ) }
			</span>
		</span>
	);
}

export function StatusCell( {
	session,
	now,
}: {
	session: Session;
	now: Date;
} ) {
	if ( session.status === 'active' ) {
		return (
			<StatusBadge tone="ok">
				{ __( 'Active', 'auth-sentinel' ) }
			</StatusBadge>
		);
	}
	const reason = endReasonLabel( session.ended_reason );
	return (
		<span className="auth-sentinel-stack">
			<span>
				<StatusBadge
					tone={ session.status === 'revoked' ? 'error' : 'info' }
				>
					{ session.status === 'revoked'
						? __( 'Revoked', 'auth-sentinel' )
						: __( 'Ended', 'auth-sentinel' ) }
				</StatusBadge>
			</span>
			{ reason && <span>{ reason }</span> }
			{ session.ended_at && (
				<span className="auth-sentinel-muted">
					<RelativeDate date={ session.ended_at } now={ now } />
				</span>
			) }
		</span>
	);
}
