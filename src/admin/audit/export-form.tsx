/**
 * The "Export CSV" button: starts a background export of every row matching
 * the table's filters, shows how far it is (with a button that cancels it),
 * then offers the finished file through a form that posts the REST nonce to
 * `POST /audit/exports/{id}/file`, so the browser downloads it itself and the
 * nonce never appears in an address. No request runs longer than a few
 * seconds, whatever the size. The user's export made for the same filters is
 * found again when the screen opens.
 */
import { Button, ProgressBar } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { download } from '@wordpress/icons';
import type { FormEvent } from 'react';

import { auditExportFileAction, currentRestNonce } from '../data/audit/api';
import type { AuditExportFilters, AuditExportJob } from '../data/audit/types';
import { useAuditExport } from '../data/audit/use-audit-export';
import { formatDateTime } from '../utils/dates';

interface AuditExportProps {
	/** Root of the REST API. */
	restRoot: string;
	/** A `wp_rest` nonce printed with the page. */
	restNonce: string;
	/** The table's filters, as the user chose them. */
	filters: AuditExportFilters;
}

/**
 * Says how far a running export is.
 *
 * @param job The export.
 * @return A sentence.
 */
export function exportProgressText( job: AuditExportJob ): string {
	const rows = job.rows.toLocaleString();
	if ( job.estimate === null || job.estimate <= job.rows ) {
		/* translators: %s: a number of rows. */
		return sprintf( __( '%s rows written…', 'auth-sentinel' ), rows );
	}
	return sprintf(
		/* translators: 1: rows written so far, 2: the rows the file will have, estimated. */
		__( '%1$s of about %2$s rows written…', 'auth-sentinel' ),
		rows,
		job.estimate.toLocaleString()
	);
}

/**
 * Says what a finished export holds.
 *
 * @param job The finished export.
 * @return A sentence.
 */
export function exportDoneText( job: AuditExportJob ): string {
	const megabytes = ( job.size ?? 0 ) / 1048576;
	const done = sprintf(
		/* translators: 1: a number of rows, 2: the file's size in megabytes. */
		__( 'Export ready: %1$s rows, %2$s MB.', 'auth-sentinel' ),
		job.rows.toLocaleString(),
		megabytes.toLocaleString( undefined, { maximumFractionDigits: 1 } )
	);
	const started = job.created ? formatDateTime( job.created ) : '';
	return started
		? sprintf(
				/* translators: 1: "Export ready: 8,000 rows, 1.2 MB.", 2: date and time. */
				__( '%1$s Started %2$s.', 'auth-sentinel' ),
				done,
				started
			)
		: done;
}

export function AuditExport( {
	restRoot,
	restNonce,
	filters,
}: AuditExportProps ) {
	// A file made for other filters is not offered; the user's export made
	// for these is found again (also after a reload).
	const {
		job,
		error,
		isStarting,
		isCancelling,
		wasCancelled,
		start,
		cancel,
	} = useAuditExport( filters );
	// The freshest nonce when the form is sent: wp-api-fetch renews it.
	const refreshNonce = ( event: FormEvent< HTMLFormElement > ) => {
		const input = event.currentTarget.elements.namedItem( '_wpnonce' );
		if ( input instanceof HTMLInputElement ) {
			input.value = currentRestNonce( restNonce );
		}
	};
	const running = isStarting || job?.state === 'running';

	return (
		<div className="auth-sentinel-export" aria-live="polite">
			{ job?.state === 'complete' && (
				<form
					method="post"
					action={ auditExportFileAction( restRoot, job.id ) }
					onSubmit={ refreshNonce }
				>
					<span className="auth-sentinel-export__status">
						{ exportDoneText( job ) }
					</span>
					<input
						type="hidden"
						name="_wpnonce"
						value={ currentRestNonce( restNonce ) }
					/>
					<Button
						__next40pxDefaultSize
						variant="primary"
						icon={ download }
						type="submit"
					>
						{ __( 'Download CSV', 'auth-sentinel' ) }
					</Button>
				</form>
			) }
			{ running && (
				<div className="auth-sentinel-export__progress">
					<span className="auth-sentinel-export__status">
						{ job
							? exportProgressText( job )
							: __( 'Starting the export…', 'auth-sentinel' ) }
					</span>
					<ProgressBar
						value={ job ? Math.round( job.progress * 100 ) : 0 }
						aria-label={ __( 'Export progress', 'auth-sentinel' ) }
					/>
					{ /* Nothing to confirm: a few seconds of work are lost, and the export can start again. */ }
					<Button
						__next40pxDefaultSize
						variant="tertiary"
						isBusy={ isCancelling }
						disabled={ ! job || isCancelling }
						accessibleWhenDisabled
						onClick={ cancel }
					>
						{ isCancelling
							? __( 'Cancelling…', 'auth-sentinel' )
							: __( 'Cancel export', 'auth-sentinel' ) }
					</Button>
				</div>
			) }
			{ wasCancelled && ! running && (
				<span className="auth-sentinel-export__status">
					{ __(
						'Export cancelled: its file is deleted.',
						'auth-sentinel'
					) }
				</span>
			) }
			{ job?.state === 'failed' && (
				<span className="auth-sentinel-export__status">
					{ __(
						'The export failed: its file could not be written.',
						'auth-sentinel'
					) }
				</span>
			) }
			{ error && (
				<span className="auth-sentinel-export__status" role="alert">
					{ error }
				</span>
			) }
			{ ! running && (
				<Button
					__next40pxDefaultSize
					variant="secondary"
					icon={ job?.state === 'complete' ? undefined : download }
					onClick={ start }
				>
					{ job?.state === 'complete'
						? __( 'Export again', 'auth-sentinel' )
						: __( 'Export CSV', 'auth-sentinel' ) }
				</Button>
			) }
		</div>
	);
}
