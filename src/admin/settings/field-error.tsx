/**
 * A field's help text, replaced by the reason the server (or the form)
 * refused its value. Controls link their help to the input, so a screen
 * reader reads the error with the field.
 */
import type { ReactNode } from 'react';

/**
 * Picks what to show under a field.
 *
 * @param help  The usual help, if any.
 * @param error The error, if any.
 * @return The error (marked as such) or the help.
 */
export function helpOrError(
	help: ReactNode,
	error: string | undefined
): ReactNode {
	return error ? <FieldError message={ error } /> : help;
}

export function FieldError( { message }: { message: string } ) {
	return <span className="auth-sentinel-field-error">{ message }</span>;
}
