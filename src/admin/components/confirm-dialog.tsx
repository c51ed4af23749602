/**
 * A dialog that asks before doing something that cannot be undone, shows
 * that it is working, and shows the server's refusal without closing.
 */
import { Button, Modal, Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

interface ConfirmDialogProps {
	title: string;
	/** What will happen. */
	children: ReactNode;
	/** Label of the confirm button, e.g. "Revoke". */
	confirmLabel: string;
	onConfirm: () => void;
	onCancel: () => void;
	/** Whether the action is running. */
	isBusy?: boolean;
	/** Why the last attempt failed, or null. */
	error?: string | null;
	/** Disables the confirm button, e.g. until a field is filled. */
	canConfirm?: boolean;
}

export function ConfirmDialog( {
	title,
	children,
	confirmLabel,
	onConfirm,
	onCancel,
	isBusy = false,
	error = null,
	canConfirm = true,
}: ConfirmDialogProps ) {
	return (
		<Modal
			title={ title }
			onRequestClose={ () => {
				if ( ! isBusy ) {
					onCancel();
				}
			} }
			className="auth-sentinel-confirm"
		>
			<form
				onSubmit={ ( event ) => {
					event.preventDefault();
					if ( canConfirm && ! isBusy ) {
						onConfirm();
					}
				} }
			>
				{ children }
				{ error && (
					<Notice status="error" isDismissible={ false }>
						{ error }
					</Notice>
				) }
				<div className="auth-sentinel-confirm__buttons">
					<Button
						__next40pxDefaultSize
						variant="tertiary"
						onClick={ onCancel }
						disabled={ isBusy }
					>
						{ __( 'Cancel', 'auth-sentinel' ) }
					</Button>
					<Button
						__next40pxDefaultSize
						variant="primary"
						isDestructive
						type="submit"
						isBusy={ isBusy }
						disabled={ ! canConfirm || isBusy }
						accessibleWhenDisabled
					>
						{ confirmLabel }
					</Button>
				</div>
			</form>
		</Modal>
	);
}
