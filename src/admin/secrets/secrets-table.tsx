/**
 * The watched secrets in one table, a row group per family. Never shows a
 * value.
 */
import { __, sprintf } from '@wordpress/i18n';

import { RelativeDate } from '../components/relative-date';
import { StatusBadge } from '../components/status-badge';
import type { BadgeTone } from '../components/status-badge';
import type { Secret } from '../data/secrets/types';
import { formatDate } from '../utils/dates';
import { severityOf } from './advice';
import { groupSecrets } from './grouping';
import type { SecretSection } from './grouping';
import {
	groupDescription,
	groupHeading,
	sourceLabel,
	strengthLabel,
} from './labels';
import { SecretName } from './secret-name';

interface SecretsTableProps {
	secrets: readonly Secret[];
	now: Date;
	/** Id of the heading that names the table. */
	labelledBy: string;
}

function strengthTone( secret: Secret ): BadgeTone {
	if ( secret.strength === 'ok' ) {
		return 'ok';
	}
	return severityOf( secret ) ?? 'info';
}

function LastChanged( { secret, now }: { secret: Secret; now: Date } ) {
	if ( secret.changed_at ) {
		return <RelativeDate date={ secret.changed_at } now={ now } />;
	}
	if ( secret.first_seen ) {
		return (
			<>
				{ sprintf(
					/* translators: %s: date monitoring began. */
					__( 'Never (since monitoring began %s)', 'auth-sentinel' ),
					formatDate( secret.first_seen )
				) }
			</>
		);
	}
	return <>{ __( 'Never', 'auth-sentinel' ) }</>;
}

export function SecretsTable( {
	secrets,
	now,
	labelledBy,
}: SecretsTableProps ) {
	const columns = {
		name: __( 'Name', 'auth-sentinel' ),
		source: __( 'Where it is set', 'auth-sentinel' ),
		strength: __( 'Strength', 'auth-sentinel' ),
		changed: __( 'Last changed', 'auth-sentinel' ),
	};
	const sections = groupSecrets( secrets );
	if ( sections.length === 0 ) {
		return (
			<p>
				{ __(
					'The server reported no secrets to watch.',
					'auth-sentinel'
				) }
			</p>
		);
	}
	return (
		<table
			className="widefat auth-sentinel-table auth-sentinel-secrets-table"
			aria-labelledby={ labelledBy }
		>
			<thead>
				<tr>
					<th scope="col">{ columns.name }</th>
					<th scope="col">{ columns.source }</th>
					<th scope="col">{ columns.strength }</th>
					<th scope="col">{ columns.changed }</th>
				</tr>
			</thead>
			{ sections.map( ( section ) => (
				<SecretRows
					key={ section.group }
					section={ section }
					columns={ columns }
					now={ now }
				/>
			) ) }
		</table>
	);
}

interface SecretRowsProps {
	section: SecretSection;
	columns: Record< 'name' | 'source' | 'strength' | 'changed', string >;
	now: Date;
}

function SecretRows( { section, columns, now }: SecretRowsProps ) {
	return (
		<tbody>
			<tr className="auth-sentinel-group-row">
				<th scope="rowgroup" colSpan={ 4 }>
					<span className="auth-sentinel-group-row__title">
						{ groupHeading( section.group ) }
					</span>{ ' ' }
					<span className="auth-sentinel-group-row__description">
						{ groupDescription( section.group ) }
					</span>
				</th>
			</tr>
			{ section.secrets.map( ( secret ) => (
				<tr key={ secret.name }>
					<th scope="row" data-label={ columns.name }>
						<SecretName name={ secret.name } />
					</th>
					<td data-label={ columns.source }>
						{ sourceLabel( secret.source, secret.group ) }
					</td>
					<td data-label={ columns.strength }>
						<StatusBadge tone={ strengthTone( secret ) }>
							{ strengthLabel( secret.strength, secret.source ) }
						</StatusBadge>
					</td>
					<td data-label={ columns.changed }>
						<LastChanged secret={ secret } now={ now } />
					</td>
				</tr>
			) ) }
		</tbody>
	);
}
