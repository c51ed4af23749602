/**
 * Keeps a DataViews view in React state and its meaning in the page
 * address, so a filtered table can be shared, bookmarked or linked to.
 */
import type { View } from '@wordpress/dataviews';
import { useCallback, useRef, useState } from '@wordpress/element';

import { limitSearch } from './url-params';
import type { UrlState } from './url-state';

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
 * Reads the state of a view DataViews reports, and sends it back to the
 * first page when its filters, search or sorting changed, so a narrower
 * list never opens on a page past its end. A search longer than the server
 * takes (pasted) is cut in the view too, so the box shows what is searched.
 *
 * @param spec     The screen's URL state.
 * @param reported The view DataViews reports.
 * @param previous The state before the change.
 * @return The view and its state.
 */
export function settleView< S extends { page: number } >(
	spec: UrlState< S >,
	reported: View,
	previous: S
): { view: View; state: S } {
	const search =
		reported.search === undefined
			? undefined
			: limitSearch( reported.search );
	const next =
		search === reported.search ? reported : { ...reported, search };
	const state = spec.fromView( next, previous );
	const narrowed =
		JSON.stringify( { ...state, page: 0, perPage: 0 } ) !==
		JSON.stringify( { ...previous, page: 0, perPage: 0 } );
	return narrowed && state.page !== 1
		? { view: { ...next, page: 1 }, state: { ...state, page: 1 } }
		: { view: next, state };
}

/**
 * Keeps the view in React state and in the address (replacing the history
 * entry, so typing a search does not fill the Back button).
 *
 * @param spec The screen's URL state; must be stable (module level).
 * @return The view, its state and the setters.
 */
export function useUrlView< S extends { page: number } >(
	spec: UrlState< S >
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
			const settled = settleView( spec, next, current.state );
			apply( settled.view, settled.state );
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
