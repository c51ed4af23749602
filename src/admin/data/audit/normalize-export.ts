/**
 * Checks the answers of `/audit/exports`: a job without an id or a state it
 * does not know is refused, so the screen never offers a file it cannot name.
 */
import type { AuditExportFilters, AuditExportJob } from './types';
import { countOrNull, isRecord, oneOf, stringOrNull } from '../guards';

const STATES = [ 'running', 'complete', 'failed' ] as const;

/**
 * Reads an export's filters as chosen: the strings and numbers of an object.
 *
 * @param raw The `filters` of an answer.
 * @return The filters; none when it is not an object.
 */
function exportFiltersOf( raw: unknown ): AuditExportFilters {
	const filters: AuditExportFilters = {};
	if ( isRecord( raw ) ) {
		for ( const [ key, value ] of Object.entries( raw ) ) {
			if ( typeof value === 'string' || typeof value === 'number' ) {
				filters[ key ] = value;
			}
		}
	}
	return filters;
}

/**
 * Turns a `/audit/exports` answer into a job.
 *
 * @param raw The parsed JSON body.
 * @return The job, or null when it cannot be understood.
 */
export function normalizeAuditExportJob( raw: unknown ): AuditExportJob | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	const id = stringOrNull( raw.id );
	const state = oneOf( raw.state, STATES );
	if ( ! id || ! /^[0-9a-f]{16}$/.test( id ) || ! state ) {
		return null;
	}
	const filename = stringOrNull( raw.filename );
	if ( state === 'complete' && ! filename ) {
		return null;
	}
	const progress = countOrNull( raw.progress ) ?? 0;
	return {
		id,
		filters: exportFiltersOf( raw.filters ),
		state,
		rows: countOrNull( raw.rows ) ?? 0,
		estimate: countOrNull( raw.estimate ),
		progress: Math.min( 1, progress ),
		filename,
		size: countOrNull( raw.size ),
		created: stringOrNull( raw.created ),
	};
}
