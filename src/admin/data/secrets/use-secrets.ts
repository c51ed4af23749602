/**
 * Loads the secrets report for the Secrets screen.
 */
import { __ } from '@wordpress/i18n';

import { fetchSecrets } from '../../api';
import type { SecretsResponse } from './types';
import { useRestResource } from '../use-rest-resource';
import type { ResourceState } from '../use-rest-resource';

export type SecretsState = ResourceState< SecretsResponse >;

/**
 * Loads `GET /auth-sentinel/v1/secrets` on mount and on reload().
 *
 * @return The report and its state.
 */
export function useSecrets(): SecretsState {
	return useRestResource(
		fetchSecrets,
		'secrets',
		__( 'The secrets report could not be loaded.', 'auth-sentinel' )
	);
}
