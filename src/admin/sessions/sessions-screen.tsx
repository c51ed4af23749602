/**
 * The Sessions screen: every live browser session, application password
 * and app session of every user (or of one user, from the Users list),
 * with revocation of one, some, all of a user's or everyone's.
 */
import { Button, Notice } from '@wordpress/components';
import { DataViews } from '@wordpress/dataviews';
import { useCallback, useMemo, useState } from '@wordpress/element';
import { __, _n } from '@wordpress/i18n';

import { matchCount } from '../components/match-count';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { useCoreUser } from '../data/sessions/use-core-user';
import { useSessions } from '../data/sessions/use-sessions';
import type { RevokeResult, Session } from '../data/sessions/types';
import { useUrlView } from '../utils/use-url-view';
import { formatDateTime } from '../utils/dates';
import { useNow } from '../utils/use-now';
import { useTakeOverFirstRows } from '../first-rows';
import { sessionActions } from './actions';
import { EmptyState } from './empty-state';
import { SessionCellsProvider, sessionFields } from './fields';
import { revokeResultMessage, sessionUserName } from './labels';
import { DEFAULT_VIEW, restQueryFromState } from './query';
import { RevokeAllModal } from './revoke-all-modal';
import { revokeScopeMessage } from './revoke-scope';
import type { RevokeAllContext } from './revoke-scope';
import { RevokeDialog } from './revoke-dialog';
import { revokeReport } from './revoke-report';
import type { ScreenNotice } from './revoke-report';
import { UserHeader } from './user-header';
import { SESSIONS_STATE } from './url-state';

const DEFAULT_LAYOUTS = {
	table: {
		fields: DEFAULT_VIEW.fields,
		titleField: DEFAULT_VIEW.titleField,
		layout: {},
	},
};

interface SessionsScreenProps {
	/** Address of this screen, for links to one user's sessions. */
	sessionsUrl: string;
	/** Id of the signed-in user. */
	currentUser: number;
	/** Where the screen runs: what "revoke everyone" ends (a single site by default). */
	revokeContext?: RevokeAllContext;
}

const SINGLE_SITE: RevokeAllContext = { kind: 'site' };

/**
 * Names the user whose sessions are shown: from core's user route, else
 * from a session that names the user, else by id.
 *
 * @param userId   The user.
 * @param core     Name and login from core, when loaded.
 * @param sessions The sessions loaded.
 * @return The name.
 */
function userNameOf(
	userId: number,
	core: { name: string; username: string } | null,
	sessions: readonly Session[]
): string {
	if ( core ) {
		return sessionUserName( {
			user_id: userId,
			user: {
				id: userId,
				login: core.username,
				name: core.name,
				roles: [],
			},
		} );
	}
	const named = sessions.find( ( session ) => session.user_id === userId );
	return sessionUserName( named ?? { user_id: userId, user: null } );
}

