/**
 * Keeps a DataViews view in React state and its meaning in the page
 * address, so a filtered table can be shared, bookmarked or linked to.
 */
import type { View } from '@wordpress/dataviews';
import { useCallback, useRef, useState } from '@wordpress/element';

/** How one screen maps its state to the address and to the view. */
export interface UrlViewSpec< S extends { page: number } > {
	/** Reads the state from an address; what is invalid takes its default. */
	read: ( href: string ) => S;
	/** Builds the address showing a state, keeping other arguments. */
	href: ( baseHref: string, state: S ) => string;
	/** Applies a state to a view (the default one when no base is given). */
	toView: ( state: S, base?: View ) => View;
	/** Reads the state from a view; `previous` holds what the view lacks. */
	fromView: ( view: View, previous: S ) => S;
}

export interface UrlView< S > {
	view: View;
	state: S;
	/** When the state last changed (ms), which periods count back from. */
	changedAt: number;
	/** What DataViews calls. */
	setView: ( view: View ) => void;
	/** Changes the state directly, e.g. from a link inside the screen. */
	setState: ( state: S ) => void;
}

/**
 * Keeps the view in React state and in the address (replacing the history
 * entry, so typing a search does not fill the Back button). A change of
 * filters or search goes back to the first page.
 *
 * @param spec The screen's mapping; must be stable (module level).
 * @return The view, its state and the setters.
 */
export function useUrlView< S extends { page: number } >(
	spec: UrlViewSpec< S >
): UrlView< S > {
	const [ current, setCurrent ] = useState( () => {
		const state = spec.read( window.location.href );
		return {
			view: spec.toView( state ),
			state,
			changedAt: Date.now(),
		};
	} );
	const key = useRef( JSON.stringify( current.state ) );

	const apply = useCallback(
		( view: View, state: S ) => {
			const nextKey = JSON.stringify( state );
			if ( nextKey === key.current ) {
				setCurrent( ( previous ) => ( { ...previous, view } ) );
				return;
			}
			key.current = nextKey;
			setCurrent( { view, state, changedAt: Date.now() } );
			const href = spec.href( window.location.href, state );
			if ( href !== window.location.href ) {
				window.history.replaceState( window.history.state, '', href );
			}
		},
		[ spec ]
	);

	const setView = useCallback(
		( next: View ) => {
			const previous = current.state;
			let state = spec.fromView( next, previous );
			let view = next;
			const narrowed =
				JSON.stringify( { ...state, page: 0, perPage: 0 } ) !==
				JSON.stringify( { ...previous, page: 0, perPage: 0 } );
			if ( narrowed && state.page !== 1 ) {
				state = { ...state, page: 1 };
				view = { ...next, page: 1 };
			}
			apply( view, state );
		},
		[ apply, current.state, spec ]
	);

	const setState = useCallback(
		( state: S ) => apply( spec.toView( state, current.view ), state ),
		[ apply, current.view, spec ]
	);

	return {
		view: current.view,
		state: current.state,
		changedAt: current.changedAt,
		setView,
		setState,
	};
}
