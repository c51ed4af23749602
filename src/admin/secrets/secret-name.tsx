/**
 * A watched secret's name in a table: its plain label when it has one, with
 * the name the REST API, the CLI and the alerts use beside it.
 */
import { secretLabel } from './labels';

export function SecretName( { name }: { name: string } ) {
	const label = secretLabel( name );
	if ( ! label ) {
		return <code>{ name }</code>;
	}
	return (
		<span className="auth-sentinel-secret-name">
			{ label } <code>{ name }</code>
		</span>
	);
}
