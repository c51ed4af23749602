/**
 * The kinds of credential a failure can come from.
 */
import { termLabel } from '../data/vocabulary';
import type { FailureSource } from '../data/events/types';

/**
 * Names a source, as the server names it (includes/Vocabulary/Source.php).
 *
 * @param source Source code from the REST API.
 * @return For example "Login cookie".
 */
export function sourceLabel( source: FailureSource ): string {
	return termLabel( 'sources', source );
}
