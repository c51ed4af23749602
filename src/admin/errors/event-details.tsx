/**
 * The details of one failure in a dialog: the diagnosis, the facts, the
 * token's claims and the catalog entry with how to fix it. The dialog is
 * named by its title, closes with Escape and gives focus back on close.
 */
import { Modal } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { CauseBadge } from '../events/cause-badge';
import { causeDescription } from '../events/causes';
import { whoOf } from '../events/format';
import type { CatalogEntry } from '../data/catalog/types';
import type { AuthEvent } from '../data/events/types';
import { CatalogEntryPanel } from './catalog-entry-panel';
import { EventFacts } from './event-facts';
import { TokenClaims } from './token-claims';

interface EventDetailsProps {
	event: AuthEvent;
	catalog: readonly CatalogEntry[];
	/** Title of the event's catalog entry, when known. */
	title: string | undefined;
	errorsUrl: string;
	onClose: () => void;
}

export function EventDetails( {
	event,
	catalog,
	title,
	errorsUrl,
	onClose,
}: EventDetailsProps ) {
	const heading = sprintf(
		/* translators: 1: error title, e.g. "Token Invalid", 2: user name, or "Summary of 1,204 failures past the storage cap". */
		__( '%1$s — %2$s', 'auth-sentinel' ),
		title ?? ( event.code || event.server_code ),
		whoOf( event )
	);
	return (
		<Modal
			title={ heading }
			onRequestClose={ onClose }
			size="large"
			className="auth-sentinel-event-details"
		>
			<section className="auth-sentinel-diagnosis">
				<h2>{ __( 'Diagnosis', 'auth-sentinel' ) }</h2>
				<p>
					<CauseBadge cause={ event.cause } />{ ' ' }
					{ causeDescription( event.cause ) }
				</p>
				{ event.explanation && (
					<p className="auth-sentinel-explanation">
						{ event.explanation }
					</p>
				) }
				{ event.overflow && (
					<p className="auth-sentinel-muted">
						{ __(
							'Past the storage limits (Settings), failures are still counted, in one summary row per hour, cause and kind of credential, rather than a row per credential and client. The numbers of distinct credentials and networks are estimates.',
							'auth-sentinel'
						) }
					</p>
				) }
			</section>
			<section>
				<h2>{ __( 'Facts', 'auth-sentinel' ) }</h2>
				<EventFacts event={ event } />
			</section>
			{ event.token && (
				<section>
					<h2>{ __( 'Token', 'auth-sentinel' ) }</h2>
					<TokenClaims token={ event.token } />
				</section>
			) }
			<section>
				<CatalogEntryPanel
					code={ event.code }
					cause={ event.cause }
					catalog={ catalog }
					errorsUrl={ errorsUrl }
				/>
			</section>
		</Modal>
	);
}
