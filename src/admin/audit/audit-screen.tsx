/**
 * The Audit screen: sign-ins, revocations, password, role, secret and
 * settings changes with who did them, filterable and exportable as CSV.
 */
import { Card, CardBody } from '@wordpress/components';
import { DataViews } from '@wordpress/dataviews';
import type { Action } from '@wordpress/dataviews';
import { useMemo, useState } from '@wordpress/element';
import { __, _n } from '@wordpress/i18n';
import { seen } from '@wordpress/icons';

import { matchCount } from '../components/match-count';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { fetchAudit } from '../data/audit/api';
import { usePagedResource } from '../data/use-paged-resource';
import { useSeenUsers, userChoices } from '../components/filters/user-choices';
import {
	timeFilterChoices,
	timeFilterFromValue,
	timeFilterValue,
} from '../components/filters/time-filter';
import type { AuditEntry } from '../data/audit/types';
import { useNow } from '../utils/use-now';
import { useTakeOverFirstRows } from '../first-rows';
import { useUrlView } from '../utils/use-url-view';
import { AuditDetails } from './audit-details';
import { AuditExport } from './export-form';
import { AuditCellsProvider, auditFields } from './fields';
import { auditUserName } from './labels';
import {
	DEFAULT_VIEW,
	exportFiltersFromState,
	restQueryFromState,
} from './query';
import { AUDIT_STATE } from './url-state';

const DEFAULT_LAYOUTS = {
	table: { fields: DEFAULT_VIEW.fields, layout: {} },
};

interface AuditScreenProps {
	/** Root of the REST API, for the export form. */
	restRoot: string;
	/** A `wp_rest` nonce printed with the page. */
	restNonce: string;
}

/**
 * Names who did what a row records, for the "By" filter.
 *
 * @param entry An audit row.
 * @return The [ id, name ] of its actor, when it is a user.
 */
function actorsOf( entry: AuditEntry ): Array< [ number, string ] > {
	return entry.actor
		? [
				[
					entry.actor.id,
					auditUserName( entry.actor, entry.actor.id, '' ),
				],
			]
		: [];
}

/**
 * Names whose account a row concerns, for the "User" filter.
 *
 * @param entry An audit row.
 * @return The [ id, name ] of its target user, when it names one.
 */
function targetsOf( entry: AuditEntry ): Array< [ number, string ] > {
	return entry.target
		? [
				[
					entry.target.id,
					auditUserName( entry.target, entry.target.id, '' ),
				],
			]
		: [];
}

function detailsAction(
	onView: ( entry: AuditEntry ) => void
): Action< AuditEntry >[] {
	return [
		{
			id: 'view-details',
			label: __( 'View details', 'auth-sentinel' ),
			icon: seen,
			isPrimary: true,
			callback: ( [ entry ] ) => {
				if ( entry ) {
					onView( entry );
				}
			},
		},
	];
}

export function AuditScreen( { restRoot, restNonce }: AuditScreenProps ) {
	const { view, state, changedAt, setView } = useUrlView( AUDIT_STATE );
	const query = restQueryFromState( state, new Date( changedAt ) );
	const audit = usePagedResource(
		fetchAudit,
		query,
		__( 'The audit log could not be loaded.', 'auth-sentinel' )
	);
	const now = useNow();
	const actors = useSeenUsers( audit.items, actorsOf );
	const targets = useSeenUsers( audit.items, targetsOf );
	const [ selected, setSelected ] = useState< AuditEntry | null >( null );

	// The time filter as a string: `state` is rebuilt on every render.
	const timeValue = timeFilterValue( state.time );
	const fields = useMemo(
		() =>
			auditFields( {
				actorChoices: [
					{ value: 0, label: __( 'System', 'auth-sentinel' ) },
					...userChoices( actors, state.actor ),
				],
				userChoices: userChoices( targets, state.user ),
				timeChoices: timeFilterChoices(
					timeFilterFromValue( timeValue )
				),
			} ),
		[ actors, targets, state.actor, state.user, timeValue ]
	);
	const cells = useMemo( () => ( { now, onView: setSelected } ), [ now ] );
	const actions = useMemo( () => detailsAction( setSelected ), [] );

	// The server's first rows give way to the table (or its error) here.
	useTakeOverFirstRows( audit.hasLoaded || audit.error !== null );

	if ( ! audit.hasLoaded ) {
		if ( audit.error ) {
			return (
				<LoadError message={ audit.error } onRetry={ audit.reload } />
			);
		}
		return (
			<Loading
				label={ __( 'Loading the audit log…', 'auth-sentinel' ) }
			/>
		);
	}

	const isEmpty =
		audit.total === 0 &&
		! AUDIT_STATE.hasFilters( state ) &&
		! audit.isLoading;

	return (
		<div className="auth-sentinel-audit">
			{ audit.error && (
				<LoadError message={ audit.error } onRetry={ audit.reload } />
			) }
			{ isEmpty ? (
				<Card className="auth-sentinel-empty">
					<CardBody>
						<h2>
							{ __( 'Nothing recorded yet', 'auth-sentinel' ) }
						</h2>
						<p>
							{ __(
								'Sign-ins and sign-outs, sessions created and revoked (with the administrator who revoked them), password, email and role changes, application passwords, secret changes and settings changes appear here as they happen.',
								'auth-sentinel'
							) }
						</p>
					</CardBody>
				</Card>
			) : (
				<>
					<div className="auth-sentinel-toolbar">
						<p className="auth-sentinel-count" role="status">
							{ audit.isLoading
								? __(
										'Loading the audit log…',
										'auth-sentinel'
									)
								: matchCount(
										audit,
										/* translators: %s: number of audit log entries. */
										_n(
											'%s entry matches.',
											'%s entries match.',
											audit.total,
											'auth-sentinel'
										),
										/* translators: %s: a number (10,000): more match than were counted. */
										__(
											'More than %s entries match: narrow the filters to count them.',
											'auth-sentinel'
										)
									) }
						</p>
						<AuditExport
							restRoot={ restRoot }
							restNonce={ restNonce }
							filters={ exportFiltersFromState( state ) }
						/>
					</div>
					<AuditCellsProvider value={ cells }>
						<DataViews< AuditEntry >
							view={ view }
							onChangeView={ setView }
							fields={ fields }
							actions={ actions }
							data={ audit.items }
							getItemId={ ( item ) => String( item.id ) }
							isLoading={ audit.isLoading }
							paginationInfo={ {
								totalItems: audit.total,
								totalPages: audit.totalPages,
							} }
							defaultLayouts={ DEFAULT_LAYOUTS }
							searchLabel={ __(
								'Search users, IP addresses or details',
								'auth-sentinel'
							) }
						/>
					</AuditCellsProvider>
				</>
			) }
			{ selected && (
				<AuditDetails
					entry={ selected }
					onClose={ () => setSelected( null ) }
				/>
			) }
		</div>
	);
}
