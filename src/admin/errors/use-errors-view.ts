/**
 * The view of the Errors table, started from the page address and written
 * back to it, and the REST query it asks for.
 */
import type { View } from '@wordpress/dataviews';
import { useCallback, useRef, useState } from '@wordpress/element';

import type { EventsQuery } from '../types';
import {
	resetPageOnFilterChange,
	restQueryFromState,
	stateFromView,
	viewFromState,
} from './query';
import { errorsHref, readErrorsState } from './url-state';
import type { ErrorsState } from './url-state';

export interface ErrorsView {
	view: View;
	state: ErrorsState;
	/** The REST query; periods count back from when they were chosen. */
	query: EventsQuery;
	setView: ( view: View ) => void;
}

/**
 * Keeps the view in React state and in the address (replacing the history
 * entry, so typing a search does not fill the Back button).
 *
 * @return The view, its state and query, and the setter DataViews calls.
 */
export function useErrorsView(): ErrorsView {
	const [ view, setViewState ] = useState< View >( () =>
		viewFromState( readErrorsState( window.location.href ) )
	);
	const state = stateFromView( view );
	const [ query, setQuery ] = useState< EventsQuery >( () =>
		restQueryFromState( state, new Date( Date.now() ) )
	);
	const stateKey = useRef( JSON.stringify( state ) );

	const setView = useCallback(
		( next: View ) => {
			const changed = resetPageOnFilterChange( view, next );
			const nextState = stateFromView( changed );
			const key = JSON.stringify( nextState );
			setViewState( changed );
			if ( key === stateKey.current ) {
				return;
			}
			stateKey.current = key;
			setQuery( restQueryFromState( nextState, new Date( Date.now() ) ) );
			const href = errorsHref( window.location.href, nextState );
			if ( href !== window.location.href ) {
				window.history.replaceState( window.history.state, '', href );
			}
		},
		[ view ]
	);

	return { view, state, query, setView };
}
