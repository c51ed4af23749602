/**
 * When sessions end by themselves: on a password, email or role change,
 * and past a number of sessions per role.
 */
import { TextControl, ToggleControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { LIMITS } from '../data/settings/normalize';
import { FieldError, helpOrError } from './field-error';
import { SectionCard } from './section';
import type { SectionProps } from './section';

interface PoliciesSectionProps extends SectionProps {
	/** The site's roles: slug => translated name. */
	roles: Readonly< Record< string, string > >;
}

export function PoliciesSection( {
	draft,
	onChange,
	errors,
	disabled,
	roles,
}: PoliciesSectionProps ) {
	const limitRoles = Object.keys( draft.session_limits );
	return (
		<SectionCard
			id="auth-sentinel-settings-policies"
			title={ __( 'Revocation policies', 'auth-sentinel' ) }
			description={ __(
				'End a user’s browser sessions, app sessions and tokens automatically (application passwords are kept). If users make the change themselves, the session they make it from stays signed in.',
				'auth-sentinel'
			) }
		>
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __(
					'When a user’s password changes',
					'auth-sentinel'
				) }
				help={ helpOrError(
					undefined,
					errors.revoke_on_password_change
				) }
				checked={ draft.revoke_on_password_change }
				onChange={ ( value ) =>
					onChange( { revoke_on_password_change: value } )
				}
				disabled={ disabled }
			/>
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __(
					'When a user’s email address changes',
					'auth-sentinel'
				) }
				help={ helpOrError( undefined, errors.revoke_on_email_change ) }
				checked={ draft.revoke_on_email_change }
				onChange={ ( value ) =>
					onChange( { revoke_on_email_change: value } )
				}
				disabled={ disabled }
			/>
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __( 'When a user’s role changes', 'auth-sentinel' ) }
				help={ helpOrError( undefined, errors.revoke_on_role_change ) }
				checked={ draft.revoke_on_role_change }
				onChange={ ( value ) =>
					onChange( { revoke_on_role_change: value } )
				}
				disabled={ disabled }
			/>
			<h3 id="auth-sentinel-session-limits">
				{ __( 'Session limits per role', 'auth-sentinel' ) }
			</h3>
			<p className="auth-sentinel-muted">
				{ __(
					'Most browser sessions a user of the role may have at once; signing in once more ends the oldest. 0 means no limit. A user with several roles gets the most generous of them.',
					'auth-sentinel'
				) }
			</p>
			{ errors.session_limits && (
				<p>
					<FieldError message={ errors.session_limits } />
				</p>
			) }
			{ limitRoles.length === 0 ? (
				<p>{ __( 'No roles to list.', 'auth-sentinel' ) }</p>
			) : (
				<table
					className="widefat striped auth-sentinel-limits"
					aria-labelledby="auth-sentinel-session-limits"
				>
					<thead>
						<tr>
							<th scope="col">
								{ __( 'Role', 'auth-sentinel' ) }
							</th>
							<th scope="col">
								{ __(
									'Most sessions per user',
									'auth-sentinel'
								) }
							</th>
						</tr>
					</thead>
					<tbody>
						{ limitRoles.map( ( role ) => {
							const name = roles[ role ] ?? role;
							return (
								<tr key={ role }>
									<th scope="row">{ name }</th>
									<td>
										<TextControl
											__nextHasNoMarginBottom
											__next40pxDefaultSize
											type="number"
											min={ LIMITS.sessionLimit.min }
											max={ LIMITS.sessionLimit.max }
											label={ sprintf(
												/* translators: %s: role name, e.g. "Shop manager". */
												__(
													'Session limit for %s',
													'auth-sentinel'
												),
												name
											) }
											hideLabelFromVision
											help={ helpOrError(
												undefined,
												errors[
													`session_limits.${ role }`
												]
											) }
											value={
												draft.session_limits[ role ] ??
												'0'
											}
											onChange={ ( value ) =>
												onChange( {
													session_limits: {
														...draft.session_limits,
														[ role ]: value,
													},
												} )
											}
											disabled={ disabled }
										/>
									</td>
								</tr>
							);
						} ) }
					</tbody>
				</table>
			) }
		</SectionCard>
	);
}
