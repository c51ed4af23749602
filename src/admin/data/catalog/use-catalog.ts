/**
 * Loads the error catalog: the whole list (for filters and titles) and one
 * entry (for the details of a failure).
 */
import { __ } from '@wordpress/i18n';

import { fetchCatalog, fetchCatalogEntry } from '../../api';
import type { CatalogEntry } from './types';
import { useRestResource } from '../use-rest-resource';
import type { ResourceState } from '../use-rest-resource';

/**
 * Loads `GET /auth-sentinel/v1/catalog` once.
 *
 * @return The entries and their state.
 */
export function useCatalog(): ResourceState< CatalogEntry[] > {
	return useRestResource(
		fetchCatalog,
		'catalog',
		__( 'The error catalog could not be loaded.', 'auth-sentinel' )
	);
}

/**
 * Loads `GET /auth-sentinel/v1/catalog/{code}`.
 *
 * @param code Entry code, alias or server code; null loads nothing.
 * @return The entry and its state.
 */
export function useCatalogEntry(
	code: string | null
): ResourceState< CatalogEntry > {
	return useRestResource(
		( signal ) => fetchCatalogEntry( code ?? '', signal ),
		code,
		__( 'This catalog entry could not be loaded.', 'auth-sentinel' )
	);
}
