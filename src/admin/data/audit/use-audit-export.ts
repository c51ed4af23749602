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

/** Where the tab keeps its export, so that a reload finds it again. */
export const EXPORT_STORAGE_KEY = 'auth-sentinel-audit-export';

interface Kept {
	id: string;
	filters: string;
}

/**
 * Reads the export this tab started, if any.
 *
 * @return Its id and the filters it was made for, or null.
 */
function kept(): Kept | null {
	try {
		const raw: unknown = JSON.parse(
			window.sessionStorage.getItem( EXPORT_STORAGE_KEY ) ?? 'null'
		);
		if (
			typeof raw === 'object' &&
			raw !== null &&
			'id' in raw &&
			'filters' in raw &&
			typeof raw.id === 'string' &&
			typeof raw.filters === 'string'
		) {
			return { id: raw.id, filters: raw.filters };
		}
	} catch {
		// No storage, or not ours: nothing to find again.
	}
	return null;
}

/**
 * Keeps (or, with null, forgets) the export this tab started.
 *
 * @param value The export's id and filters.
 */
function keep( value: Kept | null ): void {
	try {
		if ( value ) {
			window.sessionStorage.setItem(
				EXPORT_STORAGE_KEY,
				JSON.stringify( value )
			);
		} else {
			window.sessionStorage.removeItem( EXPORT_STORAGE_KEY );
		}
	} catch {
		// Storage refused: a reload forgets the export, the server keeps it a day.
	}
}

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
 * The tab remembers its export: after a reload with the same filters, the
 * screen finds it again, running or finished.
 *
 * @param filters The table's filters as the export takes them, as JSON.
 * @return The export and what can be done with it.
 */
export function useAuditExport( filters: string ): AuditExportState {
	const [ job, setJob ] = useState< AuditExportJob | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ isStarting, setIsStarting ] = useState( false );
	const [ failures, setFailures ] = useState( 0 );
	const [ answers, setAnswers ] = useState( 0 );
	const controller = useRef< AbortController | null >( null );

	const reset = useCallback( () => {
		controller.current?.abort();
		controller.current = null;
		keep( null );
		setJob( null );
		setError( null );
		setFailures( 0 );
		setIsStarting( false );
	}, [] );

	const filtersRef = useRef( filters );
	filtersRef.current = filters;
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
				keep( { id: started.id, filters: filtersRef.current } );
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

	// Once, on mount: the export this tab started before a reload, if it was
	// made for these filters (asking for it also writes its next rows).
	useEffect( () => {
		const found = kept();
		if ( ! found || found.filters !== filtersRef.current ) {
			return;
		}
		const aborter = new AbortController();
		controller.current = aborter;
		fetchAuditExport( found.id, aborter.signal )
			.then( setJob )
			.catch( ( reason: unknown ) => {
				if ( ! isAbortError( reason ) ) {
					keep( null ); // Gone (a day old, or deleted): start afresh.
				}
			} );
	}, [] );

	useEffect( () => () => controller.current?.abort(), [] );

	return { job, error, isStarting, start, reset };
}
