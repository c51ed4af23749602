/**
 * A diagnosed cause as a badge: the words carry the meaning, the colour helps.
 */
import { StatusBadge } from '../components/status-badge';
import type { FailureCause } from '../data/events/types';
import { causeLabel, causeTone } from './causes';

export function CauseBadge( { cause }: { cause: FailureCause } ) {
	return (
		<StatusBadge tone={ causeTone( cause ) }>
			{ causeLabel( cause ) }
		</StatusBadge>
	);
}
