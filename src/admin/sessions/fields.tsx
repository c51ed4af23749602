/**
 * The columns and filters of the Sessions table.
 */
import type { Field } from '@wordpress/dataviews';
import { createContext, useContext } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { SESSION_STATUS_FILTERS, SESSION_TYPES } from '../data/sessions/types';
import type { Session } from '../data/sessions/types';
import { describeSession, statusFilterLabel, typeLabel } from './labels';
import { FIELD } from './query';
import {
	ClientCell,
	DateCell,
	StatusCell,
	TypeCell,
	UserCell,
} from './session-cells';

/** What the cells need besides their row; changes without remounting them. */
export interface SessionCellsContext {
	now: Date;
	/** Address of a user's sessions. */
	userHref: ( userId: number ) => string;
}

const CellsContext = createContext< SessionCellsContext >( {
	now: new Date( 0 ),
	userHref: () => '',
} );

/** Provides the cells' context; wrap the DataViews in it. */
export const SessionCellsProvider = CellsContext.Provider;

type CellProps = { item: Session };

function UserField( { item }: CellProps ) {
	const { userHref } = useContext( CellsContext );
	return (
		<UserCell
			session={ item }
			href={ item.user_id > 0 ? userHref( item.user_id ) : null }
		/>
	);
}

function TypeField( { item }: CellProps ) {
	return <TypeCell session={ item } />;
}

function ClientField( { item }: CellProps ) {
	return <ClientCell session={ item } />;
}

function CreatedField( { item }: CellProps ) {
	const { now } = useContext( CellsContext );
	return <DateCell date={ item.created } now={ now } empty="" />;
}

function LastSeenField( { item }: CellProps ) {
	const { now } = useContext( CellsContext );
	return (
		<DateCell
			date={ item.last_seen }
			now={ now }
			empty={ __( 'Not seen yet', 'auth-sentinel' ) }
		/>
	);
}

function ExpiresField( { item }: CellProps ) {
	const { now } = useContext( CellsContext );
	return (
		<DateCell
			date={ item.expires }
			now={ now }
			empty={ __( 'Never', 'auth-sentinel' ) }
		/>
	);
}

function StatusField( { item }: CellProps ) {
	const { now } = useContext( CellsContext );
	return <StatusCell session={ item } now={ now } />;
}

/** Filters take one value: the REST API filters by one value per field. */
const PRIMARY = { operators: [ 'is' as const ], isPrimary: true };

/**
 * Builds the fields of the Sessions table.
 *
 * @return DataViews fields.
 */
export function sessionFields(): Field< Session >[] {
	return [
		{
			id: FIELD.user,
			label: __( 'User', 'auth-sentinel' ),
			// The row's title: what its selection checkbox is named.
			getValue: ( { item } ) => describeSession( item ),
			render: UserField,
			enableSorting: false,
			enableHiding: false,
		},
		{
			id: FIELD.type,
			label: __( 'Type', 'auth-sentinel' ),
			getValue: ( { item } ) => item.type,
			render: TypeField,
			elements: SESSION_TYPES.map( ( type ) => ( {
				value: type,
				label: typeLabel( type ),
			} ) ),
			filterBy: PRIMARY,
			enableSorting: false,
		},
		{
			id: FIELD.client,
			label: __( 'Client and IP address', 'auth-sentinel' ),
			getValue: ( { item } ) => item.client,
			render: ClientField,
			enableSorting: false,
		},
		{
			id: FIELD.created,
			label: __( 'Created', 'auth-sentinel' ),
			getValue: ( { item } ) => item.created,
			render: CreatedField,
		},
		{
			id: FIELD.lastSeen,
			label: __( 'Last seen', 'auth-sentinel' ),
			getValue: ( { item } ) => item.last_seen ?? '',
			render: LastSeenField,
		},
		{
			id: FIELD.expires,
			label: __( 'Expires', 'auth-sentinel' ),
			getValue: ( { item } ) => item.expires ?? '',
			render: ExpiresField,
		},
		{
			id: FIELD.status,
			label: __( 'Status', 'auth-sentinel' ),
			getValue: ( { item } ) => item.status,
			render: StatusField,
			elements: SESSION_STATUS_FILTERS.map( ( status ) => ( {
				value: status,
				label: statusFilterLabel( status ),
			} ) ),
			filterBy: PRIMARY,
			enableSorting: false,
		},
	];
}
