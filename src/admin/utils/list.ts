/**
 * Joins names into a sentence-friendly list: "A", "A and B", "A, B and C".
 */
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Joins names with commas only ("A, B, C").
 *
 * @param items Names, at least one.
 * @return The names as text.
 */
function joinWithCommas( items: readonly string[] ): string {
	return items.reduce( ( joined, item ) =>
		sprintf(
			/* translators: 1: the items so far, 2: the next item of a list. */
			__( '%1$s, %2$s', 'auth-sentinel' ),
			joined,
			item
		)
	);
}

/**
 * Joins every item.
 *
 * @param items Names.
 * @return The list as text, empty for no items.
 */
export function formatList( items: readonly string[] ): string {
	if ( items.length === 0 ) {
		return '';
	}
	if ( items.length === 1 ) {
		return items[ 0 ] as string;
	}
	return sprintf(
		/* translators: 1: all items of a list but the last, 2: the last item. */
		__( '%1$s and %2$s', 'auth-sentinel' ),
		joinWithCommas( items.slice( 0, -1 ) ),
		items[ items.length - 1 ] as string
	);
}

/**
 * Joins at most `max` items and counts the rest ("A, B, C and 5 others").
 *
 * @param items Names.
 * @param max   How many to name (at least one).
 * @return The list as text.
 */
export function formatShortList(
	items: readonly string[],
	max: number
): string {
	const limit = Math.max( 1, max );
	if ( items.length <= limit ) {
		return formatList( items );
	}
	const others = items.length - limit;
	return sprintf(
		/* translators: 1: a list of names, 2: how many more names there are. */
		_n(
			'%1$s and %2$d other',
			'%1$s and %2$d others',
			others,
			'auth-sentinel'
		),
		joinWithCommas( items.slice( 0, limit ) ),
		others
	);
}
