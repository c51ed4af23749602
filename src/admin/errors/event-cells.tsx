/**
 * The cells of the Errors table.
 */
import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { RelativeDate } from '../components/relative-date';
import { overflowLabel, overflowSources, userName } from '../events/format';
import type { AuthEvent } from '../data/events/types';
import { formatDateTime } from '../utils/dates';

export function LastSeenCell( {
	event,
	now,
}: {
	event: AuthEvent;
	now: Date;
} ) {
	return (
		<span className="auth-sentinel-when">
			<RelativeDate date={ event.last_seen } now={ now } />
			<span className="auth-sentinel-muted">
				{ formatDateTime( event.last_seen ) }
			</span>
		</span>
	);
}

interface EntryCellProps {
	event: AuthEvent;
	/** Title of the event's catalog entry, when known. */
	title: string | undefined;
	onView: ( event: AuthEvent ) => void;
}

export function EntryCell( { event, title, onView }: EntryCellProps ) {
	const label = title ?? ( event.code || event.server_code );
	return (
		<span className="auth-sentinel-entry">
			<Button
				variant="link"
				onClick={ () => onView( event ) }
				aria-haspopup="dialog"
			>
				{ label || __( 'Unknown error', 'auth-sentinel' ) }
			</Button>
			{ event.code && event.code !== label && (
				<code className="auth-sentinel-muted">{ event.code }</code>
			) }
		</span>
	);
}

export function UserCell( { event }: { event: AuthEvent } ) {
	if ( event.overflow ) {
		// A summary row has no user: say what it counts instead.
		return (
			<span className="auth-sentinel-overflow">
				{ overflowLabel( event ) }
			</span>
		);
	}
	const name = userName( event );
	if ( event.user?.edit_url ) {
		return <a href={ event.user.edit_url }>{ name }</a>;
	}
	return <span className="auth-sentinel-muted">{ name }</span>;
}

export function ClientCell( { event }: { event: AuthEvent } ) {
	if ( event.overflow ) {
		return (
			<span className="auth-sentinel-muted">
				{ overflowSources( event.overflow ) }
			</span>
		);
	}
	if ( ! event.client ) {
		return (
			<span className="auth-sentinel-muted">
				{ __( 'Unknown app', 'auth-sentinel' ) }
			</span>
		);
	}
	return (
		<span title={ event.user_agent || undefined }>{ event.client }</span>
	);
}
