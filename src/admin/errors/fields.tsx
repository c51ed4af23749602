/**
 * The columns and filters of the Errors table.
 */
import type { Field } from '@wordpress/dataviews';
import { createContext, useContext } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { CauseBadge } from '../events/cause-badge';
import { causeLabel } from '../events/causes';
import { sourceLabel } from '../events/sources';
import { CAUSES, SOURCES } from '../data/events/types';
import { formatCount } from '../events/format';
import type { AuthEvent } from '../data/events/types';
import type { Choice } from '../components/filters/user-choices';
import { ClientCell, EntryCell, LastSeenCell, UserCell } from './event-cells';
import { FIELD } from './query';

/** What the cells need besides their row; changes without remounting them. */
export interface EventCellsContext {
	now: Date;
	/** Titles of catalog entries, by code. */
	titles: ReadonlyMap< string, string >;
	/** Opens the details of a failure. */
	onView: ( event: AuthEvent ) => void;
}

const CellsContext = createContext< EventCellsContext >( {
	now: new Date( 0 ),
	titles: new Map(),
	onView: () => {},
} );

/** Provides the cells' context; wrap the DataViews in it. */
export const EventCellsProvider = CellsContext.Provider;

/*
 * The renderers are module-level components, so rebuilding the fields (when
 * filter choices change) never remounts the cells or loses their focus.
 */
type CellProps = { item: AuthEvent };

function LastSeenField( { item }: CellProps ) {
	const { now } = useContext( CellsContext );
	return <LastSeenCell event={ item } now={ now } />;
}

function FirstSeenField( { item }: CellProps ) {
	const { now } = useContext( CellsContext );
	return (
		<LastSeenCell
			event={ { ...item, last_seen: item.first_seen } }
			now={ now }
		/>
	);
}

function EntryField( { item }: CellProps ) {
	const { titles, onView } = useContext( CellsContext );
	return (
		<EntryCell
			event={ item }
			title={ titles.get( item.code ) }
			onView={ onView }
		/>
	);
}

function CauseField( { item }: CellProps ) {
	return <CauseBadge cause={ item.cause } />;
}

function UserField( { item }: CellProps ) {
	return <UserCell event={ item } />;
}

function ClientField( { item }: CellProps ) {
	return <ClientCell event={ item } />;
}

function SourceField( { item }: CellProps ) {
	return <>{ sourceLabel( item.source ) }</>;
}

function CountField( { item }: CellProps ) {
	return <>{ formatCount( item.count ) }</>;
}

function IpField( { item }: CellProps ) {
	return <>{ item.ip }</>;
}

export interface EventFieldsOptions {
	codeChoices: Choice< string >[];
	userChoices: Choice< number >[];
	timeChoices: Choice< string >[];
}

/** Filters take one value: the REST API filters by one value per field. */
const SINGLE = { operators: [ 'is' as const ] };
const PRIMARY = { operators: [ 'is' as const ], isPrimary: true };

/**
 * Builds the fields of the Errors table.
 *
 * @param options The choices of the filters that depend on data.
 * @return DataViews fields.
 */
export function eventFields(
	options: EventFieldsOptions
): Field< AuthEvent >[] {
	return [
		{
			id: FIELD.lastSeen,
			label: __( 'Last seen', 'auth-sentinel' ),
			getValue: ( { item } ) => item.last_seen,
			render: LastSeenField,
			elements: options.timeChoices,
			filterBy: PRIMARY,
			enableHiding: false,
		},
		{
			id: FIELD.firstSeen,
			label: __( 'First seen', 'auth-sentinel' ),
			getValue: ( { item } ) => item.first_seen,
			render: FirstSeenField,
		},
		{
			id: FIELD.cause,
			label: __( 'Cause', 'auth-sentinel' ),
			getValue: ( { item } ) => item.cause,
			render: CauseField,
			elements: CAUSES.map( ( cause ) => ( {
				value: cause,
				label: causeLabel( cause ),
			} ) ),
			filterBy: PRIMARY,
			enableSorting: false,
		},
		{
			id: FIELD.code,
			label: __( 'Catalog entry', 'auth-sentinel' ),
			getValue: ( { item } ) => item.code,
			render: EntryField,
			elements: options.codeChoices,
			filterBy: SINGLE,
			enableSorting: false,
			enableHiding: false,
		},
		{
			id: FIELD.user,
			label: __( 'User', 'auth-sentinel' ),
			getValue: ( { item } ) => item.user_id,
			render: UserField,
			elements: options.userChoices,
			filterBy: SINGLE,
			enableSorting: false,
		},
		{
			id: FIELD.client,
			label: __( 'Client app', 'auth-sentinel' ),
			getValue: ( { item } ) => item.client,
			render: ClientField,
			enableSorting: false,
		},
		{
			id: FIELD.source,
			label: __( 'Source', 'auth-sentinel' ),
			getValue: ( { item } ) => item.source,
			render: SourceField,
			elements: SOURCES.map( ( source ) => ( {
				value: source,
				label: sourceLabel( source ),
			} ) ),
			filterBy: SINGLE,
			enableSorting: false,
		},
		{
			id: FIELD.count,
			label: __( 'Count', 'auth-sentinel' ),
			getValue: ( { item } ) => item.count,
			render: CountField,
		},
		{
			id: FIELD.ip,
			label: __( 'IP address', 'auth-sentinel' ),
			getValue: ( { item } ) => item.ip,
			render: IpField,
			enableSorting: false,
		},
	];
}
