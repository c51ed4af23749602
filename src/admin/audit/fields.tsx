/**
 * The columns and filters of the Audit table.
 */
import { Button } from '@wordpress/components';
import type { Field } from '@wordpress/dataviews';
import { createContext, useContext } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { RelativeDate } from '../components/relative-date';
import type { Choice } from '../components/filters/user-choices';
import { AUDIT_ACTIONS } from '../data/audit/types';
import type { AuditEntry } from '../data/audit/types';
import { formatDateTime } from '../utils/dates';
import { actionLabel, auditUserName, entryActionLabel } from './labels';
import { FIELD } from './query';

/** What the cells need besides their row; changes without remounting them. */
export interface AuditCellsContext {
	now: Date;
	/** Opens the details of a row. */
	onView: ( entry: AuditEntry ) => void;
}

const CellsContext = createContext< AuditCellsContext >( {
	now: new Date( 0 ),
	onView: () => {},
} );

/** Provides the cells' context; wrap the DataViews in it. */
export const AuditCellsProvider = CellsContext.Provider;

type CellProps = { item: AuditEntry };

/**
 * Names who did something.
 *
 * @param entry The row.
 * @return The actor, or "System".
 */
export function actorName( entry: AuditEntry ): string {
	return auditUserName(
		entry.actor,
		entry.actor_id,
		__( 'System', 'auth-sentinel' )
	);
}

/**
 * Names whose account a row concerns.
 *
 * @param entry The row.
 * @return The user, or "—" when it concerns no user.
 */
export function targetName( entry: AuditEntry ): string {
	return auditUserName( entry.target, entry.target_user_id, '—' );
}

function AtField( { item }: CellProps ) {
	const { now } = useContext( CellsContext );
	return (
		<span className="auth-sentinel-stack">
			<span>{ formatDateTime( item.at ) }</span>
			<span className="auth-sentinel-muted">
				<RelativeDate date={ item.at } now={ now } />
			</span>
		</span>
	);
}

function ActionField( { item }: CellProps ) {
	return <>{ entryActionLabel( item ) }</>;
}

function SummaryField( { item }: CellProps ) {
	const { onView } = useContext( CellsContext );
	return (
		<Button
			variant="link"
			className="auth-sentinel-summary-link"
			onClick={ () => onView( item ) }
			aria-haspopup="dialog"
		>
			{ item.summary || entryActionLabel( item ) }
		</Button>
	);
}

function ActorField( { item }: CellProps ) {
	return <>{ actorName( item ) }</>;
}

function UserField( { item }: CellProps ) {
	return <>{ targetName( item ) }</>;
}

function IpField( { item }: CellProps ) {
	return <>{ item.ip }</>;
}

export interface AuditFieldsOptions {
	actorChoices: Choice< number >[];
	userChoices: Choice< number >[];
	timeChoices: Choice< string >[];
}

/** Filters take one value: the REST API filters by one value per field. */
const SINGLE = { operators: [ 'is' as const ] };
const PRIMARY = { operators: [ 'is' as const ], isPrimary: true };

/**
 * Builds the fields of the Audit table. The log is always newest first, so
 * no column sorts.
 *
 * @param options The choices of the filters that depend on data.
 * @return DataViews fields.
 */
export function auditFields(
	options: AuditFieldsOptions
): Field< AuditEntry >[] {
	return [
		{
			id: FIELD.at,
			label: __( 'When', 'auth-sentinel' ),
			getValue: ( { item } ) => item.at,
			render: AtField,
			elements: options.timeChoices,
			filterBy: PRIMARY,
			enableSorting: false,
			enableHiding: false,
		},
		{
			id: FIELD.action,
			label: __( 'Action', 'auth-sentinel' ),
			getValue: ( { item } ) => item.action,
			render: ActionField,
			elements: AUDIT_ACTIONS.map( ( action ) => ( {
				value: action,
				label: actionLabel( action ),
			} ) ),
			filterBy: PRIMARY,
			enableSorting: false,
		},
		{
			id: FIELD.summary,
			label: __( 'What happened', 'auth-sentinel' ),
			getValue: ( { item } ) => item.summary,
			render: SummaryField,
			enableSorting: false,
			enableHiding: false,
		},
		{
			id: FIELD.actor,
			label: __( 'By', 'auth-sentinel' ),
			getValue: ( { item } ) => item.actor_id,
			render: ActorField,
			elements: options.actorChoices,
			filterBy: SINGLE,
			enableSorting: false,
		},
		{
			id: FIELD.user,
			label: __( 'User', 'auth-sentinel' ),
			getValue: ( { item } ) => item.target_user_id,
			render: UserField,
			elements: options.userChoices,
			filterBy: SINGLE,
			enableSorting: false,
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
