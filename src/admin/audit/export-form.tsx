/**
 * The "Export CSV" button: a plain form that posts the table's filters and
 * the REST nonce to `POST /audit/export`, so the browser downloads the file
 * itself and the nonce never appears in an address.
 */
import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { download } from '@wordpress/icons';
import type { FormEvent } from 'react';

import { auditExportForm, currentRestNonce } from '../data/audit/api';
import type { AuditQuery } from '../data/audit/types';

interface AuditExportProps {
	/** Root of the REST API. */
	restRoot: string;
	/** A `wp_rest` nonce printed with the page. */
	restNonce: string;
	/** The table's filters. */
	query: AuditQuery;
}

export function AuditExport( {
	restRoot,
	restNonce,
	query,
}: AuditExportProps ) {
	const form = auditExportForm( restRoot, query );
	// The freshest nonce when the form is sent: wp-api-fetch renews it.
	const refreshNonce = ( event: FormEvent< HTMLFormElement > ) => {
		const input = event.currentTarget.elements.namedItem( '_wpnonce' );
		if ( input instanceof HTMLInputElement ) {
			input.value = currentRestNonce( restNonce );
		}
	};
	return (
		<form
			className="auth-sentinel-export"
			method="post"
			action={ form.action }
			onSubmit={ refreshNonce }
		>
			{ Object.entries( form.fields ).map( ( [ name, value ] ) => (
				<input
					key={ name }
					type="hidden"
					name={ name }
					value={ value }
				/>
			) ) }
			<input
				type="hidden"
				name="_wpnonce"
				value={ currentRestNonce( restNonce ) }
			/>
			<Button
				__next40pxDefaultSize
				variant="secondary"
				icon={ download }
				type="submit"
			>
				{ __( 'Export CSV', 'auth-sentinel' ) }
			</Button>
		</form>
	);
}
