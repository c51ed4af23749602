/**
 * A background export of the audit log, as the screen follows it: started
 * with the table's filters, then asked about again and again (each request
 * writes the next rows on the server) until its file is complete; or
 * cancelled on the way.
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { isAbortError, restErrorMessage } from '../../api';
import {
	cancelAuditExport,
	fetchAuditExport,
	fetchAuditExports,
	sameExportFilters,
	startAuditExport,
} from './api';
import type { AuditExportFilters, AuditExportJob } from './types';

/** Milliseconds between the answer to one question and the next. */
export const POLL_DELAY = 1000;

export interface AuditExportState {
	/** The export, once started or found again. */
	job: AuditExportJob | null;
	/** Message of the last failure, or null. */
	error: string | null;
	/** Whether the export is being started. */
	isStarting: boolean;
	/** Whether the export is being cancelled. */
	isCancelling: boolean;
	/** Whether the last export was cancelled (until another starts). */
	wasCancelled: boolean;
	/** Starts an export of the rows matching the filters. */
	start: () => void;
	/** Cancels the running export: the server deletes it and its file. */
	cancel: () => void;
}

/**
 * Tells whether an answer means the export is gone (404: cancelled
 * elsewhere, or a day old).
 *
 * @param reason What the request failed with.
 * @return Whether the export no longer exists.
 */
function isGone( reason: unknown ): boolean {
	return (
		typeof reason === 'object' &&
		reason !== null &&
		'code' in reason &&
		reason.code === 'auth_sentinel_export_not_found'
	);
}

/**
 * Starts and follows one export at a time. A failed question is asked again
 * (the job goes on by WP-Cron meanwhile); three failures in a row stop it.
 * When the screen opens or its filters change, it asks the server for the
 * user's exports and follows the newest one made for the same filters as
 * chosen (a period such as "Last 7 days" included), running or finished: a
 * reload, another tab or a return after the tab was closed finds it.
 *
 * @param filters The table's filters as the user chose them.
 * @return The export and what can be done with it.
 */
export function useAuditExport(
	filters: AuditExportFilters
): AuditExportState {
	const [ job, setJob ] = useState< AuditExportJob | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ isStarting, setIsStarting ] = useState( false );
	const [ isCancelling, setIsCancelling ] = useState( false );
	const [ wasCancelled, setWasCancelled ] = useState( false );
	const [ failures, setFailures ] = useState( 0 );
	const [ answers, setAnswers ] = useState( 0 );
	const controller = useRef< AbortController | null >( null );

	// The filters as a string: the caller rebuilds the object on each render.
	const key = JSON.stringify( filters );
	const filtersRef = useRef( filters );
	filtersRef.current = filters;

	/**
	 * Aborts what runs and returns a controller for what comes next.
	 *
	 * @return The new controller.
	 */
	const takeOver = useCallback( (): AbortController => {
		controller.current?.abort();
		const aborter = new AbortController();
		controller.current = aborter;
		return aborter;
	}, [] );

	// When the screen opens and whenever the filters change: the newest of
	// the user's exports made for these filters, if any (a file made for
	// other filters is not offered).
	useEffect( () => {
		const aborter = takeOver();
		setJob( null );
		setError( null );
		setFailures( 0 );
		setIsStarting( false );
		setIsCancelling( false );
		setWasCancelled( false );
		fetchAuditExports( aborter.signal )
			.then( ( jobs ) => {
				const found = jobs.find(
					( candidate ) =>
						candidate.state !== 'failed' &&
						sameExportFilters(
							candidate.filters,
							filtersRef.current
						)
				);
				if ( found && ! aborter.signal.aborted ) {
					setJob( found );
				}
			} )
			.catch( () => {
				// Not found again: the user can start another.
			} );
		return () => aborter.abort();
	}, [ key, takeOver ] );

	const start = useCallback( () => {
		const aborter = takeOver();
		setJob( null );
		setError( null );
		setFailures( 0 );
		setWasCancelled( false );
		setIsStarting( true );
		startAuditExport( filtersRef.current, aborter.signal )
			.then( ( started ) => {
				setJob( started );
				setIsStarting( false );
			} )
			.catch( ( reason: unknown ) => {
				if ( isAbortError( reason ) ) {
					return;
				}
				setError(
					restErrorMessage(
						reason,
						__(
							'The export could not be started.',
							'auth-sentinel'
						)
					)
				);
				setIsStarting( false );
			} );
	}, [ takeOver ] );

	const cancel = useCallback( () => {
		if ( ! job ) {
			return;
		}
		const aborter = takeOver();
		setIsCancelling( true );
		setError( null );
		cancelAuditExport( job.id, aborter.signal )
			.then( () => true )
			.catch( ( reason: unknown ) => {
				if ( isAbortError( reason ) ) {
					return null;
				}
				if ( isGone( reason ) ) {
					return true; // Cancelled elsewhere, or expired: gone all the same.
				}
				setError(
					restErrorMessage(
						reason,
						__(
							'The export could not be cancelled.',
							'auth-sentinel'
						)
					)
				);
				return false;
			} )
			.then( ( gone ) => {
				if ( gone === null ) {
					return;
				}
				setIsCancelling( false );
				if ( gone ) {
					setJob( null );
					setFailures( 0 );
					setWasCancelled( true );
				} else {
					setAnswers( ( count ) => count + 1 ); // Follow it again.
				}
			} );
	}, [ job, takeOver ] );

	const id = job?.state === 'running' && ! isCancelling ? job.id : null;
	useEffect( () => {
		if ( id === null || failures >= 3 ) {
			return undefined;
		}
		const aborter = new AbortController();
		const timer = window.setTimeout( () => {
			fetchAuditExport( id, aborter.signal )
				.then( ( next ) => {
					setJob( next );
					setAnswers( ( count ) => count + 1 );
					setFailures( 0 );
					setError( null );
				} )
				.catch( ( reason: unknown ) => {
					if ( isAbortError( reason ) ) {
						return;
					}
					if ( isGone( reason ) ) {
						setJob( null ); // Cancelled in another tab, or expired.
					}
					setError(
						restErrorMessage(
							reason,
							__(
								'The export’s progress could not be loaded.',
								'auth-sentinel'
							)
						)
					);
					setFailures( ( count ) => count + 1 );
				} );
		}, POLL_DELAY );
		return () => {
			window.clearTimeout( timer );
			aborter.abort();
		};
		// Asked again after each answer or failure, not on a clock.
	}, [ id, answers, failures ] );

	useEffect( () => () => controller.current?.abort(), [] );

	return {
		job,
		error,
		isStarting,
		isCancelling,
		wasCancelled,
		start,
		cancel,
	};
}
