/**
 * Loads the name of the user whose sessions the screen shows.
 */
import { __ } from '@wordpress/i18n';

import { useRestResource } from '../use-rest-resource';
import type { ResourceState } from '../use-rest-resource';
import { fetchCoreUser } from './api';
import type { CoreUser } from './api';

/**
 * Loads `GET /wp/v2/users/{id}` when there is a user.
 *
 * @param userId The user, or null for none.
 * @return The user and its state.
 */
export function useCoreUser(
	userId: number | null
): ResourceState< CoreUser | null > {
	return useRestResource(
		( signal ) =>
			userId ? fetchCoreUser( userId, signal ) : Promise.resolve( null ),
		userId ? String( userId ) : null,
		__( 'The user could not be loaded.', 'auth-sentinel' )
	);
}
