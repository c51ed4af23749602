/**
 * Loads the secrets report and keeps its loading and error state.
 */
import { useCallback, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { fetchSecrets, isAbortError, restErrorMessage } from '../../api';
import type { SecretsResponse } from '../../types';

export interface SecretsState {
	/** The last report loaded, kept while reloading or after a failed reload. */
	data: SecretsResponse | null;
	/** Message of the last failed load, or null. */
	error: string | null;
	isLoading: boolean;
	/** Loads the report again. */
	reload: () => void;
}

/**
 * Loads `GET /auth-sentinel/v1/secrets` on mount and on reload().
 *
 * @return The report and its state.
 */
export function useSecrets(): SecretsState {
	const [ data, setData ] = useState< SecretsResponse | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ isLoading, setIsLoading ] = useState( true );
	const [ attempt, setAttempt ] = useState( 0 );

	useEffect( () => {
		const controller = new AbortController();
		setIsLoading( true );
		setError( null );
		fetchSecrets( controller.signal ).then(
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
				setError(
					restErrorMessage(
						reason,
						__(
							'The secrets report could not be loaded.',
							'auth-sentinel'
						)
					)
				);
				setIsLoading( false );
			}
		);
		return () => controller.abort();
	}, [ attempt ] );

	const reload = useCallback( () => setAttempt( ( n ) => n + 1 ), [] );

	return { data, error, isLoading, reload };
}
