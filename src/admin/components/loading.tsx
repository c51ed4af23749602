/**
 * A spinner with a text label, for screens waiting on the REST API.
 */
import { Spinner } from '@wordpress/components';

interface LoadingProps {
	label: string;
}

export function Loading( { label }: LoadingProps ) {
	return (
		<div className="auth-sentinel-loading" role="status">
			<Spinner />
			<span>{ label }</span>
		</div>
	);
}
