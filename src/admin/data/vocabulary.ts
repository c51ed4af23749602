/**
 * The names of the plugin's vocabularies (causes, audit actions, session
 * types, failure sources), which PHP owns (includes/Vocabulary/) and prints
 * with the page configuration as `{ value, label }` lists, translated. The app keeps the
 * values' order and colours only; it asks here for their names.
 */

/** The vocabularies PHP sends. */
export const VOCABULARIES = [
	'causes',
	'auditActions',
	'sessionTypes',
	'sources',
] as const;

export type VocabularyName = ( typeof VOCABULARIES )[ number ];

/** One value of a vocabulary and its translated name. */
export interface Term {
	value: string;
	label: string;
	/** The causes' badge tone (error, warning or info). */
	tone?: string;
}

export type Vocabularies = Record< VocabularyName, Term[] >;

/**
 * Keeps the well-formed terms of each vocabulary PHP printed.
 *
 * @param raw What PHP printed as `vocabularies`.
 * @return Every vocabulary, empty when PHP sent none.
 */
export function vocabulariesOf( raw: unknown ): Vocabularies {
	const source =
		typeof raw === 'object' && raw !== null
			? ( raw as Record< string, unknown > )
			: {};
	const result = {} as Vocabularies;
	for ( const name of VOCABULARIES ) {
		const list = source[ name ];
		result[ name ] = Array.isArray( list )
			? list.filter(
					( term ): term is Term =>
						typeof term === 'object' &&
						term !== null &&
						typeof ( term as Term ).value === 'string' &&
						typeof ( term as Term ).label === 'string' &&
						( term as Term ).label !== ''
				)
			: [];
	}
	return result;
}

const cache = new WeakMap<
	object,
	Map< VocabularyName, Map< string, Term > >
>();

/**
 * Finds a term of a vocabulary in the page configuration.
 *
 * @param name  The vocabulary.
 * @param value The value.
 * @return The term, when the server sent it.
 */
function termOf( name: VocabularyName, value: string ): Term | undefined {
	const raw: unknown = window.authSentinel?.vocabularies;
	if ( typeof raw !== 'object' || raw === null ) {
		return undefined;
	}
	let terms = cache.get( raw );
	if ( ! terms ) {
		const vocabularies = vocabulariesOf( raw );
		terms = new Map(
			VOCABULARIES.map( ( vocabulary ) => [
				vocabulary,
				new Map(
					vocabularies[ vocabulary ].map( ( term ) => [
						term.value,
						term,
					] )
				),
			] )
		);
		cache.set( raw, terms );
	}
	return terms.get( name )?.get( value );
}

/**
 * Names a value of a vocabulary, as the server names it.
 *
 * @param name  The vocabulary.
 * @param value The value, e.g. "secret_changed".
 * @return Its translated name, e.g. "Secret changed"; the value itself when
 *         the server did not name it.
 */
export function termLabel( name: VocabularyName, value: string ): string {
	return termOf( name, value )?.label ?? value;
}

/**
 * Gives the badge tone the server chose for a value (causes only).
 *
 * @param name  The vocabulary.
 * @param value The value, e.g. "secret_changed".
 * @return For example "error"; undefined when the server sent none.
 */
export function termTone(
	name: VocabularyName,
	value: string
): string | undefined {
	return termOf( name, value )?.tone;
}
