/**
 * A short status label whose text carries the meaning; colour only helps.
 */
export type BadgeTone = 'ok' | 'info' | 'warning' | 'error';

interface StatusBadgeProps {
	tone: BadgeTone;
	children: string;
}

export function StatusBadge( { tone, children }: StatusBadgeProps ) {
	return (
		<span
			className={ `auth-sentinel-badge auth-sentinel-badge--${ tone }` }
		>
			{ children }
		</span>
	);
}
