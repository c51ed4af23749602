/**
 * Typed calls to the settings route of auth-sentinel/v1.
 */
import apiFetch from '@wordpress/api-fetch';

import { REST_NAMESPACE } from '../../api';
import type { Settings, SettingsInput } from './types';
import { normalizeSettings } from './normalize';

/**
 * Loads the settings.
 *
 * @param signal Aborts the request.
 * @return Every setting.
 */
export async function fetchSettings(
	signal?: AbortSignal
): Promise< Settings > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/settings`,
		signal,
	} );
	return normalizeSettings( body );
}

/**
 * Saves some settings. A refusal rejects with the REST error, whose
 * `data.params` names each bad field.
 *
 * @param values The settings to change.
 * @return Every setting, as stored.
 */
export async function saveSettings(
	values: Partial< SettingsInput >
): Promise< Settings > {
	const body = await apiFetch< unknown >( {
		path: `/${ REST_NAMESPACE }/settings`,
		method: 'POST',
		data: values,
	} );
	return normalizeSettings( body );
}
