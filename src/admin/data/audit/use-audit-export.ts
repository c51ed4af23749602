/**
 * A background export of the audit log, as the screen follows it: started
 * with the table's filters, then asked about again and again (each request
 * writes the next rows on the server) until its file is complete.
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { isAbortError, restErrorMessage } from '../../api';
import { fetchAuditExport, startAuditExport } from './api';
import type { AuditExportJob, AuditQuery } from './types';

/** Milliseconds between the answer to one question and the next. */
export const POLL_DELAY = 1000;

export interface AuditExportState {
	/** The export, once started. */
	job: AuditExportJob | null;
	/** Message of the last failure, or null. */
	error: string | null;
	/** Whether the export is being started. */
	isStarting: boolean;
	/** Starts an export of the rows matching the filters. */
	start: ( query: AuditQuery ) => void;
	/** Forgets the export (the server deletes it after a day). */
	reset: () => void;
}

/**
 * Starts and follows one export at a time. A failed question is asked again
 * (the job goes on by WP-Cron meanwhile); three failures in a row stop it.
 *
 * @return The export and what can be done with it.
 */
export function useAuditExport(): AuditExportState {
	const [ job, setJob ] = useState< AuditExportJob | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ isStarting, setIsStarting ] = useState( false );
	const [ failures, setFailures ] = useState( 0 );
	const [ answers, setAnswers ] = useState( 0 );
	const controller = useRef< AbortController | null >( null );

	const reset = useCallback( () => {
		controller.current?.abort();
		controller.current = null;
		setJob( null );
		setError( null );
		setFailures( 0 );
		setIsStarting( false );
	}, [] );

	const start = useCallback( ( query: AuditQuery ) => {
		controller.current?.abort();
		const aborter = new AbortController();
		controller.current = aborter;
		setJob( null );
		setError( null );
		setFailures( 0 );
		setIsStarting( true );
		startAuditExport( query, aborter.signal )
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
	}, [] );

	const id = job?.state === 'running' ? job.id : null;
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

	return { job, error, isStarting, start, reset };
}
