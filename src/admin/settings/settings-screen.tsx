/**
 * The Settings screen: retention, privacy, storage limits, client addresses,
 * revocation policies, alerts and log forwarding in one form, saved together; the server's
 * refusals are shown next to the fields they concern.
 */
import { Button, Notice } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { restErrorMessage } from '../api';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { fieldErrorsOf } from '../data/settings/normalize';
import { useSettings } from '../data/settings/use-settings';
import { AlertsSection } from './alerts-section';
import { ClientAddressesSection } from './client-addresses-section';
import { changesOf, draftFromSettings, isDirty } from './form-state';
import type { FieldErrors, SettingsDraft } from './form-state';
import { LogForwardingSection } from './log-forwarding-section';
import { PoliciesSection } from './policies-section';
import { RetentionSection } from './retention-section';
import { StorageSection } from './storage-section';

interface SettingsScreenProps {
	/** The site's roles: slug => translated name. */
	roles: Readonly< Record< string, string > >;
}

interface ScreenNotice {
	status: 'success' | 'error';
	message: string;
}

/**
 * Drops the errors of the settings a change touches.
 *
 * @param errors The errors shown.
 * @param patch  The change.
 * @return The errors left.
 */
function withoutErrorsOf(
	errors: FieldErrors,
	patch: Partial< SettingsDraft >
): FieldErrors {
	const touched = Object.keys( patch );
	return Object.fromEntries(
		Object.entries( errors ).filter(
			( [ name ] ) =>
				! touched.some(
					( key ) => name === key || name.startsWith( `${ key }.` )
				)
		)
	);
}

/**
 * Asks the browser to warn before leaving the page with unsaved changes.
 *
 * @param when Whether there are unsaved changes.
 */
function useLeaveWarning( when: boolean ): void {
	useEffect( () => {
		if ( ! when ) {
			return;
		}
		const warn = ( event: BeforeUnloadEvent ) => {
			event.preventDefault();
			event.returnValue = '';
		};
		window.addEventListener( 'beforeunload', warn );
		return () => window.removeEventListener( 'beforeunload', warn );
	}, [ when ] );
}

export function SettingsScreen( { roles }: SettingsScreenProps ) {
	const settings = useSettings();
	const saved = settings.data;
	const [ draft, setDraft ] = useState< SettingsDraft | null >( null );
	const [ errors, setErrors ] = useState< FieldErrors >( {} );
	const [ notice, setNotice ] = useState< ScreenNotice | null >( null );
	const [ isSaving, setIsSaving ] = useState( false );

	useEffect( () => {
		if ( saved && draft === null ) {
			setDraft( draftFromSettings( saved, roles ) );
		}
	}, [ saved, draft, roles ] );

	const dirty =
		saved !== null && draft !== null && isDirty( draft, saved, roles );
	useLeaveWarning( dirty );

	if ( ! saved || ! draft ) {
		if ( settings.error ) {
			return (
				<LoadError
					message={ settings.error }
					onRetry={ settings.reload }
				/>
			);
		}
		return <Loading label={ __( 'Loading settings…', 'auth-sentinel' ) } />;
	}

	const onChange = ( patch: Partial< SettingsDraft > ) => {
		setDraft( { ...draft, ...patch } );
		setErrors( ( previous ) => withoutErrorsOf( previous, patch ) );
	};

	const save = () => {
		const { values, errors: invalid } = changesOf( draft, saved );
		if ( Object.keys( invalid ).length > 0 ) {
			setErrors( invalid );
			setNotice( {
				status: 'error',
				message: __(
					'The settings were not saved: correct the fields marked below.',
					'auth-sentinel'
				),
			} );
			return;
		}
		if ( Object.keys( values ).length === 0 ) {
			setDraft( draftFromSettings( saved, roles ) );
			return;
		}
		setIsSaving( true );
		setNotice( null );
		settings.save( values ).then(
			( stored ) => {
				setIsSaving( false );
				setDraft( draftFromSettings( stored, roles ) );
				setErrors( {} );
				setNotice( {
					status: 'success',
					message: __( 'Settings saved.', 'auth-sentinel' ),
				} );
			},
			( reason: unknown ) => {
				setIsSaving( false );
				const fields = fieldErrorsOf( reason );
				setErrors( fields );
				setNotice( {
					status: 'error',
					message:
						Object.keys( fields ).length > 0
							? __(
									'The settings were not saved: correct the fields marked below.',
									'auth-sentinel'
								)
							: restErrorMessage(
									reason,
									__(
										'The settings could not be saved.',
										'auth-sentinel'
									)
								),
				} );
			}
		);
	};

	const sectionProps = { draft, onChange, errors, disabled: isSaving };

	return (
		<form
			className="auth-sentinel-settings"
			// The fields show their own messages, next to them.
			noValidate
			onSubmit={ ( event ) => {
				event.preventDefault();
				if ( dirty && ! isSaving ) {
					save();
				}
			} }
		>
			{ notice && (
				<Notice
					status={ notice.status }
					onRemove={ () => setNotice( null ) }
				>
					{ notice.message }
				</Notice>
			) }
			<RetentionSection { ...sectionProps } />
			<StorageSection { ...sectionProps } />
			<ClientAddressesSection { ...sectionProps } />
			<PoliciesSection { ...sectionProps } roles={ roles } />
			<AlertsSection
				{ ...sectionProps }
				webhookSecret={ saved.alert_webhook_secret }
			/>
			<LogForwardingSection { ...sectionProps } />
			<div className="auth-sentinel-save-bar">
				<Button
					__next40pxDefaultSize
					variant="primary"
					type="submit"
					isBusy={ isSaving }
					disabled={ ! dirty || isSaving }
					accessibleWhenDisabled
				>
					{ __( 'Save settings', 'auth-sentinel' ) }
				</Button>
				{ dirty && (
					<>
						<Button
							__next40pxDefaultSize
							variant="tertiary"
							onClick={ () => {
								setDraft( draftFromSettings( saved, roles ) );
								setErrors( {} );
							} }
							disabled={ isSaving }
						>
							{ __( 'Discard changes', 'auth-sentinel' ) }
						</Button>
						<span className="auth-sentinel-unsaved" role="status">
							{ __(
								'You have unsaved changes.',
								'auth-sentinel'
							) }
						</span>
					</>
				) }
			</div>
		</form>
	);
}
