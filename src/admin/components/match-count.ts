/**
 * The sentence above a table that says how many rows match.
 */
import { sprintf } from '@wordpress/i18n';

/**
 * Says how many rows match: the exact count, or "more than" when the server
 * stopped counting (X-Auth-Sentinel-Total-Bound).
 *
 * @param page       The loaded page's totals.
 * @param page.total Rows counted.
 * @param page.more  Whether more match than were counted.
 * @param exact      The sentence for an exact count (one %s), already
 *                   chosen for the count's plural form.
 * @param moreThan   The sentence for a bound (one %s).
 * @return The sentence.
 */
export function matchCount(
	page: { total: number; more: boolean },
	exact: string,
	moreThan: string
): string {
	const format = page.more ? moreThan : exact;
	// The format is one of the caller's translated strings.
	return sprintf( format, page.total.toLocaleString() );
}
