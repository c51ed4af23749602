/**
 * The Errors screen: every recorded failure, filterable by cause, catalog
 * entry, source, user and time, searchable by app codes such as API02003,
 * with the diagnosis of each in a dialog.
 */
import { DataViews } from '@wordpress/dataviews';
import { useMemo, useState } from '@wordpress/element';
import { __, _n } from '@wordpress/i18n';

import { matchCount } from '../components/match-count';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { useCatalog } from '../data/catalog/use-catalog';
import { fetchEvents } from '../api';
import { useSeenUsers, userChoices } from '../components/filters/user-choices';
import { usePagedResource } from '../data/use-paged-resource';
import { userName } from '../events/format';
import type { AuthEvent } from '../data/events/types';
import { useNow } from '../utils/use-now';
import { useTakeOverFirstRows } from '../first-rows';
import { eventActions } from './actions';
import { codeChoices } from './choices';
import { EmptyState } from './empty-state';
import { EventDetails } from './event-details';
import { EventCellsProvider, eventFields } from './fields';
import { DEFAULT_VIEW, restQueryFromState } from './query';
import {
	timeFilterChoices,
	timeFilterFromValue,
	timeFilterValue,
} from '../components/filters/time-filter';
import { useUrlView } from '../utils/use-url-view';
import { ERRORS_STATE } from './url-state';

const DEFAULT_LAYOUTS = {
	table: { fields: DEFAULT_VIEW.fields, layout: {} },
};

/**
 * Names the user of a failure, for the user filter.
 *
 * @param event A failure.
 * @return The [ id, name ] of its user, when it names one.
 */
function usersOf( event: AuthEvent ): Array< [ number, string ] > {
	return event.user ? [ [ event.user_id, userName( event ) ] ] : [];
}

interface ErrorsScreenProps {
	/** Address of this screen, for links to filtered views. */
	errorsUrl: string;
}

export function ErrorsScreen( { errorsUrl }: ErrorsScreenProps ) {
	const { view, state, changedAt, setView } = useUrlView( ERRORS_STATE );
	const events = usePagedResource(
		fetchEvents,
		// Periods count back from when they were chosen.
		restQueryFromState( state, new Date( changedAt ) ),
		__( 'The failures could not be loaded.', 'auth-sentinel' )
	);
	const catalog = useCatalog();
	const now = useNow();
	const seenUsers = useSeenUsers( events.items, usersOf );
	const [ selected, setSelected ] = useState< AuthEvent | null >( null );

	const entries = useMemo( () => catalog.data ?? [], [ catalog.data ] );
	const titles = useMemo(
		() =>
			new Map( entries.map( ( entry ) => [ entry.code, entry.title ] ) ),
		[ entries ]
	);
	// The time filter as a string: `state` is rebuilt on every render.
	const timeValue = timeFilterValue( state.time );
	const fields = useMemo(
		() =>
			eventFields( {
				codeChoices: codeChoices( entries, state.code ),
				userChoices: userChoices( seenUsers, state.user ),
				timeChoices: timeFilterChoices(
					timeFilterFromValue( timeValue )
				),
			} ),
		[ entries, seenUsers, state.code, state.user, timeValue ]
	);
	const cells = useMemo(
		() => ( { now, titles, onView: setSelected } ),
		[ now, titles ]
	);
	const actions = useMemo( () => eventActions( setSelected ), [] );

	// The server's first rows give way to the table (or its error) here.
	useTakeOverFirstRows( events.hasLoaded || events.error !== null );

	if ( ! events.hasLoaded ) {
		if ( events.error ) {
			return (
				<LoadError message={ events.error } onRetry={ events.reload } />
			);
		}
		return <Loading label={ __( 'Loading failures…', 'auth-sentinel' ) } />;
	}

	const isEmpty = events.total === 0 && ! ERRORS_STATE.hasFilters( state );

	return (
		<div className="auth-sentinel-errors">
			{ events.error && (
				<LoadError message={ events.error } onRetry={ events.reload } />
			) }
			{ isEmpty && ! events.isLoading ? (
				<EmptyState />
			) : (
				<>
					<p className="auth-sentinel-count" role="status">
						{ events.isLoading
							? __( 'Loading failures…', 'auth-sentinel' )
							: matchCount(
									events,
									/* translators: %s: number of failures. */
									_n(
										'%s failure matches.',
										'%s failures match.',
										events.total,
										'auth-sentinel'
									),
									/* translators: %s: a number (10,000): more match than were counted. */
									__(
										'More than %s failures match: narrow the filters to count them.',
										'auth-sentinel'
									)
								) }
					</p>
					<EventCellsProvider value={ cells }>
						<DataViews< AuthEvent >
							view={ view }
							onChangeView={ setView }
							fields={ fields }
							actions={ actions }
							data={ events.items }
							getItemId={ ( item ) => String( item.id ) }
							isLoading={ events.isLoading }
							paginationInfo={ {
								totalItems: events.total,
								totalPages: events.totalPages,
							} }
							defaultLayouts={ DEFAULT_LAYOUTS }
							searchLabel={ __(
								'Search users, IPs, apps or codes like API02003',
								'auth-sentinel'
							) }
						/>
					</EventCellsProvider>
				</>
			) }
			{ selected && (
				<EventDetails
					event={ selected }
					catalog={ entries }
					title={ titles.get( selected.code ) }
					errorsUrl={ errorsUrl }
					onClose={ () => setSelected( null ) }
				/>
			) }
		</div>
	);
}
