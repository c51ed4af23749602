/**
 * Loads one REST resource: keeps the last answer while loading the next,
 * cancels the request a newer one replaces, and reloads on demand.
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

import { isAbortError, restErrorMessage } from '../api';

export interface ResourceState< T > {
	/** The last answer, kept while reloading or after a failed reload. */
	data: T | null;
	/** Message of the last failed load, or null. */
	error: string | null;
	isLoading: boolean;
	/** Loads the resource again. */
	reload: () => void;
}

/**
 * Calls `load` on mount, whenever `key` changes and on reload(). A request
 * still running when the key changes is aborted and its answer ignored.
 *
 * @param load     Fetches the resource; must honour the signal.
 * @param key      Identifies what `load` fetches (e.g. the query as JSON);
 *                 null waits without loading.
 * @param fallback Message shown when the error has none.
 * @return The resource and its state.
 */
export function useRestResource< T >(
	load: ( signal: AbortSignal ) => Promise< T >,
	key: string | null,
	fallback: string
): ResourceState< T > {
	const [ data, setData ] = useState< T | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ isLoading, setIsLoading ] = useState( key !== null );
	const [ attempt, setAttempt ] = useState( 0 );
	const loadRef = useRef( load );
	const fallbackRef = useRef( fallback );
	loadRef.current = load;
	fallbackRef.current = fallback;

	useEffect( () => {
		if ( key === null ) {
			return;
		}
		const controller = new AbortController();
		setIsLoading( true );
		setError( null );
		loadRef.current( controller.signal ).then(
			( response ) => {
				if ( controller.signal.aborted ) {
					return;
				}
				setData( response );
				setIsLoading( false );
			},
			( reason: unknown ) => {
				if ( controller.signal.aborted || isAbortError( reason ) ) {
					return;
				}
				setError( restErrorMessage( reason, fallbackRef.current ) );
				setIsLoading( false );
			}
		);
		return () => controller.abort();
	}, [ key, attempt ] );

	const reload = useCallback( () => setAttempt( ( n ) => n + 1 ), [] );

	return { data, error, isLoading, reload };
}
