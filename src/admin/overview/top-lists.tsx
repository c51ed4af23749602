/**
 * The users, apps and catalog entries with the most failures, each linking
 * to the Errors screen filtered by it.
 */
import { __, _n, sprintf } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import { ERRORS_STATE } from '../errors/url-state';
import type { ErrorsState } from '../errors/url-state';
import type { EventStats } from '../data/events/types';
import { periodOfInterval } from './headline';

interface TopItem {
	key: string;
	label: ReactNode;
	count: number;
	filters: Partial< ErrorsState >;
}

interface TopListProps {
	id: string;
	title: string;
	items: TopItem[];
	errorsUrl: string;
	period: Partial< ErrorsState >;
}

function TopList( { id, title, items, errorsUrl, period }: TopListProps ) {
	return (
		<section className="auth-sentinel-top" aria-labelledby={ id }>
			<h3 id={ id }>{ title }</h3>
			{ items.length === 0 ? (
				<p className="auth-sentinel-muted">
					{ __( 'None in this period.', 'auth-sentinel' ) }
				</p>
			) : (
				<ol>
					{ items.map( ( item ) => (
						<li key={ item.key }>
							<a
								href={ ERRORS_STATE.href( errorsUrl, {
									...period,
									...item.filters,
								} ) }
							>
								{ item.label }
							</a>{ ' ' }
							<span className="auth-sentinel-muted">
								{ sprintf(
									/* translators: %s: number of failures. */
									_n(
										'%s failure',
										'%s failures',
										item.count,
										'auth-sentinel'
									),
									item.count.toLocaleString()
								) }
							</span>
						</li>
					) ) }
				</ol>
			) }
		</section>
	);
}

interface TopListsProps {
	stats: EventStats;
	errorsUrl: string;
}

export function TopLists( { stats, errorsUrl }: TopListsProps ) {
	const period = periodOfInterval( stats.interval );
	return (
		<div className="auth-sentinel-tops">
			<TopList
				id="auth-sentinel-top-users"
				title={ __( 'Most affected users', 'auth-sentinel' ) }
				errorsUrl={ errorsUrl }
				period={ period }
				items={ stats.top_users.map( ( user ) => ( {
					key: String( user.user_id ),
					label:
						user.display_name === user.login
							? user.login
							: sprintf(
									/* translators: 1: display name, 2: login name. */
									__( '%1$s (%2$s)', 'auth-sentinel' ),
									user.display_name,
									user.login
								),
					count: user.count,
					filters: { user: user.user_id },
				} ) ) }
			/>
			<TopList
				id="auth-sentinel-top-clients"
				title={ __( 'Client apps', 'auth-sentinel' ) }
				errorsUrl={ errorsUrl }
				period={ period }
				items={ stats.top_clients.map( ( client ) => ( {
					key: client.client,
					label: client.client,
					count: client.count,
					filters: { search: client.search },
				} ) ) }
			/>
			<TopList
				id="auth-sentinel-top-codes"
				title={ __( 'Catalog entries', 'auth-sentinel' ) }
				errorsUrl={ errorsUrl }
				period={ period }
				items={ stats.top_codes.map( ( code ) => ( {
					key: code.code,
					label: (
						<>
							{ code.title }{ ' ' }
							{ code.title !== code.code && (
								<code>{ code.code }</code>
							) }
						</>
					),
					count: code.count,
					filters: { code: code.code },
				} ) ) }
			/>
		</div>
	);
}
