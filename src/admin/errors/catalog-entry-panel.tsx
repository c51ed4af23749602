/**
 * The catalog entry of a failure: what it means, its common causes, how to
 * fix it (for the user and for the administrator) and related entries.
 */
import { __, sprintf } from '@wordpress/i18n';

import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { useCatalogEntry } from '../data/catalog/use-catalog';
import { CauseBadge } from '../events/cause-badge';
import type { CatalogEntry, FixAudience } from '../data/catalog/types';
import type { FailureCause } from '../data/events/types';
import { formatList } from '../utils/list';
import { entryFilter, findEntry } from './catalog-links';
import { ERRORS_STATE } from './url-state';

interface CatalogEntryPanelProps {
	code: string;
	/** The cause diagnosed for the failure, marked in the list of causes. */
	cause: FailureCause;
	catalog: readonly CatalogEntry[];
	errorsUrl: string;
}

function audienceHeading( audience: FixAudience ): string {
	return audience === 'admin'
		? __( 'What you can do (administrator)', 'auth-sentinel' )
		: __( 'What the user can do', 'auth-sentinel' );
}

function HowToFix( { entry }: { entry: CatalogEntry } ) {
	const audiences: FixAudience[] = [ 'user', 'admin' ];
	return (
		<>
			{ audiences.map( ( audience ) => {
				const fixes = entry.how_to_fix.filter(
					( fix ) => fix.audience === audience
				);
				if ( fixes.length === 0 ) {
					return null;
				}
				return (
					<div key={ audience } className="auth-sentinel-fixes">
						<h4>{ audienceHeading( audience ) }</h4>
						{ fixes.map( ( fix ) => (
							<div key={ fix.title }>
								<h5>{ fix.title }</h5>
								<ol>
									{ fix.steps.map( ( step ) => (
										<li key={ step }>{ step }</li>
									) ) }
								</ol>
							</div>
						) ) }
					</div>
				);
			} ) }
		</>
	);
}

export function CatalogEntryPanel( {
	code,
	cause,
	catalog,
	errorsUrl,
}: CatalogEntryPanelProps ) {
	const { data: entry, error, reload } = useCatalogEntry( code || null );
	if ( ! code ) {
		return null;
	}
	if ( ! entry ) {
		return error ? (
			<LoadError message={ error } onRetry={ reload } />
		) : (
			<Loading
				label={ __( 'Loading the catalog entry…', 'auth-sentinel' ) }
			/>
		);
	}
	return (
		<div className="auth-sentinel-catalog-entry">
			<h2>
				{ sprintf(
					/* translators: %s: catalog entry title, e.g. "Token Invalid". */
					__( 'About this error: %s', 'auth-sentinel' ),
					entry.title
				) }
			</h2>
			{ entry.aliases.length > 0 && (
				<p className="auth-sentinel-muted">
					{ sprintf(
						/* translators: %s: app error codes, e.g. "API02003". */
						__( 'Apps show it as %s.', 'auth-sentinel' ),
						formatList( entry.aliases )
					) }
				</p>
			) }
			{ entry.meaning && <p>{ entry.meaning }</p> }
			{ entry.causes.length > 0 && (
				<>
					<h3>{ __( 'Common causes', 'auth-sentinel' ) }</h3>
					<ul className="auth-sentinel-causes">
						{ entry.causes.map( ( item ) => (
							<li key={ item.cause }>
								<CauseBadge cause={ item.cause } />{ ' ' }
								{ item.text }
								{ item.cause === cause && (
									<strong>
										{ ' ' }
										{ __(
											'(diagnosed for this failure)',
											'auth-sentinel'
										) }
									</strong>
								) }
							</li>
						) ) }
					</ul>
				</>
			) }
			{ entry.how_to_fix.length > 0 && (
				<>
					<h3>{ __( 'How to fix', 'auth-sentinel' ) }</h3>
					<HowToFix entry={ entry } />
				</>
			) }
			{ entry.related.length > 0 && (
				<>
					<h3>{ __( 'Related errors', 'auth-sentinel' ) }</h3>
					<ul>
						{ entry.related.map( ( name ) => {
							const related = findEntry( catalog, name );
							return (
								<li key={ name }>
									<a
										href={ ERRORS_STATE.href(
											errorsUrl,
											entryFilter( catalog, name )
										) }
									>
										{ related && related.title !== name
											? sprintf(
													/* translators: 1: error code, 2: its title. */
													__(
														'%1$s — %2$s',
														'auth-sentinel'
													),
													name,
													related.title
												)
											: name }
									</a>
								</li>
							);
						} ) }
					</ul>
				</>
			) }
		</div>
	);
}