export function SessionsScreen( {
	sessionsUrl,
	currentUser,
	revokeContext = SINGLE_SITE,
}: SessionsScreenProps ) {
	const { view, state, setView, setState } = useUrlView( SESSIONS_STATE );
	const sessions = useSessions( restQueryFromState( state ) );
	const coreUser = useCoreUser( state.user );
	const now = useNow();
	const [ pending, setPending ] = useState< Session[] | null >( null );
	const [ isRevokingAll, setIsRevokingAll ] = useState( false );
	const [ notice, setNotice ] = useState< ScreenNotice | null >( null );
	const [ selection, setSelection ] = useState< string[] >( [] );

	const fields = useMemo( () => sessionFields(), [] );
	const actions = useMemo( () => sessionActions( setPending ), [] );
	const userHref = useCallback(
		( userId: number ) =>
			SESSIONS_STATE.href( sessionsUrl, { user: userId } ),
		[ sessionsUrl ]
	);
	const cells = useMemo( () => ( { now, userHref } ), [ now, userHref ] );
	const { revoke } = sessions;
	const confirmRevoke = useCallback(
		async ( picked: Session[] ) => {
			setNotice( null );
			const outcome = await revoke( picked );
			setSelection( [] );
			setNotice( revokeReport( outcome ) );
		},
		[ revoke ]
	);
	const reportMass = ( result: RevokeResult ) => {
		// What the server says it ended (for everyone's), then the counts.
		const scope = revokeScopeMessage( result.scope, revokeContext );
		const counts = revokeResultMessage( result, ( iso ) =>
			formatDateTime( iso )
		);
		setNotice( {
			status: 'success',
			content: scope ? `${ scope } ${ counts }` : counts,
		} );
	};

	const userName = state.user
		? userNameOf( state.user, coreUser.data ?? null, sessions.items )
		: null;

	// The server's first rows give way to the table (or its error) here.
	useTakeOverFirstRows( sessions.hasLoaded || sessions.error !== null );

	let body;
	if ( ! sessions.hasLoaded ) {
		body = sessions.error ? (
			<LoadError message={ sessions.error } onRetry={ sessions.reload } />
		) : (
			<Loading label={ __( 'Loading sessions…', 'auth-sentinel' ) } />
		);
	} else if (
		sessions.total === 0 &&
		! SESSIONS_STATE.hasFilters( state ) &&
		! sessions.isLoading
	) {
		body = (
			<EmptyState
				userName={ userName }
				onShowEnded={ () => setState( { ...state, status: 'all' } ) }
			/>
		);
	} else {
		body = (
			<>
				<p className="auth-sentinel-count" role="status">
					{ sessions.isLoading
						? __( 'Loading sessions…', 'auth-sentinel' )
						: matchCount(
								sessions,
								/* translators: %s: number of sessions. */
								_n(
									'%s session matches.',
									'%s sessions match.',
									sessions.total,
									'auth-sentinel'
								),
								/* translators: %s: a number (10,000): more match than were counted. */
								__(
									'More than %s sessions match: narrow the filters to count them.',
									'auth-sentinel'
								)
							) }
				</p>
				<SessionCellsProvider value={ cells }>
					<DataViews< Session >
						view={ view }
						onChangeView={ setView }
						fields={ fields }
						actions={ actions }
						data={ sessions.items }
						getItemId={ ( item ) => String( item.id ) }
						isLoading={ sessions.isLoading }
						paginationInfo={ {
							totalItems: sessions.total,
							totalPages: sessions.totalPages,
						} }
						defaultLayouts={ DEFAULT_LAYOUTS }
						selection={ selection }
						onChangeSelection={ setSelection }
						searchLabel={ __(
							'Search users, emails, IP addresses or apps',
							'auth-sentinel'
						) }
					/>
				</SessionCellsProvider>
			</>
		);
	}

	return (
		<div className="auth-sentinel-sessions">
			{ state.user && userName ? (
				<UserHeader
					name={ userName }
					isSelf={ state.user === currentUser }
					backHref={ SESSIONS_STATE.href( sessionsUrl, {} ) }
					onRevoke={ () =>
						sessions.revokeUser( state.user as number )
					}
					onDone={ reportMass }
				/>
			) : (
				<div className="auth-sentinel-toolbar">
					<p className="auth-sentinel-intro">
						{ __(
							'Everyone who can use this site right now: browser sign-ins, application passwords and app sessions.',
							'auth-sentinel'
						) }
					</p>
					<Button
						__next40pxDefaultSize
						variant="secondary"
						isDestructive
						onClick={ () => setIsRevokingAll( true ) }
					>
						{ __( 'Revoke everyone’s sessions…', 'auth-sentinel' ) }
					</Button>
				</div>
			) }
			{ notice && (
				<Notice
					status={ notice.status }
					onRemove={ () => setNotice( null ) }
				>
					{ notice.content }
				</Notice>
			) }
			{ sessions.hasLoaded && sessions.error && (
				<LoadError
					message={ sessions.error }
					onRetry={ sessions.reload }
				/>
			) }
			{ body }
			{ pending && (
				<RevokeDialog
					sessions={ pending }
					onConfirm={ confirmRevoke }
					onClose={ () => setPending( null ) }
				/>
			) }
			{ isRevokingAll && (
				<RevokeAllModal
					context={ revokeContext }
					onRevoke={ sessions.revokeAll }
					onDone={ ( result ) => {
						setIsRevokingAll( false );
						reportMass( result );
					} }
					onClose={ () => setIsRevokingAll( false ) }
				/>
			) }
		</div>
	);
}
