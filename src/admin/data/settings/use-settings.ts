/**
 * Loads the settings and saves changes to them.
 */
import { useCallback, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { Settings, SettingsInput } from './types';
import { useRestResource } from '../use-rest-resource';
import { fetchSettings, saveSettings } from './api';

export interface SettingsState {
	/** The settings as stored, or null before they have loaded. */
	data: Settings | null;
	error: string | null;
	isLoading: boolean;
	reload: () => void;
	/**
	 * Saves some settings; resolves with every setting as stored and rejects
	 * with the REST error (see fieldErrorsOf()).
	 */
	save: ( values: Partial< SettingsInput > ) => Promise< Settings >;
}

/**
 * Loads `GET /auth-sentinel/v1/settings` and saves with `POST`.
 *
 * @return The settings, their state and the save.
 */
export function useSettings(): SettingsState {
	const resource = useRestResource(
		fetchSettings,
		'settings',
		__( 'The settings could not be loaded.', 'auth-sentinel' )
	);
	// What the last save answered, newer than the load it followed.
	const [ saved, setSaved ] = useState< {
		after: Settings | null;
		settings: Settings;
	} | null >( null );
	const loaded = resource.data;

	const save = useCallback(
		async ( values: Partial< SettingsInput > ) => {
			const settings = await saveSettings( values );
			setSaved( { after: loaded, settings } );
			return settings;
		},
		[ loaded ]
	);

	return {
		data: saved && saved.after === loaded ? saved.settings : resource.data,
		error: resource.error,
		isLoading: resource.isLoading,
		reload: resource.reload,
		save,
	};
}
