/**
 * One group of settings: a card with a heading and a short description.
 */
import { Card, CardBody, CardHeader } from '@wordpress/components';
import type { ReactNode } from 'react';

import type { FieldErrors, SettingsDraft } from './form-state';

/** What every group of fields receives. */
export interface SectionProps {
	draft: SettingsDraft;
	onChange: ( patch: Partial< SettingsDraft > ) => void;
	errors: FieldErrors;
	disabled: boolean;
}

interface SectionCardProps {
	id: string;
	title: string;
	description?: string;
	children: ReactNode;
}

export function SectionCard( {
	id,
	title,
	description,
	children,
}: SectionCardProps ) {
	return (
		<Card className="auth-sentinel-settings-section">
			<CardHeader>
				<h2 id={ id }>{ title }</h2>
			</CardHeader>
			<CardBody>
				<section aria-labelledby={ id }>
					{ description && (
						<p className="auth-sentinel-muted">{ description }</p>
					) }
					<div className="auth-sentinel-fields">{ children }</div>
				</section>
			</CardBody>
		</Card>
	);
}
