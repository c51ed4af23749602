/**
 * What can be done with one failure in the Errors table.
 */
import type { Action } from '@wordpress/dataviews';
import { __ } from '@wordpress/i18n';
import { seen } from '@wordpress/icons';

import type { AuthEvent } from '../data/events/types';

/**
 * Builds the table's actions.
 *
 * @param onView Opens the details of a failure.
 * @return DataViews actions.
 */
export function eventActions(
	onView: ( event: AuthEvent ) => void
): Action< AuthEvent >[] {
	return [
		{
			id: 'view-details',
			label: __( 'View details', 'auth-sentinel' ),
			icon: seen,
			isPrimary: true,
			callback: ( [ event ] ) => {
				if ( event ) {
					onView( event );
				}
			},
		},
	];
}
