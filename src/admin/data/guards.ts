/**
 * Small checks for REST response values, shared by the normalizers: each
 * returns the value when it has the expected shape, or null.
 */

export type UnknownRecord = Record< string, unknown >;

/**
 * Tells whether a value is a plain JSON object.
 *
 * @param value Anything.
 * @return Whether it is an object that is not an array.
 */
export function isRecord( value: unknown ): value is UnknownRecord {
	return (
		typeof value === 'object' && value !== null && ! Array.isArray( value )
	);
}

/**
 * Returns a value when it is one of the allowed strings.
 *
 * @param value   Anything.
 * @param allowed The accepted strings.
 * @return The value, or null.
 */
export function oneOf< T extends string >(
	value: unknown,
	allowed: readonly T[]
): T | null {
	return typeof value === 'string' &&
		( allowed as readonly string[] ).includes( value )
		? ( value as T )
		: null;
}

/**
 * Returns a non-empty string.
 *
 * @param value Anything.
 * @return The string, or null when it is empty or not a string.
 */
export function stringOrNull( value: unknown ): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Returns a count: a finite number, zero or more.
 *
 * @param value Anything.
 * @return The number, or null.
 */
export function countOrNull( value: unknown ): number | null {
	return typeof value === 'number' && Number.isFinite( value ) && value >= 0
		? value
		: null;
}

/**
 * Returns an integer id, also from its string form ("12").
 *
 * @param value Anything.
 * @return The id, or null.
 */
export function idOf( value: unknown ): number | null {
	const id =
		typeof value === 'string' && value.trim() !== ''
			? Number( value )
			: value;
	return typeof id === 'number' && Number.isInteger( id ) ? id : null;
}

/**
 * Returns the non-empty strings of a list.
 *
 * @param value Anything.
 * @return The strings; an empty list when it is not an array.
 */
export function stringList( value: unknown ): string[] {
	return Array.isArray( value )
		? value.filter(
				( item ): item is string =>
					typeof item === 'string' && item !== ''
			)
		: [];
}

/**
 * Maps a list, dropping the items the mapper rejects with null.
 *
 * @param value  Anything.
 * @param mapper Turns one raw item into a value, or null.
 * @return The accepted values; an empty list when it is not an array.
 */
export function listOf< T >(
	value: unknown,
	mapper: ( raw: unknown, index: number ) => T | null
): T[] {
	if ( ! Array.isArray( value ) ) {
		return [];
	}
	return value.map( mapper ).filter( ( item ): item is T => item !== null );
}

/**
 * Returns a string, '' for anything else.
 *
 * @param value Anything.
 * @return The string.
 */
export function text( value: unknown ): string {
	return typeof value === 'string' ? value : '';
}

/**
 * Reads a user object of the REST answers: every one has a positive id and a
 * login; `more` reads the fields its own shape adds.
 *
 * @param raw  Anything.
 * @param more Reads the other fields from the object, given the login.
 * @return The user, or null when the id or the login is missing.
 */
export function userOf< T extends object >(
	raw: unknown,
	more: ( fields: UnknownRecord, login: string ) => T
): ( { id: number; login: string } & T ) | null {
	const fields = isRecord( raw ) ? raw : {};
	const id = idOf( fields.id ) ?? 0;
	const login = stringOrNull( fields.login );
	return id > 0 && login ? { id, login, ...more( fields, login ) } : null;
}
