/**
 * A moment shown as "2 hours ago", with the exact date in its tooltip.
 */
import { formatDateTime, formatRelativeTime } from '../utils/dates';

interface RelativeDateProps {
	/** ISO 8601 timestamp. */
	date: string;
	now: Date;
}

export function RelativeDate( { date, now }: RelativeDateProps ) {
	return (
		<time dateTime={ date } title={ formatDateTime( date ) }>
			{ formatRelativeTime( date, now ) }
		</time>
	);
}
