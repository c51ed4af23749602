/**
 * The recorded changes of the watched secrets, newest first.
 */
import { __ } from '@wordpress/i18n';

import { RelativeDate } from '../components/relative-date';
import type { SecretChange } from '../data/secrets/types';
import { changeOutcomes } from './history';
import { compareNames } from './known-secrets';
import { SecretName } from './secret-name';

interface SecretsHistoryProps {
	history: readonly SecretChange[];
	now: Date;
}

export function SecretsHistory( { history, now }: SecretsHistoryProps ) {
	if ( history.length === 0 ) {
		return <p>{ __( 'No changes recorded yet.', 'auth-sentinel' ) }</p>;
	}
	const columns = {
		when: __( 'When', 'auth-sentinel' ),
		changed: __( 'What changed', 'auth-sentinel' ),
		outcome: __( 'What it did', 'auth-sentinel' ),
	};
	return (
		<table className="widefat striped auth-sentinel-table auth-sentinel-history">
			<thead>
				<tr>
					<th scope="col">{ columns.when }</th>
					<th scope="col">{ columns.changed }</th>
					<th scope="col">{ columns.outcome }</th>
				</tr>
			</thead>
			<tbody>
				{ history.map( ( change ) => (
					<tr key={ change.id }>
						<td data-label={ columns.when }>
							<RelativeDate date={ change.at } now={ now } />
						</td>
						<td data-label={ columns.changed }>
							<ul className="auth-sentinel-names">
								{ [ ...change.changed ]
									.sort( compareNames )
									.map( ( name ) => (
										<li key={ name }>
											<SecretName name={ name } />
										</li>
									) ) }
							</ul>
						</td>
						<td data-label={ columns.outcome }>
							{ changeOutcomes( change ).map( ( outcome ) => (
								<p key={ outcome }>{ outcome }</p>
							) ) }
						</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
