/**
 * One number setting: a number input within its allowed range, with its help
 * text or the reason its value was refused.
 */
import { TextControl } from '@wordpress/components';
import type { ReactNode } from 'react';

import { helpOrError } from './field-error';
import type { SettingsDraft } from './form-state';
import type { SectionProps } from './section';

/** The settings the form keeps as typed text (the numbers among them). */
type NumberSetting = {
	[ K in keyof SettingsDraft ]: SettingsDraft[ K ] extends string ? K : never;
}[ keyof SettingsDraft ];

interface NumberFieldProps extends SectionProps {
	/** The setting the field edits. */
	name: NumberSetting;
	/** Its allowed range. */
	limits: { readonly min: number; readonly max: number };
	label: string;
	help: ReactNode;
}

export function NumberField( {
	name,
	limits,
	label,
	help,
	draft,
	onChange,
	errors,
	disabled,
}: NumberFieldProps ) {
	return (
		<TextControl
			__nextHasNoMarginBottom
			__next40pxDefaultSize
			type="number"
			min={ limits.min }
			max={ limits.max }
			label={ label }
			help={ helpOrError( help, errors[ name ] ) }
			value={ draft[ name ] }
			onChange={ ( value ) => onChange( { [ name ]: value } ) }
			disabled={ disabled }
		/>
	);
}
